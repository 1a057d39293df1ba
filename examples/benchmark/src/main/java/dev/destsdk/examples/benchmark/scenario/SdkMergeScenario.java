package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.examples.benchmark.data.Dataset;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import dev.destsdk.examples.benchmark.data.DatasetStore;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK side of (b) and (f): a second run in MERGE mode of the MERGE file into a table holding the initial load.
 * The table is a fresh copy of a template the SDK itself loaded (built once, untimed, and reused while it holds the
 * same data set), so it has exactly the SDK's column types, key index and tracking columns. The measured section
 * covers create, map (with the previous mapping), stage, load and close. Besides the table's content, the run
 * checks the counts the SDK reports: every update and every insert of the MERGE file, as such.
 */
final class SdkMergeScenario implements Scenario {
    private static final Logger LOG = LoggerFactory.getLogger(SdkMergeScenario.class);
    /**
     * The sync ids of the template's load and of the measured MERGE: the job ids the baselines write ({@code 'bench'},
     * their tables' default, and {@code 'bench-merge'}), so that both sides' rows and tables have the same size. With
     * longer ids ({@code bench-template-1}) the SDK's PostgreSQL table was 8.8% larger (187.8 against 176.8 bytes a
     * row, 48,942 against 45,002 pages), and its upsert, which touches nearly every page, read and logged that much
     * more.
     */
    private static final String TEMPLATE_SYNC_ID = "bench";
    private static final String MERGE_SYNC_ID = "bench-merge";

    private final String id;
    private final String title;
    private final Function<ScenarioContext, MergeTarget> database;
    private ObjectMetadata previous;

    /**
     * @param id the scenario id
     * @param title what it does
     * @param database the database it merges into
     */
    SdkMergeScenario(String id, String title, Function<ScenarioContext, MergeTarget> database) {
        this.id = Objects.requireNonNull(id, "id is null");
        this.title = Objects.requireNonNull(title, "title is null");
        this.database = Objects.requireNonNull(database, "database is null");
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
        MergeTarget db = database.apply(ctx);
        SdkPipeline.factory(db.type());
        Dataset load = ctx.load();
        // the tag names the sync id too: a template kept (--keep-tables) from another id is rebuilt
        String tag = load.name() + "-" + TEMPLATE_SYNC_ID;
        if (!db.templateTag(Tables.MERGE_TEMPLATE_SDK).equals(Optional.of(tag))) {
            LOG.info("building the MERGE template {} from {} through the SDK", Tables.MERGE_TEMPLATE_SDK,
                    load.name());
            db.dropTable(Tables.MERGE_TEMPLATE_SDK);
            SdkPipeline.run(db.type(), db.sdkConfig(), ctx.options().schema(), Tables.MERGE_TEMPLATE_SDK, load,
                    LoadMode.MERGE, Optional.empty(), TEMPLATE_SYNC_ID, ProgressCallback.none());
            db.markTemplate(Tables.MERGE_TEMPLATE_SDK, tag);
        }
        db.copyTable(Tables.MERGE_TEMPLATE_SDK, Tables.MERGE);
        previous = SdkPipeline.map(db.type(), db.sdkConfig(), ctx.options().schema(), Tables.MERGE);
        db.settle();
    }

    @Override
    public RunOutcome run(ScenarioContext ctx) throws Exception {
        MergeTarget db = database.apply(ctx);
        PhaseTimeline timeline = new PhaseTimeline();
        LoadResponse r = SdkPipeline.run(db.type(), db.sdkConfig(), ctx.options().schema(), Tables.MERGE,
                ctx.merge(), LoadMode.MERGE, Optional.of(previous), MERGE_SYNC_ID, timeline);
        return new RunOutcome(r.rowsLoaded(), OptionalLong.empty(), timeline.summary("closed"),
                countCheck(r, ctx.merge().rows()));
    }

    /**
     * @param r the SDK's response
     * @param mergeRows rows of the MERGE file
     * @return the differences between the reported and the expected counts; empty when they match
     */
    static String countCheck(LoadResponse r, long mergeRows) {
        long updates = DatasetStore.updates(mergeRows);
        return Stream.of(RunOutcome.compare("inserted", r.rowsInserted(), mergeRows - updates),
                        RunOutcome.compare("updated", r.rowsUpdated(), updates),
                        RunOutcome.compare("deleted", r.rowsDeleted(), 0))
                .filter(s -> !s.isEmpty()).collect(Collectors.joining("; "));
    }

    @Override
    public DatasetStats expected(ScenarioContext ctx) throws Exception {
        return ctx.merge().expectedTable();
    }

    @Override
    public DatasetStats actual(ScenarioContext ctx) throws Exception {
        return database.apply(ctx).stats(Tables.MERGE);
    }

    @Override
    public void cleanup(ScenarioContext ctx) throws Exception {
        database.apply(ctx).dropTable(Tables.MERGE);
    }
}
