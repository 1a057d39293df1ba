package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.BenchColumn;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import dev.destsdk.examples.benchmark.harness.BenchmarkOptions;
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
 * The PostgreSQL database the benchmark writes to: connections, the baseline table's DDL, content checks, MERGE
 * templates, and the SDK connector's settings. All objects live in the benchmark's own schema. Used by one thread.
 */
public final class PostgresTarget implements MergeTarget {
    private final BenchmarkOptions options;

    PostgresTarget(BenchmarkOptions options) {
        this.options = options;
    }

    /**
     * @param extra driver properties to add (e.g. {@code reWriteBatchedInserts}); not null
     * @return a new connection in auto-commit mode; the caller closes it
     * @throws SQLException when the server cannot be reached
     */
    public Connection connect(Map<String, String> extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", options.pgUser());
        options.pgPassword().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", "destsdk-benchmark");
        extra.forEach(p::setProperty);
        return DriverManager.getConnection(options.pgJdbcUrl(), p);
    }

    /**
     * @return a new connection; the caller closes it
     * @throws SQLException when the server cannot be reached
     */
    public Connection connect() throws SQLException {
        return connect(Map.of());
    }

    /** @param table an unqualified table name @return the name qualified with the benchmark schema */
    public String qualified(String table) {
        return options.schema() + "." + table;
    }

    /**
     * Drops the table if it exists and creates the baseline table.
     *
     * @param table the unqualified name; not null
     * @throws SQLException when the DDL fails
     */
    public void recreateBaselineTable(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + options.schema());
            s.execute("DROP TABLE IF EXISTS " + qualified(table));
            s.execute(TableDdl.createTable(qualified(table), PostgresTarget::nativeType, List.of(
                    "timestamptz DEFAULT '" + ScenarioContext.SYNC_TIME + "'",
                    "varchar(128) DEFAULT 'bench'",
                    "boolean DEFAULT false"), true, ""));
        }
    }

    /**
     * @param table the unqualified name; not null
     * @throws SQLException when the DDL fails
     */
    @Override
    public void dropTable(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + options.schema());
            s.execute("DROP TABLE IF EXISTS " + qualified(table));
        }
    }

    /**
     * Replaces {@code to} with a copy of {@code from}: same columns, defaults, keys and indexes, same rows.
     *
     * @param from the template's unqualified name; not null
     * @param to the copy's unqualified name; not null
     * @throws SQLException when a statement fails
     */
    @Override
    public void copyTable(String from, String to) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + qualified(to));
            s.execute("CREATE TABLE " + qualified(to) + " (LIKE " + qualified(from) + " INCLUDING ALL)");
            s.execute("INSERT INTO " + qualified(to) + " SELECT * FROM " + qualified(from));
            s.execute("VACUUM ANALYZE " + qualified(to));
        }
    }

    @Override
    public String type() {
        return "postgresql";
    }

    /** Runs {@link #checkpoint()}. */
    @Override
    public void settle() throws SQLException {
        checkpoint();
    }

    /**
     * Flushes dirty buffers so that work done during setup is not paid for during the measured section.
     *
     * @throws SQLException when CHECKPOINT is refused (it needs a superuser or pg_checkpoint)
     */
    public void checkpoint() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /**
     * @param table the unqualified name; not null
     * @return the content aggregates of the table
     * @throws SQLException when the query fails
     */
    @Override
    public DatasetStats stats(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), count(qty), coalesce(sum(qty), 0), "
                     + "coalesce(sum(amount), 0), coalesce(sum(char_length(description)), 0), count(note), "
                     + "count(*) FILTER (WHERE note = '') FROM " + qualified(table))) {
            r.next();
            return new DatasetStats(r.getLong(1), r.getLong(2), r.getLong(3), r.getBigDecimal(4), r.getLong(5),
                    r.getLong(6), r.getLong(7));
        }
    }

    /**
     * @param table a template table's unqualified name; not null
     * @return the data-set tag recorded for it, if the table exists and has one
     * @throws SQLException when the query fails
     */
    @Override
    public Optional<String> templateTag(String table) throws SQLException {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT obj_description(to_regclass(?), 'pg_class')")) {
            ps.setString(1, qualified(table));
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Records which data set a template table holds.
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
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("COMMENT ON TABLE " + qualified(table) + " IS '" + tag + "'");
        }
    }

    /**
     * Drops the benchmark schema and everything in it.
     *
     * @throws SQLException when the statement fails
     */
    public void dropSchema() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + options.schema() + " CASCADE");
        }
    }

    /**
     * @return the SDK PostgreSQL connector's settings: the same server, user and schema as the baselines, TLS
     *     explicitly off (the local benchmark server has none; the connector verifies certificates by default), plus
     *     {@code --sdk.postgresql.*} overrides
     */
    @Override
    public Map<String, String> sdkConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("url", options.pgJdbcUrl());
        config.put("schema", options.schema());
        config.put("tls", "disable");
        config.put("user", options.pgUser());
        options.pgPassword().ifPresent(pw -> config.put("password", pw));
        config.putAll(options.sdkOverrides().getOrDefault("postgresql", Map.of()));
        return config;
    }

    static String nativeType(BenchColumn c) {
        return switch (c.type()) {
            case LONG -> "bigint";
            case INTEGER -> "integer";
            case SHORT -> "smallint";
            case DECIMAL -> "numeric(" + c.precision().orElse(38) + "," + c.scale().orElse(0) + ")";
            case DOUBLE -> "double precision";
            case FLOAT -> "real";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case TIME -> "time(6)";
            case TIMESTAMP -> "timestamp(6)";
            case TIMESTAMP_TZ -> "timestamptz(6)";
            case STRING -> c.precision().map(n -> "varchar(" + n + ")").orElse("text");
            case UUID -> "uuid";
            case JSON -> "jsonb";
            case BINARY -> "bytea";
        };
    }
}
