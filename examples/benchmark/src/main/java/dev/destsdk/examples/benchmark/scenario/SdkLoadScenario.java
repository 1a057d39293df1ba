package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SDK side of (a), (d) and (e): a first run (the target table does not exist) loading the initial-load file
 * through the SDK connector of one destination type, in the load mode of {@code --initial-load-mode} (default
 * MERGE, the usual mode for a table with a primary key). The measured section covers create, map, stage, load and
 * close.
 */
final class SdkLoadScenario implements Scenario {
    /**
     * The load's sync id: the job id the baselines' tables write by default ({@code 'bench'}), so that both sides'
     * rows have the same size (with {@code bench-load-1} the SDK's rows were 8 bytes wider).
     */
    private static final String SYNC_ID = "bench";

    /** What differs per database: how to reset the target, read it back, and configure the connector. */
    interface Database {
        /** @return the SDK destination type */
        String type();

        /** @return the connector's settings */
        Map<String, String> config(ScenarioContext ctx);

        /** Removes the target table (and any database file) so the run is a first run. */
        void reset(ScenarioContext ctx) throws Exception;

        /** @return the target table's content aggregates */
        DatasetStats stats(ScenarioContext ctx) throws Exception;
    }

    private final String id;
    private final String title;
    private final Database db;

    SdkLoadScenario(String id, String title, Database db) {
        this.id = Objects.requireNonNull(id, "id is null");
        this.title = Objects.requireNonNull(title, "title is null");
        this.db = Objects.requireNonNull(db, "db is null");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        SdkPipeline.factory(db.type());
        db.reset(ctx);
    }

    @Override
    public RunOutcome run(ScenarioContext ctx) throws Exception {
        PhaseTimeline timeline = new PhaseTimeline();
        LoadResponse r = SdkPipeline.run(db.type(), db.config(ctx), ctx.options().schema(), Tables.LOAD,
                ctx.load(), ctx.options().initialLoadMode(), Optional.empty(), SYNC_ID, timeline);
        return new RunOutcome(r.rowsLoaded(), OptionalLong.empty(), timeline.summary("closed"));
    }

    @Override
    public DatasetStats expected(ScenarioContext ctx) throws Exception {
        return ctx.load().expectedTable();
    }

    @Override
    public DatasetStats actual(ScenarioContext ctx) throws Exception {
        return db.stats(ctx);
    }

    @Override
    public void cleanup(ScenarioContext ctx) throws Exception {
        db.reset(ctx);
    }
}
