package dev.destsdk.examples.mariadb;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.testkit.warehouse.AbstractLoadPathIT;
import dev.destsdk.testkit.warehouse.CanonicalValues;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The load paths against a real MariaDB, loading with LOAD DATA LOCAL INFILE (bytes passed through the NULL-marker
 * rewrite, or transcoded). Server address and skipping as for {@link MariaDbDestinationIT}.
 */
class MariaDbLoadPathIT extends AbstractLoadPathIT {
    private final String database = "destsdk_it_mdblp_" + Long.toHexString(System.nanoTime());

    /**
     * The server's URL without its default database: the connector qualifies every table with the configured
     * database, so each statement (multi-table DELETEs included) must work on a connection with none selected.
     */
    @Override
    protected Destination createDestination() {
        String url = MariaDbDestinationIT.DATABASE.url().replaceFirst("^(jdbc:mariadb://[^/?]+)/[^?]*", "$1/");
        return new MariaDbDestinationFactory().create(Map.of("url", url,
                "user", MariaDbDestinationIT.DATABASE.user(), "password", MariaDbDestinationIT.DATABASE.password(),
                "database", database,
                "tls", "disable"));
    }

    @Override
    protected Connection connectInspector() {
        return MariaDbDestinationIT.DATABASE.connectOrSkip();
    }

    @Override
    protected String schema() {
        return database;
    }

    @Override
    protected List<String> createSchemaSql(String schema) {
        return List.of("CREATE DATABASE `" + schema + "`");
    }

    @Override
    protected List<String> dropSchemaSql(String schema) {
        return List.of("DROP DATABASE IF EXISTS `" + schema + "`");
    }

    @Override
    protected SqlDialect dialect() {
        return new MariaDbDialect();
    }

    @Override
    protected String listTablesSql() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + database + "'";
    }

    /** MariaDB stores TIMESTAMP_TZ as a DATETIME in UTC. */
    @Override
    protected String read(ResultSet rs, int column, CanonicalType type) throws SQLException {
        if (type == CanonicalType.TIMESTAMP_TZ) {
            LocalDateTime value = rs.getObject(column, LocalDateTime.class);
            return value == null ? null : value.atOffset(ZoneOffset.UTC).toInstant().toString();
        }
        return CanonicalValues.read(rs, column, type);
    }

    @Test
    void aConnectionTheServerRefusesOverTlsIsAConfigurationErrorNotRetried() {
        assertTlsRefusalIsAConfigurationError(new MariaDbDestinationFactory().create(Map.of("url", MariaDbDestinationIT.DATABASE.url(),
                "user", MariaDbDestinationIT.DATABASE.user(), "password", MariaDbDestinationIT.DATABASE.password(),
                "database", database, "tls", "verify-full")));
    }
}
