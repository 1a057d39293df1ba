package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.BenchColumn;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import dev.destsdk.examples.benchmark.harness.BenchmarkOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The MariaDB server the benchmark writes to: all objects live in the benchmark's own database (named like the
 * schema option). Used by one thread.
 */
public final class MariaDbTarget {
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
            s.execute(TableDdl.createTable(qualified(table), MariaDbTarget::nativeType, List.of(
                    "DATETIME(6) DEFAULT '" + ScenarioContext.SYNC_TIME.toString().replace("T", " ").replace("Z", "")
                            + "'",
                    "VARCHAR(128) DEFAULT 'bench'",
                    "BOOLEAN DEFAULT 0"), true, "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"));
        }
    }

    /**
     * @param table the unqualified name; not null
     * @throws SQLException when the DDL fails
     */
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
