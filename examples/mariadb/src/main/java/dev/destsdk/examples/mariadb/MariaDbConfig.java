package dev.destsdk.examples.mariadb;

import dev.destsdk.jdbc.config.JdbcConnectionSettings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The MariaDB destination's settings, validated when built. {@link #toString()} never shows the password.
 *
 * <p>Settings: {@code url} (required, {@code jdbc:mariadb://host:port}, without credentials or TLS parameters),
 * {@code user} (required), {@code password}, {@code database} (required: MariaDB's databases play the role of
 * schemas), {@code tls} ({@code verify-full} by default, {@code require-unverified} or {@code disable} to opt out),
 * {@code bulk_load} ({@code load_data} by default, or {@code insert} for batched INSERTs).
 *
 * @param connection the shared JDBC settings; not null
 */
public record MariaDbConfig(JdbcConnectionSettings connection) {
    private static final JdbcConnectionSettings.Profile PROFILE = new JdbcConnectionSettings.Profile("mariadb",
            "jdbc:mariadb://", Set.of("user", "password", "sslmode", "usessl", "trustservercertificate",
            "servercacertpath", "allowlocalinfile"), "database", Optional.empty(), "load_data");

    /** Validates the component. */
    public MariaDbConfig {
        Objects.requireNonNull(connection, "connection is null");
    }

    /**
     * @param config the settings; not null
     * @return the validated configuration
     * @throws dev.destsdk.core.error.ConnectorException CONFIGURATION_ERROR naming the setting at fault
     */
    public static MariaDbConfig fromMap(Map<String, String> config) {
        return new MariaDbConfig(JdbcConnectionSettings.read(config, PROFILE));
    }

    /** @return the default database of target tables */
    public String database() {
        return connection.namespace();
    }

    /** @return the driver properties: credentials, TLS as the driver's {@code sslMode}, local infile on */
    Properties jdbcProperties() {
        Properties p = connection.credentials();
        p.setProperty("sslMode", switch (connection.tls()) {
            case VERIFY_FULL -> "verify-full";
            case REQUIRE_UNVERIFIED -> "trust";
            case DISABLE -> "disable";
        });
        // LOAD DATA LOCAL reads only the stream the loader hands to the statement, never a file the server names.
        p.setProperty("allowLocalInfile", "true");
        return p;
    }

    @Override
    public String toString() {
        return "MariaDbConfig{" + connection + "}";
    }
}
