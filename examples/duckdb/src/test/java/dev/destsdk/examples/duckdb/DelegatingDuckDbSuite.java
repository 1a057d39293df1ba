package dev.destsdk.examples.duckdb;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.jdbc.DelegatingWarehouseDestination;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.jdbc.dialect.SqlDialect;
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
import java.util.function.UnaryOperator;

/**
 * The conformance suite against a variant of the DuckDB connector ({@link DelegatingWarehouseDestination}): another
 * dialect or other declared capabilities, in a fresh database file of its own. Tables are read back with DuckDB's
 * own dialect.
 */
abstract class DelegatingDuckDbSuite extends WarehouseConformanceSuite {
    private final Path dir;

    DelegatingDuckDbSuite() {
        try {
            dir = Files.createTempDirectory("destsdk-duckdb-variant-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the dialect the variant's base class uses */
    abstract SqlDialect variantDialect();

    /** @return how the variant adjusts the connector's declared capabilities */
    abstract UnaryOperator<ConnectorCapabilitiesConfigBuilder> variantCapabilities();

    /** The connector behind the variant; the inspector connects through it. */
    private DuckDbDestination duckdb;

    @Override
    protected final Destination createDestination() {
        duckdb = new DuckDbDestination(DuckDbConfig.fromMap(Map.of(
                "path", dir.resolve("variant.duckdb").toString(), "schema", namespace(),
                "stage_dir", dir.resolve("stage").toString())));
        return new DelegatingWarehouseDestination(duckdb, variantDialect(), variantCapabilities());
    }

    /** The stage directory the destination puts its staged copies in. */
    @Override
    protected java.util.Optional<Path> localStageDirectory() {
        return java.util.Optional.of(dir.resolve("stage"));
    }

    @Override
    protected final DestinationInspector createInspector(Destination destination) {
        try {
            return new JdbcDestinationInspector(duckdb.openConnection(),
                    new DuckDbDialect());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the DuckDB database", e);
        }
    }

    /** DuckDB compares identifiers case-insensitively, even quoted ones. */
    @Override
    protected final DestinationBehaviors behaviors(DestinationBehaviors.Builder declared) {
        return declared.without(DestinationBehavior.SUPPORTS_CASE_SENSITIVE_COLUMNS).build();
    }

    /** DuckDbDestinationIT fuzzes DuckDB with the full count; a variant only needs to show its own dialect copes. */
    @Override
    protected int fuzzedNameCount() {
        return Math.min(1_000, super.fuzzedNameCount());
    }

    /** DuckDbDestinationIT runs the full trials on the same engine; a variant runs a sample. */
    @Override
    protected int faultTrials() {
        return Math.min(20, super.faultTrials());
    }
}
