package dev.destsdk.iceberg;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the Iceberg destination creates and commits tables.
 *
 * @param partitioning partition fields of new tables, each {@code column} or {@code identity(column)},
 *     {@code year(column)}, {@code month(column)}, {@code day(column)}, {@code hour(column)},
 *     {@code bucket(n, column)} or {@code truncate(w, column)}, on any mapped column or tracking column whose type
 *     the transform takes (year, month, day: date or timestamp; hour: timestamp; bucket: int, long, decimal, date,
 *     time, timestamp, string, uuid, binary; truncate: int, long, decimal, string, binary), checked when a table is
 *     created (a CONFIGURATION_ERROR names the field, the column and the transform); empty (the default) for
 *     unpartitioned tables. An existing table keeps its spec. When a field's source is a data column, a load
 *     rewrites the staged files by partition before it commits them.
 * @param tableProperties properties of new tables (e.g. {@code write.metadata.previous-versions-max}); format
 *     version 2 and {@code write.parquet.compression-codec} are set by the destination; not null
 * @param commitAttempts how often a load's commit is attempted when it loses a race with another writer and
 *     Iceberg's own retries are used up (the table is re-read each time, and an attempt that finds its sync already
 *     committed stops); at least 1
 */
public record IcebergTableOptions(List<String> partitioning, Map<String, String> tableProperties,
                                  int commitAttempts) {
    /** Unpartitioned, no extra properties, 5 commit attempts. */
    public static final IcebergTableOptions DEFAULT = new IcebergTableOptions(List.of(), Map.of(), 5);

    /** Validates the components and copies the collections. */
    public IcebergTableOptions {
        partitioning = List.copyOf(Objects.requireNonNull(partitioning, "partitioning is null"));
        tableProperties = Map.copyOf(Objects.requireNonNull(tableProperties, "tableProperties is null"));
        if (commitAttempts < 1) {
            throw new IllegalArgumentException("commitAttempts must be at least 1: " + commitAttempts);
        }
    }

    /**
     * @param fields the partition fields, as {@link #partitioning()} describes them
     * @return a copy with that partitioning
     */
    public IcebergTableOptions withPartitioning(List<String> fields) {
        return new IcebergTableOptions(fields, tableProperties, commitAttempts);
    }
}
