package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.naming.IdentifierKind;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.KeyOrder;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.plan.TableLayout;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the executors of one load share: the connection, dialect, layout and request, the helper tables and the
 * resources that drop them, the progress, and the bulk loading of the files. Not thread-safe; one per load.
 */
final class LoadRun {
    final SqlExecutor sql;
    final SqlDialect d;
    final TableLayout layout;
    final LoadRequest request;
    final TableName target;
    final HelperTables helpers;
    final LoadResources resources;
    final LoadProgress progress;
    private final LoadInputs inputs;
    /** The key order the value checks reported for the last {@link #loadFiles}, its table and its rows. */
    private Optional<KeyOrder> keyOrder = Optional.empty();
    private TableName loadedInto;
    private long loadedRows;

    LoadRun(SqlExecutor sql, TableLayout layout, LoadRequest request, LoadInputs inputs, HelperTables helpers,
            LoadResources resources, LoadProgress progress) {
        this.sql = sql;
        this.d = sql.dialect();
        this.layout = layout;
        this.request = request;
        this.target = layout.table();
        this.inputs = inputs;
        this.helpers = helpers;
        this.resources = resources;
        this.progress = progress;
    }

    LoadInputs inputs() {
        return inputs;
    }

    void report(String message) {
        progress.report(message);
    }

    /** Ends the transaction a step opened (a rollback when it did not commit) and returns to auto-commit. */
    void restoreAutoCommit(boolean wasInTransaction) {
        if (wasInTransaction) {
            resources.rollbackQuietly();
        }
    }

    /**
     * The sync's tracking values as constant columns of every loaded row (for a target table, which has no
     * defaults for them): synced and job id, and deleted = false unless the source sends the deleted column itself.
     */
    List<BulkLoadTarget.ConstantColumn> trackingValues() {
        List<BulkLoadTarget.ConstantColumn> constants = new ArrayList<>();
        for (ColumnDef t : layout.trackingColumns()) {
            if (t.name().equals(layout.synced())) {
                // ISO-8601 in UTC, cut to microseconds as the literal is
                constants.add(new BulkLoadTarget.ConstantColumn(t.name(),
                        request.sync().syncTime().truncatedTo(ChronoUnit.MICROS).toString(),
                        d.timestampTzLiteral(request.sync().syncTime())));
            } else if (t.name().equals(layout.jobId())) {
                constants.add(new BulkLoadTarget.ConstantColumn(t.name(), request.sync().syncId(),
                        d.stringLiteral(request.sync().syncId())));
            } else {
                constants.add(new BulkLoadTarget.ConstantColumn(t.name(), "false", d.booleanLiteral(false)));
            }
        }
        return constants;
    }

    /**
     * Bulk-loads every data file into {@code table}, in order. A failure caused by a NULL key (the table's key
     * columns are NOT NULL) is reported as such, naming the file and record.
     *
     * @param table the table
     * @param constants the tracking values, for a table without defaults for them; empty otherwise
     * @param createdInTransaction whether the table was created in the current transaction
     */
    void loadFiles(TableName table, List<BulkLoadTarget.ConstantColumn> constants, boolean createdInTransaction) {
        List<LoadFile> files = inputs.files().get();
        BulkLoader loader = inputs.loader().get();
        Optional<KeyOrder> keys = KeyOrder.forKey(layout.dataColumns(), layout.keyColumns());
        // Only the staging table numbers its rows by load order (to de-duplicate the batch); elsewhere the
        // database may store them in any order
        BulkLoadTarget bulkTarget = new BulkLoadTarget(table, layout.dataColumns(), constants, createdInTransaction,
                this::headerNames, keys, table.equals(helpers.staging()));
        keyOrder = keys;
        loadedInto = table;
        loadedRows = 0;
        for (int i = 0; i < files.size(); i++) {
            LoadFile file = files.get(i);
            request.cancellation().checkCancellation("load: file " + (i + 1) + " of " + files.size());
            long rows;
            try {
                rows = loader.load(sql, bulkTarget, file);
            } catch (ConnectorException e) {
                if (e.getErrorType() == ErrorType.CANCELLED) {
                    throw e;
                }
                throw NullKeys.explain(file.attribute(e), file, layout);
            }
            loadedRows += rows;
            progress.fileLoaded(rows, i + 1, files.size(), "loaded " + file.displayName() + " (" + rows
                    + " rows) with " + loader.describe());
        }
    }

    /**
     * @param table a table the files were loaded into
     * @return true when the last {@link #loadFiles} filled {@code table} and the value checks saw every row's key
     *     greater than the one before ({@link KeyOrder}): the table holds no key twice, without a query
     */
    boolean keysProvenUnique(TableName table) {
        return table.equals(loadedInto) && keyOrder.map(k -> k.provesNoRepeatedKey(loadedRows)).orElse(false);
    }

    /** Whether a data file's header name stands for a column: the column's name, or mapped to it by the policy. */
    private boolean headerNames(String headerName, String column) {
        if (headerName.equals(column)) {
            return true;
        }
        try {
            return d.sameColumnName(d.identifiers().normalize(headerName, IdentifierKind.COLUMN), column);
        } catch (ConnectorException notAName) {
            return false;
        }
    }
}
