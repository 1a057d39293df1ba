package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.DatasetStats;
import java.sql.Connection;
import java.util.Map;

/**
 * Baseline (e): {@code LOAD DATA LOCAL INFILE} through MariaDB Connector/J ({@code allowLocalInfile=true}) into a
 * fresh table with {@code PRIMARY KEY (id)}, written as a user would for this file ({@link MariaDbTarget#loadData}):
 * the file streamed from the JVM with NULL fields written as the word {@code NULL}, so that NULL and the empty string
 * load apart and the content check is exact.
 */
final class MariaDbLoadDataScenario implements Scenario {

    @Override
    public String id() {
        return "mariadb-load-infile";
    }

    @Override
    public String title() {
        return "MariaDB load: `LOAD DATA LOCAL INFILE` (Connector/J, allowLocalInfile=true, NULL fields as `NULL`)";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        ctx.mariadb().recreateBaselineTable(Tables.LOAD);
    }

    @Override
    public RunOutcome run(ScenarioContext ctx) throws Exception {
        try (Connection c = ctx.mariadb().connect(Map.of("allowLocalInfile", "true"))) {
            return RunOutcome.rows(MariaDbTarget.loadData(c, ctx.load().file(), ctx.mariadb().qualified(Tables.LOAD)));
        }
    }

    @Override
    public DatasetStats expected(ScenarioContext ctx) throws Exception {
        return ctx.load().expectedTable();
    }

    @Override
    public DatasetStats actual(ScenarioContext ctx) throws Exception {
        return ctx.mariadb().stats(Tables.LOAD);
    }

    @Override
    public void cleanup(ScenarioContext ctx) throws Exception {
        ctx.mariadb().dropTable(Tables.LOAD);
    }
}
