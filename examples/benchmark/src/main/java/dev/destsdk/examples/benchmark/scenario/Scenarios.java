package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.DatasetStats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmark's scenarios, their groups (the issues' letters a–f) and the targets that compare them. Stateless.
 */
public final class Scenarios {

    /**
     * A comparison the ISSUE sets a target for.
     *
     * @param letter the ISSUE's letter
     * @param what what is compared
     * @param sdk the SDK scenario's id
     * @param baseline the baseline scenario's id
     * @param limit the bound on the ratio
     * @param sdkMustBeFaster true when the target is "baseline time / SDK time at least {@code limit}", false when
     *     it is "SDK time / baseline time at most {@code limit}"
     */
    public record Target(String letter, String what, String sdk, String baseline, double limit,
                         boolean sdkMustBeFaster) {

        /**
         * @param sdkSeconds the SDK's median time
         * @param baselineSeconds the baseline's median time
         * @return the ratio the target bounds
         */
        public double ratio(double sdkSeconds, double baselineSeconds) {
            return sdkMustBeFaster ? baselineSeconds / sdkSeconds : sdkSeconds / baselineSeconds;
        }

        /** @param ratio a ratio from {@link #ratio} @return whether it meets the target */
        public boolean met(double ratio) {
            return sdkMustBeFaster ? ratio >= limit : ratio <= limit;
        }

        /** @return the target as text, e.g. {@code ≤ 1.15× psql} */
        public String goal() {
            return sdkMustBeFaster ? "SDK ≥ " + limit + "× faster" : "≤ " + limit + "×";
        }
    }

    /** The targets (issue 3's, tightened by issue 12: (b), (d) and (e) to 1.1, and (f) added). */
    public static final List<Target> TARGETS = List.of(
            new Target("a", "PostgreSQL initial load: SDK vs `psql \\copy`", "pg-load-sdk", "pg-load-psql", 1.15,
                    false),
            new Target("b", "PostgreSQL MERGE: SDK vs hand-written COPY + ON CONFLICT", "pg-merge-sdk",
                    "pg-merge-sql", 1.1, false),
            new Target("c", "PostgreSQL initial load: SDK vs JDBC batched INSERT", "pg-load-sdk", "pg-load-insert",
                    3.0, true),
            new Target("d", "DuckDB load: SDK vs `COPY FROM`", "duckdb-load-sdk", "duckdb-load-copy", 1.1, false),
            new Target("e", "MariaDB load: SDK vs `LOAD DATA LOCAL INFILE`", "mariadb-load-sdk",
                    "mariadb-load-infile", 1.1, false),
            new Target("f", "MariaDB MERGE: SDK vs hand-written LOAD DATA + ON DUPLICATE KEY UPDATE",
                    "mariadb-merge-sdk", "mariadb-merge-sql", 1.2, false));

    /** Group letter → scenario ids, in run order. Groups run one after another; their scenarios alternate. */
    public static final Map<String, List<String>> GROUPS = Map.of(
            "a", List.of("pg-load-sdk", "pg-load-psql", "pg-load-copymanager"),
            "b", List.of("pg-merge-sdk", "pg-merge-sql"),
            "c", List.of("pg-load-insert", "pg-load-sdk"),
            "d", List.of("duckdb-load-sdk", "duckdb-load-copy"),
            "e", List.of("mariadb-load-sdk", "mariadb-load-infile"),
            "f", List.of("mariadb-merge-sdk", "mariadb-merge-sql"));

    private Scenarios() {
    }

    /** @return every scenario id, in report order */
    public static List<String> ids() {
        return List.of("pg-load-sdk", "pg-load-psql", "pg-load-copymanager", "pg-load-insert", "pg-merge-sdk",
                "pg-merge-sql", "duckdb-load-sdk", "duckdb-load-copy", "mariadb-load-sdk", "mariadb-load-infile",
                "mariadb-merge-sdk", "mariadb-merge-sql");
    }

