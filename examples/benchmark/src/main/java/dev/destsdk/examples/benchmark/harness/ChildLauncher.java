package dev.destsdk.examples.benchmark.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Forks one child JVM per run ({@code <java.home>/bin/java -Xmx<heap> -XX:+ExitOnOutOfMemoryError -cp <class path>
 * ScenarioChild …}), so every measured run starts from a fresh JVM whose heap limit bounds it, and reads its
 * {@link Measurement}. The child's output goes to this process's output. Used by one thread.
 */
final class ChildLauncher {
    private final BenchmarkOptions options;

    ChildLauncher(BenchmarkOptions options) {
        this.options = Objects.requireNonNull(options, "options is null");
    }

    /**
     * @param scenario the scenario id
     * @return what the child reported, or a FAILED measurement saying how the child ended
     * @throws IOException when the child cannot be started
     * @throws InterruptedException when interrupted while waiting
     */
    Measurement run(String scenario) throws IOException, InterruptedException {
        Path result = Files.createTempFile("destsdk-bench-", ".properties");
        Files.delete(result);
        try {
            List<String> cmd = command();
            cmd.add("--child=" + scenario);
            cmd.add("--result-file=" + result);
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (!p.waitFor(options.childTimeout().toMinutes(), TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                return Measurement.without(scenario, Measurement.Status.FAILED,
                        "timed out after " + options.childTimeout().toMinutes() + " min (--timeout-minutes)");
            }
            int exit = p.exitValue();
            return Measurement.read(result).orElseGet(() -> Measurement.without(scenario, Measurement.Status.FAILED,
                    exit == 3 ? "the child JVM ran out of heap (-Xmx" + options.childHeap() + ")"
                            : "the child JVM exited with code " + exit + " without a result"));
        } finally {
            Files.deleteIfExists(result);
        }
    }

    /**
     * Runs the cleanup child, which drops the benchmark's schema, database and DuckDB files.
     *
     * @return whether it succeeded
     * @throws IOException when the child cannot be started
     * @throws InterruptedException when interrupted while waiting
     */
    boolean cleanup() throws IOException, InterruptedException {
        List<String> cmd = command();
        cmd.add("--cleanup");
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        return p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0;
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + options.childHeap());
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String key = e.getKey().toString();
            if (key.startsWith("bench.") || key.startsWith("org.slf4j.simpleLogger.")) {
                cmd.add("-D" + key + "=" + e.getValue());
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ScenarioChild.class.getName());
        cmd.addAll(options.rawArgs());
        return cmd;
    }
}
