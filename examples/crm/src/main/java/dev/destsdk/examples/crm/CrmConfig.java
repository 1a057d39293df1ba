package dev.destsdk.examples.crm;

import dev.destsdk.activation.ActivationLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The CRM connector's configuration. {@link #toString()} never shows the token.
 *
 * @param baseUrl the API's base URL, e.g. {@code https://api.hubapi.com}; not null
 * @param token the bearer token; not null
 * @param limits batch size (HubSpot: 100 inputs per call), calls in flight, rate limit, retries; not null
 * @param requestTimeout how long one HTTP call may take; not null
 * @param stateDirectory where change-only syncs keep their state; empty to disable {@code change_only}
 */
public record CrmConfig(URI baseUrl, ApiToken token, ActivationLimits limits, Duration requestTimeout,
                        Optional<Path> stateDirectory) {

    /** Validates the components. */
    public CrmConfig {
        Objects.requireNonNull(baseUrl, "baseUrl is null");
        Objects.requireNonNull(token, "token is null");
        Objects.requireNonNull(limits, "limits is null");
        Objects.requireNonNull(requestTimeout, "requestTimeout is null");
        Objects.requireNonNull(stateDirectory, "stateDirectory is null");
    }

    /**
     * HubSpot's published limits for private apps: 100 inputs per batch call, 100 calls per 10 seconds; 4 calls in
     * flight; a 30-second call timeout.
     *
     * @param baseUrl the base URL; not null
     * @param token the token; not null
     * @return the configuration
     */
    public static CrmConfig of(URI baseUrl, ApiToken token) {
        return new CrmConfig(baseUrl, token, ActivationLimits.defaults().withBatch(100, 1 << 20).withMaxInFlight(4)
                .withRateLimit(100, Duration.ofSeconds(10)).withRequestTimeout(Duration.ofSeconds(35)),
                Duration.ofSeconds(30), Optional.empty());
    }

    /** @param value the limits @return a copy */
    public CrmConfig withLimits(ActivationLimits value) {
        return new CrmConfig(baseUrl, token, value, requestTimeout, stateDirectory);
    }

    /** @param value the HTTP call timeout @return a copy */
    public CrmConfig withRequestTimeout(Duration value) {
        return new CrmConfig(baseUrl, token, limits, value, stateDirectory);
    }

    /** @param value the state directory @return a copy */
    public CrmConfig withStateDirectory(Path value) {
        return new CrmConfig(baseUrl, token, limits, requestTimeout, Optional.of(value));
    }

    @Override
    public String toString() {
        return "CrmConfig[baseUrl=" + baseUrl + ", token=****, limits=" + limits + ", requestTimeout="
                + requestTimeout + ", stateDirectory=" + stateDirectory + "]";
    }
}
