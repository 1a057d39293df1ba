package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.BenchColumn;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import dev.destsdk.examples.benchmark.harness.BenchmarkOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The MariaDB server the benchmark writes to: all objects live in the benchmark's own database (named like the
 * schema option). Used by one thread.
 */
public final class MariaDbTarget implements MergeTarget {
    private final BenchmarkOptions options;

    MariaDbTarget(BenchmarkOptions options) {
        this.options = options;
    }

    /**
     * @param extra driver properties to add (e.g. {@code allowLocalInfile}); not null
     * @return a new connection in auto-commit mode; the caller closes it
     * @throws SQLException when the server cannot be reached
     */
    public Connection connect(Map<String, String> extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", options.mariadbUser());
        options.mariadbPassword().ifPresent(pw -> p.setProperty("password", pw));
        extra.forEach(p::setProperty);
        return DriverManager.getConnection(options.mariadbJdbcUrl(), p);
    }

    @Override
    public String type() {
        return "mariadb";
    }

    /** Nothing to do: InnoDB flushes in the background. */
    @Override
    public void settle() {
    }

    /** @param table an unqualified table name @return the name qualified with the benchmark database */
    public String qualified(String table) {
        return options.schema() + "." + table;
    }

    /**
     * Drops the table if it exists and creates the baseline table (InnoDB, utf8mb4 with the server's default
     * collation, as the SDK connector creates it).
     *
     * @param table the unqualified name; not null
     * @throws SQLException when the DDL fails
     */
    public void recreateBaselineTable(String table) throws SQLException {
        dropTable(table);
        try (Connection c = connect(Map.of()); Statement s = c.createStatement()) {
            s.execute(baselineTableDdl(qualified(table), true, false));
        }
    }

    /**
     * @param name the table's name as the statement writes it
     * @param primaryKey whether to declare {@code PRIMARY KEY (id)}
     * @param temporary whether the table is a {@code TEMPORARY} one
     * @return the baseline table's CREATE statement
     */
    static String baselineTableDdl(String name, boolean primaryKey, boolean temporary) {
        String ddl = TableDdl.createTable(name, MariaDbTarget::nativeType, List.of(
                "DATETIME(6) DEFAULT '" + ScenarioContext.SYNC_TIME.toString().replace("T", " ").replace("Z", "")
                        + "'",
                "VARCHAR(128) DEFAULT 'bench'",
                "BOOLEAN DEFAULT 0"), primaryKey, "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        return temporary ? ddl.replaceFirst("^CREATE TABLE", "CREATE TEMPORARY TABLE") : ddl;
    }

    /**
     * The baselines' {@code LOAD DATA LOCAL INFILE} of a benchmark file, written as a user would for it: the file's
     * bytes streamed from the JVM through {@link NullWordStream} (so NULL and the empty string stay apart), quotes
     * doubled, one header line, {@code true}/{@code false} to 1/0, and offsets converted to UTC with
     * {@code CONVERT_TZ}.
     *
     * @param c a connection opened with {@code allowLocalInfile=true}; not null
     * @param file the data file; not null
     * @param table the table's name as the statement writes it (qualified, or a temporary table's name)
     * @return the rows loaded
     * @throws SQLException when the statement fails or raises warnings (a lossy load)
     * @throws IOException when the file cannot be read
     */
    static long loadData(Connection c, Path file, String table) throws SQLException, IOException {
        String sql = "LOAD DATA LOCAL INFILE 'bench.csv' INTO TABLE " + table
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY ''"
                + " LINES TERMINATED BY '\\n' IGNORE 1 LINES"
                + " (id, updated_at, qty, amount, score, @active, birth_date, @created_at, code, description, ref,"
                + " note)"
                + " SET active = (@active = 'true'),"
                + " created_at = CONVERT_TZ(LEFT(@created_at, 26), RIGHT(@created_at, 6), '+00:00')";
        try (InputStream in = new NullWordStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
             Statement s = c.createStatement()) {
            s.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
            long rows = s.executeLargeUpdate(sql);
            try (ResultSet r = s.executeQuery("SHOW COUNT(*) WARNINGS")) {
                if (r.next() && r.getLong(1) > 0) {
                    throw new SQLException(r.getLong(1) + " warning(s) from LOAD DATA into " + table);
                }
            }
            return rows;
        }
    }

    /**
     * Replaces {@code to} with a copy of {@code from}: same columns, keys and indexes, same rows.
     *
     * @param from the template's unqualified name; not null
     * @param to the copy's unqualified name; not null
     * @throws SQLException when a statement fails
     */
    @Override
    public void copyTable(String from, String to) throws SQLException {
        try (Connection c = connect(Map.of()); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + qualified(to));
            s.execute("CREATE TABLE " + qualified(to) + " LIKE " + qualified(from));
            s.execute("INSERT INTO " + qualified(to) + " SELECT * FROM " + qualified(from));
            s.execute("ANALYZE TABLE " + qualified(to));
        }
    }

