package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.BenchSchema;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Baseline (d): DuckDB's own {@code COPY … FROM '<file>'} into a fresh table of a fresh database file, with the
 * options that read the canonical format exactly: header, comma, {@code "} quote and escape, the empty unquoted
 * field as NULL, and {@code ALLOW_QUOTED_NULLS false} so that {@code ""} stays the empty string. The measured
 * section includes opening and closing (checkpointing) the database.
 */
final class DuckDbCopyScenario implements Scenario {
    private static final String DB = "native";

    @Override
    public String id() {
        return "duckdb-load-copy";
    }

    @Override
    public String title() {
        return "DuckDB load: DuckDB's own `COPY … FROM` (embedded, same JVM)";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        ctx.duckdb().deleteDatabase(DB);
        ctx.duckdb().createBaselineTable(DB, Tables.LOAD);
    }

    @Override
    public RunOutcome run(ScenarioContext ctx) throws Exception {
        String file = ctx.load().file().toString();
        if (file.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("the data path must not contain a single quote: " + file);
        }
        try (Connection c = ctx.duckdb().connect(DB); Statement s = c.createStatement()) {
            long rows = s.executeUpdate("COPY " + ctx.duckdb().qualified(Tables.LOAD) + " ("
                    + BenchSchema.columnList() + ") FROM '" + file + "' (FORMAT csv, HEADER true, DELIMITER ',', "
                    + "QUOTE '\"', ESCAPE '\"', NULLSTR '', ALLOW_QUOTED_NULLS false)");
            return RunOutcome.rows(rows);
        }
    }

    @Override
    public DatasetStats expected(ScenarioContext ctx) throws Exception {
        return ctx.load().expectedTable();
    }

    @Override
    public DatasetStats actual(ScenarioContext ctx) throws Exception {
        return ctx.duckdb().stats(DB, Tables.LOAD);
    }

    @Override
    public void cleanup(ScenarioContext ctx) throws Exception {
        ctx.duckdb().deleteDatabase(DB);
    }
}
