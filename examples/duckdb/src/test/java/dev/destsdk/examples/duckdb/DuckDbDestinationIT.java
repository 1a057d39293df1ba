package dev.destsdk.examples.duckdb;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.jdbc.testing.AbstractWarehouseDestinationIT;
import dev.destsdk.jdbc.testing.CanonicalValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * The warehouse behaviour against an embedded DuckDB database file, loaded through the local stage. Needs no
 * server, so it never skips.
 */
class DuckDbDestinationIT extends AbstractWarehouseDestinationIT {
    private final String schema = "destsdk_it_duck";
    private final Path dir;

    DuckDbDestinationIT() {
        try {
            dir = Files.createTempDirectory("destsdk-duckdb-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Destination createDestination() {
        return new DuckDbDestinationFactory().create(Map.of("path", dir.resolve("it.duckdb").toString(),
                "schema", schema, "stage_dir", dir.resolve("stage").toString()));
    }

    @Override
    protected Connection connectInspector() {
        try {
            return ((DuckDbDestination) destination()).openConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the DuckDB database", e);
        }
    }

    @Override
    protected String schema() {
        return schema;
    }

    @Override
    protected List<String> createSchemaSql(String schema) {
        return List.of("CREATE SCHEMA \"" + schema + "\"");
    }

    @Override
    protected List<String> dropSchemaSql(String schema) {
        return List.of("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }

    /** DuckDB's driver does not read TIME as LocalTime. */
    @Override
    protected String read(ResultSet rs, int column, CanonicalType type) throws SQLException {
        if (type == CanonicalType.TIME) {
            String value = rs.getString(column);
            return value == null ? null : LocalTime.parse(value).toString();
        }
        return CanonicalValues.read(rs, column, type);
    }

    @Override
    protected String listTablesSql() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'";
    }
}
