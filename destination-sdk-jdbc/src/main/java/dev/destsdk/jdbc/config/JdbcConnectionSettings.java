package dev.destsdk.jdbc.config;

import dev.destsdk.core.config.ConfigReader;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings every JDBC warehouse connector reads the same way: {@code url} (required; no credentials or TLS
 * parameters in it), {@code user} (required), {@code password} (secret), the default namespace (a schema or a
 * database, under a key the connector names), {@code tls} ({@code verify-full} by default; opting out is explicit)
 * and {@code bulk_load} (the connector's native bulk path by default, or {@code insert} for batched INSERTs).
 *
 * <p>A connector describes its flavour once in a {@link Profile} and maps the result to its driver's properties.
 * Immutable; {@link #toString()} never shows the password.
 *
 * @param url the JDBC URL; not null
 * @param user the user; not null
 * @param password the password, if any
 * @param namespace the default schema (or database) for target tables; not null
 * @param tls the TLS mode; not null
 * @param nativeBulkLoad true for the connector's native bulk path, false for batched INSERTs
 */
public record JdbcConnectionSettings(String url, String user, Optional<String> password, String namespace,
                                     TlsMode tls, boolean nativeBulkLoad) {

    /** Validates the components. */
    public JdbcConnectionSettings {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(namespace, "namespace is null");
        Objects.requireNonNull(tls, "tls is null");
    }

    /**
     * How one connector names and checks these settings.
     *
     * @param connector the connector's name, for messages; not null
     * @param urlPrefix the required URL prefix, e.g. {@code jdbc:postgresql://}; not null
     * @param managedUrlParameters URL parameters (lower case) that must not appear in the URL; not null
     * @param namespaceKey the setting naming the default namespace, e.g. {@code schema}; not null
     * @param namespaceDefault its default, or empty when the setting is required
     * @param nativeBulkLoadName the {@code bulk_load} value of the native path, e.g. {@code copy}; not null
     */
    public record Profile(String connector, String urlPrefix, Set<String> managedUrlParameters, String namespaceKey,
                          Optional<String> namespaceDefault, String nativeBulkLoadName) {

        /** Validates and copies the components. */
        public Profile {
            Objects.requireNonNull(connector, "connector is null");
            Objects.requireNonNull(urlPrefix, "urlPrefix is null");
            managedUrlParameters = Set.copyOf(managedUrlParameters);
            Objects.requireNonNull(namespaceKey, "namespaceKey is null");
            Objects.requireNonNull(namespaceDefault, "namespaceDefault is null");
            Objects.requireNonNull(nativeBulkLoadName, "nativeBulkLoadName is null");
        }

        /** @return every setting key this profile accepts */
        public Set<String> keys() {
            return Set.of("url", "user", "password", namespaceKey, "tls", "bulk_load");
        }
    }

    /**
     * Reads and validates the settings.
     *
     * @param config the connector's configuration; not null
     * @param profile the connector's flavour; not null
     * @return the settings
     * @throws ConnectorException CONFIGURATION_ERROR naming the setting at fault (never its secret value)
     */
    public static JdbcConnectionSettings read(Map<String, String> config, Profile profile) {
        ConfigReader r = new ConfigReader(profile.connector(), config, profile.keys());
        String url = checkUrl("url", r.required("url"), profile.urlPrefix(), profile.managedUrlParameters());
        String namespace = profile.namespaceDefault().isPresent()
                ? r.optional(profile.namespaceKey()).orElse(profile.namespaceDefault().get())
                : r.required(profile.namespaceKey());
        boolean nativeLoad = r.optional("bulk_load").map(v -> {
            String value = v.toLowerCase(Locale.ROOT);
            if (value.equals(profile.nativeBulkLoadName())) {
                return true;
            }
            if (value.equals("insert")) {
                return false;
            }
            throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, "setting 'bulk_load' is '" + v + "'; use "
                    + new TreeSet<>(Set.of(profile.nativeBulkLoadName(), "insert")));
        }).orElse(true);
        return new JdbcConnectionSettings(url, r.required("user"), r.secret("password"), namespace,
                r.optional("tls").map(v -> TlsMode.parse("tls", v)).orElse(TlsMode.VERIFY_FULL),
                nativeLoad);
    }

    /** @return new driver properties holding {@code user} and, if set, {@code password} */
    public Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", user);
        password.ifPresent(pw -> p.setProperty("password", pw));
        return p;
    }

    @Override
    public String toString() {
        return "url=" + url + ", user=" + user + ", password=" + (password.isPresent() ? "****" : "<none>")
                + ", namespace=" + namespace + ", tls=" + tls.key() + ", bulkLoad="
                + (nativeBulkLoad ? "native" : "insert");
    }

    /**
     * Refuses a JDBC URL that carries settings the connector manages itself (credentials, TLS), so that a password
     * never sits in a URL that may be logged and TLS cannot be weakened behind the setting's back. Messages never
     * quote the URL.
     *
     * @param key the URL setting, for messages; not null
     * @param url the URL; not null
     * @param prefix the required URL prefix, e.g. {@code jdbc:postgresql://}; not null
     * @param managedParameters URL parameters (lower case) that must not appear; not null
     * @return the URL
     * @throws ConnectorException CONFIGURATION_ERROR naming the problem
     */
    public static String checkUrl(String key, String url, String prefix, Set<String> managedParameters) {
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
            String name = decode(part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
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
