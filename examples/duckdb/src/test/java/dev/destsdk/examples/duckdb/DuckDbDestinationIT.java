package dev.destsdk.examples.duckdb;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.testkit.behavior.DestinationBehavior;
import dev.destsdk.testkit.behavior.DestinationBehaviors;
import dev.destsdk.testkit.inspect.DestinationInspector;
import dev.destsdk.testkit.warehouse.JdbcDestinationInspector;
import dev.destsdk.testkit.warehouse.WarehouseConformanceSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * The warehouse conformance suite against an embedded DuckDB database file, loaded through the local stage. Needs
 * no server, so it never skips. The inspector reads through a connection of the destination's own database (one
 * DuckDB file admits one process).
 */
class DuckDbDestinationIT extends WarehouseConformanceSuite {
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
                "schema", namespace(), "stage_dir", dir.resolve("stage").toString()));
    }

    /** The stage directory the destination puts its staged copies in. */
    @Override
    protected java.util.Optional<Path> localStageDirectory() {
        return java.util.Optional.of(dir.resolve("stage"));
    }

    @Override
    protected DestinationInspector createInspector(Destination destination) {
        try {
            return new JdbcDestinationInspector(((DuckDbDestination) destination).openConnection(),
                    new DuckDbDialect());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the DuckDB database", e);
        }
    }

    /** DuckDB compares identifiers case-insensitively. */
    @Override
    protected DestinationBehaviors behaviors(DestinationBehaviors.Builder declared) {
        return declared.without(DestinationBehavior.SUPPORTS_CASE_SENSITIVE_COLUMNS).build();
    }
}
