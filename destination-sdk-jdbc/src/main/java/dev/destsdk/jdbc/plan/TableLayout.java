package dev.destsdk.jdbc.plan;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.IdentifierKind;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The columns of a target table as a load writes them: the mapped object's fields (in file order) followed by the
 * tracking columns, with native types from the dialect, the key and cursor columns, and the names of the tracking
 * columns as final identifiers.
 *
 * <p>When the source sends the soft-delete column itself (a field with the deleted tracking column's name), it is
 * a data column and not added again. Key columns are NOT NULL; every other column is nullable. Immutable.
 *
 * @param table the target table; not null
 * @param dataColumns the columns the data files fill, in file order; not null
 * @param trackingColumns the tracking columns the load adds (synced, job id and, unless the source sends it,
 *     deleted); not null
 * @param keyColumns the primary key column names; not null
 * @param cursorColumn the cursor column name, if any
 * @param synced the synced tracking column's name; not null
 * @param jobId the job id tracking column's name; not null
 * @param deleted the deleted tracking column's name; not null
 * @param sourceSendsDeleted whether the data files carry the deleted column
 */
public record TableLayout(TableName table, List<ColumnDef> dataColumns, List<ColumnDef> trackingColumns,
                          List<String> keyColumns, Optional<String> cursorColumn, String synced, String jobId,
                          String deleted, boolean sourceSendsDeleted) {

    /** The length of the job id column: sync ids have at most 128 characters. */
    public static final int JOB_ID_LENGTH = 128;

    /** Validates and copies the components. */
    public TableLayout {
        Objects.requireNonNull(table, "table is null");
        dataColumns = List.copyOf(dataColumns);
        trackingColumns = List.copyOf(trackingColumns);
        keyColumns = List.copyOf(keyColumns);
        Objects.requireNonNull(cursorColumn, "cursorColumn is null");
        Objects.requireNonNull(synced, "synced is null");
        Objects.requireNonNull(jobId, "jobId is null");
        Objects.requireNonNull(deleted, "deleted is null");
    }

    /**
     * Lays out a mapped object.
     *
     * @param mapped the mapped target object (names already final identifiers); not null
     * @param dialect the dialect; not null
     * @param tracking the tracking column names (raw; normalised here); not null
     * @return the layout
     * @throws ConnectorException VALIDATION_ERROR when a field collides with a tracking column, or the source's
     *     deleted column is not BOOLEAN
     */
    public static TableLayout of(ObjectMetadata mapped, SqlDialect dialect, TrackingColumns tracking) {
        TableName table = new TableName(mapped.getCatalog(), mapped.getSchema(), mapped.getName());
        String synced = dialect.identifiers().normalize(tracking.synced(), IdentifierKind.COLUMN);
        String jobId = dialect.identifiers().normalize(tracking.jobId(), IdentifierKind.COLUMN);
        String deleted = dialect.identifiers().normalize(tracking.deleted(), IdentifierKind.COLUMN);
        List<ColumnDef> data = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        boolean sendsDeleted = false;
        for (FieldMetadata f : mapped.getFields()) {
            String name = f.getName();
            if (dialect.sameColumnName(name, synced) || dialect.sameColumnName(name, jobId)) {
                throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "field '" + name
                                + "' has the name of a tracking column the destination fills itself; rename the field or"
                                + " configure other tracking column names")
                        .object(table.toString()).column(name).build();
            }
            if (dialect.sameColumnName(name, deleted)) {
                if (f.getCanonicalType() != CanonicalType.BOOLEAN) {
                    throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "field '" + name
                                    + "' is the soft-delete marker and must be BOOLEAN, not " + f.getCanonicalType())
                            .object(table.toString()).column(name).build();
                }
                sendsDeleted = true;
            }
            ColumnType type = dialect.effectiveType(new ColumnType(f.getCanonicalType(), f.getPrecision(),
                    f.getCanonicalType() == CanonicalType.DECIMAL ? f.getScale() : Optional.empty()));
            data.add(new ColumnDef(name, type, dialect.nativeType(type), !f.isPrimaryKey(), Optional.empty()));
            if (f.isPrimaryKey()) {
                keys.add(name);
            }
            if (f.isCursorField() && cursor.isEmpty()) {
                cursor = Optional.of(name);
            }
        }
        List<ColumnDef> trackingDefs = new ArrayList<>();
        trackingDefs.add(column(dialect, synced, ColumnType.of(CanonicalType.TIMESTAMP_TZ)));
        trackingDefs.add(column(dialect, jobId, new ColumnType(CanonicalType.STRING, Optional.of(JOB_ID_LENGTH),
                Optional.empty())));
        if (!sendsDeleted) {
            trackingDefs.add(column(dialect, deleted, ColumnType.of(CanonicalType.BOOLEAN)));
        }
        return new TableLayout(table, data, trackingDefs, keys, cursor, synced, jobId, deleted, sendsDeleted);
    }

    private static ColumnDef column(SqlDialect dialect, String name, ColumnType type) {
        ColumnType effective = dialect.effectiveType(type);
        return new ColumnDef(name, effective, dialect.nativeType(effective), true, Optional.empty());
    }

    /** @return data columns followed by tracking columns: the target table's columns */
    public List<ColumnDef> allColumns() {
        List<ColumnDef> all = new ArrayList<>(dataColumns);
        all.addAll(trackingColumns);
        return all;
    }

    /** @return the names of {@link #allColumns()} */
    public List<String> allColumnNames() {
        return allColumns().stream().map(ColumnDef::name).toList();
    }

    /** @return the key column definitions in key order */
    public List<ColumnDef> keyColumnDefs() {
        return dataColumns.stream().filter(c -> keyColumns.contains(c.name())).toList();
    }

    /**
     * The columns of a table the load creates and bulk-loads (a staging table, a table built aside): every column,
     * with the tracking columns defaulting to this sync's values (deleted to false) so that a bulk loader fills only
     * the file's columns and rows are complete target rows. Key columns stay NOT NULL: a record with a NULL key fails
     * the bulk load, and the load then names its file and record.
     *
     * @param dialect the dialect; not null
     * @param sync the sync; not null
     * @return the columns with defaults
     */
    public List<ColumnDef> columnsWithSyncDefaults(SqlDialect dialect, SyncContext sync) {
        List<ColumnDef> all = new ArrayList<>(dataColumns);
        for (ColumnDef t : trackingColumns) {
            if (t.name().equals(synced)) {
                all.add(t.withDefault(dialect.timestampTzLiteral(sync.syncTime())));
            } else if (t.name().equals(jobId)) {
                all.add(t.withDefault(dialect.stringLiteral(sync.syncId())));
            } else {
                all.add(t.withDefault(dialect.booleanLiteral(false)));
            }
        }
        return all;
    }
}
