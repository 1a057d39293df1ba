package dev.destsdk.examples.benchmark.harness;

import dev.destsdk.examples.benchmark.scenario.Scenario;
import dev.destsdk.examples.benchmark.scenario.Scenarios;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Renders measurements as Markdown: the set-up, one row per scenario (median wall time over the measured runs,
 * the worst heap and RSS of any of them, and the content check), then the ISSUE's targets with their ratios.
 * Immutable.
 */
public final class Report {
    private static final double MIB = 1024.0 * 1024.0;

    private final BenchmarkOptions options;
    private final EnvironmentInfo environment;
    private final long loadBytes;
    private final Map<String, List<Measurement>> measured;
    private final Map<String, Measurement> notMeasured;
    private final ZonedDateTime finished;

    /**
     * @param options the run's options; not null
     * @param environment the machine; not null
     * @param loadBytes the initial-load file's size
     * @param measured measured runs (no warm-ups) per scenario id; not null
     * @param notMeasured the UNAVAILABLE or FAILED result per scenario id that has no figures; not null
     * @param finished when the run finished; not null
     */
    public Report(BenchmarkOptions options, EnvironmentInfo environment, long loadBytes,
                  Map<String, List<Measurement>> measured, Map<String, Measurement> notMeasured,
                  ZonedDateTime finished) {
        this.options = Objects.requireNonNull(options, "options is null");
        this.environment = Objects.requireNonNull(environment, "environment is null");
        this.loadBytes = loadBytes;
        this.measured = Map.copyOf(measured);
        this.notMeasured = Map.copyOf(notMeasured);
        this.finished = Objects.requireNonNull(finished, "finished is null");
    }

