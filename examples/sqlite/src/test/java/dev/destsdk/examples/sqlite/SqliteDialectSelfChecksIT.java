package dev.destsdk.examples.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.NamingDefaults;
import dev.destsdk.core.naming.SchemaStrategy;
import dev.destsdk.jdbc.DelegatingWarehouseDestination;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.testkit.behavior.DestinationBehavior;
import dev.destsdk.testkit.behavior.DestinationBehaviors;
import dev.destsdk.testkit.runner.LocalPipelineRunner;
import dev.destsdk.testkit.warehouse.DialectSelfChecks;
import dev.destsdk.testkit.warehouse.JdbcDestinationInspector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The testkit's dialect self-checks against SQLite: the real dialect passes them and leaves nothing behind; a dialect
 * whose unbounded text reads back capped, and one that reads an unchanged column back as a narrower type (so every
 * load re-alters it), fail with a message naming the type and what to fix.
 */
class SqliteDialectSelfChecksIT {
    @TempDir
    Path dir;

    private DialectSelfChecks checks(SqliteDialect dialect, JdbcDestinationInspector[] inspector) throws SQLException {
        SqliteDestination sqlite = new SqliteDestination(dir.resolve("db"), "main");
        DelegatingWarehouseDestination destination = new DelegatingWarehouseDestination(sqlite, dialect,
                UnaryOperator.identity());
        inspector[0] = new JdbcDestinationInspector(sqlite.openConnection(), dialect);
        DestinationBehaviors behaviors = DestinationBehaviors.builder(destination.getCapabilitiesConfig())
                .without(DestinationBehavior.SUPPORTS_CASE_SENSITIVE_COLUMNS)
                .without(DestinationBehavior.PRESERVES_NEGATIVE_ZERO).build();
        NamespaceRules rules = NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema("main")
                .build();
        LocalPipelineRunner runner = new LocalPipelineRunner(destination, dir.resolve("work"),
                Clock.fixed(Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC));
        return new DialectSelfChecks(destination, inspector[0], behaviors, rules, runner, Optional.empty(),
                Optional.of("main"));
    }

    @Test
    void theSqliteDialectPassesEveryCheckAndLeavesNoTable() throws SQLException {
        JdbcDestinationInspector[] inspector = new JdbcDestinationInspector[1];
        checks(new SqliteDialect(dir.resolve("db")), inspector).runAll();
        try (JdbcDestinationInspector i = inspector[0]) {
            assertThat(i.listObjects(Optional.empty(), Optional.of("main"))).isEmpty();
        }
    }

    @Test
    void aDialectWhoseUnboundedTextIsCappedFailsTheTypeCheckNamingTheType() throws SQLException {
        // A bare VARCHAR that the database reports back with the length it caps it at, as HSQLDB does
        SqliteDialect capped = new SqliteDialect(dir.resolve("db")) {
            @Override
            public String nativeType(ColumnType type) {
                return type.canonicalType() == CanonicalType.STRING && type.precision().isEmpty() ? "VARCHAR"
                        : super.nativeType(type);
            }

            @Override
            protected Optional<ColumnType> columnTypeOf(String dataType, Optional<Integer> length,
                                                        Optional<Integer> precision, Optional<Integer> scale) {
                return dataType.equals("varchar")
                        ? Optional.of(new ColumnType(CanonicalType.STRING, Optional.of(32768), Optional.empty()))
                        : super.columnTypeOf(dataType, length, precision, scale);
            }
        };
        JdbcDestinationInspector[] inspector = new JdbcDestinationInspector[1];
        DialectSelfChecks checks = checks(capped, inspector);
        try (JdbcDestinationInspector i = inspector[0]) {
            assertThatThrownBy(checks::typesReadBackAsMapped).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("dialect self-check 'types' failed for sqlite")
                    .hasMessageContaining("unbounded STRING column is created as VARCHAR")
                    .hasMessageContaining("caps it at 32768")
                    .hasMessageContaining("map unbounded STRING in nativeType to a type without a cap");
            assertThat(i.listObjects(Optional.empty(), Optional.of("main"))).isEmpty();
        }
    }

    @Test
    void aDialectThatReAltersAnUnchangedColumnFailsTheReloadCheck() throws SQLException {
        // The database reports INTEGER columns as 'int4', which the dialect reads back as SHORT: every load widens
        SqliteDialect narrowing = new SqliteDialect(dir.resolve("db")) {
            @Override
            public ExistingColumn readColumn(ResultSet row) throws SQLException {
                ExistingColumn c = super.readColumn(row);
                return c.nativeType().equalsIgnoreCase("INTEGER")
                        ? new ExistingColumn(c.name(), "int4", Optional.of(ColumnType.of(CanonicalType.SHORT)),
                        c.nullable())
                        : c;
            }
        };
        JdbcDestinationInspector[] inspector = new JdbcDestinationInspector[1];
        DialectSelfChecks checks = checks(narrowing, inspector);
        try (JdbcDestinationInspector i = inspector[0]) {
            assertThatThrownBy(checks::typesReadBackAsMapped).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("canonical type INTEGER is created as INTEGER")
                    .hasMessageContaining("reads back as 'int4' = SHORT");
            assertThatThrownBy(checks::unchangedReloadRunsNoAlter).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("dialect self-check 'unchanged reload' failed for sqlite")
                    .hasMessageContaining("with the same schema changed it: [rebuilding")
                    .hasMessageContaining("make the type each column reads back (columnTypeOf) equal");
            assertThat(i.listObjects(Optional.empty(), Optional.of("main"))).isEmpty();
        }
    }
}
