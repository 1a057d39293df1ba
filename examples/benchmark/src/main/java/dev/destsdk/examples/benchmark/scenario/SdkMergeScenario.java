package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.examples.benchmark.data.Dataset;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK side of (b): a second run in MERGE mode of the MERGE file into a table holding the initial load. The
 * table is a fresh copy of a template the SDK itself loaded (built once, untimed, and reused while it holds the
 * same data set), so it has exactly the SDK's column types and tracking columns. The measured section covers
 * create, map (with the previous mapping), stage, load and close.
 */
final class SdkMergeScenario implements Scenario {
    private static final Logger LOG = LoggerFactory.getLogger(SdkMergeScenario.class);
    private static final String TYPE = "postgresql";

    private ObjectMetadata previous;

    @Override
    public String id() {
        return "pg-merge-sdk";
    }

    @Override
    public String title() {
        return "PostgreSQL MERGE through the SDK (second run, MERGE mode)";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        SdkPipeline.factory(TYPE);
        PostgresTarget pg = ctx.postgres();
        Dataset load = ctx.load();
        if (!pg.templateTag(Tables.MERGE_TEMPLATE_SDK).equals(Optional.of(load.name()))) {
            LOG.info("building the MERGE template {} from {} through the SDK", Tables.MERGE_TEMPLATE_SDK,
                    load.name());
            pg.dropTable(Tables.MERGE_TEMPLATE_SDK);
            SdkPipeline.run(TYPE, pg.sdkConfig(), ctx.options().schema(), Tables.MERGE_TEMPLATE_SDK, load,
                    LoadMode.MERGE, Optional.empty(), "bench-template-1", ProgressCallback.none());
            pg.markTemplate(Tables.MERGE_TEMPLATE_SDK, load.name());
        }
        pg.copyTable(Tables.MERGE_TEMPLATE_SDK, Tables.MERGE);
        previous = SdkPipeline.map(TYPE, pg.sdkConfig(), ctx.options().schema(), Tables.MERGE);
        pg.checkpoint();
    }

    @Override
    public RunOutcome run(ScenarioContext ctx) throws Exception {
        PhaseTimeline timeline = new PhaseTimeline();
        LoadResponse r = SdkPipeline.run(TYPE, ctx.postgres().sdkConfig(), ctx.options().schema(), Tables.MERGE,
                ctx.merge(), LoadMode.MERGE, Optional.of(previous), "bench-merge-2", timeline);
        return new RunOutcome(r.rowsLoaded(), OptionalLong.empty(), timeline.summary("closed"));
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
