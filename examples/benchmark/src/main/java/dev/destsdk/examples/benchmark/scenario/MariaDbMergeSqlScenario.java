package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.examples.benchmark.data.BenchColumn;
import dev.destsdk.examples.benchmark.data.BenchSchema;
import dev.destsdk.examples.benchmark.data.Dataset;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import dev.destsdk.examples.benchmark.data.DatasetStore;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baseline (f): the MERGE file written by hand into a MariaDB table holding the initial load: in one transaction,
 * {@code LOAD DATA LOCAL INFILE} into a temporary table (as in baseline (e), {@link MariaDbTarget#loadData}), then
 * {@code INSERT … SELECT … ON DUPLICATE KEY UPDATE} every column and the tracking columns. The target is a fresh
 * copy of a template (the initial load by the same LOAD DATA into a table with {@code PRIMARY KEY (id)}, built once
 * and reused while it holds the same data set). The affected-row count must be what MariaDB reports for the file's
 * inserts (1 each) and changed updates (2 each).
 */
final class MariaDbMergeSqlScenario implements Scenario {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbMergeSqlScenario.class);

    @Override
    public String id() {
        return "mariadb-merge-sql";
    }

    @Override
    public String title() {
        return "MariaDB MERGE: hand-written `LOAD DATA` into a temporary table + `INSERT … ON DUPLICATE KEY UPDATE`";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        Dataset load = ctx.load();
        MariaDbTarget db = ctx.mariadb();
        if (!db.templateTag(Tables.MERGE_TEMPLATE_SQL).equals(Optional.of(load.name()))) {
            LOG.info("building the MERGE template {} from {} with LOAD DATA", Tables.MERGE_TEMPLATE_SQL, load.name());
            db.recreateBaselineTable(Tables.MERGE_TEMPLATE_SQL);
            try (Connection c = db.connect(Map.of("allowLocalInfile", "true"))) {
                MariaDbTarget.loadData(c, load.file(), db.qualified(Tables.MERGE_TEMPLATE_SQL));
            }
            db.markTemplate(Tables.MERGE_TEMPLATE_SQL, load.name());
        }
        db.copyTable(Tables.MERGE_TEMPLATE_SQL, Tables.MERGE);
    }

    @Override
    public RunOutcome run(ScenarioContext ctx) throws Exception {
        String target = ctx.mariadb().qualified(Tables.MERGE);
        String source = ctx.mariadb().qualified("merge_src");
        List<String> updates = new ArrayList<>();
        for (BenchColumn col : BenchSchema.COLUMNS) {
            if (!col.primaryKey()) {
                updates.add(col.name() + " = VALUES(" + col.name() + ")");
            }
        }
        List<String> tracking = TrackingColumns.DEFAULT.all();
        for (String t : tracking) {
            updates.add(t + " = VALUES(" + t + ")");
        }
        String insert = "INSERT INTO " + target + " (" + BenchSchema.columnList() + ", " + String.join(", ", tracking)
                + ") SELECT " + BenchSchema.columnList() + ", '"
                + ScenarioContext.SYNC_TIME.toString().replace("T", " ").replace("Z", "")
                + "', 'bench-merge', 0 FROM " + source + " ON DUPLICATE KEY UPDATE " + String.join(", ", updates);
        try (Connection c = ctx.mariadb().connect(Map.of("allowLocalInfile", "true", "useAffectedRows", "true"))) {
            c.setAutoCommit(false);
            long affected;
            try (Statement s = c.createStatement()) {
                s.execute(MariaDbTarget.baselineTableDdl(source, false, true));
                MariaDbTarget.loadData(c, ctx.merge().file(), source);
                affected = s.executeLargeUpdate(insert);
            }
            c.commit();
            long rows = ctx.merge().rows();
            long updated = DatasetStore.updates(rows);
            return new RunOutcome(rows, OptionalLong.empty(), "", RunOutcome.compare("affected rows", affected,
                    (rows - updated) + 2 * updated));
        }
    }

    @Override
    public DatasetStats expected(ScenarioContext ctx) throws Exception {
        return ctx.merge().expectedTable();
    }

    @Override
    public DatasetStats actual(ScenarioContext ctx) throws Exception {
        return ctx.mariadb().stats(Tables.MERGE);
    }

    @Override
    public void cleanup(ScenarioContext ctx) throws Exception {
        ctx.mariadb().dropTable(Tables.MERGE);
    }
}
