package dev.destsdk.iceberg;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.ObjectInfo;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.file.FileTableInspector;
import dev.destsdk.testkit.inspect.InspectedColumn;
import dev.destsdk.testkit.inspect.InspectedTable;
import dev.destsdk.testkit.inspect.ObjectRef;
import dev.destsdk.testkit.inspect.RowOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * The file conformance suite's view of Iceberg tables, never through the destination: its own catalog on the same
 * catalog database, Iceberg's generic reader (deletes applied) for rows, the current snapshot's planned files for
 * data files, every snapshot and metadata file for what is referenced. The partition columns {@code year},
 * {@code month}, {@code day}, {@code hour} and {@code sync_id} come from the path of the data file each row is in
 * (Iceberg's {@code _file} metadata column). Replaced files stay for older snapshots until they expire. Not
 * thread-safe.
 */
final class IcebergTableInspector implements FileTableInspector {
    private static final Pattern PARTITION = Pattern.compile(
            "/year=(\\d+)/month=(\\d+)/day=(\\d+)/hour=(\\d+)/sync_id=([^/]+)/");
    private static final List<String> PARTITION_COLUMNS = List.of("year", "month", "day", "hour", "sync_id");

    private final ObjectStore store;
    private final PathLayout layout;
    private final Catalog catalog;
    private final String storeRoot;

    IcebergTableInspector(ObjectStore store, PathLayout layout, Catalog catalog) {
        this.store = store;
        this.layout = layout;
        this.catalog = catalog;
        String root = store.describe();
        this.storeRoot = root.endsWith("/") ? root : root + "/";
    }

    @Override
    public ObjectStore store() {
        return store;
    }

    private static TableIdentifier ident(ObjectRef ref) {
        return TableIdentifier.of(Namespace.of(ref.schema().orElseThrow()), ref.name());
    }

    private Optional<Table> load(TableIdentifier id) {
        try {
            return Optional.of(catalog.loadTable(id));
        } catch (NoSuchTableException e) {
            return Optional.empty();
        }
    }

    private Table table(ObjectRef ref) {
        return load(ident(ref)).orElseThrow(() -> new AssertionError("no Iceberg table " + ref));
    }

    @Override
    public boolean exists(ObjectRef object) {
        return load(ident(object)).isPresent();
    }

    @Override
    public List<InspectedColumn> columns(ObjectRef object) {
        List<InspectedColumn> out = new ArrayList<>();
        for (Types.NestedField f : table(object).schema().columns()) {
            FileColumn c = IcebergTypes.fileColumn(f);
            out.add(new InspectedColumn(c.name(), c.type(), "iceberg:" + f.type(), f.isOptional()));
        }
        for (String p : PARTITION_COLUMNS) {
            out.add(new InspectedColumn(p, CanonicalType.STRING, "partition path", false));
        }
        return out;
    }

    @Override
    public InspectedTable read(ObjectRef object, RowOrder order) {
        Table t = table(object);
        List<InspectedColumn> columns = columns(object);
        Schema projection = TypeUtil.join(t.schema(), new Schema(MetadataColumns.FILE_PATH));
        List<List<Object>> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(t).project(projection).build()) {
            int n = t.schema().columns().size();
            for (Record r : records) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int i = 0; i < n; i++) {
                    Object v = r.get(i);
                    row.add(v instanceof ByteBuffer b ? bytes(b) : v);
                }
                Matcher m = PARTITION.matcher(r.getField(MetadataColumns.FILE_PATH.name()).toString());
                for (int g = 1; g <= PARTITION_COLUMNS.size(); g++) {
                    row.add(m.find(0) ? m.group(g) : null);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InspectedTable table = new InspectedTable(object, columns, rows);
        return order.isOrdered() ? table.sortedBy(order.keyColumns()) : table;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Override
    public List<ObjectRef> listObjects(Optional<String> catalogName, Optional<String> schema) {
        if (schema.isEmpty() || catalog instanceof SupportsNamespaces ns
                && !ns.namespaceExists(Namespace.of(schema.get()))) {
            return List.of();
        }
        return catalog.listTables(Namespace.of(schema.get())).stream()
                .map(t -> ObjectRef.of(schema.get(), t.name())).toList();
    }

    @Override
    public List<String> dataFiles(ObjectRef table) {
        Optional<Table> t = load(ident(table));
        if (t.isEmpty() || t.get().currentSnapshot() == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = t.get().newScan().planFiles()) {
            tasks.forEach(task -> out.add(key(task.file().location())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    private String key(String location) {
        if (!location.startsWith(storeRoot)) {
            throw new AssertionError(location + " is outside the store " + storeRoot);
        }
        return location.substring(storeRoot.length());
    }

    @Override
    public List<String> unreferenced(TableId table) {
        Optional<Table> t = load(TableIdentifier.of(Namespace.of(table.database()), table.table()));
        Set<String> referenced = t.map(IcebergMaintenance::referencedFiles).orElse(Set.of());
        try {
            return store.list(layout.tablePrefix(table)).stream().map(ObjectInfo::key)
                    .filter(k -> !referenced.contains(storeRoot + k)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void dropTable(TableId table) {
        catalog.dropTable(TableIdentifier.of(Namespace.of(table.database()), table.table()), false);
        try {
            store.delete(store.list(layout.tablePrefix(table)).stream().map(ObjectInfo::key).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean replacedFilesAreDeletedAtCommit() {
        return false;
    }

    @Override
    public void removeNamespace(Optional<String> catalogName, Optional<String> schema) {
        if (schema.isEmpty()) {
            return;
        }
        for (ObjectRef t : listObjects(catalogName, schema)) {
            catalog.dropTable(ident(t), false);
        }
        if (catalog instanceof SupportsNamespaces ns && ns.namespaceExists(Namespace.of(schema.get()))) {
            ns.dropNamespace(Namespace.of(schema.get()));
        }
        try {
            store.delete(store.list(layout.databasePrefix(schema.get())).stream().map(ObjectInfo::key).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void createNamespace(Optional<String> catalogName, Optional<String> schema) {
        // the destination creates namespaces with its first table
    }

    @Override
    public void close() {
        IcebergCatalogs.close(catalog);
    }
}
