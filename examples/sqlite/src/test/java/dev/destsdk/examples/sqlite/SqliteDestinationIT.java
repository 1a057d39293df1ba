package dev.destsdk.examples.sqlite;

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
 * The warehouse conformance suite against an embedded SQLite database directory. Needs no server, so it never
 * skips. What SQLite cannot do is declared: loads do not create schemas (capabilities), and the behaviours below.
 */
class SqliteDestinationIT extends WarehouseConformanceSuite {
    private final Path dir;

    SqliteDestinationIT() {
        try {
            dir = Files.createTempDirectory("destsdk-sqlite-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Destination createDestination() {
        return new SqliteDestinationFactory().create(Map.of("directory", dir.toString(), "schema", namespace()));
    }

    @Override
    protected DestinationInspector createInspector(Destination destination) {
        try {
            return new JdbcDestinationInspector(((SqliteDestination) destination).openConnection(),
                    ((SqliteDestination) destination).dialect());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the SQLite database", e);
        }
    }

    /**
     * SQLite compares names case-insensitively; stores -0.0 as 0 (NaN, which it would store as NULL, is refused by the SDK); keeps DECIMAL in a 64-bit number
     * (15 significant digits).
     */
    @Override
    protected DestinationBehaviors behaviors(DestinationBehaviors.Builder declared) {
        return declared.without(DestinationBehavior.SUPPORTS_CASE_SENSITIVE_COLUMNS)
                .without(DestinationBehavior.PRESERVES_NEGATIVE_ZERO)
                .without(DestinationBehavior.SUPPORTS_DECIMAL_PRECISION_38).build();
    }
}
