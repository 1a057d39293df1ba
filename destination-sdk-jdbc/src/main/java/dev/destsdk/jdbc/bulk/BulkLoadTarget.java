package dev.destsdk.jdbc.bulk;

import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.TableName;
import java.util.List;
import java.util.Objects;

/**
 * Where a bulk loader writes: a table (usually the staging table) and the columns the data file fills, in file
 * order. The table's other columns take their defaults (tracking values, row number).
 *
 * @param table the table; not null
 * @param fileColumns the columns in the order of the file's fields; not empty
 */
public record BulkLoadTarget(TableName table, List<ColumnDef> fileColumns) {

    /** Validates and copies the components. */
    public BulkLoadTarget {
        Objects.requireNonNull(table, "table is null");
        fileColumns = List.copyOf(fileColumns);
        if (fileColumns.isEmpty()) {
            throw new IllegalArgumentException("a bulk load target needs at least one column");
        }
    }

    /** @return the column names in file order */
    public List<String> columnNames() {
        return fileColumns.stream().map(ColumnDef::name).toList();
    }
}
