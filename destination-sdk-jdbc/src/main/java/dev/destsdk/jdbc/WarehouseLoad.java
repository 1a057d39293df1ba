package dev.destsdk.jdbc;

import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.naming.IdentifierKind;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.plan.SchemaChange;
import dev.destsdk.jdbc.plan.SchemaDiff;
import dev.destsdk.jdbc.plan.TableLayout;
import java.sql.Connection;
import java.sql.SQLException;
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
    private final String syncPart;
    private final List<FileRange> ranges = new ArrayList<>();
    private boolean stagingCreated;
    private boolean asideCreated;
    private long rowsStaged;

    /** The load-order row numbers one file's rows received in the staging table. */
    private record FileRange(LoadFile file, long firstRow, long rows) {
    }

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
    }

    private String helperName(String prefix) {
        return d.identifiers().normalize(prefix + syncPart + "_" + target.table(), IdentifierKind.TABLE);
    }

    LoadResponse run() {
        try {
            return execute();
        } finally {
            cleanUp();
        }
    }

    private LoadResponse execute() {
        report("reading the definition of " + target);
        List<ExistingColumn> existing = readColumns(target);
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

        if (request.ddlOnly() || request.zeroRows()) {
            String what;
            if (!exists || replace) {
                buildAndPublish(exists, false);
                what = exists ? "recreated" : "created";
            } else if (request.ddlOnly()) {
                applyChangesInTransaction(changes);
                what = changes.isEmpty() ? "left unchanged" : "altered (" + changes.size() + " change(s))";
            } else {
                what = "left unchanged";
            }
            String message = (request.ddlOnly() ? "ddl only" : "zero rows") + ": table " + target + " " + what;
            progress.update(new ProgressEvent(PHASE, ProgressEvent.Status.ENDED, 0, 0, 0, 0, 0, Optional.of(message)));
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

        stage();
        if (!layout.keyColumns().isEmpty()) {
            rejectNullKeys();
        }
        if (request.loadMode() == LoadMode.MERGE) {
            report("removing superseded duplicate keys");
            sql.update(d.deleteSupersededRows(staging, layout.keyColumns(), layout.cursorColumn()));
        }
        Optional<String> keep = hard ? Optional.of(d.isNotTrue(layout.deleted(), Optional.of("s"))) : Optional.empty();
        Counts counts;
        if (!exists || replace) {
            counts = new Counts(buildAndPublish(exists, true), 0, 0);
        } else {
            counts = applyLoadMode(changes, hard, keep);
        }
        long loaded = counts.inserted + counts.updated;
        String message = request.loadMode() + " into " + target + ": " + counts.inserted + " inserted, "
                + counts.updated + " updated, " + counts.deleted + " deleted from " + rowsStaged + " staged row(s)";
        progress.update(new ProgressEvent(PHASE, ProgressEvent.Status.ENDED, rowsStaged, loaded, 0, ranges.size(),
                ranges.size(), Optional.of(message)));
        LOG.info("{}", message);
        return new LoadResponse(loaded, counts.inserted, counts.updated, counts.deleted, 0, message);
    }

    private record Counts(long inserted, long updated, long deleted) {
    }

    // ---------------------------------------------------------------- staging

    private void stage() {
        List<LoadFile> files = destination.filesToLoad(request, format);
        BulkLoader loader = destination.loader();
        sql.update(d.dropTableIfExists(staging));
        stagingCreated = true;
        sql.update(d.createStagingTable(staging, layout.columnsWithSyncDefaults(d, request.sync())));
        BulkLoadTarget bulkTarget = new BulkLoadTarget(staging, layout.dataColumns());
        for (int i = 0; i < files.size(); i++) {
            LoadFile file = files.get(i);
            request.cancellation().checkCancellation("load: file " + (i + 1) + " of " + files.size());
            long rows;
            try {
                rows = loader.load(sql, bulkTarget, file);
            } catch (ConnectorException e) {
                throw e.getErrorType() == ErrorType.CANCELLED ? e : file.attribute(e);
            }
            ranges.add(new FileRange(file, rowsStaged + 1, rows));
            rowsStaged += rows;
            progress.update(new ProgressEvent(PHASE, ProgressEvent.Status.RUNNING, rowsStaged, 0, 0, i + 1,
                    files.size(), Optional.of("loaded " + file.displayName() + " (" + rows + " rows) with "
                    + loader.describe())));
        }
    }

    private void rejectNullKeys() {
        Optional<Long> row = sql.queryLong(d.firstNullKeyRow(staging, layout.keyColumns()));
        if (row.isEmpty()) {
            return;
        }
        long n = row.get();
        ConnectorException.Builder error = ConnectorException.builder(ErrorType.VALIDATION_ERROR, "a record has a NULL "
                        + "primary key (" + String.join(", ", layout.keyColumns()) + "); every record of "
                        + target + " needs a key: fix the source rows or the key fields")
                .object(target.toString()).column(layout.keyColumns().get(0));
        for (FileRange r : ranges) {
            if (n >= r.firstRow && n < r.firstRow + r.rows) {
                error.file(r.file.displayName()).record(n - r.firstRow + 1);
                break;
            }
        }
        throw error.build();
    }

    // ---------------------------------------------------------------- applying

    /**
     * Builds the table aside (staging rows, key index) and publishes it: swaps it with the existing table, or renames
     * it into place.
     */
    private long buildAndPublish(boolean exists, boolean withRows) {
        report((exists ? "replacing " : "creating ") + target);
        long inserted = 0;
        boolean tx = d.transactionalDdl();
        Connection c = sql.connection();
        try {
            if (!exists) {
                d.createSchemaIfNotExists(target).ifPresent(sql::update);
            }
            sql.update(d.dropTableIfExists(aside));
            if (tx) {
                c.setAutoCommit(false);
            }
            asideCreated = true;
            sql.update(d.createTable(aside, layout.allColumns()));
            if (withRows) {
                boolean hard = request.hardDeletes() && layout.sourceSendsDeleted();
                inserted = sql.update(d.insertFromStaging(aside, staging, layout.allColumnNames(),
                        hard ? Optional.of(d.isNotTrue(layout.deleted(), Optional.of("s"))) : Optional.empty()));
            }
            if (!layout.keyColumns().isEmpty()) {
                String index = d.identifiers().normalize(target.table() + "_key_" + syncPart, IdentifierKind.TABLE);
                d.createKeyIndex(aside, index, layout.keyColumnDefs()).ifPresent(sql::update);
            }
            request.cancellation().checkCancellation("load: publishing " + target);
            if (exists) {
                sql.update(d.dropTableIfExists(retired));
                for (String statement : d.swapTables(target, aside, retired)) {
                    sql.update(statement);
                }
                sql.update(d.dropTableIfExists(retired));
            } else {
                sql.update(d.renameTable(aside, target.table()));
            }
            if (tx) {
                c.commit();
            }
            asideCreated = false;
            return inserted;
        } catch (SQLException e) {
            throw sql.translate(e, null);
        } finally {
            restoreAutoCommit(tx);
        }
    }

    private Counts applyLoadMode(List<SchemaChange> changes, boolean hard, Optional<String> keep) {
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
                    report("updating rows with matching keys");
                    updated = sql.update(d.updateFromStaging(target, staging, layout.keyColumns(), nonKeys, keep));
                    report("inserting rows with new keys");
                    inserted = sql.update(d.insertMissingFromStaging(target, staging, layout.keyColumns(), all, keep));
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

    private void applyChanges(List<SchemaChange> changes) {
        for (SchemaChange change : changes) {
            switch (change.kind()) {
                case ADD -> {
                    report("adding column " + change.column().name());
                    sql.update(d.addColumn(target, change.column()));
                }
                case WIDEN -> {
                    ExistingColumn old = change.existing().orElseThrow();
                    ColumnDef from = new ColumnDef(old.name(), old.type().orElseThrow(), old.nativeType(),
                            old.nullable(), Optional.empty());
                    report("widening column " + old.name() + " from " + old.nativeType() + " to "
                            + change.column().nativeType());
                    List<String> statements = d.widenColumn(target, from, change.column()).orElseThrow(() ->
                            ConnectorException.unsupported(d.name(), "widening column " + old.name() + " of " + target
                                    + " from " + old.nativeType() + " to " + change.column().nativeType()
                                    + " in place (the table would have to be rebuilt)"));
                    statements.forEach(sql::update);
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

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
        if (!wasInTransaction) {
            return;
        }
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

    /** Drops the staging and any unpublished aside table; never throws, never checks cancellation. */
    private void cleanUp() {
        Connection c = sql.connection();
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warn("could not roll back on {}: {}", target, e.toString());
        }
        if (stagingCreated) {
            dropQuietly(staging);
        }
        if (asideCreated) {
            dropQuietly(aside);
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
        progress.update(new ProgressEvent(PHASE, ProgressEvent.Status.RUNNING, rowsStaged, 0, 0, ranges.size(), 0,
                Optional.of(message)));
    }
}
