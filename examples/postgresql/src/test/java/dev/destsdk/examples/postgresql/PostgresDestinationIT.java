package dev.destsdk.examples.postgresql;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.jdbc.testing.AbstractWarehouseDestinationIT;
import dev.destsdk.jdbc.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

/**
 * The warehouse behaviour against a real PostgreSQL, loading with COPY. The server address comes from
 * {@code DESTSDK_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}) and {@code DESTSDK_PG_USER}
 * (default {@code postgres}); the class is skipped when the server is unreachable, and fails under {@code CI=true}.
 */
class PostgresDestinationIT extends AbstractWarehouseDestinationIT {
    static final String URL = DatabaseServer.address("DESTSDK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = DatabaseServer.address("DESTSDK_PG_USER", "postgres");
    static final String PASSWORD = DatabaseServer.address("DESTSDK_PG_PASSWORD", "");

    private final String schema = "destsdk_it_pg_" + Long.toHexString(System.nanoTime());

    /** @return settings for the test server with the given bulk path */
    static Map<String, String> settings(String schema, String bulkLoad) {
        return Map.of("url", URL, "user", USER, "password", PASSWORD, "schema", schema, "tls", "disable",
                "bulk_load", bulkLoad);
    }

    @Override
    protected Destination createDestination() {
        return new PostgresDestinationFactory().create(settings(schema, "copy"));
    }

    @Override
    protected Connection connectInspector() {
        return DatabaseServer.connectOrSkip("PostgreSQL at " + URL, "start it with `pg_ctlcluster --skip-systemctl-"
                + "redirect $(ls /etc/postgresql) main start` or set DESTSDK_PG_URL",
                () -> DriverManager.getConnection(URL, USER, PASSWORD));
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
    protected String listTablesSql() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'";
    }
}
