package dev.destsdk.examples.postgresql;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.testkit.warehouse.AbstractLoadPathIT;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The load paths against a real PostgreSQL, loading with COPY (bytes passed through or transcoded). Server address
 * and skipping as for {@link PostgresDestinationIT}.
 */
class PostgresLoadPathIT extends AbstractLoadPathIT {
    private final String schema = "destsdk_it_pglp_" + Long.toHexString(System.nanoTime());

    /** @return the bulk path setting this class tests */
    String bulkLoad() {
        return "copy";
    }

    @Override
    protected Destination createDestination() {
        return new PostgresDestinationFactory().create(Map.of("url", PostgresDestinationIT.DATABASE.url(), "user",
                PostgresDestinationIT.DATABASE.user(), "password", PostgresDestinationIT.DATABASE.password(), "schema",
                schema, "tls", "disable", "bulk_load", bulkLoad()));
    }

    @Override
    protected Connection connectInspector() {
        return PostgresDestinationIT.DATABASE.connectOrSkip();
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
        return new PostgresDialect();
    }

    @Override
    protected String listTablesSql() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'";
    }

    @Test
    void aConnectionTheServerRefusesOverTlsIsAConfigurationErrorNotRetried() {
        assertTlsRefusalIsAConfigurationError(new PostgresDestinationFactory().create(Map.of("url", PostgresDestinationIT.DATABASE.url(), "user",
                PostgresDestinationIT.DATABASE.user(), "password", PostgresDestinationIT.DATABASE.password(), "schema",
                schema, "tls", "verify-full", "bulk_load", bulkLoad())));
    }
}
