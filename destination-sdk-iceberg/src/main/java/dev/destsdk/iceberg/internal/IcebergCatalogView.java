package dev.destsdk.iceberg.internal;

import dev.destsdk.file.catalog.CatalogPartition;
import dev.destsdk.file.catalog.CatalogTable;
import dev.destsdk.file.catalog.TableCatalog;
import dev.destsdk.file.catalog.TableDefinition;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.format.FileSchema;
import dev.destsdk.iceberg.IcebergTableCommitter;
import dev.destsdk.iceberg.IcebergTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg catalog seen through the file module's {@link TableCatalog}: tables with their current columns (no
 * Hive partitions: Iceberg tracks files itself). Read-only: Iceberg tables change only by the committer's
 * snapshots, so the write methods refuse. Thread-safe.
 */
public final class IcebergCatalogView implements TableCatalog {
    private final IcebergTableCommitter committer;

    /**
     * @param committer the committer whose catalog this shows; not null
     */
    public IcebergCatalogView(IcebergTableCommitter committer) {
        this.committer = committer;
    }

    @Override
    public Optional<CatalogTable> loadTable(TableId id) {
        return committer.load(id).map(t -> new CatalogTable(definition(id, t), List.of(),
                t.currentSnapshot() == null ? 0 : t.currentSnapshot().sequenceNumber()));
    }

    private static TableDefinition definition(TableId id, Table table) {
        List<FileColumn> columns = new ArrayList<>();
        for (Types.NestedField f : table.schema().columns()) {
            FileColumn c = IcebergTypes.fileColumn(f);
            columns.add(new FileColumn(c.name(), c.type(), c.precision(), c.scale(), c.nullable(),
                    java.util.OptionalInt.empty()));
        }
        List<String> partitionKeys = table.spec().fields().stream().map(p -> p.name()).toList();
        return new TableDefinition(id, new FileSchema(columns), "parquet", table.location(), partitionKeys);
    }

    @Override
    public void createOrUpdateTable(TableDefinition definition) {
        throw readOnly();
    }

    @Override
    public void addPartitions(TableId id, List<CatalogPartition> partitions) {
        throw readOnly();
    }

    @Override
    public void replacePartitions(TableId id, List<CatalogPartition> partitions) {
        throw readOnly();
    }

    @Override
    public List<TableId> listTables(String database) {
        if (committer.catalog() instanceof SupportsNamespaces ns && !ns.namespaceExists(Namespace.of(database))) {
            return List.of();
        }
        return committer.catalog().listTables(Namespace.of(database)).stream()
                .map(t -> new TableId(database, t.name())).sorted((a, b) -> a.table().compareTo(b.table())).toList();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("Iceberg tables change only through IcebergTableCommitter");
    }
}
