package dev.destsdk.jdbc.dialect;

import java.util.Objects;
import java.util.Optional;

/**
 * The location of a table: optional catalog, optional schema and the table name, each already a final identifier
 * decided by the dialect's identifier policy (unquoted). A {@link SqlDialect} renders it with
 * {@link SqlDialect#qualify(TableName)}.
 *
 * <p>Immutable.
 *
 * @param catalog the catalog (database), if the destination qualifies tables with one
 * @param schema the schema, if the destination has schemas
 * @param table the table name; not null or empty
 */
public record TableName(Optional<String> catalog, Optional<String> schema, String table) {

    /** Validates the components. */
    public TableName {
        Objects.requireNonNull(catalog, "catalog is null");
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(table, "table is null");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("table name is empty");
        }
    }

    /**
     * A table in a schema, without catalog.
     *
     * @param schema the schema; not null
     * @param table the table; not null
     * @return the name
     */
    public static TableName of(String schema, String table) {
        return new TableName(Optional.empty(), Optional.of(schema), table);
    }

    /**
     * The same catalog and schema with another table name: used for staging and build-aside tables, which live
     * next to their target.
     *
     * @param otherTable the other table's name; not null
     * @return the sibling name
     */
    public TableName sibling(String otherTable) {
        return new TableName(catalog, schema, otherTable);
    }

    /** @return the dot-joined unquoted parts, for messages */
    @Override
    public String toString() {
        return catalog.map(c -> c + ".").orElse("") + schema.map(s -> s + ".").orElse("") + table;
    }
}
