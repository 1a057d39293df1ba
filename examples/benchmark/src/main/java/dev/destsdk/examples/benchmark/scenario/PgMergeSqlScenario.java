package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.examples.benchmark.data.BenchColumn;
import dev.destsdk.examples.benchmark.data.BenchSchema;
import dev.destsdk.examples.benchmark.data.Dataset;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baseline (b): the MERGE file written by hand into a table holding the initial load: in one transaction, COPY the
 * file into a temporary table through pgjdbc's CopyManager, then {@code INSERT … SELECT … ON CONFLICT (id) DO UPDATE}
 * every column and the tracking columns. The target is a fresh copy of a template (the initial load by plain COPY,
 * built once and reused while it holds the same data set).
 */
final class PgMergeSqlScenario implements Scenario {
    private static final Logger LOG = LoggerFactory.getLogger(PgMergeSqlScenario.class);

    @Override
    public String id() {
        return "pg-merge-sql";
    }

    @Override
    public String title() {
        return "PostgreSQL MERGE: hand-written CopyManager COPY into a temp table + `INSERT … ON CONFLICT DO UPDATE`";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        Dataset load = ctx.load();
        PostgresTarget pg = ctx.postgres();
        if (!pg.templateTag(Tables.MERGE_TEMPLATE_SQL).equals(Optional.of(load.name()))) {
            LOG.info("building the MERGE template {} from {} with COPY", Tables.MERGE_TEMPLATE_SQL, load.name());
            pg.recreateBaselineTable(Tables.MERGE_TEMPLATE_SQL);
            PgCopyManagerScenario.copyIn(ctx, load.file(), pg.qualified(Tables.MERGE_TEMPLATE_SQL));
            pg.markTemplate(Tables.MERGE_TEMPLATE_SQL, load.name());
        }
        pg.copyTable(Tables.MERGE_TEMPLATE_SQL, Tables.MERGE);
        pg.checkpoint();
    }

    @Override
    public RunOutcome run(ScenarioContext ctx) throws Exception {
        String target = ctx.postgres().qualified(Tables.MERGE);
        TrackingColumns tc = TrackingColumns.DEFAULT;
        List<String> updates = new ArrayList<>();
        for (BenchColumn col : BenchSchema.COLUMNS) {
            if (!col.primaryKey()) {
                updates.add(col.name() + " = EXCLUDED." + col.name());
            }
        }
        for (String t : tc.all()) {
            updates.add(t + " = EXCLUDED." + t);
        }
        String insert = "INSERT INTO " + target + " (" + BenchSchema.columnList() + ", "
                + String.join(", ", tc.all()) + ") SELECT " + BenchSchema.columnList() + ", timestamptz '"
                + ScenarioContext.SYNC_TIME + "', 'bench-merge', false FROM merge_src ON CONFLICT (id) DO UPDATE SET "
                + updates.stream().collect(Collectors.joining(", "));
        long started = System.nanoTime();
        try (Connection c = ctx.postgres().connect(Map.of());
             InputStream in = Files.newInputStream(ctx.merge().file())) {
            c.setAutoCommit(false);
            long merged;
            double copied;
            double upserted;
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE merge_src (LIKE " + target + " INCLUDING DEFAULTS) ON COMMIT DROP");
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY merge_src (" + BenchSchema.columnList()
                        + ") FROM STDIN WITH (FORMAT csv, HEADER true)", in, 1 << 16);
                copied = secondsSince(started);
                merged = s.executeUpdate(insert);
                upserted = secondsSince(started);
            }
            c.commit();
            // The phases, as the SDK's timeline shows its own: where the baseline's time goes
            String phases = String.format(Locale.ROOT, "%.1f s COPY into the temp table done → %.1f s upsert done"
                    + " (%.1f s) → %.1f s committed", copied, upserted, upserted - copied, secondsSince(started));
            return new RunOutcome(merged, OptionalLong.empty(), phases);
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    @Override
    public DatasetStats expected(ScenarioContext ctx) throws Exception {
        return ctx.merge().expectedTable();
    }

    @Override
    public DatasetStats actual(ScenarioContext ctx) throws Exception {
        return ctx.postgres().stats(Tables.MERGE);
    }

    @Override
    public void cleanup(ScenarioContext ctx) throws Exception {
        ctx.postgres().dropTable(Tables.MERGE);
    }
}
