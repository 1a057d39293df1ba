package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.internal.load.HelperTables.Kind;
import dev.destsdk.jdbc.internal.load.LoadPlan.BuildAside;
import dev.destsdk.jdbc.internal.load.LoadPlan.DuplicateCheck;
import dev.destsdk.jdbc.internal.load.LoadPlan.KeyIndex;
import dev.destsdk.jdbc.plan.TableLayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link BuildAside} plan: builds the table beside the target and publishes it (swaps it with the existing
 * table, or renames it into place). The files are bulk-loaded straight into it, so the data is written once; only a
 * MERGE whose batch holds one key more than once goes through the staging table, which keeps the load order that
 * de-duplication needs. Not thread-safe; used once.
 */
final class BuildAsideExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(BuildAsideExecutor.class);

    private final LoadRun run;
    private final TableSteps steps;
    private final SqlExecutor sql;
    private final SqlDialect d;
    private final TableLayout layout;
    private final TableName aside;

    BuildAsideExecutor(LoadRun run, TableSteps steps) {
        this.run = run;
        this.steps = steps;
        this.sql = run.sql;
        this.d = run.d;
        this.layout = run.layout;
        this.aside = run.helpers.aside();
    }

    LoadCounts execute(BuildAside plan) {
        run.report((plan.replaces() ? "replacing " : "creating ") + run.target);
        boolean tx = d.transactionalDdl();
        Connection c = sql.connection();
        try {
            steps.ensureSchema();
            sql.update(d.dropTableIfExists(aside));
            if (tx) {
                c.setAutoCommit(false);
            }
            run.resources.hold(Kind.ASIDE);
            // The tracking columns default to this sync's values while the files load; the defaults are dropped
            // before the table is published.
            sql.updateCatalog(d.createTable(aside, layout.columnsWithSyncDefaults(d, run.request.sync())));
            boolean keyFirst = plan.keyIndex() == KeyIndex.UNIQUE_BEFORE_LOAD;
            boolean duplicates = false;
            if (keyFirst) {
                sql.update(d.createUniqueKeyIndex(aside, steps.keyIndexName(), layout.keyColumnDefs()).orElseThrow());
                duplicates = !loadFilesIntoUniqueIndex(tx);
            } else {
                run.loadFiles(aside, List.of(), tx);
            }
            long inserted = run.progress.rows();
            if (plan.removeDeleted() && !duplicates) {
                run.report("removing rows marked deleted");
                inserted -= sql.update(d.deleteWhere(aside, d.isTrue(layout.deleted(), Optional.empty())));
            }
            if (duplicates || (!keyFirst && indexAside(plan, tx))) {
                run.report("the batch holds a key more than once: de-duplicating through a staging table");
                sql.update(d.dropTableIfExists(aside));
                sql.updateCatalog(d.createTable(aside, layout.columnsWithSyncDefaults(d, run.request.sync())));
                run.progress.restart();
                steps.stage();
                steps.deduplicateStaging();
                inserted = sql.update(d.insertFromStaging(aside, run.helpers.staging(), layout.allColumnNames(),
                        steps.keepFilter(plan.removeDeleted())));
                steps.keyIndex(aside).ifPresent(sql::update);
            }
            for (ColumnDef t : layout.trackingColumns()) {
                d.dropDefault(aside, t.name()).ifPresent(sql::update);
            }
            steps.publish(plan.replaces());
            if (tx) {
                c.commit();
            }
            run.resources.published(Kind.ASIDE);
            return new LoadCounts(inserted, 0, 0);
        } catch (SQLException e) {
            throw sql.translate(e, null);
        } finally {
            run.restoreAutoCommit(tx);
        }
    }

    /**
     * Loads the files into the aside table whose unique key index exists already ({@link
     * SqlDialect#buildsKeyIndexBeforeLoad()}). A batch that repeats a key fails that load; so may bad input, which
     * the staging table's load then reports as such.
     *
     * @param tx whether the build runs in a transaction (a failed load then rolls back to a savepoint)
     * @return true when the files loaded; false when the load failed and the files must go through staging
     */
    private boolean loadFilesIntoUniqueIndex(boolean tx) {
        Connection c = sql.connection();
        try {
            Savepoint savepoint = tx ? c.setSavepoint() : null;
            try {
                run.loadFiles(aside, List.of(), tx);
            } catch (ConnectorException e) {
                if (e.getErrorType() == ErrorType.CANCELLED) {
                    throw e;
                }
                if (savepoint != null) {
                    c.rollback(savepoint);
                }
                LOG.info("loading {} into its unique key failed ({}): loading it through a staging table",
                        run.target, e.getMessage());
                return false;
            }
            if (savepoint != null) {
                c.releaseSavepoint(savepoint);
            }
            return true;
        } catch (SQLException e) {
            throw sql.translate(e, null);
        }
    }

    /**
     * Creates the key index on the aside table after its rows are in (one bulk build instead of row by row), and
     * tells whether the batch holds a key more than once, which only a MERGE load checks. Building a unique index is
     * the check, and the index lets later MERGE loads use the database's native upsert. When the batch repeats a
     * key the table has no key index yet.
     *
     * @param tx whether the build runs in a transaction (a failed unique index then rolls back to a savepoint)
     * @return true when the batch holds a key more than once
     */
    private boolean indexAside(BuildAside plan, boolean tx) {
        switch (plan.keyIndex()) {
            case NONE, UNIQUE_BEFORE_LOAD -> {
                return false;
            }
            case UNIQUE_AFTER_LOAD -> {
                run.report("creating the unique key index");
                Optional<ConnectorException> failure = steps.tryUpdate(d.createUniqueKeyIndex(aside,
                        steps.keyIndexName(), layout.keyColumnDefs()).orElseThrow(), tx);
                if (failure.isEmpty()) {
                    return false;
                }
                if (steps.hasDuplicateKeys(aside)) {
                    return true;
                }
                throw failure.get();
            }
            case PLAIN_AFTER_LOAD -> {
                boolean check = plan.duplicateCheck() != DuplicateCheck.NONE && run.progress.rows() > 1;
                if (check && plan.duplicateCheck() == DuplicateCheck.QUERY_BEFORE_INDEX
                        && steps.hasDuplicateKeys(aside)) {
                    return true;
                }
                d.createKeyIndex(aside, steps.keyIndexName(), layout.keyColumnDefs()).ifPresent(sql::update);
                return check && plan.duplicateCheck() == DuplicateCheck.QUERY_AFTER_INDEX
                        && steps.hasDuplicateKeys(aside);
            }
            default -> throw new IllegalStateException(plan.keyIndex().name());
        }
    }
}
