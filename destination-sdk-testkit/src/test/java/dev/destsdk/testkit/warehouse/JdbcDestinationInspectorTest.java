package dev.destsdk.testkit.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.jdbc.dialect.GeneralSqlDialect;
import dev.destsdk.testkit.inspect.InspectedColumn;
import dev.destsdk.testkit.inspect.InspectedTable;
import dev.destsdk.testkit.inspect.ObjectRef;
import dev.destsdk.testkit.inspect.RowOrder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inspector against an in-memory DuckDB database, with a dialect that keeps every ANSI default. */
class JdbcDestinationInspectorTest {
    private static final ObjectRef TABLE = ObjectRef.of("s", "Mixed \"t\"");

    /** A dialect with every default. */
    static final class AnsiDialect extends GeneralSqlDialect {
        AnsiDialect() {
            super("ansi", IdentifierPolicy.builder().build());
        }
    }

    private Connection connection;
    private JdbcDestinationInspector inspector;

    @BeforeEach
    void setUp() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        execute("SET TimeZone = 'UTC'");
        execute("CREATE SCHEMA s");
        execute("CREATE SCHEMA other");
        execute("CREATE TABLE s.\"Mixed \"\"t\"\"\" (id INTEGER NOT NULL, flag BOOLEAN, name VARCHAR, day DATE, "
                + "\"at\" TIME, ts TIMESTAMP WITH TIME ZONE, big BIGINT, x DOUBLE, bytes BLOB, u UUID, span INTERVAL)");
        execute("INSERT INTO s.\"Mixed \"\"t\"\"\" VALUES (2, true, 'b', DATE '2024-02-29', TIME '23:59:59.999999', "
                + "TIMESTAMPTZ '2024-01-31 13:45:00.123456+05:30', 9007199254740993, -0.5, '\\x00\\xFF'::BLOB, "
                + "'123e4567-e89b-12d3-a456-426614174000', INTERVAL 3 DAY)");
        execute("INSERT INTO s.\"Mixed \"\"t\"\"\" VALUES "
                + "(1, NULL, '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        execute("CREATE INDEX i ON s.\"Mixed \"\"t\"\"\" (id)");
        execute("CREATE VIEW s.v AS SELECT id FROM s.\"Mixed \"\"t\"\"\"");
        execute("CREATE TABLE other.elsewhere (x INTEGER)");
        inspector = new JdbcDestinationInspector(connection, new AnsiDialect());
    }

    @AfterEach
    void tearDown() {
        inspector.close();
        inspector.close();
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void readsColumnsAsTheDialectReadsThem() {
        assertThat(inspector.exists(TABLE)).isTrue();
        assertThat(inspector.exists(ObjectRef.of("s", "missing"))).isFalse();
        assertThat(inspector.columns(TABLE)).extracting(InspectedColumn::name).containsExactly("id", "flag", "name",
                "day", "at", "ts", "big", "x", "bytes", "u", "span");
        assertThat(inspector.columns(TABLE)).extracting(InspectedColumn::canonicalType).containsExactly(
                CanonicalType.INTEGER, CanonicalType.BOOLEAN, CanonicalType.STRING, CanonicalType.DATE,
                CanonicalType.TIME, CanonicalType.TIMESTAMP_TZ, CanonicalType.LONG, CanonicalType.DOUBLE,
                CanonicalType.BINARY, CanonicalType.UUID, CanonicalType.STRING);
        assertThat(inspector.columns(TABLE).get(0).nullable()).isFalse();
    }

    @Test
    void readsRowsAsTypedValuesInTheRequestedOrder() {
        InspectedTable table = inspector.read(TABLE, RowOrder.by("id"));
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(table.rows().get(0)).containsExactly(1, null, "", null, null, null, null, null, null, null, null);
        Object[] second = table.rows().get(1).toArray();
        assertThat(Arrays.copyOfRange(second, 0, 5)).containsExactly(2, true, "b", LocalDate.of(2024, 2, 29),
                LocalTime.of(23, 59, 59, 999_999_000));
        assertThat(((OffsetDateTime) second[5]).toInstant())
                .isEqualTo(OffsetDateTime.of(2024, 1, 31, 8, 15, 0, 123_456_000, ZoneOffset.UTC).toInstant());
        assertThat(Arrays.copyOfRange(second, 6, 8)).containsExactly(9007199254740993L, -0.5d);
        assertThat((byte[]) second[8]).containsExactly(0, 0xFF);
        assertThat(second[9]).isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertThat(second[10]).as("a type without canonical equivalent reads as text").isInstanceOf(String.class);
    }

    @Test
    void aMissingTableIsAValidationError() {
        assertThatThrownBy(() -> inspector.read(ObjectRef.of("s", "missing"), RowOrder.any()))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR))
                .hasMessageContaining("s.missing");
    }

    @Test
    void listsTablesAndViewsOfOneSchemaOnly() {
        assertThat(inspector.listObjects(Optional.empty(), Optional.of("s"))).containsExactlyInAnyOrder(TABLE,
                ObjectRef.of("s", "v"));
        assertThat(inspector.listObjects(Optional.empty(), Optional.of("nope"))).isEmpty();
        assertThat(inspector.leftovers(Optional.empty(), Optional.of("s"), java.util.List.of(TABLE)))
                .containsExactly(ObjectRef.of("s", "v"));
    }

    @Test
    void removingANamespaceDropsItAndEverythingInIt() throws SQLException {
        inspector.removeNamespace(Optional.empty(), Optional.of("s"));
        assertThat(inspector.listObjects(Optional.empty(), Optional.of("s"))).isEmpty();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT schema_name FROM information_schema.schemata "
                     + "WHERE schema_name IN ('s', 'other') ORDER BY 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("other");
            assertThat(rs.next()).isFalse();
        }
        inspector.removeNamespace(Optional.empty(), Optional.of("s"));
    }
}
