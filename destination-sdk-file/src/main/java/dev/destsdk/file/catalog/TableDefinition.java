package dev.destsdk.file.catalog;

import dev.destsdk.file.format.FileSchema;
import java.util.List;
import java.util.Objects;

/**
 * What a catalog knows about a table besides its partitions.
 *
 * @param id the table; not null
 * @param schema the data columns (partition columns excluded); not null
 * @param format the data files' format name, e.g. {@code parquet}; not null
 * @param location the table's key prefix, ending in {@code /}; not null
 * @param partitionKeys the partition column names, in path order; not null
 */
public record TableDefinition(TableId id, FileSchema schema, String format, String location,
                              List<String> partitionKeys) {
    /** Validates the components. */
    public TableDefinition {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(location, "location is null");
        partitionKeys = List.copyOf(Objects.requireNonNull(partitionKeys, "partitionKeys is null"));
    }
}
