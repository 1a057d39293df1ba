package dev.destsdk.file.catalog;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a lake's tables are registered, shaped like AWS Glue or a Hive metastore: database = the mapped schema,
 * table = the mapped table, partitions with their values and locations. The destination registers the table and
 * publishes a load's partition through it; a query engine finds the data through it. {@link FileTableCatalog} keeps
 * the catalog beside the data; Glue or a Hive metastore is one class implementing this interface.
 *
 * <p>A partition becomes visible to readers of the catalog in one step, by {@link #addPartitions} or
 * {@link #replacePartitions}: that call is the publish of a load. Threading: implementations are thread-safe;
 * concurrent changes to one table must not lose each other's partitions (optimistic retries or locks).
 */
public interface TableCatalog {

    /**
     * @param id the table; not null
     * @return the table, or empty when it is not registered
     * @throws IOException when the catalog cannot be read
     */
    Optional<CatalogTable> loadTable(TableId id) throws IOException;

    /**
     * Registers a table, or replaces its definition (columns, format) keeping its partitions.
     *
     * @param definition the definition; not null
     * @throws IOException when the catalog cannot be changed
     */
    void createOrUpdateTable(TableDefinition definition) throws IOException;

    /**
     * Adds partitions; a partition whose values equal an existing one's replaces it (so a retried load of the same
     * sync publishes its data once).
     *
     * @param id a registered table; not null
     * @param partitions the partitions; not null
     * @throws IOException when the catalog cannot be changed
     * @throws IllegalStateException when the table is not registered
     */
    void addPartitions(TableId id, List<CatalogPartition> partitions) throws IOException;

    /**
     * Replaces all partitions of the table by the given ones in one change.
     *
     * @param id a registered table; not null
     * @param partitions the new partitions; not null, possibly empty
     * @throws IOException when the catalog cannot be changed
     * @throws IllegalStateException when the table is not registered
     */
    void replacePartitions(TableId id, List<CatalogPartition> partitions) throws IOException;

    /**
     * @param id the table; not null
     * @return its partitions; empty when it has none or is not registered
     * @throws IOException when the catalog cannot be read
     */
    default List<CatalogPartition> listPartitions(TableId id) throws IOException {
        return loadTable(id).map(CatalogTable::partitions).orElse(List.of());
    }

    /**
     * @param database the database; not null
     * @return the tables registered in the database, sorted by name
     * @throws IOException when the catalog cannot be read
     */
    List<TableId> listTables(String database) throws IOException;
}
