package dev.destsdk.core.spi;

/** What the first run of a pipeline does when its target object already exists in the destination. */
public enum DestinationTableHandling {
    /** Refuse with a clear error: the table was not created by this pipeline. */
    FAIL,
    /** Drop the existing table and create it anew. */
    DROP,
    /** Keep the table, reconcile its schema with the mapped object and load into it. */
    MERGE
}
