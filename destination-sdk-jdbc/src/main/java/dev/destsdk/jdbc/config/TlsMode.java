package dev.destsdk.jdbc.config;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a connector secures its database connection. Certificate verification is the default; turning it off is an
 * explicit choice ({@link #REQUIRE_UNVERIFIED} or {@link #DISABLE}), never a fallback.
 */
public enum TlsMode {
    /** Encrypt and verify the server's certificate and host name (the default). */
    VERIFY_FULL("verify-full"),
    /** Encrypt but do not verify the certificate: an explicit opt-out, e.g. for self-signed test servers. */
    REQUIRE_UNVERIFIED("require-unverified"),
    /** No TLS at all: only for servers on a trusted network or loopback. */
    DISABLE("disable");

    private final String key;

    TlsMode(String key) {
        this.key = key;
    }

    /** @return the configuration value naming this mode, e.g. {@code verify-full} */
    public String key() {
        return key;
    }

    /**
     * @param setting the configuration key, for messages; not null
     * @param value the configured value; not null
     * @return the mode
     * @throws ConnectorException CONFIGURATION_ERROR naming the allowed values
     */
    public static TlsMode parse(String setting, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (TlsMode mode : values()) {
            if (mode.key.equals(v)) {
                return mode;
            }
        }
        throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, "setting '" + setting + "' is '" + value
                + "'; use one of " + Arrays.stream(values()).map(TlsMode::key).collect(Collectors.joining(", "))
                + " (verify-full is the default; the others turn certificate verification off)");
    }
}
