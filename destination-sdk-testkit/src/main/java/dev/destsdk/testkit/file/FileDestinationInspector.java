package dev.destsdk.testkit.file;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.file.catalog.CatalogFile;
import dev.destsdk.file.catalog.CatalogPartition;
import dev.destsdk.file.catalog.CatalogTable;
import dev.destsdk.file.catalog.TableCatalog;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.ObjectInfo;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.inspect.InspectedColumn;
import dev.destsdk.testkit.inspect.InspectedTable;
import dev.destsdk.testkit.inspect.ObjectRef;
import dev.destsdk.testkit.inspect.RowOrder;
import dev.destsdk.testkit.value.ValueFormats;
import dev.destsdk.testkit.warehouse.JdbcDestinationInspector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads back what a file destination published, never through the destination: the table's current state from
 * its {@link TableCatalog}, then each data file the catalog names, copied from the store to a local temporary
 * directory and read by DuckDB ({@code read_parquet}, {@code read_json}, {@code read_csv}) through JDBC. The
 * columns are the catalog's columns, then the partition columns ({@code year}, {@code month}, {@code day},
 * {@code hour}, {@code sync_id}, as STRING, from the catalog's partition values). A column a file lacks (written
 * before the column was added) reads as NULL.
 *
 * <p>As a {@link FileTableInspector} it lists the store ({@link #keys()}), unfinished uploads
 * ({@link #unfinishedUploads()}), a table's data files ({@link #dataFiles}) and objects below a table that its
 * current state does not reference ({@link #unreferenced(TableId)}), so that suites can assert a failed load left
 * nothing behind.
 *
 * <p>Needs the DuckDB JDBC driver ({@code org.duckdb:duckdb_jdbc}) on the test class path: a file connector adds it
 * in test scope; the testkit does not force it on other connectors. Not thread-safe; close it.
 */
public final class FileDestinationInspector implements FileTableInspector {
    private static final Logger LOG = LoggerFactory.getLogger(FileDestinationInspector.class);

    private final ObjectStore store;
    private final TableCatalog catalog;
    private final PathLayout layout;
    private Connection duckdb;

    /**
     * @param store the destination's store (the inspector does not close it); not null
     * @param catalog the catalog the destination publishes in; not null
     * @param layout the destination's path layout; not null
     */
    public FileDestinationInspector(ObjectStore store, TableCatalog catalog, PathLayout layout) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.catalog = Objects.requireNonNull(catalog, "catalog is null");
        this.layout = Objects.requireNonNull(layout, "layout is null");
    }

    /** @return the store */
    @Override
    public ObjectStore store() {
        return store;
    }

    /** @return the layout */
    public PathLayout layout() {
        return layout;
    }

    private static TableId id(ObjectRef ref) {
        return new TableId(ref.schema().orElseThrow(() -> new IllegalArgumentException(ref
                + " has no schema; file tables are <schema>.<table>")), ref.name());
    }

    /**
     * @param ref a table
     * @return its catalog state
     * @throws ConnectorException VALIDATION_ERROR when it is not registered
     */
    public CatalogTable table(ObjectRef ref) {
        return load(ref).orElseThrow(() -> new ConnectorException(ErrorType.VALIDATION_ERROR, "table " + ref
                + " is not in the catalog"));
    }

    private Optional<CatalogTable> load(ObjectRef ref) {
        try {
            return catalog.loadTable(id(ref));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(ObjectRef object) {
        return load(object).isPresent();
    }

    @Override
    public List<InspectedColumn> columns(ObjectRef object) {
        CatalogTable t = table(object);
        List<InspectedColumn> out = new ArrayList<>();
        for (FileColumn c : t.definition().schema().columns()) {
            out.add(new InspectedColumn(c.name(), c.type(), t.definition().format() + ":" + c.type(), true));
        }
        for (String key : t.definition().partitionKeys()) {
            out.add(new InspectedColumn(key, CanonicalType.STRING, "partition", false));
        }
        return out;
    }

    @Override
    public InspectedTable read(ObjectRef object, RowOrder order) {
        CatalogTable t = table(object);
        List<InspectedColumn> columns = columns(object);
        List<FileColumn> data = t.definition().schema().columns();
        List<List<Object>> rows = new ArrayList<>();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("destsdk-inspect");
            int n = 0;
            for (CatalogPartition p : t.partitions()) {
                for (CatalogFile f : p.files()) {
                    Path local = dir.resolve("f" + (n++) + "." + extension(f.key()));
                    try (InputStream in = store.open(f.key())) {
                        Files.copy(in, local);
                    }
                    readFile(t.definition().format(), local, data, t.definition().partitionKeys(), p, rows);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new ConnectorException(ErrorType.SQL_ERROR, "DuckDB cannot read " + object + ": "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
        InspectedTable table = new InspectedTable(object, columns, rows);
        return order.isOrdered() ? table.sortedBy(order.keyColumns()) : table;
    }

    private static String extension(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return dot < 0 ? "bin" : name.substring(dot + 1);
    }

    private void readFile(String format, Path file, List<FileColumn> data, List<String> partitionKeys,
                          CatalogPartition partition, List<List<Object>> rows) throws SQLException {
        String path = "'" + file.toString().replace("'", "''") + "'";
        boolean typed = format.equals("parquet");
        String from = switch (format) {
            case "parquet" -> "read_parquet(" + path + ")";
            case "json" -> "read_json(" + path + ", format = 'newline_delimited', columns = " + varcharColumns(data)
                    + ")";
            case "csv" -> "read_csv(" + path + ", header = true, all_varchar = true, delim = ',', quote = '\"',"
                    + " escape = '\"', nullstr = '', allow_quoted_nulls = false)";
            default -> throw new IllegalArgumentException("the inspector cannot read format " + format);
        };
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + from)) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Integer> index = new HashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                index.put(md.getColumnName(i), i);
            }
            while (rs.next()) {
                List<Object> row = new ArrayList<>(data.size() + partitionKeys.size());
                for (FileColumn c : data) {
                    Integer i = index.get(c.name());
                    if (i == null) {
                        row.add(null);
                    } else if (typed) {
                        row.add(JdbcDestinationInspector.readValue(rs, i, c.type()));
                    } else {
                        String text = rs.getString(i);
                        row.add(text == null ? null : ValueFormats.fromText(c.type(), text, CsvFileFormat.DEFAULT));
                    }
                }
                for (String key : partitionKeys) {
                    row.add(partition.values().get(key));
                }
                rows.add(row);
            }
        }
    }

    private static String varcharColumns(List<FileColumn> data) {
        StringBuilder b = new StringBuilder("{");
        for (FileColumn c : data) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append("'").append(c.name().replace("'", "''")).append("': 'VARCHAR'");
        }
        return b.append("}").toString();
    }

    private Connection connection() throws SQLException {
        if (duckdb == null) {
            duckdb = DriverManager.getConnection("jdbc:duckdb:");
        }
        return duckdb;
    }

    @Override
    public List<ObjectRef> listObjects(Optional<String> catalogName, Optional<String> schema) {
        if (schema.isEmpty()) {
            return List.of();
        }
        try {
            return catalog.listTables(schema.get()).stream().map(t -> ObjectRef.of(t.database(), t.table()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> dataFiles(ObjectRef table) {
        List<String> out = new ArrayList<>();
        load(table).ifPresent(t -> t.partitions().forEach(p -> p.files().forEach(f -> out.add(f.key()))));
        out.sort(null);
        return out;
    }

    @Override
    public void dropTable(TableId table) {
        try {
            store.delete(store.list(layout.tablePrefix(table)).stream().map(ObjectInfo::key).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param table a table
     * @return the keys below the table's prefix, outside its catalog, that its current state does not reference
     *     (what a failed or replaced load left behind)
     */
    @Override
    public List<String> unreferenced(TableId table) {
        try {
            Set<String> live = new HashSet<>();
            catalog.listPartitions(table).forEach(p -> p.files().forEach(f -> live.add(f.key())));
            String catalogPrefix = layout.catalogPrefix(table);
            return store.list(layout.tablePrefix(table)).stream().map(ObjectInfo::key)
                    .filter(k -> !live.contains(k) && !k.startsWith(catalogPrefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void removeNamespace(Optional<String> catalogName, Optional<String> schema) {
        if (schema.isEmpty()) {
            return;
        }
        try {
            store.delete(store.list(layout.databasePrefix(schema.get())).stream().map(ObjectInfo::key).toList());
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot remove {}: {}", schema.get(), e.toString());
        }
    }

    @Override
    public void createNamespace(Optional<String> catalogName, Optional<String> schema) {
        // a store has no namespaces to create: a table's first key creates its path
    }

    @Override
    public void close() {
        if (duckdb != null) {
            try {
                duckdb.close();
            } catch (SQLException e) {
                LOG.warn("cannot close DuckDB: {}", e.toString());
            }
            duckdb = null;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot delete {}", dir, e);
        }
    }
}
