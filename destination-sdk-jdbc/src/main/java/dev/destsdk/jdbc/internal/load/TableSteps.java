package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.capability.Feature;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.internal.load.HelperTables.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps several executors share: the schema, the staging table and its de-duplication, key indexes, and
 * publishing a table built beside the target. Not thread-safe; one per load.
 */
final class TableSteps {
    private static final Logger LOG = LoggerFactory.getLogger(TableSteps.class);

    private final LoadRun run;
    private final SqlExecutor sql;
    private final SqlDialect d;
    private final String keyIndexName;

    /**
     * @param run the load
     * @param keyIndexName the name of the key index this load creates ({@link LoadPlanner#keyIndexName})
     */
    TableSteps(LoadRun run, String keyIndexName) {
        this.run = run;
        this.sql = run.sql;
        this.d = run.d;
        this.keyIndexName = keyIndexName;
    }

    /** @return the name of the key index this load creates, on whichever table */
    String keyIndexName() {
        return keyIndexName;
    }

    /**
     * Creates the target's schema when it is missing and the destination declares {@code canAutoCreateSchema};
     * otherwise a missing schema fails the load with the canonical unsupported error before anything is written.
     * Runs in auto-commit mode.
     */
    void ensureSchema() {
        Optional<String> exists = d.schemaExistsQuery(run.target);
        if (run.inputs().canAutoCreateSchema()) {
            d.createSchemaIfNotExists(run.target).ifPresent(create -> createSchema(create, exists));
            return;
        }
        if (exists.isPresent() && sql.queryLong(exists.get()).isEmpty()) {
            LOG.warn("schema of {} does not exist and {} does not create schemas; create it first", run.target,
                    run.inputs().destinationName());
            throw ConnectorException.unsupported(run.inputs().destinationName(), Feature.SCHEMA_AUTO_CREATION);
        }
    }

    /**
     * Runs the schema's {@code CREATE ... IF NOT EXISTS}, tolerating a concurrent creator. Loads of several tables
     * into one new schema run it at the same moment, each on its own connection, and a database may refuse all but
     * the first (PostgreSQL: a unique violation on {@code pg_namespace} once the first session commits): when the
     * statement fails, the schema is looked up again, and the load goes on when another session created it
     * meanwhile. Otherwise the statement's own failure is thrown (with a failed look-up's added as suppressed).
     *
     * @param create the dialect's statement
     * @param exists the dialect's look-up, if it has one (without one, a failure is thrown as it is)
     */
    private void createSchema(String create, Optional<String> exists) {
        try {
            sql.updateCatalog(create);
        } catch (ConnectorException failure) {
            if (failure.getErrorType() == ErrorType.CANCELLED || exists.isEmpty()) {
                throw failure;
            }
            boolean createdMeanwhile;
            try {
                createdMeanwhile = sql.queryLong(exists.get()).isPresent();
            } catch (ConnectorException lookup) {
                if (lookup.getErrorType() == ErrorType.CANCELLED) {
                    throw lookup;
                }
                failure.addSuppressed(lookup);
                throw failure;
            }
            if (!createdMeanwhile) {
                throw failure;
            }
            LOG.info("creating the schema of {} failed, but another session created it meanwhile; going on ({})",
                    run.target, failure.getMessage());
        }
    }

    /**
     * Loads the files into a new staging table beside the target (creating the schema first when missing); in one
     * transaction of its own where the dialect {@link SqlDialect#stagesInOneTransaction() stages in one} and no
     * transaction is open. A failure leaves that transaction to {@link LoadResources#close()}, which rolls it back.
     */
    void stage() {
        ensureSchema();
        TableName staging = run.helpers.staging();
        sql.update(d.dropTableIfExists(staging));
        run.resources.hold(Kind.STAGING);
        Connection c = sql.connection();
        boolean own;
        try {
            own = d.stagesInOneTransaction() && d.transactionalDdl() && c.getAutoCommit();
            if (own) {
                c.setAutoCommit(false);
            }
        } catch (SQLException e) {
            throw sql.translate(e, null);
        }
        // Key columns NOT NULL, as in the target: a NULL key fails the bulk load (see NullKeys).
        sql.updateCatalog(d.createStagingTable(staging, run.layout.columnsWithSyncDefaults(d, run.request.sync())));
        run.loadFiles(staging, List.of(), own);
        if (own) {
            try {
                c.commit();
                c.setAutoCommit(true);
            } catch (SQLException e) {
                throw sql.translate(e, null);
            }
        }
    }

