package dev.destsdk.core.naming;

/** Where {@link NamespaceRules} put target tables. */
public enum SchemaStrategy {
    /** Every table goes to the destination's default schema ({@link NamingDefaults#defaultSchema()}). */
    DESTINATION_DEFAULT,
    /**
     * Each table goes to a schema named after its source object's schema (with the optional schema prefix); a source
     * object without a schema goes to the destination's default schema.
     */
    SOURCE_SCHEMA,
    /** Every table goes to one schema named in the rules ({@link NamespaceRules.Builder#customSchema(String)}). */
    CUSTOM
}
