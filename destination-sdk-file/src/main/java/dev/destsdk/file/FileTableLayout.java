package dev.destsdk.file;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.format.FileSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The columns of a mapped object's data files: the object's fields (in data-file order), then the tracking columns
 * the destination fills (synced as TIMESTAMP_TZ, job id as STRING and, unless the source sends it, deleted as
 * BOOLEAN false). Immutable.
 *
 * @param table the table; not null
 * @param schema every column, data columns first; not null
 * @param dataColumns how many leading columns the data files fill
 * @param syncedIndex the synced column's index
 * @param jobIdIndex the job id column's index
 * @param deletedIndex the deleted column's index when the destination fills it, else -1
 * @param keyColumns the primary-key column names; not null
 */
public record FileTableLayout(TableId table, FileSchema schema, int dataColumns, int syncedIndex, int jobIdIndex,
                              int deletedIndex, List<String> keyColumns) {
    /** Validates the components. */
    public FileTableLayout {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(schema, "schema is null");
        keyColumns = List.copyOf(keyColumns);
    }

    /**
     * @param target a mapped object (schema and name set, field names final); not null
     * @param tracking the tracking column names; not null
     * @return its layout
     */
    public static FileTableLayout of(ObjectMetadata target, TrackingColumns tracking) {
        TableId id = new TableId(target.getSchema().orElseThrow(() -> new IllegalArgumentException(
                "the mapped object " + target.getName() + " has no schema")), target.getName());
        List<FileColumn> columns = new ArrayList<>();
        boolean sendsDeleted = false;
        for (FieldMetadata f : target.getFields()) {
            columns.add(column(f));
            sendsDeleted |= f.getName().equals(tracking.deleted());
        }
        int data = columns.size();
        columns.add(FileColumn.of(tracking.synced(), CanonicalType.TIMESTAMP_TZ));
        columns.add(FileColumn.of(tracking.jobId(), CanonicalType.STRING));
        int deleted = -1;
        if (!sendsDeleted) {
            deleted = columns.size();
            columns.add(FileColumn.of(tracking.deleted(), CanonicalType.BOOLEAN));
        }
        List<String> keys = target.getPrimaryKeyFields().stream().map(FieldMetadata::getName).toList();
        return new FileTableLayout(id, new FileSchema(columns), data, data, data + 1, deleted, keys);
    }

    /**
     * @param other a schema with the same column names, order and types (e.g. with field ids)
     * @return a copy with that schema
     * @throws IllegalArgumentException when the columns differ in name, order or type
     */
    public FileTableLayout withSchema(FileSchema other) {
        if (other.size() != schema.size()) {
            throw new IllegalArgumentException("the data file schema must keep the columns " + schema);
        }
        for (int i = 0; i < other.size(); i++) {
            if (!other.column(i).name().equals(schema.column(i).name())
                    || other.column(i).type() != schema.column(i).type()) {
                throw new IllegalArgumentException("the data file schema must keep column " + schema.column(i)
                        + " at position " + i + "; got " + other.column(i));
            }
        }
        return new FileTableLayout(table, other, dataColumns, syncedIndex, jobIdIndex, deletedIndex, keyColumns);
    }

    /**
     * @param f a mapped field
     * @return its file column (DECIMAL with defaults for an undeclared precision or scale)
     */
    public static FileColumn column(FieldMetadata f) {
        if (f.getCanonicalType() == CanonicalType.DECIMAL) {
            return FileColumn.decimal(f.getName(), f.getPrecision(), f.getScale());
        }
        return new FileColumn(f.getName(), f.getCanonicalType(), OptionalInt.empty(), OptionalInt.empty(), true,
                OptionalInt.empty());
    }
}
