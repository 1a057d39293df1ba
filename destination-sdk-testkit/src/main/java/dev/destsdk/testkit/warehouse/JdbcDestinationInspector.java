package dev.destsdk.testkit.warehouse;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.value.ValueReader;
import dev.destsdk.testkit.inspect.DestinationInspector;
import dev.destsdk.testkit.inspect.InspectedColumn;
import dev.destsdk.testkit.inspect.InspectedTable;
import dev.destsdk.testkit.inspect.ObjectRef;
import dev.destsdk.testkit.inspect.RowOrder;
import dev.destsdk.testkit.value.ValueFormats;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DestinationInspector} for SQL warehouses: reads tables back over one JDBC connection, with the SQL the
 * connector's own {@link SqlDialect} writes, so that a connector's conformance test supplies an inspector in a line:
 * <pre>{@code
 * @Override
 * protected DestinationInspector createInspector(Destination destination) {
 *     return new JdbcDestinationInspector(DATABASE.connectOrSkip(), new PostgresDialect());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Columns come from the dialect's {@link SqlDialect#columnsQuery columns query}, the one the connector's loads
 *       use to decide whether a table exists and how to evolve it; each native type is read as the dialect reads
 *       it back ({@link SqlDialect#readColumn}), and as {@code STRING} when it has no canonical equivalent.</li>
 *   <li>Rows are read with {@code SELECT} of every column, quoted and qualified by the dialect, each value with the
 *       dialect's {@link SqlDialect#valueReader()} as the Java type {@link ValueFormats} defines: by default the
 *       typed getter first (e.g. {@code getObject(col, OffsetDateTime.class)}), the value's text parsed when a
 *       driver lacks it. A zoned timestamp read from a column without a zone is taken as UTC.</li>
 *   <li>Objects are listed with the dialect's {@link SqlDialect#tablesQuery} when it has one, else with
 *       {@link DatabaseMetaData#getTables} (tables and views only), by schema, or by catalog for drivers that put
 *       databases there (MariaDB, MySQL), so staging tables a load left behind are found whatever their name.</li>
 * </ul>
 *
 * <p>The inspector owns the connection and closes it in {@link #close()}. Not thread-safe. Failures are thrown as
 * {@link ConnectorException} of type SQL_ERROR naming the statement.
 */
public final class JdbcDestinationInspector implements DestinationInspector {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDestinationInspector.class);
    private static final Set<String> OBJECT_TYPES = Set.of("TABLE", "BASE TABLE", "VIEW", "PARTITIONED TABLE",
            "FOREIGN TABLE", "MATERIALIZED VIEW");

    private final Connection connection;
    private final SqlDialect dialect;
    private boolean closed;

    /**
     * @param connection an open connection to the destination's database, in auto-commit mode; owned (closed) by
     *     the inspector; not null
     * @param dialect the connector's dialect; not null
     */
    public JdbcDestinationInspector(Connection connection, SqlDialect dialect) {
        this.connection = Objects.requireNonNull(connection, "connection is null");
        this.dialect = Objects.requireNonNull(dialect, "dialect is null");
    }

    /** @return the connection the inspector reads with (for a test's own setup statements) */
    public Connection connection() {
        return connection;
    }

    /** @return the dialect */
    public SqlDialect dialect() {
        return dialect;
    }

    @Override
    public boolean exists(ObjectRef object) {
        return !existingColumns(object).isEmpty();
    }

    @Override
    public List<InspectedColumn> columns(ObjectRef object) {
        List<ExistingColumn> existing = existingColumns(object);
        if (existing.isEmpty()) {
            throw notFound(object);
        }
        return existing.stream().map(JdbcDestinationInspector::inspected).toList();
    }

    @Override
    public InspectedTable read(ObjectRef object, RowOrder order) {
        Objects.requireNonNull(order, "order is null");
        List<InspectedColumn> columns = columns(object);
        String sql = "SELECT " + columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "))
                + " FROM " + dialect.qualify(tableName(object));
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    row.add(dialect.valueReader().read(rs, i + 1, columns.get(i).canonicalType()));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
        InspectedTable table = new InspectedTable(object, columns, rows);
        return order.isOrdered() ? table.sortedBy(order.keyColumns()) : table;
    }

    @Override
    public List<ObjectRef> listObjects(Optional<String> catalog, Optional<String> schema) {
        return list(catalog, schema).stream().map(Listed::ref).toList();
    }

    /** One object found in the metadata, and whether it is a view. */
    private record Listed(ObjectRef ref, boolean view) {
    }

    private List<Listed> list(Optional<String> catalog, Optional<String> schema) {
        Objects.requireNonNull(catalog, "catalog is null");
        Objects.requireNonNull(schema, "schema is null");
        Optional<String> query = dialect.tablesQuery(new TableName(catalog, schema, "_"));
        if (query.isPresent()) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query.get())) {
                List<Listed> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new Listed(new ObjectRef(catalog, schema, rs.getString(1)),
                            "VIEW".equalsIgnoreCase(rs.getString(2))));
                }
                return found;
            } catch (SQLException e) {
                throw failed(query.get(), e);
            }
        }
        try {
            DatabaseMetaData meta = connection.getMetaData();
            // Drivers without schemas (MariaDB, MySQL) list databases as catalogs.
            boolean schemaIsCatalog = catalog.isEmpty() && schema.isPresent()
                    && !meta.supportsSchemasInTableDefinitions();
            String escape = Optional.ofNullable(meta.getSearchStringEscape()).orElse("");
            String catalogArg = schemaIsCatalog ? schema.get() : catalog.orElse(null);
            String schemaPattern = schemaIsCatalog ? null : schema.map(s -> escapePattern(s, escape)).orElse(null);
            Map<ObjectRef, Listed> found = new LinkedHashMap<>();
            try (ResultSet rs = meta.getTables(catalogArg, schemaPattern, "%", null)) {
                while (rs.next()) {
                    String type = Optional.ofNullable(rs.getString("TABLE_TYPE")).orElse("")
                            .toUpperCase(Locale.ROOT);
                    String cat = rs.getString("TABLE_CAT");
                    String sch = rs.getString("TABLE_SCHEM");
                    boolean inSchema = schemaIsCatalog ? schema.get().equals(cat)
                            : schema.map(s -> s.equals(sch)).orElse(true)
                            && catalog.map(c -> c.equals(cat)).orElse(true);
                    if (OBJECT_TYPES.contains(type) && inSchema) {
                        ObjectRef ref = new ObjectRef(catalog, schema, rs.getString("TABLE_NAME"));
                        found.putIfAbsent(ref, new Listed(ref, type.contains("VIEW")));
                    }
                }
            }
            return List.copyOf(found.values());
        } catch (SQLException e) {
            throw failed("DatabaseMetaData.getTables(" + catalog.orElse("") + ", " + schema.orElse("") + ")", e);
        }
    }

    /**
     * Drops every table and view of a schema, then the schema itself: the clean-up a test class runs at its end.
     * Failures are logged and ignored, so that clean-up never hides a test's own result.
     *
     * @param catalog the catalog, if the destination has catalogs
     * @param schema the schema, if the destination has schemas
     */
    @Override
    public void createNamespace(Optional<String> catalog, Optional<String> schema) {
        if (schema.isPresent()) {
            dialect.createSchemaIfNotExists(new TableName(catalog, schema, "_")).ifPresent(this::execute);
        }
    }

    @Override
    public void removeNamespace(Optional<String> catalog, Optional<String> schema) {
        List<Listed> objects;
        try {
            objects = list(catalog, schema);
        } catch (ConnectorException e) {
            LOG.warn("cannot list {} for clean-up: {}", schema.orElse(""), e.getMessage());
            return;
        }
        // Views first: they depend on tables.
        for (Listed object : objects) {
            if (object.view()) {
                executeQuietly("DROP VIEW IF EXISTS " + dialect.qualify(tableName(object.ref())));
            }
        }
        for (Listed object : objects) {
            if (!object.view()) {
                executeQuietly(dialect.dropTableIfExists(tableName(object.ref())));
            }
        }
        if (schema.isPresent()) {
            dialect.qualifySchema(new TableName(catalog, schema, "_"))
                    .ifPresent(s -> executeQuietly("DROP SCHEMA IF EXISTS " + s));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("cannot close the inspector's connection: {}", e.toString());
        }
    }

    /**
     * Reads one value as the Java type {@link ValueFormats} defines for a canonical type, with the standard reader
     * ({@link ValueReader#standard()}); the inspector itself reads with its dialect's
     * {@link SqlDialect#valueReader()}.
     *
     * @param rs a result set on a row; not null
     * @param column the 1-based column
     * @param type the column's canonical type; not null
     * @return the typed value; null for SQL NULL
     * @throws SQLException when the driver cannot read the value at all
     */
    public static Object readValue(ResultSet rs, int column, CanonicalType type) throws SQLException {
        return ValueReader.standard().read(rs, column, type);
    }

    private List<ExistingColumn> existingColumns(ObjectRef object) {
        Objects.requireNonNull(object, "object is null");
        String sql = dialect.columnsQuery(tableName(object));
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<ExistingColumn> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(dialect.readColumn(rs));
            }
            return columns;
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    private static InspectedColumn inspected(ExistingColumn c) {
        return new InspectedColumn(c.name(), c.type().map(ColumnType::canonicalType).orElse(CanonicalType.STRING),
                c.nativeType(), c.nullable());
    }

    private static TableName tableName(ObjectRef object) {
        return new TableName(object.catalog(), object.schema(), object.name());
    }

    private static String escapePattern(String name, String escape) {
        if (escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private void execute(String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed: " + sql, e);
        }
    }

    private void executeQuietly(String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            LOG.warn("clean-up statement failed: {}: {}", sql, e.getMessage());
        }
    }

    private static ConnectorException notFound(ObjectRef object) {
        return ConnectorException.builder(ErrorType.VALIDATION_ERROR, "table " + object + " does not exist")
                .object(object.toString()).build();
    }

    private ConnectorException failed(String sql, SQLException e) {
        return ConnectorException.builder(ErrorType.SQL_ERROR, "inspecting with [" + sql + "] failed: "
                + e.getMessage()).cause(e).build();
    }

    @Override
    public String toString() {
        return "JdbcDestinationInspector{" + dialect.name() + "}";
    }
}