    /** Removes the rows an earlier attempt of this sync appended (a retry with the same sync id). */
    void removeEarlierAttempt() {
        run.report("removing rows of an earlier attempt of sync " + run.request.sync().syncId());
        sql.update(d.deleteRowsOfSync(run.target, run.layout.jobId(), run.request.sync().syncId()));
    }

    /** Removes superseded rows of keys the staged batch holds more than once; skipped when no key repeats. */
    void deduplicateStaging() {
        TableName staging = run.helpers.staging();
        if (run.progress.rows() > 1 && hasDuplicateKeys(staging)) {
            run.report("removing superseded duplicate keys");
            sql.update(d.deleteSupersededRows(staging, run.layout.keyColumns(), run.layout.cursorColumn()));
        }
    }

    boolean hasDuplicateKeys(TableName table) {
        if (run.keysProvenUnique(table)) {
            run.report("the batch's keys increase from row to row: no key is loaded more than once");
            return false;
        }
        run.report("checking the batch for keys loaded more than once");
        return sql.queryLong(d.firstDuplicateKey(table, run.layout.keyColumns())).isPresent();
    }

    /** The condition on staging rows ({@code s}) that keeps the rows not marked deleted, with hard deletes. */
    Optional<String> keepFilter(boolean hard) {
        return hard ? Optional.of(d.isNotTrue(run.layout.deleted(), Optional.of("s"))) : Optional.empty();
    }

    /** The statement creating {@code table}'s key index: unique for a MERGE load where the dialect has one. */
    Optional<String> keyIndex(TableName table) {
        if (run.layout.keyColumns().isEmpty()) {
            return Optional.empty();
        }
        String name = keyIndexName;
        Optional<String> unique = run.request.loadMode() == LoadMode.MERGE
                ? d.createUniqueKeyIndex(table, name, run.layout.keyColumnDefs()) : Optional.empty();
        return unique.or(() -> d.createKeyIndex(table, name, run.layout.keyColumnDefs()));
    }

    /**
     * Runs a statement that may fail, keeping the transaction usable: in a transaction the failure rolls back to a
     * savepoint set just before. Cancellation is rethrown.
     *
     * @return the failure, or empty when the statement succeeded
     */
    Optional<ConnectorException> tryUpdate(String statement, boolean tx) {
        Connection c = sql.connection();
        try {
            Savepoint savepoint = tx ? c.setSavepoint() : null;
            try {
                sql.update(statement);
            } catch (ConnectorException e) {
                if (e.getErrorType() == ErrorType.CANCELLED) {
                    throw e;
                }
                if (savepoint != null) {
                    c.rollback(savepoint);
                }
                return Optional.of(e);
            }
            if (savepoint != null) {
                c.releaseSavepoint(savepoint);
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw sql.translate(e, statement);
        }
    }

    /** Swaps the aside table with the target, or renames it into place. */
    void publish(boolean exists) {
        run.request.cancellation().checkCancellation("load: publishing " + run.target);
        if (exists) {
            swapIn(run.helpers.aside());
        } else {
            sql.updateCatalog(d.renameTable(run.helpers.aside(), run.target.table()));
        }
    }

    /**
     * Replaces the target by {@code replacement}, dropping the old table. Where DDL is not transactional the swap is
     * the load's commit point: after it, nothing cancels the load, and the retired table is dropped before success
     * is reported (by a later load if the connection is lost first).
     */
    void swapIn(TableName replacement) {
        TableName retired = run.helpers.retired();
        sql.update(d.dropTableIfExists(retired));
        List<String> swap = d.swapTables(run.target, replacement, retired);
        for (int i = 0; i < swap.size(); i++) {
            if (!d.transactionalDdl() && i == swap.size() - 1) {
                run.resources.hold(Kind.RETIRED);
                sql.updateIgnoringCancellation(swap.get(i));
            } else {
                sql.update(swap.get(i));
            }
        }
        run.report("dropping the replaced table");
        if (d.transactionalDdl()) {
            sql.update(d.dropTableIfExists(retired));
        }
    }
}
