package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.DatasetStats;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * Baseline (e): {@code LOAD DATA LOCAL INFILE} through MariaDB Connector/J ({@code allowLocalInfile=true}) into a
 * fresh table, written as a user would for this file: quotes doubled, one header line, {@code NULLIF} for the
 * nullable columns, {@code true}/{@code false} to 1/0, and offsets converted to UTC with {@code CONVERT_TZ}.
 *
 * <p>LOAD DATA cannot tell a quoted empty string from an empty field, so the nullable text column loads
 * {@code ""} as NULL too; the report's content check shows that difference instead of hiding it.
 */
final class MariaDbLoadDataScenario implements Scenario {

    @Override
    public String id() {
        return "mariadb-load-infile";
    }

    @Override
    public String title() {
        return "MariaDB load: `LOAD DATA LOCAL INFILE` (Connector/J, allowLocalInfile=true)";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        ctx.mariadb().recreateBaselineTable(Tables.LOAD);
    }

    @Override
    public RunOutcome run(ScenarioContext ctx) throws Exception {
        String file = ctx.load().file().toString();
        if (file.indexOf('\'') >= 0 || file.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("the data path must not contain a quote or backslash: " + file);
        }
        String sql = "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE " + ctx.mariadb().qualified(Tables.LOAD)
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY ''"
                + " LINES TERMINATED BY '\\n' IGNORE 1 LINES"
                + " (id, updated_at, @qty, amount, score, @active, birth_date, @created_at, code, description, ref,"
                + " @note)"
                + " SET qty = NULLIF(@qty, ''), active = (@active = 'true'),"
                + " created_at = CONVERT_TZ(LEFT(@created_at, 26), RIGHT(@created_at, 6), '+00:00'),"
                + " note = NULLIF(@note, '')";
        try (Connection c = ctx.mariadb().connect(Map.of("allowLocalInfile", "true"));
             Statement s = c.createStatement()) {
            long rows = s.executeLargeUpdate(sql);
            long warnings = 0;
            try (ResultSet r = s.executeQuery("SHOW COUNT(*) WARNINGS")) {
                if (r.next()) {
                    warnings = r.getLong(1);
                }
            }
            return new RunOutcome(rows, java.util.OptionalLong.empty(),
                    warnings == 0 ? "" : warnings + " warning(s) from LOAD DATA");
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
