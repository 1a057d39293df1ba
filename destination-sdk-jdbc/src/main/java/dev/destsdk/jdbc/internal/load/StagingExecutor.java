package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.dialect.UpsertCounters;
import dev.destsdk.jdbc.internal.load.LoadPlan.ThroughStaging;
import dev.destsdk.jdbc.plan.TableLayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ThroughStaging} plan: loads the files into the staging table (de-duplicated for MERGE), then in one
 * transaction applies the schema steps (before it, where DDL is not transactional) and moves the rows in with the
 * load mode's statements. Not thread-safe; used once.
 */
final class StagingExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(StagingExecutor.class);
    private final LoadRun run;
    private final TableSteps steps;
    private final SchemaEvolver evolver;

    StagingExecutor(LoadRun run, TableSteps steps, SchemaEvolver evolver) {
        this.run = run;
        this.steps = steps;
        this.evolver = evolver;
    }

    LoadCounts execute(ThroughStaging plan) {
        // Where the database's upsert refuses a key twice as a whole, a MERGE runs it before looking for repeated
        // keys and de-duplicates only when it is refused (upsertRepeatingKeys).
        boolean optimistic = plan.deduplicate() && plan.mode() == LoadMode.MERGE && plan.uniqueKeyIndex()
                && !plan.hardDeletes() && run.d.upsertRefusesRepeatedKeys();
        steps.stage();
        if (plan.deduplicate() && !optimistic) {
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
                        long[] counts = optimistic ? upsertRepeatingKeys(upsert.get()) : upsert(upsert.get());
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

    /**
     * Runs the upsert: a query returning its counts, or, where the dialect has {@link SqlDialect#upsertCounters},
     * the counters' reset, the statement and the counters' read.
     *
     * @return the rows the upsert updated and inserted
     */
    private long[] upsert(String statement) {
        Optional<UpsertCounters> counters = run.d.upsertCounters();
        if (counters.isEmpty()) {
            return counts(statement);
        }
        run.sql.update(counters.get().reset());
        run.sql.update(statement);
        return counts(counters.get().read());
    }

    /**
     * @return the two numbers of the query's row (no row: zero each)
     * @throws ConnectorException INTERNAL_ERROR when one is NULL (counters the upsert did not keep), which fails the
     *     load before it commits
     */
    private long[] counts(String query) {
        return run.sql.query(query, rs -> {
            long[] counts = new long[2];
            if (rs.next()) {
                for (int i = 0; i < 2; i++) {
                    counts[i] = rs.getLong(i + 1);
                    if (rs.wasNull()) {
                        throw ConnectorException.builder(ErrorType.INTERNAL_ERROR, "the upsert's counts read NULL: "
                                + query).object(run.target.toString()).build();
                    }
                }
            }
            return counts;
        });
    }

    /**
     * Runs the upsert on the staging table as loaded, inside a savepoint; when the database refuses it because a key
     * repeats ({@link dev.destsdk.jdbc.dialect.SqlDialect#isRepeatedKeyInUpsert}), rolls back to the savepoint,
     * de-duplicates the staging table (highest cursor, then file order) and runs it again. A batch without repeated
     * keys, the usual case, so costs no duplicate-key query.
     *
     * @return the rows the upsert updated and inserted
     */
    private long[] upsertRepeatingKeys(String statement) throws SQLException {
        Connection c = run.sql.connection();
        Savepoint savepoint = c.setSavepoint();
        try {
            long[] counts = upsert(statement);
            c.releaseSavepoint(savepoint);
            return counts;
        } catch (ConnectorException e) {
            if (e.getErrorType() == ErrorType.CANCELLED || !repeatedKey(e)) {
                throw e;
            }
            c.rollback(savepoint);
            LOG.info("the batch for {} holds a key more than once: de-duplicating it and upserting again", run.target);
            steps.deduplicateStaging();
            return upsert(statement);
        }
    }

    private boolean repeatedKey(ConnectorException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && run.d.isRepeatedKeyInUpsert(sql)) {
                return true;
            }
        }
        return false;
    }
}
