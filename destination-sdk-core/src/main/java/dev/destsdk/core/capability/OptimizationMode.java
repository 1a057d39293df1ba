package dev.destsdk.core.capability;

/** What a pipeline optimises for. */
public enum OptimizationMode {
    /** Fewer, larger loads (cloud warehouses bill per query or per second). */
    COST,
    /** Frequent, smaller loads. */
    LATENCY
}
