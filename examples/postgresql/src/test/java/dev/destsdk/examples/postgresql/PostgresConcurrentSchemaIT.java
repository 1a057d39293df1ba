package dev.destsdk.examples.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.SchemaStrategy;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.testkit.runner.LocalPipelineRunner;
import dev.destsdk.testkit.runner.RunResult;
import dev.destsdk.testkit.runner.RunSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schema creation against another session creating the same schema, made deterministic with PostgreSQL's own
 * locking: a second connection creates the schema in a transaction it holds open, the load's
 * {@code CREATE SCHEMA IF NOT EXISTS} waits on it (seen in {@code pg_stat_activity}), and the commit makes the
 * server refuse the load's statement with a unique violation on {@code pg_namespace}, as when several loads create
 * a new schema at the same moment. Server address and skipping as for {@link PostgresDestinationIT}.
 */
class PostgresConcurrentSchemaIT {
    private final String schema = "destsdk_it_pgcs_" + Long.toHexString(System.nanoTime());
    private final List<Connection> open = new ArrayList<>();

    @TempDir
    Path work;

    private Connection admin;

    @BeforeEach
    void connect() {
        admin = connection();
    }

    @AfterEach
    void cleanUp() throws SQLException {
        for (Connection c : open) {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        execute(admin, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        for (Connection c : open) {
            c.close();
        }
    }

    private Connection connection() {
        Connection c = PostgresDestinationIT.DATABASE.connectOrSkip();
        open.add(c);
        return c;
    }

    private static void execute(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("statement failed: " + sql, e);
        }
    }

    private Destination destination(String user) {
        return new PostgresDestinationFactory().create(Map.of("url", PostgresDestinationIT.DATABASE.url(),
                "user", user, "password", PostgresDestinationIT.DATABASE.password(), "schema", schema,
                "tls", "disable"));
    }

    private RunSpec spec(LoadMode mode) {
        ObjectMetadata source = ObjectMetadata.builder("contacts").schema("crm")
                .addField(FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build())
                .addField(FieldMetadata.builder("name", CanonicalType.STRING).build())
                .build();
        return RunSpec.builder(source).textRows(List.of(List.of("1", "Ada"), List.of("2", "Grace")))
                .namespaceRules(NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema(schema)
                        .build())
                .loadMode(mode).syncId("s1").build();
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        try (Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name FROM \"" + schema + "\".contacts ORDER BY id")) {
            while (rs.next()) {
                names.add(rs.getLong(1) + " " + rs.getString(2));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    private boolean schemaExists() {
        try (Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = '" + schema + "'")) {
            return rs.next();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Waits until a session waits on a lock in a statement that names this test's schema and starts with
     * {@code prefix}; fails when {@code running} ends first or after 30 seconds.
     */
    private void awaitBlocked(String prefix, CompletableFuture<?> running) throws InterruptedException {
        String query = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '"
                + prefix + "%" + schema + "%'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(running).as("the statement ended before it waited on the other session's schema")
                    .isNotDone();
            try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(query)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no session waited on the schema within 30 s");
    }

    /** Opens a transaction on a connection of its own that creates the schema, and leaves it open. */
    private Connection holdSchemaCreation() throws SQLException {
        Connection other = connection();
        other.setAutoCommit(false);
        execute(other, "CREATE SCHEMA \"" + schema + "\"");
        return other;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MERGE", "APPEND"})
    void aLoadWhoseSchemaAnotherSessionCreatesAtTheSameMomentGoesOnAndLoadsItsRows(String mode) throws Exception {
        Connection other = holdSchemaCreation();
        try (Destination d = destination(PostgresDestinationIT.DATABASE.user())) {
            CompletableFuture<RunResult> load = CompletableFuture.supplyAsync(() ->
                    new LocalPipelineRunner(d, work).runOnce(spec(LoadMode.valueOf(mode))));
            awaitBlocked("CREATE SCHEMA IF NOT EXISTS", load);
            other.commit();
            RunResult result = load.get(60, TimeUnit.SECONDS);
            assertThat(result.loadResponse().rowsLoaded()).isEqualTo(2);
        }
        assertThat(names()).containsExactly("1 Ada", "2 Grace");
    }

    @Test
    void aSchemaTheLoadMayNotCreateFailsWithTheServersErrorNotAsBadInputAndNothingIsCreated() {
        String role = "destsdk_it_pgcs_" + Long.toHexString(System.nanoTime());
        execute(admin, "CREATE ROLE " + role + " LOGIN");
        try (Destination d = destination(role)) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> new LocalPipelineRunner(d, work).runOnce(spec(LoadMode.MERGE)));
            assertThat(e).as("a role without CREATE on the database cannot create the schema").isNotNull();
            assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.SQL_ERROR);
            assertThat(e.getMessage()).contains("permission denied").contains("CREATE SCHEMA IF NOT EXISTS");
            assertThat(schemaExists()).isFalse();
        } finally {
            execute(admin, "DROP ROLE " + role);
        }
    }

    @Test
    void aUniqueViolationOnTheCatalogIsAServerErrorWhileOneOnLoadedRowsIsBadInput() throws Exception {
        Connection other = holdSchemaCreation();
        Connection mine = connection();
        SqlExecutor sql = new SqlExecutor(mine, new PostgresDialect(), CancellationSignal.never(), schema);
        CompletableFuture<ConnectorException> create = CompletableFuture.supplyAsync(() -> catchThrowableOfType(
                ConnectorException.class, () -> sql.updateCatalog("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"")));
        awaitBlocked("CREATE SCHEMA IF NOT EXISTS", create);
        other.commit();
        ConnectorException catalog = create.get(60, TimeUnit.SECONDS);
        assertThat(catalog).as("the second creator is refused").isNotNull();
        assertThat(((SQLException) catalog.getCause()).getSQLState()).isEqualTo("23505");
        assertThat(catalog.getMessage()).contains("pg_namespace");
        assertThat(catalog.getErrorType()).isEqualTo(ErrorType.SQL_ERROR);

        execute(admin, "CREATE TABLE \"" + schema + "\".k (id INTEGER PRIMARY KEY)");
        execute(admin, "INSERT INTO \"" + schema + "\".k VALUES (1)");
        ConnectorException rows = catchThrowableOfType(ConnectorException.class,
                () -> sql.update("INSERT INTO \"" + schema + "\".k VALUES (1)"));
        assertThat(((SQLException) rows.getCause()).getSQLState()).isEqualTo("23505");
        assertThat(rows.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
    }
}
