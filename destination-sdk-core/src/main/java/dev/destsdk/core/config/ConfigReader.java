package dev.destsdk.core.config;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a connector's configuration map (what {@link dev.destsdk.core.spi.DestinationFactory#create} receives)
 * with uniform, actionable errors: missing or blank required settings, unknown settings (typos) and malformed
 * values are CONFIGURATION_ERRORs naming the connector and the setting. Values of secret settings never appear in
 * messages, and no other value is quoted either except in the "one of" refusal, which quotes at most 40 characters.
 * Every kind of connector (warehouse, file, activation) reads its settings with it.
 *
 * <p>Immutable and thread-safe. Nulls: no argument may be null; absent settings are {@link Optional#empty()}.
 */
public final class ConfigReader {
    private final String connector;
    private final Map<String, String> config;

    /**
     * @param connector the connector's name, for messages; not null
     * @param config the configuration; not null, no null keys or values
     * @param known every setting the connector accepts; others are refused
     * @throws ConnectorException CONFIGURATION_ERROR listing the unknown settings and the known ones
     */
    public ConfigReader(String connector, Map<String, String> config, Set<String> known) {
        this.connector = Objects.requireNonNull(connector, "connector is null");
        this.config = Map.copyOf(Objects.requireNonNull(config, "config is null"));
        Set<String> unknown = new TreeSet<>(this.config.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, connector + " does not know the setting(s) "
                    + unknown + "; known settings are " + new TreeSet<>(known));
        }
    }

    /** @return the connector's name given to the constructor */
    public String connector() {
        return connector;
    }

    /**
     * @param key the setting; not null
     * @return its value, trimmed
     * @throws ConnectorException CONFIGURATION_ERROR when it is missing or blank
     */
    public String required(String key) {
        return optional(key).orElseThrow(() -> new ConnectorException(ErrorType.CONFIGURATION_ERROR,
                connector + " needs the setting '" + key + "'"));
    }

    /**
     * @param key the setting; not null
     * @return its value, trimmed, or empty when missing or blank
     */
    public Optional<String> optional(String key) {
        String v = config.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /**
     * @param key a secret setting (a password, a secret key); not null
     * @return its value exactly as given (not trimmed), or empty when missing or empty
     */
    public Optional<String> secret(String key) {
        String v = config.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /**
     * A setting that takes one of a few words, compared without regard to case.
     *
     * @param key the setting; not null
     * @param defaultValue the value when the setting is missing or blank; not null
     * @param allowed the words allowed, in lower case; not empty
     * @return the value in lower case, one of {@code allowed}
     * @throws ConnectorException CONFIGURATION_ERROR naming the setting and the allowed words
     */
    public String oneOf(String key, String defaultValue, Set<String> allowed) {
        String v = optional(key).orElse(defaultValue).toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            String shown = v.length() > 40 ? v.substring(0, 40) + "…" : v;
            throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, connector + ": setting '" + key + "' is '"
                    + shown + "'; use one of " + new TreeSet<>(allowed));
        }
        return v;
    }

    /**
     * A whole number of at least 1.
     *
     * @param key the setting; not null
     * @param defaultValue the value when the setting is missing or blank
     * @return the value
     * @throws ConnectorException CONFIGURATION_ERROR when it is not a whole number of at least 1
     */
    public long positiveLong(String key, long defaultValue) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, connector + ": setting '" + key
                + "' must be a whole number of at least 1");
    }

    /**
     * A whole number of at least 1 that fits an {@code int}.
     *
     * @param key the setting; not null
     * @param defaultValue the value when the setting is missing or blank
     * @return the value
     * @throws ConnectorException CONFIGURATION_ERROR when it is not a whole number from 1 to 2147483647
     */
    public int positiveInt(String key, int defaultValue) {
        long n = positiveLong(key, defaultValue);
        if (n > Integer.MAX_VALUE) {
            throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, connector + ": setting '" + key
                    + "' must be at most " + Integer.MAX_VALUE);
        }
        return (int) n;
    }
}
