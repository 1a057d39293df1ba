package dev.destsdk.examples.benchmark.harness;

import dev.destsdk.core.spi.LoadMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The benchmark's settings, read from {@code --name=value} arguments, falling back to {@code -Dbench.name=value}
 * system properties, then to the defaults (the ISSUE's sizes; {@code --quick} gives small sizes for a smoke check).
 * Passwords are never options: they come from the environment variables {@code BENCH_PG_PASSWORD} and
 * {@code BENCH_MARIADB_PASSWORD}, so they never appear in a command line or a report.
 *
 * @param rawArgs the arguments as given, forwarded to each child run
 * @param quick whether the small smoke-check sizes apply
 * @param rows rows of the initial load
 * @param mergeRows rows of the MERGE file (half of them updates)
 * @param seed the data seed
 * @param dataDir where data files and the DuckDB database files go
 * @param warmups unmeasured runs per scenario
 * @param repeats measured runs per scenario
 * @param scenarios the scenario ids or group letters to run; empty means all
 * @param childHeap the child JVM's maximum heap, e.g. {@code 256m}
 * @param childTimeout how long a child run may take before it is stopped
 * @param batchSize the batch size of the JDBC batched INSERT baseline
 * @param initialLoadMode the load mode of the SDK's initial load
 * @param pgHost PostgreSQL host
 * @param pgPort PostgreSQL port
 * @param pgDatabase PostgreSQL database
 * @param pgUser PostgreSQL user
 * @param psql the psql executable
 * @param mariadbHost MariaDB host
 * @param mariadbPort MariaDB port
 * @param mariadbUser MariaDB user
 * @param schema the schema (PostgreSQL, DuckDB) or database (MariaDB) the benchmark owns and drops at the end
 * @param keepTables whether to leave the benchmark's tables behind for inspection
 * @param markdownOut a file to write the report to, besides standard output
 * @param sdkOverrides extra SDK connector settings, keyed by destination type, from {@code --sdk.<type>.<key>=value}
 */
public record BenchmarkOptions(
        List<String> rawArgs,
        boolean quick,
        long rows,
        long mergeRows,
        long seed,
        Path dataDir,
        int warmups,
        int repeats,
        List<String> scenarios,
        String childHeap,
        Duration childTimeout,
        int batchSize,
        LoadMode initialLoadMode,
        String pgHost,
        int pgPort,
        String pgDatabase,
        String pgUser,
        String psql,
        String mariadbHost,
        int mariadbPort,
        String mariadbUser,
        String schema,
        boolean keepTables,
        Optional<Path> markdownOut,
        Map<String, Map<String, String>> sdkOverrides) {

    /** Validates the components and copies the collections. */
    public BenchmarkOptions {
        rawArgs = List.copyOf(rawArgs);
        scenarios = List.copyOf(scenarios);
        Objects.requireNonNull(dataDir, "dataDir is null");
        Objects.requireNonNull(childHeap, "childHeap is null");
        Objects.requireNonNull(childTimeout, "childTimeout is null");
        Objects.requireNonNull(initialLoadMode, "initialLoadMode is null");
        Objects.requireNonNull(markdownOut, "markdownOut is null");
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        sdkOverrides.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        sdkOverrides = Map.copyOf(copy);
        if (rows < 1 || mergeRows < 1) {
            throw new IllegalArgumentException("--rows and --merge-rows must be at least 1");
        }
        if ((mergeRows + 1) / 2 > rows) {
            throw new IllegalArgumentException("--merge-rows=" + mergeRows + " updates " + (mergeRows + 1) / 2
                    + " rows but the initial load has only --rows=" + rows);
        }
        if (warmups < 0 || repeats < 1 || batchSize < 1) {
            throw new IllegalArgumentException("--warmups must be >= 0, --repeats and --batch-size >= 1");
        }
        if (!schema.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("--schema must match [a-z][a-z0-9_]*, got '" + schema + "'");
        }
    }

    /**
     * Parses arguments.
     *
     * @param args {@code --name=value} pairs and flags ({@code --quick}, {@code --all}, {@code --keep-tables});
     *     runner-internal arguments ({@code --child=}, {@code --result-file=}, {@code --cleanup}) are ignored here
     * @return the options
     * @throws IllegalArgumentException for an unknown argument or a malformed value, naming it
     */
    public static BenchmarkOptions parse(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, Map<String, String>> sdk = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': use --name=value");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? "true" : arg.substring(eq + 1);
            if (name.startsWith("sdk.")) {
                String[] parts = name.split("\\.", 3);
                if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
                    throw new IllegalArgumentException("'" + arg + "': use --sdk.<type>.<key>=<value>");
                }
                sdk.computeIfAbsent(parts[1], k -> new LinkedHashMap<>()).put(parts[2], value);
                continue;
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown argument '--" + name + "'; known: " + KNOWN);
            }
            given.put(name, value);
        }
        Function<String, Optional<String>> get = name -> Optional.ofNullable(given.get(name))
                .or(() -> Optional.ofNullable(System.getProperty("bench." + name)));
        boolean quick = get.apply("quick").map(Boolean::parseBoolean).orElse(false);
        List<String> scenarios = new ArrayList<>();
        if (!get.apply("all").map(Boolean::parseBoolean).orElse(false)) {
            get.apply("scenarios").ifPresent(s -> {
                for (String part : s.split(",")) {
                    if (!part.isBlank()) {
                        scenarios.add(part.trim());
                    }
                }
            });
        }
        Path dataDir = Path.of(get.apply("data-dir").orElse("bench-data"));
        return new BenchmarkOptions(
                args,
                quick,
                longArg(get, "rows", quick ? 20_000 : 2_000_000),
                longArg(get, "merge-rows", quick ? 5_000 : 500_000),
                longArg(get, "seed", 42),
                dataDir,
                (int) longArg(get, "warmups", quick ? 0 : 1),
                (int) longArg(get, "repeats", quick ? 1 : 3),
                scenarios,
                get.apply("heap").orElse("256m"),
                Duration.ofMinutes(longArg(get, "timeout-minutes", 30)),
                (int) longArg(get, "batch-size", 1000),
                LoadMode.valueOf(get.apply("initial-load-mode").orElse("MERGE").toUpperCase(Locale.ROOT)),
                get.apply("pg-host").orElse("127.0.0.1"),
                (int) longArg(get, "pg-port", 5432),
                get.apply("pg-database").orElse("test"),
                get.apply("pg-user").orElse("postgres"),
                get.apply("psql").orElse("psql"),
                get.apply("mariadb-host").orElse("127.0.0.1"),
                (int) longArg(get, "mariadb-port", 3306),
                get.apply("mariadb-user").orElse("root"),
                get.apply("schema").orElse("bench"),
                get.apply("keep-tables").map(Boolean::parseBoolean).orElse(false),
                get.apply("markdown-out").map(Path::of),
                sdk);
    }

    /** @return the PostgreSQL JDBC URL (without credentials) */
    public String pgJdbcUrl() {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + pgDatabase;
    }

    /** @return the MariaDB JDBC URL (without credentials and without a database) */
    public String mariadbJdbcUrl() {
        return "jdbc:mariadb://" + mariadbHost + ":" + mariadbPort + "/";
    }

    /** @return the PostgreSQL password from {@code BENCH_PG_PASSWORD}, if set */
    public Optional<String> pgPassword() {
        return Optional.ofNullable(System.getenv("BENCH_PG_PASSWORD"));
    }

    /** @return the MariaDB password from {@code BENCH_MARIADB_PASSWORD}, if set */
    public Optional<String> mariadbPassword() {
        return Optional.ofNullable(System.getenv("BENCH_MARIADB_PASSWORD"));
    }

    /** @return where the DuckDB database files go */
    public Path duckdbDir() {
        return dataDir.resolve("duckdb");
    }

    private static final List<String> KNOWN = List.of("quick", "all", "scenarios", "rows", "merge-rows", "seed",
            "data-dir", "warmups", "repeats", "heap", "timeout-minutes", "batch-size", "initial-load-mode", "pg-host",
            "pg-port", "pg-database", "pg-user", "psql", "mariadb-host", "mariadb-port", "mariadb-user", "schema",
            "keep-tables", "markdown-out", "child", "result-file", "cleanup");

    private static long longArg(Function<String, Optional<String>> get, String name, long fallback) {
        Optional<String> v = get.apply(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.get().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v.get() + "'", e);
        }
    }
}
