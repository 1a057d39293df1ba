package dev.destsdk.testkit.activation;

import dev.destsdk.activation.ActivationLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link ActivationConformanceSuite} asks a connector's test to configure its destination with for one
 * case: where the fake API listens, the token it expects, the write engine's limits, the HTTP call timeout and the
 * change-only state directory.
 *
 * @param baseUrl the fake API's base URL; not null
 * @param token the bearer token the fake API requires; not null
 * @param limits the limits to apply; not null
 * @param requestTimeout the connector's HTTP call timeout; not null
 * @param stateDirectory the state directory for change-only syncs; not null
 */
public record ActivationTestSettings(URI baseUrl, String token, ActivationLimits limits, Duration requestTimeout,
                                     Optional<Path> stateDirectory) {
    /** Validates the components. */
    public ActivationTestSettings {
        Objects.requireNonNull(baseUrl, "baseUrl is null");
        Objects.requireNonNull(token, "token is null");
        Objects.requireNonNull(limits, "limits is null");
        Objects.requireNonNull(requestTimeout, "requestTimeout is null");
        Objects.requireNonNull(stateDirectory, "stateDirectory is null");
    }
}
