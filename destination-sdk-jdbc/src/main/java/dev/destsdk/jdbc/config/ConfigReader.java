package dev.destsdk.jdbc.config;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a connector's configuration map with uniform, actionable errors: missing or blank required settings,
 * unknown settings (typos) and malformed values are reported as CONFIGURATION_ERROR naming the setting. Values of
 * secret settings never appear in messages. Immutable.
 */
public final class ConfigReader {
    private final String connector;
    private final Map<String, String> config;

    /**
     * @param connector the connector's name, for messages; not null
     * @param config the configuration; not null
     * @param known every setting the connector accepts; others are rejected
     * @throws ConnectorException CONFIGURATION_ERROR listing unknown settings
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
     * @param key a secret setting (a password); not null
     * @return its value exactly as given (not trimmed), or empty when missing or empty
     */
    public Optional<String> secret(String key) {
        String v = config.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /**
     * @param key the setting; not null
     * @return the TLS mode, {@link TlsMode#VERIFY_FULL} when not set
     */
    public TlsMode tls(String key) {
        return optional(key).map(v -> TlsMode.parse(key, v)).orElse(TlsMode.VERIFY_FULL);
    }

    /**
     * Refuses a JDBC URL that carries settings the connector manages itself (credentials, TLS), so that a password
     * never sits in a URL that may be logged and TLS cannot be weakened behind the setting's back.
     *
     * @param key the URL setting; not null
     * @param url the URL; not null
     * @param prefix the required URL prefix, e.g. {@code jdbc:postgresql://}; not null
     * @param managedParameters URL parameters (lower case) that must not appear
     * @return the URL
     * @throws ConnectorException CONFIGURATION_ERROR naming the problem
     */
    public String jdbcUrl(String key, String url, String prefix, Set<String> managedParameters) {
        if (!url.startsWith(prefix)) {
            throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, "setting '" + key + "' must start with "
                    + prefix);
        }
        String rest = url.substring(prefix.length());
        int authorityEnd = indexOfAny(rest, "/?;");
        String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        if (authority.contains("@")) {
            // user:password@host (and user@host): credentials belong in the connector's own settings
            throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, "setting '" + key + "' must not carry"
                    + " credentials before the host ('...@host'): use the connector's own settings for credentials");
        }
        // '?a=1&b=2' parameters, and ';a=1;b=2' properties as H2- and Derby-style drivers read them
        for (String part : rest.split("[?&;]")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = decode(part.substring(0, eq)).trim().toLowerCase(java.util.Locale.ROOT);
            if (managedParameters.contains(name)) {
                throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, "setting '" + key + "' must not set '"
                        + name + "': use the connector's own settings for credentials and TLS");
            }
        }
        return url;
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Percent-decodes a URL parameter name ({@code %70assword} is {@code password}); bad escapes stay as they are. */
    private static String decode(String name) {
        try {
            return java.net.URLDecoder.decode(name.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
