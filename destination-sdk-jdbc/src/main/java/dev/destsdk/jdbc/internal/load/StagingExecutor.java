package dev.destsdk.jdbc.internal.load;

import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.internal.load.LoadPlan.ThroughStaging;
import dev.destsdk.jdbc.plan.TableLayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link ThroughStaging} plan: loads the files into the staging table (de-duplicated for MERGE), then in one
 * transaction applies the schema steps (before it, where DDL is not transactional) and moves the rows in with the
 * load mode's statements. Not thread-safe; used once.
 */
final class StagingExecutor {
    private final LoadRun run;
    private final TableSteps steps;
    private final SchemaEvolver evolver;

    StagingExecutor(LoadRun run, TableSteps steps, SchemaEvolver evolver) {
        this.run = run;
        this.steps = steps;
        this.evolver = evolver;
    }

    LoadCounts execute(ThroughStaging plan) {
        steps.stage();
        if (plan.deduplicate()) {
            steps.deduplicateStaging();
        }
        SqlExecutor sql = run.sql;
        SqlDialect d = run.d;
        TableLayout layout = run.layout;
        TableName target = run.target;
        TableName staging = run.helpers.staging();
        boolean hard = plan.hardDeletes();
        Optional<String> keep = steps.keepFilter(hard);
        Connection c = sql.connection();
        long inserted = 0;
        long updated = 0;
        long deleted = 0;
        try {
            if (plan.schemaOutsideTransaction()) {
                evolver.apply(plan.schema());
            }
            c.setAutoCommit(false);
            if (!plan.schemaOutsideTransaction()) {
                evolver.apply(plan.schema());
            }
            List<String> all = layout.allColumnNames();
            switch (plan.mode()) {
                case APPEND -> {
                    steps.removeEarlierAttempt();
                    if (hard) {
                        deleted = sql.update(d.deleteMatching(target, staging, layout.keyColumns(),
                                d.isTrue(layout.deleted(), Optional.of("s"))));
                    }
                    run.report("appending");
                    inserted = sql.update(d.insertFromStaging(target, staging, all, keep));
                }
                case MERGE -> {
                    if (hard) {
                        run.report("hard-deleting rows marked deleted");
                        deleted = sql.update(d.deleteMatching(target, staging, layout.keyColumns(),
                                d.isTrue(layout.deleted(), Optional.of("s"))));
                    }
                    List<String> nonKeys = all.stream().filter(n -> !layout.keyColumns().contains(n)).toList();
                    Optional<String> upsert = d.upsertFromStaging(target, staging, layout.keyColumns(), nonKeys, all,
                            keep, plan.uniqueKeyIndex());
                    if (upsert.isPresent()) {
                        run.report("updating rows with matching keys and inserting the others");
                        long[] counts = sql.query(upsert.get(), rs -> rs.next()
                                ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0});
                        updated = counts[0];
                        inserted = counts[1];
                    } else {
                        run.report("updating rows with matching keys");
                        updated = sql.update(d.updateFromStaging(target, staging, layout.keyColumns(), nonKeys,
                                keep));
                        run.report("inserting rows with new keys");
                        inserted = sql.update(d.insertMissingFromStaging(target, staging, layout.keyColumns(), all,
                                keep));
                    }
                }
                case TRUNCATE_AND_LOAD -> {
                    run.report("emptying and reloading");
                    sql.update(d.deleteAllRows(target));
                    inserted = sql.update(d.insertFromStaging(target, staging, all, keep));
                }
                case OVERWRITE -> throw new IllegalStateException("OVERWRITE is built aside");
            }
            run.request.cancellation().checkCancellation("load: committing " + target);
            c.commit();
            return new LoadCounts(inserted, updated, deleted);
        } catch (SQLException e) {
            throw sql.translate(e, null);
        } finally {
            run.restoreAutoCommit(true);
        }
    }
}
