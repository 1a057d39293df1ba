package dev.destsdk.examples.cli;

import dev.destsdk.activation.ActivationLimits;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import dev.destsdk.examples.crm.ApiToken;
import dev.destsdk.examples.crm.CrmConfig;
import dev.destsdk.examples.crm.CrmDestination;
import dev.destsdk.examples.duckdb.DuckDbDialect;
import dev.destsdk.examples.mariadb.MariaDbDialect;
import dev.destsdk.examples.postgresql.PostgresDialect;
import dev.destsdk.examples.sqlite.SqliteDialect;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.iceberg.IcebergDestination;
import dev.destsdk.iceberg.IcebergDestinationConfig;
import dev.destsdk.core.config.ConfigReader;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The destinations the CLI knows: every example connector. The JDBC and file connectors come from their
 * {@link DestinationFactory}; Iceberg (embedded SQLite catalog on a local warehouse) and the CRM are built here from
 * the same kind of settings map.
 */
final class Destinations {
    /** Every type the CLI accepts. */
    static final List<String> TYPES = List.of("postgresql", "mariadb", "duckdb", "sqlite", "filesystem", "iceberg",
            "crm");
    /** Settings that hold secrets: never on the command line, never printed. */
    static final Set<String> SECRETS = Set.of("password", "secret_access_key", "token");

    private Destinations() {
    }

    /**
     * @param type a destination type (case-insensitive); {@code file} and {@code s3} are names of filesystem
     * @param settings the settings, secrets included
     * @return a new destination; the caller closes it
     * @throws ConnectorException CONFIGURATION_ERROR for an unknown type or a bad setting
     */
    static Destination create(String type, Map<String, String> settings) {
        switch (canonical(type)) {
            case "iceberg" -> {
                ConfigReader r = new ConfigReader("iceberg", settings, Set.of("path", "catalog", "prefix"));
                Path root = Path.of(r.required("path"));
                try {
                    return new IcebergDestination(IcebergDestinationConfig.sqlite(new LocalObjectStore(root),
                            r.optional("prefix").orElse("warehouse"),
                            Path.of(r.optional("catalog").orElse(root.resolve("catalog.db").toString()))));
                } catch (IOException e) {
                    throw ConnectorException.builder(ErrorType.CONFIGURATION_ERROR, "iceberg: cannot use the"
                            + " warehouse directory " + root + ": " + e.getMessage()).cause(e).build();
                }
            }
            case "crm" -> {
                ConfigReader r = new ConfigReader("crm", settings, Set.of("base_url", "token", "state_dir",
                        "max_in_flight"));
                String token = r.secret("token").orElseThrow(() -> new ConnectorException(
                        ErrorType.CONFIGURATION_ERROR, "crm: setting 'token' is required: pass it with"
                        + " --secret-env token=VARIABLE or --secret-file token=FILE"));
                URI base;
                try {
                    base = URI.create(r.required("base_url"));
                } catch (IllegalArgumentException e) {
                    throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, "crm: setting 'base_url' is not a"
                            + " URL: " + e.getMessage());
                }
                CrmConfig config = CrmConfig.of(base, ApiToken.of(token));
                if (r.optional("max_in_flight").isPresent()) {
                    config = config.withLimits(config.limits().withMaxInFlight(
                            positive("crm", "max_in_flight", r.optional("max_in_flight").get())));
                }
                return new CrmDestination(r.optional("state_dir").map(Path::of).map(config::withStateDirectory)
                        .orElse(config));
            }
            default -> {
                return DestinationFactory.find(canonical(type)).create(settings);
            }
        }
    }

    /**
     * @param canonicalType a canonical destination type
     * @return whether its tables load through one shared instance: DuckDB opens its database file once per process
     *     (and declares parallel use of an instance: each load opens its own connection)
     */
    static boolean sharesOneInstance(String canonicalType) {
        return canonicalType.equals("duckdb");
    }

    /**
     * @param type a destination type
     * @param settings its settings
     * @return the SQL dialect of a warehouse type, for dry runs; empty for file, lake and API destinations
     */
    static Optional<SqlDialect> dialect(String type, Map<String, String> settings) {
        return switch (canonical(type)) {
            case "postgresql" -> Optional.of(new PostgresDialect());
            case "mariadb" -> Optional.of(new MariaDbDialect());
            case "duckdb" -> Optional.of(new DuckDbDialect());
            case "sqlite" -> Optional.of(new SqliteDialect(Path.of(settings.getOrDefault("directory", "."))));
            default -> Optional.empty();
        };
    }

    /**
     * @param type a type as typed by the user
     * @return its canonical name ({@code file} and {@code s3} are {@code filesystem}, {@code postgres} is
     *     {@code postgresql})
     */
    static String canonical(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "file", "s3", "local" -> "filesystem";
            case "postgres", "pg" -> "postgresql";
            default -> t;
        };
    }

    static int positive(String connector, String key, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, connector + ": setting '" + key
                + "' must be a whole number of at least 1, got '" + value + "'");
    }

    /** @return limits for an in-process API: small batches so that a small dataset still makes several calls */
    static ActivationLimits quickstartLimits() {
        return ActivationLimits.defaults().withBatch(5, 1 << 20).withMaxInFlight(2)
                .withRetries(3, Duration.ofMillis(5), Duration.ofMillis(50)).withRequestTimeout(Duration.ofSeconds(20));
    }
}
