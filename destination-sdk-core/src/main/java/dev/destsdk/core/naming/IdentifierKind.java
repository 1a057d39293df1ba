package dev.destsdk.core.naming;

/** What an identifier names; policies may set a different maximum length per kind. */
public enum IdentifierKind {
    /** A catalog (database). */
    CATALOG,
    /** A schema. */
    SCHEMA,
    /** A table or other object. */
    TABLE,
    /** A column. */
    COLUMN
}
