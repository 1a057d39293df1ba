package dev.destsdk.examples.postgresql;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.testkit.behavior.DestinationBehavior;
import dev.destsdk.testkit.behavior.DestinationBehaviors;
import dev.destsdk.testkit.inspect.DestinationInspector;
import dev.destsdk.testkit.server.TestDatabase;
import dev.destsdk.testkit.warehouse.JdbcDestinationInspector;
import dev.destsdk.testkit.warehouse.WarehouseConformanceSuite;
import java.util.Map;

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
}
