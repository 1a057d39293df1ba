package dev.destsdk.jdbc;

import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.capability.Feature;
import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.naming.IdentifierKind;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.plan.SchemaChange;
import dev.destsdk.jdbc.plan.SchemaDiff;
import dev.destsdk.jdbc.plan.TableLayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@link BaseWarehouseDestination#load}: the steps its class documentation lists, on one connection.
 * Not thread-safe; used once.
 */
final class WarehouseLoad {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLoad.class);
    private static final String PHASE = "load";
    /** How the names of the key indexes the SDK creates begin; tells them from indexes a user created. */
    static final String KEY_INDEX_PREFIX = "_destsdk_key_";

    private final BaseWarehouseDestination destination;
    private final SqlExecutor sql;
    private final SqlDialect d;
    private final TableLayout layout;
    private final LoadRequest request;
    private final CsvFileFormat format;
    private final ProgressCallback progress;
    private final TableName target;
    private final TableName staging;
    private final TableName aside;
    private final TableName retired;
    private final TableName rebuilt;
    private final String syncPart;
    private List<String> indexesToDemote = List.of();
    /**
     * Statements that undo the schema changes applied outside a transaction (databases whose DDL is not
     * transactional), in the order they were applied; run newest first when the load fails before it commits.
     */
    private final List<List<String>> undo = new ArrayList<>();
    private List<ExistingColumn> existingColumns = List.of();
    private boolean rebuiltCreated;
    private boolean stagingCreated;
    private boolean asideCreated;
    /** Whether a swap on a database without transactional DDL published the new table and left the old one. */
    private boolean retiredLeft;
    /** The ENDED event, sent once the helpers are dropped. */
    private ProgressEvent endEvent;
    private long rowsLoaded;
    private int filesLoaded;

    WarehouseLoad(BaseWarehouseDestination destination, SqlExecutor sql, TableLayout layout, LoadRequest request,
                  CsvFileFormat format, ProgressCallback progress) {
        this.destination = destination;
        this.sql = sql;
        this.d = sql.dialect();
        this.layout = layout;
        this.request = request;
        this.format = format;
        this.progress = progress;
        this.target = layout.table();
        this.syncPart = request.sync().syncIdAsIdentifierPart();
        this.staging = target.sibling(helperName("_destsdk_stage_"));
        this.aside = target.sibling(helperName("_destsdk_new_"));
        this.retired = target.sibling(helperName("_destsdk_old_"));
        this.rebuilt = target.sibling(helperName("_destsdk_rebuild_"));
    }

    private String helperName(String prefix) {
        return d.identifiers().normalize(prefix + syncPart + "_" + target.table(), IdentifierKind.TABLE);
    }

    LoadResponse run() {
        boolean succeeded = false;
        try {
            dropStaleHelpers();
            LoadResponse response = execute();
            undo.clear();
            // Helpers go before success is reported: a connection lost after the commit fails the load (a
            // retryable error; the retry with the same sync id gives the same table) instead of leaving them.
            dropHelpers();
            succeeded = true;
            progress.update(endEvent);
            return response;
        } catch (RuntimeException e) {
            undoSchemaChanges(e);
            throw e;
        } finally {
            if (!succeeded) {
                cleanUp();
            }
        }
    }

    /**
     * Drops the helper tables ({@code _destsdk_stage_}, {@code _new_}, {@code _old_}, {@code _rebuild_}) that loads
     * of this table under other sync ids left behind (a connection lost before their clean-up). Failures are logged:
     * they do not stop this load.
     */
    private void dropStaleHelpers() {
        String suffix = "_" + target.table();
        List<String> names;
        try {
            names = sql.query(d.tablesInSchemaQuery(target), rs -> {
                List<String> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
                return found;
            });
        } catch (ConnectorException e) {
            if (e.getErrorType() == ErrorType.CANCELLED) {
                throw e;
            }
            LOG.warn("could not list the tables beside {}: {}", target, e.getMessage());
            return;
        }
        for (String name : names) {
            if (isHelperOf(name, suffix)) {
                LOG.info("dropping {}, left behind by an earlier load of {}", name, target);
                dropQuietly(target.sibling(name));
            }
        }
    }

    private static boolean isHelperOf(String name, String suffix) {
        for (String prefix : List.of("_destsdk_stage_", "_destsdk_new_", "_destsdk_old_", "_destsdk_rebuild_")) {
            if (name.startsWith(prefix) && name.endsWith(suffix) && name.length() > prefix.length() + suffix.length()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops this load's helper tables after it committed. A failure to drop the staging, aside or rebuilt table
     * fails the load (retryable when the connection was lost: the retry gives the same table and drops them). The
     * table a swap retired is past the commit point: a failure to drop it is logged, and the next load of the table
     * drops it ({@link #dropStaleHelpers()}).
     */
    private void dropHelpers() {
        if (retiredLeft) {
            retiredLeft = false;
            dropQuietly(retired);
        }
        if (stagingCreated) {
            sql.updateIgnoringCancellation(d.dropTableIfExists(staging));
            stagingCreated = false;
        }
        if (asideCreated) {
            sql.updateIgnoringCancellation(d.dropTableIfExists(aside));
            asideCreated = false;
        }
        if (rebuiltCreated) {
            sql.updateIgnoringCancellation(d.dropTableIfExists(rebuilt));
            rebuiltCreated = false;
        }
    }

    private LoadResponse execute() {
        report("reading the definition of " + target);
        List<ExistingColumn> existing = readColumns(target);
        existingColumns = existing;
        boolean exists = !existing.isEmpty();
        boolean replace = false;
        if (exists && request.mapping().isFirstRun()) {
            switch (request.destinationTableHandling()) {
                case FAIL -> throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "table " + target
                                + " already exists and this is the pipeline's first run with destination table handling"
                                + " FAIL; drop or rename the table, or choose DROP or MERGE")
                        .object(target.toString()).build();
                case DROP -> replace = true;
                case MERGE -> { }
            }
        }
        if (request.loadMode() == LoadMode.OVERWRITE && !request.zeroRows() && !request.ddlOnly()) {
            replace = true;
        }
        List<SchemaChange> changes = exists && !replace
                ? SchemaDiff.plan(layout, existing, d, request.schemaEvolutionMode()) : List.of();
        if (exists && !replace && !request.ddlOnly() && !request.zeroRows()
                && (request.loadMode() == LoadMode.APPEND || request.loadMode() == LoadMode.TRUNCATE_AND_LOAD)) {
            // A table built by MERGE has a unique key index; APPEND and TRUNCATE_AND_LOAD keep duplicate keys.
            indexesToDemote = uniqueKeyIndexes().stream().filter(WarehouseLoad::isOwnKeyIndex).toList();
        }

        if (request.ddlOnly() || request.zeroRows()) {
            String what;
            if (!exists || replace) {
                buildEmpty(exists);
                what = exists ? "recreated" : "created";
            } else if (request.ddlOnly()) {
                applyChangesInTransaction(changes);
                what = changes.isEmpty() ? "left unchanged" : "altered (" + changes.size() + " change(s))";
            } else {
                what = "left unchanged";
            }
            String message = (request.ddlOnly() ? "ddl only" : "zero rows") + ": table " + target + " " + what;
            endEvent = new ProgressEvent(PHASE, ProgressEvent.Status.ENDED, 0, 0, 0, 0, 0, Optional.of(message));
            return LoadResponse.noRows(message);
        }

        if (layout.keyColumns().isEmpty() && request.loadMode() == LoadMode.MERGE) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "load mode MERGE needs a primary key, and "
                    + "no field of " + target + " is marked primary_key; mark the key fields or use APPEND")
                    .object(target.toString()).build();
        }
        boolean hard = request.hardDeletes() && layout.sourceSendsDeleted();
        if (hard && layout.keyColumns().isEmpty() && (request.loadMode() == LoadMode.APPEND)) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "hard deletes need a primary key to find the"
                    + " rows to delete, and no field of " + target + " is marked primary_key")
                    .object(target.toString()).build();
        }

        Counts counts;
        if (!exists || replace) {
            counts = build(exists, hard);
        } else if (loadsDirectly(existing, changes, hard)) {
            counts = loadIntoTarget(changes);
        } else {
            stage();
            if (request.loadMode() == LoadMode.MERGE) {
                deduplicateStaging();
            }
            counts = applyLoadMode(changes, hard);
        }
        long loaded = counts.inserted + counts.updated;
        String message = request.loadMode() + " into " + target + ": " + counts.inserted + " inserted, "
                + counts.updated + " updated, " + counts.deleted + " deleted from " + rowsLoaded + " loaded row(s)"
                + (stagingCreated ? " (through a staging table)" : "");
        endEvent = new ProgressEvent(PHASE, ProgressEvent.Status.ENDED, rowsLoaded, loaded, 0, filesLoaded,
                filesLoaded, Optional.of(message));
        LOG.info("{}", message);
        return new LoadResponse(loaded, counts.inserted, counts.updated, counts.deleted, 0, message);
    }

    private record Counts(long inserted, long updated, long deleted) {
    }

    // ---------------------------------------------------------------- bulk loading

    /**
     * The sync's tracking values as constant columns of every loaded row (for a target table, which has no
     * defaults for them): synced and job id, and deleted = false unless the source sends the deleted column itself.
     */
    private List<BulkLoadTarget.ConstantColumn> trackingValues() {
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
    private void loadFiles(TableName table, List<BulkLoadTarget.ConstantColumn> constants,
                           boolean createdInTransaction) {
        List<LoadFile> files = destination.filesToLoad(request, format);
        BulkLoader loader = destination.loader();
        BulkLoadTarget bulkTarget = new BulkLoadTarget(table, layout.dataColumns(), constants, createdInTransaction,
                this::headerNames);
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
            rowsLoaded += rows;
            filesLoaded++;
            progress.update(new ProgressEvent(PHASE, ProgressEvent.Status.RUNNING, rowsLoaded, 0, 0, i + 1,
                    files.size(), Optional.of("loaded " + file.displayName() + " (" + rows + " rows) with "
                    + loader.describe())));
        }
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

    // ---------------------------------------------------------------- first loads and OVERWRITE: build aside

    /**
     * Builds the table aside and publishes it (swaps it with the existing table, or renames it into place): the
     * files are bulk-loaded straight into it, so the data is written once. Only a MERGE whose batch holds one key
     * more than once goes through the staging table, which keeps the load order that de-duplication needs.
     */
    private Counts build(boolean exists, boolean hard) {
        report((exists ? "replacing " : "creating ") + target);
        boolean tx = d.transactionalDdl();
        Connection c = sql.connection();
        try {
            ensureSchema();
            sql.update(d.dropTableIfExists(aside));
            if (tx) {
                c.setAutoCommit(false);
            }
            asideCreated = true;
            // The tracking columns default to this sync's values while the files load; the defaults are dropped
            // before the table is published.
            sql.update(d.createTable(aside, layout.columnsWithSyncDefaults(d, request.sync())));
            Optional<String> keyFirst = request.loadMode() == LoadMode.MERGE && d.buildsKeyIndexBeforeLoad()
                    && !layout.keyColumns().isEmpty()
                    ? d.createUniqueKeyIndex(aside, keyIndexName(), layout.keyColumnDefs()) : Optional.empty();
            boolean duplicates;
            if (keyFirst.isPresent()) {
                sql.update(keyFirst.get());
                duplicates = !loadFilesIntoUniqueIndex(tx);
            } else {
                loadFiles(aside, List.of(), tx);
                duplicates = false;
            }
            long inserted = rowsLoaded;
            if (hard && !duplicates) {
                report("removing rows marked deleted");
                inserted -= sql.update(d.deleteWhere(aside, d.isTrue(layout.deleted(), Optional.empty())));
            }
            if (duplicates || (keyFirst.isEmpty() && indexAside(tx))) {
                report("the batch holds a key more than once: de-duplicating through a staging table");
                sql.update(d.dropTableIfExists(aside));
                sql.update(d.createTable(aside, layout.columnsWithSyncDefaults(d, request.sync())));
                rowsLoaded = 0;
                filesLoaded = 0;
                stage();
                deduplicateStaging();
                inserted = sql.update(d.insertFromStaging(aside, staging, layout.allColumnNames(), keepFilter(hard)));
                keyIndex(aside).ifPresent(sql::update);
            }
            for (ColumnDef t : layout.trackingColumns()) {
                d.dropDefault(aside, t.name()).ifPresent(sql::update);
            }
            publish(exists);
            if (tx) {
                c.commit();
            }
            asideCreated = false;
            return new Counts(inserted, 0, 0);
        } catch (SQLException e) {
            throw sql.translate(e, null);
        } finally {
            restoreAutoCommit(tx);
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
                loadFiles(aside, List.of(), tx);
            } catch (ConnectorException e) {
                if (e.getErrorType() == ErrorType.CANCELLED) {
                    throw e;
                }
                if (savepoint != null) {
                    c.rollback(savepoint);
                }
                LOG.info("loading {} into its unique key failed ({}): loading it through a staging table", target,
                        e.getMessage());
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
     * Creates the target's schema when it is missing and the destination declares {@code canAutoCreateSchema};
     * otherwise a missing schema fails the load with the canonical unsupported error before anything is written.
     */
    private void ensureSchema() {
        if (destination.getCapabilitiesConfig().canAutoCreateSchema()) {
            d.createSchemaIfNotExists(target).ifPresent(sql::update);
            return;
        }
        Optional<String> exists = d.schemaExistsQuery(target);
        if (exists.isPresent() && sql.queryLong(exists.get()).isEmpty()) {
            LOG.warn("schema of {} does not exist and {} does not create schemas; create it first", target,
                    destination.name());
            throw ConnectorException.unsupported(destination.name(), Feature.SCHEMA_AUTO_CREATION);
        }
    }

    private boolean hasDuplicateKeys(TableName table) {
        report("checking the batch for keys loaded more than once");
        return sql.queryLong(d.firstDuplicateKey(table, layout.keyColumns())).isPresent();
    }

    /**
     * Creates the key index on the aside table after its rows are in (one bulk build instead of row by row), and
     * tells whether the batch holds a key more than once, which only a MERGE load checks. A MERGE load gets a
     * unique index where the dialect has one: building it is the check, and the index lets later MERGE loads use
     * the database's native upsert. When the batch repeats a key the table has no key index yet.
     *
     * @param tx whether the build runs in a transaction (a failed unique index then rolls back to a savepoint)
     * @return true when the batch holds a key more than once
     */
    private boolean indexAside(boolean tx) {
        if (layout.keyColumns().isEmpty()) {
            return false;
        }
        boolean merge = request.loadMode() == LoadMode.MERGE;
        Optional<String> unique = merge ? d.createUniqueKeyIndex(aside, keyIndexName(), layout.keyColumnDefs())
                : Optional.empty();
        if (unique.isPresent()) {
            report("creating the unique key index");
            Optional<ConnectorException> failure = tryUpdate(unique.get(), tx);
            if (failure.isEmpty()) {
                return false;
            }
            if (hasDuplicateKeys(aside)) {
                return true;
            }
            throw failure.get();
        }
        boolean check = merge && rowsLoaded > 1;
        boolean withIndex = d.checksDuplicatesWithKeyIndex();
        if (check && !withIndex && hasDuplicateKeys(aside)) {
            return true;
        }
        d.createKeyIndex(aside, keyIndexName(), layout.keyColumnDefs()).ifPresent(sql::update);
        return check && withIndex && hasDuplicateKeys(aside);
    }

    /** The statement creating {@code table}'s key index: unique for a MERGE load where the dialect has one. */
    private Optional<String> keyIndex(TableName table) {
        if (layout.keyColumns().isEmpty()) {
            return Optional.empty();
        }
        String name = keyIndexName();
        Optional<String> unique = request.loadMode() == LoadMode.MERGE
                ? d.createUniqueKeyIndex(table, name, layout.keyColumnDefs()) : Optional.empty();
        return unique.or(() -> d.createKeyIndex(table, name, layout.keyColumnDefs()));
    }

    /**
     * A key index name unique per build: a retry of the same sync builds aside again while the table it replaces
     * still holds the previous attempt's index, and some databases name indexes per schema.
     */
    private String keyIndexName() {
        return d.identifiers().normalize(KEY_INDEX_PREFIX + syncPart + "_"
                + Long.toString(System.nanoTime() & 0xFFFFFFFFL, 36) + "_" + target.table(), IdentifierKind.TABLE);
    }

    static boolean isOwnKeyIndex(String indexName) {
        return indexName.regionMatches(true, 0, KEY_INDEX_PREFIX, 0, KEY_INDEX_PREFIX.length());
    }

    /** The target's unique indexes over exactly the key columns (none when the dialect cannot tell). */
    private List<String> uniqueKeyIndexes() {
        if (layout.keyColumns().isEmpty()) {
            return List.of();
        }
        return d.uniqueKeyIndexesQuery(target, layout.keyColumns()).map(q -> sql.query(q, rs -> {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        })).orElse(List.of());
    }

    /**
     * Runs a statement that may fail, keeping the transaction usable: in a transaction the failure rolls back to a
     * savepoint set just before. Cancellation is rethrown.
     *
     * @return the failure, or empty when the statement succeeded
     */
    private Optional<ConnectorException> tryUpdate(String statement, boolean tx) {
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
    private void publish(boolean exists) {
        request.cancellation().checkCancellation("load: publishing " + target);
        if (exists) {
            swapIn(aside);
        } else {
            sql.update(d.renameTable(aside, target.table()));
        }
    }

    /**
     * Replaces the target by {@code replacement}, dropping the old table. Where DDL is not transactional the swap is
     * the load's commit point: after it, nothing cancels the load, and the retired table is dropped before success
     * is reported (by a later load if the connection is lost first).
     */
    private void swapIn(TableName replacement) {
        sql.update(d.dropTableIfExists(retired));
        List<String> swap = d.swapTables(target, replacement, retired);
        for (int i = 0; i < swap.size(); i++) {
            if (!d.transactionalDdl() && i == swap.size() - 1) {
                retiredLeft = true;
                sql.updateIgnoringCancellation(swap.get(i));
            } else {
                sql.update(swap.get(i));
            }
        }
        report("dropping the replaced table");
        if (d.transactionalDdl()) {
            sql.update(d.dropTableIfExists(retired));
        }
    }

    /** Creates the empty table (ddlOnly, zeroRows) aside and publishes it. */
    private void buildEmpty(boolean exists) {
        report((exists ? "replacing " : "creating ") + target);
        boolean tx = d.transactionalDdl();
        Connection c = sql.connection();
        try {
            ensureSchema();
            sql.update(d.dropTableIfExists(aside));
            if (tx) {
                c.setAutoCommit(false);
            }
            asideCreated = true;
            sql.update(d.createTable(aside, layout.allColumns()));
            keyIndex(aside).ifPresent(sql::update);
            publish(exists);
            if (tx) {
                c.commit();
            }
            asideCreated = false;
        } catch (SQLException e) {
            throw sql.translate(e, null);
        } finally {
            restoreAutoCommit(tx);
        }
    }

    // ---------------------------------------------------------------- APPEND, TRUNCATE_AND_LOAD: straight in

    /**
     * Whether the files can be bulk-loaded straight into the existing target inside the load's transaction: APPEND
     * and TRUNCATE_AND_LOAD without hard deletes (nothing is matched against existing rows), when the database's
     * DDL is transactional or there is no schema change, and the target's key columns are NOT NULL (so a NULL key
     * fails the load instead of landing in the table).
     */
    private boolean loadsDirectly(List<ExistingColumn> existing, List<SchemaChange> changes, boolean hard) {
        if (hard || (request.loadMode() != LoadMode.APPEND && request.loadMode() != LoadMode.TRUNCATE_AND_LOAD)) {
            return false;
        }
        if ((!changes.isEmpty() || !indexesToDemote.isEmpty()) && !d.transactionalDdl()) {
            return false;
        }
        for (String key : layout.keyColumns()) {
            boolean notNull = existing.stream().anyMatch(c -> d.sameColumnName(c.name(), key) && !c.nullable());
            if (!notNull) {
                return false;
            }
        }
        return true;
    }

    private Counts loadIntoTarget(List<SchemaChange> changes) {
        Connection c = sql.connection();
        try {
            c.setAutoCommit(false);
            applyChanges(changes);
            if (request.loadMode() == LoadMode.APPEND) {
                report("removing rows of an earlier attempt of sync " + request.sync().syncId());
                sql.update(d.deleteWhere(target, d.quote(layout.jobId()) + " = "
                        + d.stringLiteral(request.sync().syncId())));
                report("appending");
            } else {
                report("emptying and reloading");
                sql.update(d.deleteAllRows(target));
            }
            loadFiles(target, trackingValues(), false);
            request.cancellation().checkCancellation("load: committing " + target);
            c.commit();
            return new Counts(rowsLoaded, 0, 0);
        } catch (SQLException e) {
            throw sql.translate(e, null);
        } finally {
            restoreAutoCommit(true);
        }
    }

    // ---------------------------------------------------------------- MERGE and hard deletes: staging

    private void stage() {
        // The staging table lives beside the target, so a first load into a new schema creates the schema first.
        ensureSchema();
        sql.update(d.dropTableIfExists(staging));
        stagingCreated = true;
        // Key columns NOT NULL, as in the target: a NULL key fails the bulk load (see NullKeys).
        sql.update(d.createStagingTable(staging, layout.columnsWithSyncDefaults(d, request.sync())));
        loadFiles(staging, List.of(), false);
    }

    /** Removes superseded rows of keys the batch holds more than once; skipped when no key repeats. */
    private void deduplicateStaging() {
        if (rowsLoaded > 1 && hasDuplicateKeys(staging)) {
            report("removing superseded duplicate keys");
            sql.update(d.deleteSupersededRows(staging, layout.keyColumns(), layout.cursorColumn()));
        }
    }

    private Optional<String> keepFilter(boolean hard) {
        return hard ? Optional.of(d.isNotTrue(layout.deleted(), Optional.of("s"))) : Optional.empty();
    }

    private Counts applyLoadMode(List<SchemaChange> changes, boolean hard) {
        Optional<String> keep = keepFilter(hard);
        Connection c = sql.connection();
        boolean tx = true;
        long inserted = 0;
        long updated = 0;
        long deleted = 0;
        try {
            if (!d.transactionalDdl()) {
                applyChanges(changes);
            }
            c.setAutoCommit(false);
            if (d.transactionalDdl()) {
                applyChanges(changes);
            }
            List<String> all = layout.allColumnNames();
            switch (request.loadMode()) {
                case APPEND -> {
                    report("removing rows of an earlier attempt of sync " + request.sync().syncId());
                    sql.update(d.deleteWhere(target, d.quote(layout.jobId()) + " = "
                            + d.stringLiteral(request.sync().syncId())));
                    if (hard) {
                        deleted = sql.update(d.deleteMatching(target, staging, layout.keyColumns(),
                                d.isTrue(layout.deleted(), Optional.of("s"))));
                    }
                    report("appending");
                    inserted = sql.update(d.insertFromStaging(target, staging, all, keep));
                }
                case MERGE -> {
                    if (hard) {
                        report("hard-deleting rows marked deleted");
                        deleted = sql.update(d.deleteMatching(target, staging, layout.keyColumns(),
                                d.isTrue(layout.deleted(), Optional.of("s"))));
                    }
                    List<String> nonKeys = all.stream().filter(n -> !layout.keyColumns().contains(n)).toList();
                    Optional<String> upsert = d.upsertFromStaging(target, staging, layout.keyColumns(), nonKeys, all,
                            keep, !uniqueKeyIndexes().isEmpty());
                    if (upsert.isPresent()) {
                        report("updating rows with matching keys and inserting the others");
                        long[] counts = sql.query(upsert.get(), rs -> rs.next()
                                ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0});
                        updated = counts[0];
                        inserted = counts[1];
                    } else {
                        report("updating rows with matching keys");
                        updated = sql.update(d.updateFromStaging(target, staging, layout.keyColumns(), nonKeys,
                                keep));
                        report("inserting rows with new keys");
                        inserted = sql.update(d.insertMissingFromStaging(target, staging, layout.keyColumns(), all,
                                keep));
                    }
                }
                case TRUNCATE_AND_LOAD -> {
                    report("emptying and reloading");
                    sql.update(d.deleteAllRows(target));
                    inserted = sql.update(d.insertFromStaging(target, staging, all, keep));
                }
                case OVERWRITE -> throw new IllegalStateException("OVERWRITE is built aside");
            }
            request.cancellation().checkCancellation("load: committing " + target);
            c.commit();
            return new Counts(inserted, updated, deleted);
        } catch (SQLException e) {
            throw sql.translate(e, null);
        } finally {
            restoreAutoCommit(tx);
        }
    }

    private void applyChangesInTransaction(List<SchemaChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        boolean tx = d.transactionalDdl();
        try {
            if (tx) {
                sql.connection().setAutoCommit(false);
            }
            applyChanges(changes);
            if (tx) {
                sql.connection().commit();
            }
        } catch (SQLException e) {
            throw sql.translate(e, null);
        } finally {
            restoreAutoCommit(tx);
        }
    }

    /**
     * Applies the schema changes (in place, or by rebuilding the table when a type cannot be altered in place), then
     * replaces the SDK's unique key index by a plain one where it must go.
     */
    private void applyChanges(List<SchemaChange> changes) {
        if (changes.stream().anyMatch(c -> c.kind() == SchemaChange.Kind.WIDEN && widening(c).isEmpty())) {
            rebuild(changes);
            return;
        }
        for (SchemaChange change : changes) {
            switch (change.kind()) {
                case ADD -> {
                    report("adding column " + change.column().name());
                    sql.update(d.addColumn(target, change.column()));
                    undoable(List.of(d.dropColumn(target, change.column().name())));
                }
                case WIDEN -> {
                    ExistingColumn old = change.existing().orElseThrow();
                    report("widening column " + old.name() + " from " + old.nativeType() + " to "
                            + change.column().nativeType());
                    widening(change).orElseThrow().forEach(sql::update);
                    // the rows are rolled back, so they fit the old type again
                    d.widenColumn(target, change.column().withNullable(old.nullable()), asColumn(old))
                            .ifPresent(this::undoable);
                }
            }
        }
        if (!indexesToDemote.isEmpty()) {
            report("replacing the unique key index: " + request.loadMode() + " keeps duplicate keys");
            for (String index : indexesToDemote) {
                sql.update(d.dropIndex(target, index));
                d.createUniqueKeyIndex(target, index, layout.keyColumnDefs()).ifPresent(s -> undoable(List.of(s)));
            }
            String plain = keyIndexName();
            Optional<String> create = d.createKeyIndex(target, plain, layout.keyColumnDefs());
            if (create.isPresent()) {
                sql.update(create.get());
                undoable(List.of(d.dropIndex(target, plain)));
            }
        }
    }

    /** A column as it is, for DDL; a type the dialect does not know stays its native type (STRING stands in). */
    private static ColumnDef asColumn(ExistingColumn column) {
        return new ColumnDef(column.name(), column.type().orElse(ColumnType.of(CanonicalType.STRING)),
                column.nativeType(), column.nullable(), Optional.empty());
    }

    private Optional<List<String>> widening(SchemaChange change) {
        return d.widenColumn(target, asColumn(change.existing().orElseThrow()), change.column());
    }

    /**
     * Applies schema changes by rebuilding the table, for a dialect that cannot change a column's type in place:
     * creates the new definition beside the target (widened and added columns, in the existing order), copies the
     * rows converting the widened columns, builds the key index (unique when the target had one and keeps it), and
     * swaps it in. Rows, columns and the key index are kept; other indexes, constraints, defaults and grants of the
     * old table are not. In a transaction where DDL is transactional; elsewhere a failed load keeps the rebuilt
     * table (same rows, wider types).
     */
    private void rebuild(List<SchemaChange> changes) {
        request.cancellation().checkCancellation("load: rebuilding " + target);
        report("rebuilding " + target + ": " + d.name() + " cannot change a column's type in place");
        LOG.warn("rebuilding {} to widen column types; indexes other than the key index, constraints, defaults and"
                + " grants of the old table are not carried over", target);
        List<ColumnDef> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (ExistingColumn column : existingColumns) {
            Optional<SchemaChange> widen = changes.stream().filter(c -> c.kind() == SchemaChange.Kind.WIDEN
                    && d.sameColumnName(c.existing().orElseThrow().name(), column.name())).findFirst();
            ColumnDef def = widen.map(c -> c.column().withNullable(column.nullable())).orElse(asColumn(column));
            columns.add(def);
            names.add(column.name());
            values.add(widen.isPresent() ? d.castTo(d.quote(column.name()), def) : d.quote(column.name()));
        }
        changes.stream().filter(c -> c.kind() == SchemaChange.Kind.ADD)
                .forEach(c -> columns.add(c.column().withNullable(true)));
        boolean unique = indexesToDemote.isEmpty() && !uniqueKeyIndexes().isEmpty();
        sql.update(d.dropTableIfExists(rebuilt));
        rebuiltCreated = true;
        sql.update(d.createTable(rebuilt, columns));
        sql.update(d.insertSelect(rebuilt, names, values, target));
        if (!layout.keyColumns().isEmpty()) {
            String index = keyIndexName();
            (unique ? d.createUniqueKeyIndex(rebuilt, index, layout.keyColumnDefs()) : Optional.<String>empty())
                    .or(() -> d.createKeyIndex(rebuilt, index, layout.keyColumnDefs())).ifPresent(sql::update);
        }
        swapIn(rebuilt);
        rebuiltCreated = false;
        indexesToDemote = List.of();
    }

    // ---------------------------------------------------------------- helpers

    private void undoable(List<String> statements) {
        if (!d.transactionalDdl()) {
            undo.add(statements);
        }
    }

    /**
     * Undoes the schema changes a failed load applied outside its transaction, newest first, so the table has its
     * definition from before the load. Never throws: a statement that fails is logged and added to the failure.
     */
    private void undoSchemaChanges(RuntimeException failure) {
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

    private List<ExistingColumn> readColumns(TableName table) {
        return sql.query(d.columnsQuery(table), rs -> {
            List<ExistingColumn> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(d.readColumn(rs));
            }
            return columns;
        });
    }

    private void restoreAutoCommit(boolean wasInTransaction) {
        if (wasInTransaction) {
            rollbackQuietly();
        }
    }

    /** Drops the staging and any unpublished aside table; never throws, never checks cancellation. */
    private void cleanUp() {
        rollbackQuietly();
        if (stagingCreated) {
            dropQuietly(staging);
        }
        if (asideCreated) {
            dropQuietly(aside);
        }
        if (rebuiltCreated) {
            dropQuietly(rebuilt);
        }
        if (retiredLeft) {
            dropQuietly(retired);
        }
    }

    /** Ends an open transaction with a rollback and returns to auto-commit; never throws. */
    private void rollbackQuietly() {
        Connection c = sql.connection();
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warn("could not roll back on {}: {}", target, e.toString());
        }
    }

    private void dropQuietly(TableName table) {
        try (var st = sql.connection().createStatement()) {
            st.execute(d.dropTableIfExists(table));
        } catch (SQLException e) {
            LOG.warn("could not drop {}: {}", table, e.toString());
        }
    }

    private void report(String message) {
        progress.update(new ProgressEvent(PHASE, ProgressEvent.Status.RUNNING, rowsLoaded, 0, 0, filesLoaded, 0,
                Optional.of(message)));
    }
}