    /** @return the report */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("### Run of ").append(finished.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        sb.append("- Arguments: `").append(options.rawArgs().isEmpty() ? "(none)" : String.join(" ",
                options.rawArgs())).append("`\n");
        sb.append("- Data: initial load ").append(options.rows()).append(" rows × 12 columns, ")
                .append(fmt(loadBytes / 1e6, 1)).append(" MB (seed ").append(options.seed()).append("); MERGE file ")
                .append(options.mergeRows()).append(" rows (half updates)\n");
        sb.append("- Machine: ").append(environment.cpus()).append(" CPUs, ").append(environment.memory())
                .append(" RAM, ").append(environment.os()).append("; ").append(environment.java()).append('\n');
        sb.append("- PostgreSQL: ").append(environment.postgres()).append('\n');
        sb.append("- MariaDB: ").append(environment.mariadb()).append('\n');
        sb.append("- DuckDB: ").append(environment.duckdb()).append(" (embedded, JDBC)\n");
        sb.append("- Each run is a fresh child JVM with `-Xmx").append(options.childHeap())
                .append("`; ").append(options.warmups()).append(" warm-up run(s), then ").append(options.repeats())
                .append(" measured run(s) per scenario, alternating order\n\n");

        sb.append("| Scenario | What | Rows | Wall time s: median (min–max) | Rows/s | Peak heap MiB | "
                + "Max heap after GC MiB | Peak RSS MiB | Load avg (1 min) | Content check |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        List<String> notes = new ArrayList<>();
        for (String id : Scenarios.ids()) {
            Optional<Scenario> scenario = Scenarios.byId(id);
            String title = scenario.map(Scenario::title).orElse(id);
            List<Measurement> runs = measured.getOrDefault(id, List.of());
            if (runs.isEmpty()) {
                Measurement m = notMeasured.get(id);
                if (m != null) {
                    sb.append("| `").append(id).append("` | ").append(cell(title)).append(" | — | ")
                            .append(m.status() == Measurement.Status.FAILED ? "failed: " : "not measured: ")
                            .append(cell(m.message())).append(" | | | | | | |\n");
                }
                continue;
            }
            List<Measurement> byTime = runs.stream()
                    .sorted(java.util.Comparator.comparingLong(Measurement::wallNanos)).toList();
            List<Double> seconds = byTime.stream().map(m -> m.wallNanos() / 1e9).toList();
            double median = median(seconds);
            Measurement medianRun = byTime.get((byTime.size() - 1) / 2);
            long rows = runs.get(0).rows();
            boolean external = runs.get(0).externalPeakRss().isPresent() || id.equals("pg-load-psql");
            long peakHeap = runs.stream().mapToLong(Measurement::peakHeapUsed).max().orElse(0);
            long live = runs.stream().mapToLong(Measurement::maxHeapAfterGc).max().orElse(0);
            boolean collected = runs.stream().anyMatch(m -> m.collections() > 0);
            OptionalLong rss = runs.stream().map(m -> external ? m.externalPeakRss() : m.peakRss())
                    .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).max();
            String checks = runs.stream().allMatch(m -> m.check().isEmpty()) ? "exact"
                    : "differs: " + runs.stream().filter(m -> !m.check().isEmpty()).findFirst().orElseThrow().check();
            if (!medianRun.message().isEmpty()) {
                notes.add("- `" + id + "` (median run): " + medianRun.message());
            }
            sb.append("| `").append(id).append("` | ").append(cell(title)).append(" | ").append(rows).append(" | ")
                    .append(fmt(median, 2)).append(" (").append(fmt(seconds.get(0), 2)).append("–")
                    .append(fmt(seconds.get(seconds.size() - 1), 2)).append(") | ")
                    .append(String.format(Locale.ROOT, "%,d", Math.round(rows / median))).append(" | ")
                    .append(external ? "— (psql)" : fmt(peakHeap / MIB, 0)).append(" | ")
                    .append(external ? "—" : collected ? fmt(live / MIB, 0) : "no GC").append(" | ")
                    .append(rss.isPresent() ? fmt(rss.getAsLong() / MIB, 0) + (external ? " (psql)" : "") : "n/a")
                    .append(" | ").append(loadRange(runs))
                    .append(" | ").append(cell(checks)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            sb.append("\nTimelines and notes (SDK runs: progress events; `pg-merge-sql`: its phases; seconds since the"
                    + " run started):\n\n");
            notes.forEach(n -> sb.append(n).append('\n'));
        }

        sb.append("\n| | Target | SDK s | Baseline s | Ratio | Goal | Met |\n|---|---|---:|---:|---:|---|---|\n");
        for (Scenarios.Target t : Scenarios.TARGETS) {
            OptionalDouble sdk = medianOf(t.sdk());
            OptionalDouble base = medianOf(t.baseline());
            sb.append("| (").append(t.letter()).append(") | ").append(cell(t.what())).append(" | ")
                    .append(sdk.isPresent() ? fmt(sdk.getAsDouble(), 2) : "not measured").append(" | ")
                    .append(base.isPresent() ? fmt(base.getAsDouble(), 2) : "not measured").append(" | ");
            if (sdk.isPresent() && base.isPresent()) {
                double ratio = t.ratio(sdk.getAsDouble(), base.getAsDouble());
                sb.append(fmt(ratio, 2)).append("× | ").append(t.goal()).append(" | ")
                        .append(t.met(ratio) ? "yes" : "**no**").append(" |\n");
            } else {
                sb.append("— | ").append(t.goal()).append(" | not yet: ").append(cell(reason(t))).append(" |\n");
            }
        }
        long failed = notMeasured.values().stream().filter(m -> m.status() == Measurement.Status.FAILED).count();
        sb.append("\nEvery measured run completed within `-Xmx").append(options.childHeap()).append("`")
                .append(failed == 0 ? "." : "; " + failed + " scenario(s) failed (see above).").append('\n');
        return sb.toString();
    }

    /** @return the lowest and highest 1-minute load average seen at the start or end of any of the runs */
    private static String loadRange(List<Measurement> runs) {
        double min = Double.MAX_VALUE;
        double max = -1;
        for (Measurement m : runs) {
            for (String part : m.loadAverage().split("-")) {
                if (part.matches("\\d+(\\.\\d+)?")) {
                    double v = Double.parseDouble(part);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max < 0 ? "n/a" : fmt(min, 1) + "–" + fmt(max, 1);
    }

    private String reason(Scenarios.Target t) {
        List<String> parts = new ArrayList<>();
        for (String id : List.of(t.sdk(), t.baseline())) {
            if (measured.getOrDefault(id, List.of()).isEmpty()) {
                Measurement m = notMeasured.get(id);
                parts.add("`" + id + "` " + (m == null ? "not selected"
                        : m.status() == Measurement.Status.FAILED ? "failed (see above)" : "not measured (see above)"));
            }
        }
        return String.join("; ", parts);
    }

    private OptionalDouble medianOf(String id) {
        List<Measurement> runs = measured.getOrDefault(id, List.of());
        if (runs.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(median(runs.stream().map(m -> m.wallNanos() / 1e9).sorted().toList()));
    }

    /**
     * @param sorted values in ascending order; not empty
     * @return the median (the mean of the middle two for an even count)
     */
    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }
}
