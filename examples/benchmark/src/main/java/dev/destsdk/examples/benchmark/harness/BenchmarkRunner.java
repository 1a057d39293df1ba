package dev.destsdk.examples.benchmark.harness;

import dev.destsdk.examples.benchmark.data.Dataset;
import dev.destsdk.examples.benchmark.data.DatasetStore;
import dev.destsdk.examples.benchmark.scenario.ScenarioContext;
import dev.destsdk.examples.benchmark.scenario.Scenarios;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent process: generates (or reuses) the data files, runs every selected scenario as child JVMs (warm-ups,
 * then measured runs; the scenarios of a group alternate, in reversed order every other round, so drift on a
 * shared machine spreads over all of them), drops what the runs created, and prints the report. Used by one
 * thread.
 */
public final class BenchmarkRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);
    private static final String USAGE = """
            Usage: java -jar destsdk-benchmark.jar [--all | --scenarios=a,b,...] [options]
              Scenario groups: a = PostgreSQL initial load (SDK, psql \\copy, CopyManager), b = PostgreSQL MERGE
              (SDK, COPY + ON CONFLICT), c = JDBC batched INSERT, d = DuckDB (SDK, COPY), e = MariaDB (SDK,
              LOAD DATA LOCAL INFILE), f = MariaDB MERGE (SDK, LOAD DATA + ON DUPLICATE KEY UPDATE); or
              scenario ids: %s
              --quick                 20,000 rows, 5,000-row MERGE, no warm-up, 1 run (smoke check)
              --rows=N                initial-load rows (default 2000000)
              --merge-rows=N          MERGE-file rows, half updates (default 500000)
              --seed=N                data seed (default 42)
              --data-dir=DIR          data files and DuckDB files (default ./bench-data)
              --warmups=N --repeats=N unmeasured and measured runs per scenario (default 1 and 3)
              --heap=SIZE             child JVM -Xmx (default 256m)
              --initial-load-mode=M   SDK load mode of the initial load (default MERGE)
              --batch-size=N          batched INSERT size (default 1000)
              --pg-host --pg-port --pg-database --pg-user --psql   (default 127.0.0.1 5432 test postgres psql)
              --mariadb-host --mariadb-port --mariadb-user         (default 127.0.0.1 3306 root)
              --schema=NAME           schema/database the benchmark owns and drops (default bench)
              --keep-tables           leave the tables behind
              --markdown-out=FILE     also write the report to FILE
              --sdk.<type>.<key>=V    extra SDK connector setting
              Passwords: environment variables BENCH_PG_PASSWORD, BENCH_MARIADB_PASSWORD.
              Every option also reads -Dbench.<name>=value.
            """;

    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param out where the report goes; not null
     * @param err where usage errors go; not null
     */
    public BenchmarkRunner(PrintStream out, PrintStream err) {
        this.out = Objects.requireNonNull(out, "out is null");
        this.err = Objects.requireNonNull(err, "err is null");
    }

    /**
     * @param args the command line
     * @return the exit code: 0 when every selected scenario was measured or reported as not measurable, 1 when one
     *     failed, 2 for bad arguments
     * @throws IOException when data files cannot be written or children cannot start
     * @throws InterruptedException when interrupted while waiting for a child
     */
    public int run(String[] args) throws IOException, InterruptedException {
        List<String> list = Arrays.asList(args);
        if (list.contains("--help") || list.contains("-h")) {
            out.printf(USAGE, Scenarios.ids());
            return 0;
        }
        BenchmarkOptions options;
        List<List<String>> groups;
        try {
            options = BenchmarkOptions.parse(list);
            groups = Scenarios.select(options.scenarios());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.printf(USAGE, Scenarios.ids());
            return 2;
        }
        DatasetStore store = new DatasetStore(options.dataDir());
        Dataset load = store.initialLoad(options.rows(), options.seed());
        if (Scenarios.needsMergeData(groups)) {
            store.merge(options.mergeRows(), options.rows(), options.seed());
        }

        ChildLauncher launcher = new ChildLauncher(options);
        Map<String, List<Measurement>> measured = new LinkedHashMap<>();
        Map<String, Measurement> notMeasured = new LinkedHashMap<>();
        int rounds = options.warmups() + options.repeats();
        for (List<String> group : groups) {
            Set<String> active = new LinkedHashSet<>(group);
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(group);
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String id : order) {
                    if (!active.contains(id)) {
                        continue;
                    }
                    boolean warmup = round < options.warmups();
                    LOG.info("=== {} ({} {}/{})", id, warmup ? "warm-up" : "run",
                            warmup ? round + 1 : round - options.warmups() + 1,
                            warmup ? options.warmups() : options.repeats());
                    Measurement m = launcher.run(id);
                    if (m.status() != Measurement.Status.OK) {
                        notMeasured.put(id, m);
                        active.remove(id);
                    } else if (!warmup) {
                        measured.computeIfAbsent(id, k -> new ArrayList<>()).add(m);
                    }
                }
            }
        }
        if (!options.keepTables() && !launcher.cleanup()) {
            LOG.warn("cleanup of schema/database '{}' failed; drop it by hand", options.schema());
        }
        notMeasured.keySet().removeAll(measured.keySet());
        String report = new Report(options, EnvironmentInfo.collect(new ScenarioContext(options)), load.bytes(),
                measured, notMeasured, ZonedDateTime.now()).markdown();
        out.print(report);
        out.flush();
        if (options.markdownOut().isPresent()) {
            Path file = options.markdownOut().get();
            Files.writeString(file, report, StandardCharsets.UTF_8);
            LOG.info("report written to {}", file.toAbsolutePath());
        }
        boolean failed = notMeasured.values().stream().anyMatch(m -> m.status() == Measurement.Status.FAILED);
        return failed ? 1 : 0;
    }
}
