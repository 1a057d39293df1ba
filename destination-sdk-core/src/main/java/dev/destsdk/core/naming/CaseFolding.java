package dev.destsdk.core.naming;

/** How a destination folds the case of identifiers it stores. */
public enum CaseFolding {
    /** Case is kept as given (identifiers are case-sensitive). */
    NONE,
    /** Identifiers are stored in lower case (PostgreSQL). */
    LOWER,
    /** Identifiers are stored in upper case (Snowflake, Oracle). */
    UPPER
}
