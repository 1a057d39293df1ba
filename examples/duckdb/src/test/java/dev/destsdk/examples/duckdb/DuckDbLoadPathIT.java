package dev.destsdk.examples.duckdb;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.testkit.warehouse.AbstractLoadPathIT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The load paths against an embedded DuckDB database file, loaded through the local stage (hard links, byte-level
 * rewrites or transcoded copies). Needs no server, so it never skips.
 */
class DuckDbLoadPathIT extends AbstractLoadPathIT {
    private final String schema = "destsdk_it_ducklp";
    private final Path dir;

    DuckDbLoadPathIT() {
        try {
            dir = Files.createTempDirectory("destsdk-duckdb-lp-it");
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

    @Override
    protected SqlDialect dialect() {
        return new DuckDbDialect();
    }

    @Override
    protected String listTablesSql() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'";
    }

    @Override
    protected List<Path> stageContents() {
        Path stage = dir.resolve("stage");
        if (!Files.exists(stage)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(stage)) {
            return paths.filter(p -> !p.equals(stage)).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
