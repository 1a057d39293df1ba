package dev.destsdk.examples.mariadb;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.jdbc.config.ConfigReader;
import dev.destsdk.jdbc.config.TlsMode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The MariaDB destination's settings, validated when built. {@link #toString()} never shows the password.
 *
 * <p>Settings: {@code url} (required, {@code jdbc:mariadb://host:port[/database]}, without credentials or TLS
 * parameters), {@code user} (required), {@code password}, {@code database} (required: the default database tables
 * go to), {@code tls} ({@code verify-full} by default, {@code require-unverified} or {@code disable} to opt out),
 * {@code bulk_load} ({@code load_data} by default, or {@code insert}).
 *
 * @param url the JDBC URL; not null
 * @param user the user; not null
 * @param password the password, if any
 * @param database the default database; not null
 * @param tls the TLS mode; not null
 * @param bulkLoad how rows are loaded; not null
 */
public record MariaDbConfig(String url, String user, Optional<String> password, String database, TlsMode tls,
                            BulkLoad bulkLoad) {

    /** How rows reach the database. */
    public enum BulkLoad {
        /** {@code LOAD DATA LOCAL INFILE} fed from a stream. */
        LOAD_DATA,
        /** Batched, parameterised INSERTs. */
        INSERT
    }

    private static final Set<String> KNOWN = Set.of("url", "user", "password", "database", "tls", "bulk_load");
    private static final Set<String> MANAGED_URL_PARAMETERS = Set.of("user", "password", "sslmode", "usessl",
            "trustservercertificate", "servercacertpath", "allowlocalinfile");

    /** Validates the components. */
    public MariaDbConfig {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(database, "database is null");
        Objects.requireNonNull(tls, "tls is null");
        Objects.requireNonNull(bulkLoad, "bulkLoad is null");
    }

    /**
     * @param config the settings; not null
     * @return the validated configuration
     * @throws ConnectorException CONFIGURATION_ERROR naming the setting at fault
     */
    public static MariaDbConfig fromMap(Map<String, String> config) {
        ConfigReader r = new ConfigReader("mariadb", config, KNOWN);
        String url = r.jdbcUrl("url", r.required("url"), "jdbc:mariadb://", MANAGED_URL_PARAMETERS);
        BulkLoad bulk = r.optional("bulk_load").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "load_data" -> BulkLoad.LOAD_DATA;
            case "insert" -> BulkLoad.INSERT;
            default -> throw new ConnectorException(ErrorType.CONFIGURATION_ERROR,
                    "setting 'bulk_load' is '" + v + "'; use load_data or insert");
        }).orElse(BulkLoad.LOAD_DATA);
        return new MariaDbConfig(url, r.required("user"), r.secret("password"), r.required("database"), r.tls("tls"),
                bulk);
    }

    /** @return the driver properties: credentials, TLS as the driver's {@code sslMode}, local infile on */
    Properties jdbcProperties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        password.ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("sslMode", switch (tls) {
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
        return "MariaDbConfig{url=" + url + ", user=" + user + ", password=" + (password.isPresent() ? "****" : "<none>")
                + ", database=" + database + ", tls=" + tls.key() + ", bulkLoad=" + bulkLoad + "}";
    }
}
