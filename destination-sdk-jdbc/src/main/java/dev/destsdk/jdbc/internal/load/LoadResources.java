package dev.destsdk.jdbc.internal.load;

import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.internal.load.HelperTables.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a load leaves behind until it ends: the helper tables it created, and the statements that undo the schema
 * changes it applied outside a transaction. {@link #commit()} drops the helpers once the load committed; otherwise
 * {@link #undoSchemaChanges} and {@link #close()} roll back, undo the changes and drop the helpers, so every path
 * leaves the database as the load found it or as it committed it. Not thread-safe; one per load.
 */
final class LoadResources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadResources.class);

    private final SqlExecutor sql;
    private final SqlDialect d;
    private final TableName target;
    private final HelperTables helpers;
    /** Helper tables that exist (or may: registered before their CREATE) and are not published. */
    private final Set<Kind> held = EnumSet.noneOf(Kind.class);
    /**
     * Statements that undo the schema changes applied outside a transaction (databases whose DDL is not
     * transactional), in the order they were applied; run newest first when the load fails before it commits.
     */
    private final List<List<String>> undo = new ArrayList<>();
    private boolean committed;

    LoadResources(SqlExecutor sql, TableName target, HelperTables helpers) {
        this.sql = sql;
        this.d = sql.dialect();
        this.target = target;
        this.helpers = helpers;
    }

    /**
     * Registers a helper table before it is created; it is dropped however the load ends, unless published.
     *
     * @param kind the helper
     * @return its name
     */
    TableName hold(Kind kind) {
        held.add(kind);
        return helpers.get(kind);
    }

    /**
     * @param kind a helper that became the target (renamed or swapped in), so it is no longer dropped
     */
    void published(Kind kind) {
        held.remove(kind);
    }

    /** @return whether the load created a staging table */
    boolean holdsStaging() {
        return held.contains(Kind.STAGING);
    }

    /**
     * Adds statements that undo one schema change, where DDL is not transactional (elsewhere the rollback undoes it).
     *
     * @param statements the statements, run in order
     */
    void undoable(List<String> statements) {
        if (!d.transactionalDdl()) {
            undo.add(statements);
        }
    }

    /**
     * Ends a load that committed: nothing is undone any more, and the helpers are dropped before success is
     * reported, so a connection lost after the commit fails the load (a retryable error; the retry with the same
     * sync id gives the same table) instead of leaving them. A failure to drop the staging, aside or rebuilt table
     * fails the load; the table a swap retired is past the commit point, so a failure to drop it is only logged
     * (the next load of the table drops it).
     */
    void commit() {
        undo.clear();
        if (held.remove(Kind.RETIRED)) {
            dropQuietly(helpers.retired());
        }
        for (Kind kind : List.of(Kind.STAGING, Kind.ASIDE, Kind.REBUILT)) {
            if (held.contains(kind)) {
                sql.updateIgnoringCancellation(d.dropTableIfExists(helpers.get(kind)));
                held.remove(kind);
            }
        }
        committed = true;
    }

    /**
     * Undoes the schema changes a failed load applied outside its transaction, newest first, so the table has its
     * definition from before the load. Never throws: a statement that fails is logged and added to the failure.
     *
     * @param failure the load's failure
     */
    void undoSchemaChanges(RuntimeException failure) {
        if (undo.isEmpty()) {
            return;
        }
        rollbackQuietly();
        Connection c = sql.connection();
        LOG.info("the load into {} failed: undoing its {} schema change(s)", target, undo.size());
        for (int i = undo.size() - 1; i >= 0; i--) {
            for (String statement : undo.get(i)) {
                try (var st = c.createStatement()) {
                    st.execute(statement);
                } catch (SQLException e) {
                    LOG.warn("could not undo a schema change of {} ({}): {}", target, statement, e.toString());
                    failure.addSuppressed(e);
                }
            }
        }
        undo.clear();
    }

    /** Unless the load committed: rolls back and drops the helper tables it holds; never throws. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        rollbackQuietly();
        for (Kind kind : List.of(Kind.STAGING, Kind.ASIDE, Kind.REBUILT, Kind.RETIRED)) {
            if (held.remove(kind)) {
                dropQuietly(helpers.get(kind));
            }
        }
    }

    /**
     * Ends an open transaction with a rollback and returns to auto-commit; never throws. The return to auto-commit is
     * attempted even when the rollback fails (a database may already have ended the transaction itself, as DuckDB
     * does when a statement is interrupted as it ends): otherwise the undo statements and drops that follow would run
     * in a transaction nobody commits, and be lost when the connection closes.
     */
    void rollbackQuietly() {
        Connection c = sql.connection();
        try {
            if (c.getAutoCommit()) {
                return;
            }
        } catch (SQLException e) {
            LOG.warn("could not read the transaction state on {}: {}", target, e.toString());
        }
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("could not roll back on {}: {}", target, e.toString());
        }
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("could not return to auto-commit on {}: {}", target, e.toString());
        }
    }

    /** Drops a table, logging a failure; never checks cancellation. */
    void dropQuietly(TableName table) {
        try (var st = sql.connection().createStatement()) {
            st.execute(d.dropTableIfExists(table));
        } catch (SQLException e) {
            LOG.warn("could not drop {}: {}", table, e.toString());
        }
    }
}
