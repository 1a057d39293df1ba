package dev.destsdk.core.spi;

/** How a load combines the incoming rows with what the target object already holds. */
public enum LoadMode {
    /** Insert every row; duplicates by key are kept. */
    APPEND,
    /** Upsert by primary key: update matching rows, insert the others. */
    MERGE,
    /** Replace the table (definition and rows) with the incoming rows, atomically. */
    OVERWRITE,
    /** Empty the table and insert the incoming rows, keeping the table's definition. */
    TRUNCATE_AND_LOAD
}