    /**
     * Resolves a selection to the scenario ids to run, grouped: letters a–f select their group, ids select one
     * scenario (in a group of its own). A scenario selected twice runs once, in its first group.
     *
     * @param selection letters and ids; empty selects everything
     * @return groups of scenario ids, in run order
     * @throws IllegalArgumentException naming an unknown entry
     */
    public static List<List<String>> select(List<String> selection) {
        List<String> wanted = selection.isEmpty() ? List.of("a", "c", "b", "d", "e", "f") : selection;
        Set<String> seen = new LinkedHashSet<>();
        List<List<String>> groups = new ArrayList<>();
        for (String entry : wanted) {
            List<String> ids = GROUPS.containsKey(entry) ? GROUPS.get(entry)
                    : ids().contains(entry) ? List.of(entry) : null;
            if (ids == null) {
                throw new IllegalArgumentException("unknown scenario '" + entry + "': use a letter a-f or one of "
                        + ids());
            }
            List<String> group = ids.stream().filter(seen::add).toList();
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        return groups;
    }

    /**
     * @param id a scenario id
     * @return the scenario, if the id is known
     */
    public static Optional<Scenario> byId(String id) {
        return Optional.ofNullable(switch (id) {
            case "pg-load-sdk" -> new SdkLoadScenario(id, "PostgreSQL initial load through the SDK (first run)",
                    new PostgresSdk());
            case "pg-load-psql" -> new PsqlCopyScenario();
            case "pg-load-copymanager" -> new PgCopyManagerScenario();
            case "pg-load-insert" -> new PgBatchedInsertScenario();
            case "pg-merge-sdk" -> new SdkMergeScenario(id, "PostgreSQL MERGE through the SDK (second run, MERGE mode)",
                    ScenarioContext::postgres);
            case "pg-merge-sql" -> new PgMergeSqlScenario();
            case "duckdb-load-sdk" -> new SdkLoadScenario(id, "DuckDB load through the SDK (first run, staged)",
                    new DuckDbSdk());
            case "duckdb-load-copy" -> new DuckDbCopyScenario();
            case "mariadb-load-sdk" -> new SdkLoadScenario(id, "MariaDB load through the SDK (first run)",
                    new MariaDbSdk());
            case "mariadb-load-infile" -> new MariaDbLoadDataScenario();
            case "mariadb-merge-sdk" -> new SdkMergeScenario(id, "MariaDB MERGE through the SDK (second run, MERGE mode)",
                    ScenarioContext::mariadb);
            case "mariadb-merge-sql" -> new MariaDbMergeSqlScenario();
            default -> null;
        });
    }

    /** @return whether any of these scenario ids reads the MERGE file */
    public static boolean needsMergeData(List<List<String>> groups) {
        return groups.stream().flatMap(List::stream).anyMatch(Scenarios::readsMergeData);
    }

    /** @param id a scenario id @return whether the scenario reads the MERGE file */
    public static boolean readsMergeData(String id) {
        return id.contains("-merge-");
    }

    /**
     * Removes everything the benchmark created in the databases: the PostgreSQL schema, the MariaDB database and
     * the DuckDB files. Each database is attempted even when another fails.
     *
     * @param ctx the context; not null
     * @return failures, one line each; empty when all succeeded
     */
    public static List<String> dropAll(ScenarioContext ctx) {
        List<String> failures = new ArrayList<>();
        try {
            ctx.postgres().dropSchema();
        } catch (Exception e) {
            failures.add("PostgreSQL: " + e.getMessage());
        }
        try {
            ctx.mariadb().dropDatabase();
        } catch (Exception e) {
            failures.add("MariaDB: " + e.getMessage());
        }
        try {
            ctx.duckdb().deleteAll();
        } catch (Exception e) {
            failures.add("DuckDB: " + e.getMessage());
        }
        return failures;
    }

    private static final class PostgresSdk implements SdkLoadScenario.Database {
        @Override
        public String type() {
            return "postgresql";
        }

        @Override
        public Map<String, String> config(ScenarioContext ctx) {
            return ctx.postgres().sdkConfig();
        }

        @Override
        public void reset(ScenarioContext ctx) throws Exception {
            ctx.postgres().dropTable(Tables.LOAD);
            ctx.postgres().checkpoint();
        }

        @Override
        public DatasetStats stats(ScenarioContext ctx) throws Exception {
            return ctx.postgres().stats(Tables.LOAD);
        }
    }

    private static final class MariaDbSdk implements SdkLoadScenario.Database {
        @Override
        public String type() {
            return "mariadb";
        }

        @Override
        public Map<String, String> config(ScenarioContext ctx) {
            return ctx.mariadb().sdkConfig();
        }

        @Override
        public void reset(ScenarioContext ctx) throws Exception {
            ctx.mariadb().dropTable(Tables.LOAD);
        }

        @Override
        public DatasetStats stats(ScenarioContext ctx) throws Exception {
            return ctx.mariadb().stats(Tables.LOAD);
        }
    }

    private static final class DuckDbSdk implements SdkLoadScenario.Database {
        private static final String DB = "sdk";

        @Override
        public String type() {
            return "duckdb";
        }

        @Override
        public Map<String, String> config(ScenarioContext ctx) {
            return ctx.duckdb().sdkConfig(DB);
        }

        @Override
        public void reset(ScenarioContext ctx) throws Exception {
            ctx.duckdb().deleteDatabase(DB);
            ctx.duckdb().createSchema(DB);
        }

        @Override
        public DatasetStats stats(ScenarioContext ctx) throws Exception {
            return ctx.duckdb().stats(DB, Tables.LOAD);
        }
    }
}
