package dev.destsdk.examples.benchmark.scenario;

/** The benchmark's table names (unqualified; every database puts them in the benchmark's own schema). */
final class Tables {
    /** The initial-load target of every load scenario. */
    static final String LOAD = "bench_load";
    /** The MERGE target, a fresh copy of a template before each MERGE run. */
    static final String MERGE = "bench_merge";
    /** The initial load written by plain COPY, copied into {@link #MERGE} before each hand-written MERGE run. */
    static final String MERGE_TEMPLATE_SQL = "merge_base_sql";
    /** The initial load written by the SDK, copied into {@link #MERGE} before each SDK MERGE run. */
    static final String MERGE_TEMPLATE_SDK = "merge_base_sdk";

    private Tables() {
    }
}
