package dev.destsdk.examples.postgresql;

import dev.destsdk.jdbc.config.JdbcConnectionSettings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The PostgreSQL destination's settings, validated when built. {@link #toString()} never shows the password.
 *
 * <p>Settings: {@code url} (required, {@code jdbc:postgresql://host:port/database}, without credentials or TLS
 * parameters), {@code user} (required), {@code password}, {@code schema} (default {@code public}), {@code tls}
 * ({@code verify-full} by default, {@code require-unverified} or {@code disable} to opt out), {@code bulk_load}
 * ({@code copy} by default, or {@code insert} for batched INSERTs).
 *
 * @param connection the shared JDBC settings; not null
 */
public record PostgresConfig(JdbcConnectionSettings connection) {
    private static final JdbcConnectionSettings.Profile PROFILE = new JdbcConnectionSettings.Profile("postgresql",
            "jdbc:postgresql://", Set.of("user", "password", "ssl", "sslmode", "sslfactory", "sslrootcert", "sslcert",
            "sslkey", "sslpassword"), "schema", Optional.of("public"), "copy");

    /** Validates the component. */
    public PostgresConfig {
        Objects.requireNonNull(connection, "connection is null");
    }

    /**
     * @param config the settings; not null
     * @return the validated configuration
     * @throws dev.destsdk.core.error.ConnectorException CONFIGURATION_ERROR naming the setting at fault
     */
    public static PostgresConfig fromMap(Map<String, String> config) {
        return new PostgresConfig(JdbcConnectionSettings.read(config, PROFILE));
    }

    /** @return the default schema of target tables */
    public String schema() {
        return connection.namespace();
    }

    /** @return the driver properties: credentials and the TLS mode as pgjdbc's {@code sslmode} */
    Properties jdbcProperties() {
        Properties p = connection.credentials();
        p.setProperty("sslmode", switch (connection.tls()) {
            case VERIFY_FULL -> "verify-full";
            case REQUIRE_UNVERIFIED -> "require";
            case DISABLE -> "disable";
        });
        p.setProperty("ApplicationName", "destsdk");
        return p;
    }

    @Override
    public String toString() {
        return "PostgresConfig{" + connection + "}";
    }
}