    /**
     * @param table a template table's unqualified name; not null
     * @return the data-set tag recorded for it (its table comment), if the table exists and has one
     * @throws SQLException when the query fails
     */
    @Override
    public Optional<String> templateTag(String table) throws SQLException {
        try (Connection c = connect(Map.of());
             PreparedStatement ps = c.prepareStatement("SELECT TABLE_COMMENT FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, options.schema());
            ps.setString(2, table);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() && r.getString(1) != null && !r.getString(1).isEmpty()
                        ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Records which data set a template table holds, as its table comment.
     *
     * @param table the unqualified name; not null
     * @param tag the data set's name; [a-z0-9-] only
     * @throws SQLException when the statement fails
     */
    @Override
    public void markTemplate(String table, String tag) throws SQLException {
        if (!tag.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("tag must match [a-z0-9-]+, got " + tag);
        }
        try (Connection c = connect(Map.of()); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + qualified(table) + " COMMENT = '" + tag + "'");
        }
    }

    /**
     * @param table the unqualified name; not null
     * @throws SQLException when the DDL fails
     */
    @Override
    public void dropTable(String table) throws SQLException {
        try (Connection c = connect(Map.of()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + options.schema() + " CHARACTER SET utf8mb4");
            s.execute("DROP TABLE IF EXISTS " + qualified(table));
        }
    }

    /**
     * @param table the unqualified name; not null
     * @return the content aggregates of the table
     * @throws SQLException when the query fails
     */
    @Override
    public DatasetStats stats(String table) throws SQLException {
        try (Connection c = connect(Map.of()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(qty), COALESCE(SUM(qty), 0), "
                     + "COALESCE(SUM(amount), 0), COALESCE(SUM(CHAR_LENGTH(description)), 0), COUNT(note), "
                     + "COALESCE(SUM(CASE WHEN note = '' THEN 1 ELSE 0 END), 0) FROM " + qualified(table))) {
            r.next();
            return new DatasetStats(r.getLong(1), r.getLong(2), r.getLong(3), r.getBigDecimal(4), r.getLong(5),
                    r.getLong(6), r.getLong(7));
        }
    }

    /**
     * Drops the benchmark database and everything in it.
     *
     * @throws SQLException when the statement fails
     */
    public void dropDatabase() throws SQLException {
        try (Connection c = connect(Map.of()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + options.schema());
        }
    }

    /**
     * @return the SDK MariaDB connector's settings: the same server, user and database as the baseline (the
     *     database must exist: {@link #dropTable} creates it), TLS explicitly off (the local benchmark server has
     *     none), plus {@code --sdk.mariadb.*} overrides
     */
    @Override
    public Map<String, String> sdkConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        // With a default database in the URL: the connector's multi-table DELETE fails with "No database selected"
        // on a connection without one, even though every name it writes is qualified.
        config.put("url", options.mariadbJdbcUrl() + options.schema());
        config.put("database", options.schema());
        config.put("tls", "disable");
        config.put("user", options.mariadbUser());
        options.mariadbPassword().ifPresent(pw -> config.put("password", pw));
        config.putAll(options.sdkOverrides().getOrDefault("mariadb", Map.of()));
        return config;
    }

    static String nativeType(BenchColumn c) {
        return switch (c.type()) {
            case LONG -> "BIGINT";
            case INTEGER -> "INT";
            case SHORT -> "SMALLINT";
            case DECIMAL -> "DECIMAL(" + c.precision().orElse(38) + "," + c.scale().orElse(0) + ")";
            case DOUBLE -> "DOUBLE";
            case FLOAT -> "FLOAT";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIME -> "TIME(6)";
            case TIMESTAMP, TIMESTAMP_TZ -> "DATETIME(6)";
            case STRING -> c.precision().map(n -> "VARCHAR(" + n + ")").orElse("LONGTEXT");
            case UUID -> "UUID";
            case JSON -> "LONGTEXT";
            case BINARY -> "LONGBLOB";
        };
    }
}
