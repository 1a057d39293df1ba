package dev.destsdk.core.spi;

/** Which schema changes a load may apply to an existing target object. Narrowing changes are never applied. */
public enum SchemaEvolutionMode {
    /** Add new columns and widen column types along {@link dev.destsdk.core.metadata.TypeHierarchy}. */
    ALLOW_ALL,
    /** Add new columns; refuse type changes. */
    ALLOW_NEW_COLUMNS_ONLY,
    /** Widen types; refuse new columns. */
    ALLOW_TYPE_CHANGES_ONLY,
    /** Refuse every schema change. */
    BLOCK_ALL
}
