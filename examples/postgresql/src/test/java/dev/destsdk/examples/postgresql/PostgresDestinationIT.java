package dev.destsdk.examples.postgresql;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.testkit.behavior.DestinationBehavior;
import dev.destsdk.testkit.behavior.DestinationBehaviors;
import dev.destsdk.testkit.fault.SessionKiller;
import dev.destsdk.testkit.inspect.DestinationInspector;
import dev.destsdk.testkit.server.TestDatabase;
import dev.destsdk.testkit.warehouse.JdbcDestinationInspector;
import dev.destsdk.testkit.warehouse.WarehouseConformanceSuite;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The warehouse conformance suite against a real PostgreSQL, loading with COPY. The server comes from
 * {@code DESTSDK_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code DESTSDK_PG_USER} (default
 * {@code postgres}) and {@code DESTSDK_PG_PASSWORD}; the class is skipped when the server is unreachable, and fails
 * under {@code CI=true}.
 */
class PostgresDestinationIT extends WarehouseConformanceSuite {
    static final TestDatabase DATABASE = TestDatabase.fromEnvironment("PostgreSQL", "DESTSDK_PG",
            "jdbc:postgresql://127.0.0.1:5432/test", "postgres")
            .withHint("start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`");

    /** @return settings for the test server, loading into this class's namespace with the given bulk path */
    Map<String, String> settings(String bulkLoad) {
        return Map.of("url", DATABASE.url(), "user", DATABASE.user(), "password", DATABASE.password(),
                "schema", namespace(), "tls", "disable", "bulk_load", bulkLoad);
    }

    @Override
    protected Destination createDestination() {
        return new PostgresDestinationFactory().create(settings("copy"));
    }

    @Override
    protected DestinationInspector createInspector(Destination destination) {
        return new JdbcDestinationInspector(DATABASE.connectOrSkip(), new PostgresDialect());
    }

    /** Identifiers fold to lower case, so names differing only in case collide. */
    @Override
    protected DestinationBehaviors behaviors(DestinationBehaviors.Builder declared) {
        return declared.without(DestinationBehavior.SUPPORTS_CASE_SENSITIVE_COLUMNS).build();
    }

    /** @return the bulk path this class loads with */
    String bulkLoad() {
        return "copy";
    }

    /** Loads as a role of its own, whose sessions {@code pg_terminate_backend} ends at each fault point. */
    @Override
    protected Optional<FaultInjection> faultInjection() {
        String role = "destsdk_fault_" + Long.toHexString(System.nanoTime());
        Connection admin = DATABASE.connectOrSkip();
        run(admin, "CREATE ROLE " + role + " LOGIN", "CREATE SCHEMA IF NOT EXISTS \"" + namespace() + "\"",
                "GRANT ALL ON SCHEMA \"" + namespace() + "\" TO " + role,
                "DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO " + role + "', current_database()); END $$");
        Map<String, String> settings = new HashMap<>(settings(bulkLoad()));
        settings.put("user", role);
        return Optional.of(new FaultInjection(new PostgresDestinationFactory().create(settings),
                SessionKiller.postgres(admin, role), () -> {
                    run(admin, "DROP OWNED BY " + role + " CASCADE", "DROP ROLE " + role);
                    closeQuietly(admin);
                }));
    }

    static void run(Connection admin, String... statements) {
        try (Statement st = admin.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fault-injection setup failed: " + e.getMessage(), e);
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing an admin connection after the case
        }
    }
}
