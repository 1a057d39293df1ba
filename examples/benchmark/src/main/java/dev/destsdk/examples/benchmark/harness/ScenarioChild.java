package dev.destsdk.examples.benchmark.harness;

import dev.destsdk.examples.benchmark.scenario.RunOutcome;
import dev.destsdk.examples.benchmark.scenario.Scenario;
import dev.destsdk.examples.benchmark.scenario.ScenarioContext;
import dev.destsdk.examples.benchmark.scenario.ScenarioUnavailableException;
import dev.destsdk.examples.benchmark.scenario.Scenarios;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of one measured run ({@code java -Xmx256m -cp … ScenarioChild <options> --child=<id>
 * --result-file=<file>}): prepares the scenario, measures wall time and heap around its load, checks the table's
 * content, cleans up and writes a {@link Measurement} to the result file. With {@code --cleanup} instead of
 * {@code --child}, it drops everything the benchmark created. Exit code 0 when the result file was written.
 */
public final class ScenarioChild {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioChild.class);

    private ScenarioChild() {
    }

    /**
     * @param args the benchmark's options plus {@code --child=<id>} and {@code --result-file=<file>}, or
     *     {@code --cleanup}
     * @throws Exception when the result file cannot be written
     */
    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        BenchmarkOptions options = BenchmarkOptions.parse(list);
        ScenarioContext ctx = new ScenarioContext(options);
        if (argument(list, "cleanup").isPresent()) {
            List<String> failures = Scenarios.dropAll(ctx);
            failures.forEach(f -> LOG.warn("cleanup failed: {}", f));
            System.exit(failures.isEmpty() ? 0 : 1);
        }
        String id = argument(list, "child").orElseThrow(() -> new IllegalArgumentException("--child=<id> missing"));
        Path resultFile = Path.of(argument(list, "result-file")
                .orElseThrow(() -> new IllegalArgumentException("--result-file=<file> missing")));
        Scenario scenario = Scenarios.byId(id).orElseThrow(() -> new IllegalArgumentException("unknown scenario "
                + id + "; known: " + Scenarios.ids()));
        Measurement m;
        try {
            m = measure(scenario, ctx);
        } catch (ScenarioUnavailableException e) {
            LOG.warn("{}: not measured: {}", id, e.getMessage());
            m = Measurement.without(id, Measurement.Status.UNAVAILABLE, e.getMessage());
        } catch (Exception e) {
            LOG.error("{}: failed", id, e);
            m = Measurement.without(id, Measurement.Status.FAILED, describe(e));
        }
        m.write(resultFile);
    }

    private static Measurement measure(Scenario scenario, ScenarioContext ctx) throws Exception {
        String id = scenario.id();
        LOG.info("{}: preparing", id);
        ctx.load();
        if (Scenarios.readsMergeData(id)) {
            ctx.merge();
        }
        scenario.prepare(ctx);
        LOG.info("{}: running", id);
        String loadBefore = HeapMonitor.loadAverage();
        HeapMonitor monitor = HeapMonitor.start();
        long started = System.nanoTime();
        RunOutcome outcome = scenario.run(ctx);
        long wall = System.nanoTime() - started;
        HeapMonitor.HeapFigures heap = monitor.stop();
        String loadAfter = HeapMonitor.loadAverage();
        String check = scenario.expected(ctx).differences(scenario.actual(ctx));
        if (!outcome.countCheck().isEmpty()) {
            check = check.isEmpty() ? outcome.countCheck() : check + "; " + outcome.countCheck();
        }
        LOG.info("{}: {} rows in {} ms, peak heap {} MB, content {}", id, outcome.rows(), wall / 1_000_000,
                heap.peakUsed() >> 20, check.isEmpty() ? "exact" : "differs: " + check);
        if (!ctx.options().keepTables()) {
            scenario.cleanup(ctx);
        }
        OptionalLong rss = heap.peakRss();
        return new Measurement(id, Measurement.Status.OK, wall, outcome.rows(), heap.peakUsed(), heap.maxAfterGc(),
                heap.collections(), heap.maxHeap(), rss, outcome.externalPeakRss(), check, outcome.note(),
                loadBefore.isEmpty() || loadAfter.isEmpty() ? "" : loadBefore + "-" + loadAfter);
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 2000; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return sb.toString().replace('\n', ' ');
    }

    /**
     * @param args the arguments
     * @param name an argument name without {@code --}
     * @return the value of {@code --name=value}, or {@code "true"} for a bare {@code --name}
     */
    static Optional<String> argument(List<String> args, String name) {
        for (String a : args) {
            if (a.equals("--" + name)) {
                return Optional.of("true");
            }
            if (a.startsWith("--" + name + "=")) {
                return Optional.of(a.substring(name.length() + 3));
            }
        }
        return Optional.empty();
    }
}
