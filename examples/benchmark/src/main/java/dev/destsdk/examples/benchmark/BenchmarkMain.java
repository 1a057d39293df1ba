package dev.destsdk.examples.benchmark;

import dev.destsdk.examples.benchmark.harness.BenchmarkRunner;

/**
 * Command-line entry of the benchmark: {@code java -jar examples/benchmark/target/destsdk-benchmark.jar --all}.
 * See {@code docs/BENCHMARKS.md} for the method and the options; {@code --help} lists them.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /**
     * Runs the selected scenarios and prints the Markdown report to standard output (progress goes to standard
     * error). Exits with 0 when every selected scenario was measured or reported as not measurable, 1 when a
     * scenario failed, 2 for bad arguments.
     *
     * @param args options, see {@code --help}
     * @throws Exception when the harness itself fails (data files cannot be written, children cannot start)
     */
    public static void main(String[] args) throws Exception {
        System.exit(new BenchmarkRunner(System.out, System.err).run(args));
    }
}
