package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.BenchColumn;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import dev.destsdk.examples.benchmark.harness.BenchmarkOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * DuckDB database files for the benchmark, one per scenario so runs never share state, under
 * {@code <data-dir>/duckdb/}. Used by one thread.
 */
public final class DuckDbTarget {
    private final BenchmarkOptions options;

    DuckDbTarget(BenchmarkOptions options) {
        this.options = options;
    }

    /** @param name the database's name, e.g. {@code native} @return its file */
    public Path databaseFile(String name) {
        return options.duckdbDir().toAbsolutePath().resolve(name + ".duckdb");
    }

    /** @return the SDK DuckDB connector's local stage directory */
    public Path stageDirectory() {
        return options.duckdbDir().toAbsolutePath().resolve("stage");
    }

    /**
     * @param name the database's name; not null
     * @return a new connection to its file; the caller closes it
     * @throws SQLException when the file cannot be opened
     */
    public Connection connect(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:" + databaseFile(name));
    }

    /**
     * Deletes the database file (and its WAL) so the next run starts from nothing.
     *
     * @param name the database's name; not null
     * @throws IOException when a file cannot be deleted
     */
    public void deleteDatabase(String name) throws IOException {
        Files.createDirectories(options.duckdbDir());
        Files.deleteIfExists(databaseFile(name));
        Files.deleteIfExists(Path.of(databaseFile(name) + ".wal"));
    }

    /**
     * Creates the benchmark schema in the database (the SDK connector creates its staging table in the target's
     * schema before it creates the schema, so a first run into a fresh database file needs the schema to exist).
     *
     * @param name the database's name; not null
     * @throws SQLException when the DDL fails
     */
    public void createSchema(String name) throws SQLException {
        try (Connection c = connect(name); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + options.schema());
        }
    }

    /**
     * Deletes every DuckDB file and the stage directory.
     *
     * @throws IOException when a file cannot be deleted
     */
    public void deleteAll() throws IOException {
        Path dir = options.duckdbDir();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Creates the benchmark schema and the baseline table in the database: without a primary key, like the table
     * the SDK connector creates (an ART index would slow DuckDB's load noticeably and the SDK does not build one).
     *
     * @param name the database's name; not null
     * @param table the unqualified table name; not null
     * @throws SQLException when the DDL fails
     */
    public void createBaselineTable(String name, String table) throws SQLException {
        try (Connection c = connect(name); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + options.schema());
            s.execute(TableDdl.createTable(qualified(table), DuckDbTarget::nativeType, List.of(
                    "TIMESTAMPTZ DEFAULT '" + ScenarioContext.SYNC_TIME + "'",
                    "VARCHAR DEFAULT 'bench'",
                    "BOOLEAN DEFAULT false"), false, ""));
        }
    }

    /** @param table an unqualified table name @return the name qualified with the benchmark schema */
    public String qualified(String table) {
        return options.schema() + "." + table;
    }

    /**
     * @param name the database's name; not null
     * @param table the unqualified table name; not null
     * @return the content aggregates of the table
     * @throws SQLException when the query fails
     */
    public DatasetStats stats(String name, String table) throws SQLException {
        try (Connection c = connect(name); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), count(qty), coalesce(sum(qty), 0)::BIGINT, "
                     + "coalesce(sum(amount), 0)::DECIMAL(38,4), coalesce(sum(length(description)), 0)::BIGINT, "
                     + "count(note), count(*) FILTER (WHERE note = '') FROM " + qualified(table))) {
            r.next();
            return new DatasetStats(r.getLong(1), r.getLong(2), r.getLong(3), r.getBigDecimal(4), r.getLong(5),
                    r.getLong(6), r.getLong(7));
        }
    }

    /**
     * @param name the database's name; not null
     * @return the SDK DuckDB connector's settings: database file and stage directory, plus
     *     {@code --sdk.duckdb.*} overrides
     */
    public Map<String, String> sdkConfig(String name) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("path", databaseFile(name).toString());
        config.put("schema", options.schema());
        config.put("stage_dir", stageDirectory().toString());
        config.putAll(options.sdkOverrides().getOrDefault("duckdb", Map.of()));
        return config;
    }

    static String nativeType(BenchColumn c) {
        return switch (c.type()) {
            case LONG -> "BIGINT";
            case INTEGER -> "INTEGER";
            case SHORT -> "SMALLINT";
            case DECIMAL -> "DECIMAL(" + c.precision().orElse(38) + "," + c.scale().orElse(0) + ")";
            case DOUBLE -> "DOUBLE";
            case FLOAT -> "FLOAT";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMP_TZ -> "TIMESTAMPTZ";
            case STRING -> "VARCHAR";
            case UUID -> "UUID";
            case JSON -> "JSON";
            case BINARY -> "BLOB";
        };
    }
}
