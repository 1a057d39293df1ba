package dev.destsdk.examples.postgresql;

import dev.destsdk.jdbc.config.ConfigReader;
import dev.destsdk.jdbc.config.TlsMode;
import java.util.Locale;
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
 * @param url the JDBC URL; not null
 * @param user the user; not null
 * @param password the password, if any
 * @param schema the default schema; not null
 * @param tls the TLS mode; not null
 * @param bulkLoad how rows are loaded; not null
 */
public record PostgresConfig(String url, String user, Optional<String> password, String schema, TlsMode tls,
                             BulkLoad bulkLoad) {

    /** How rows reach the database. */
    public enum BulkLoad {
        /** {@code COPY ... FROM STDIN} through the driver's CopyManager. */
        COPY,
        /** Batched, parameterised INSERTs (the generic fallback; slower). */
        INSERT
    }

    private static final Set<String> KNOWN = Set.of("url", "user", "password", "schema", "tls", "bulk_load");
    private static final Set<String> MANAGED_URL_PARAMETERS = Set.of("user", "password", "ssl", "sslmode",
            "sslfactory", "sslrootcert", "sslcert", "sslkey", "sslpassword");

    /** Validates the components. */
    public PostgresConfig {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(tls, "tls is null");
        Objects.requireNonNull(bulkLoad, "bulkLoad is null");
    }

    /**
     * @param config the settings; not null
     * @return the validated configuration
     * @throws dev.destsdk.core.error.ConnectorException CONFIGURATION_ERROR naming the setting at fault
     */
    public static PostgresConfig fromMap(Map<String, String> config) {
        ConfigReader r = new ConfigReader("postgresql", config, KNOWN);
        String url = r.jdbcUrl("url", r.required("url"), "jdbc:postgresql://", MANAGED_URL_PARAMETERS);
        BulkLoad bulk = r.optional("bulk_load").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "copy" -> BulkLoad.COPY;
            case "insert" -> BulkLoad.INSERT;
            default -> throw new dev.destsdk.core.error.ConnectorException(
                    dev.destsdk.core.error.ErrorType.CONFIGURATION_ERROR,
                    "setting 'bulk_load' is '" + v + "'; use copy or insert");
        }).orElse(BulkLoad.COPY);
        return new PostgresConfig(url, r.required("user"), r.secret("password"), r.optional("schema").orElse("public"),
                r.tls("tls"), bulk);
    }

    /** @return the driver properties: user, password and the TLS mode as pgjdbc's {@code sslmode} */
    Properties jdbcProperties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        password.ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("sslmode", switch (tls) {
            case VERIFY_FULL -> "verify-full";
            case REQUIRE_UNVERIFIED -> "require";
            case DISABLE -> "disable";
        });
        p.setProperty("ApplicationName", "destsdk");
        return p;
    }

    @Override
    public String toString() {
        return "PostgresConfig{url=" + url + ", user=" + user + ", password=" + (password.isPresent() ? "****" : "<none>")
                + ", schema=" + schema + ", tls=" + tls.key() + ", bulkLoad=" + bulkLoad + "}";
    }
}
