package dev.destsdk.examples.crm;

import java.util.Objects;

/**
 * A bearer token (a HubSpot private app token). It never appears in logs, messages or {@link #toString()}: only
 * {@link #bearerHeader()} reveals it, for the {@code Authorization} header.
 */
public final class ApiToken {
    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    /**
     * @param value the token; not blank
     * @return the token
     */
    public static ApiToken of(String value) {
        Objects.requireNonNull(value, "token is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("the API token is blank");
        }
        return new ApiToken(value);
    }

    /** @return {@code Bearer <token>} */
    String bearerHeader() {
        return "Bearer " + value;
    }

    /** @return a redacted text; never the token */
    @Override
    public String toString() {
        return "ApiToken[****]";
    }
}
