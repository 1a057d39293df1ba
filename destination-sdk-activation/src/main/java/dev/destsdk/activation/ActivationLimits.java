package dev.destsdk.activation;

import java.time.Duration;
import java.util.Objects;

/**
 * The write engine's limits and policies, supplied by the connector ({@link BaseActivationDestination#limits()}),
 * usually from its configuration. Immutable; change with the {@code with…} methods.
 *
 * @param maxRecordsPerBatch entries per batch call (HubSpot: 100); at least 1
 * @param maxBytesPerBatch estimated entry bytes per batch call; at least 1
 * @param maxInFlight batch calls in flight at once; at least 1
 * @param requestsPerWindow batch calls allowed per {@code window} (the API's budget); 0 for no limit
 * @param window the rate-limit window
 * @param maxRetries retries per record for retryable failures (5xx, timeouts, resets); waits for the rate limit do
 *     not count
 * @param maxThrottledAttempts how often one record may be throttled before it fails as rate limited, so that a load
 *     against an API that throttles forever ends; at least 1
 * @param initialBackoff the first retry's delay before jitter
 * @param maxBackoff the longest retry delay
 * @param requestTimeout how long one batch call may take before the engine abandons it and retries its records
 * @param maxMergeKeys how many merge keys the API can match on
 */
public record ActivationLimits(int maxRecordsPerBatch, int maxBytesPerBatch, int maxInFlight, int requestsPerWindow,
                               Duration window, int maxRetries, int maxThrottledAttempts, Duration initialBackoff,
                               Duration maxBackoff, Duration requestTimeout, int maxMergeKeys) {

    /** Validates the components. */
    public ActivationLimits {
        Objects.requireNonNull(window, "window is null");
        Objects.requireNonNull(initialBackoff, "initialBackoff is null");
        Objects.requireNonNull(maxBackoff, "maxBackoff is null");
        Objects.requireNonNull(requestTimeout, "requestTimeout is null");
        if (maxRecordsPerBatch < 1 || maxBytesPerBatch < 1 || maxInFlight < 1 || requestsPerWindow < 0
                || maxRetries < 0 || maxThrottledAttempts < 1 || maxMergeKeys < 1) {
            throw new IllegalArgumentException("invalid activation limits: " + maxRecordsPerBatch + "/"
                    + maxBytesPerBatch + "/" + maxInFlight + "/" + requestsPerWindow + "/" + maxRetries);
        }
        if (window.isNegative() || window.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("window and requestTimeout must be positive");
        }
    }

    /**
     * @return 100 records or 1 MiB per batch, 4 in flight, no rate limit, 5 retries, 1,000 throttled attempts,
     *     back-off 200 ms up to 30 s, 60 s request timeout, 1 merge key
     */
    public static ActivationLimits defaults() {
        return new ActivationLimits(100, 1 << 20, 4, 0, Duration.ofSeconds(1), 5, 1000, Duration.ofMillis(200),
                Duration.ofSeconds(30), Duration.ofSeconds(60), 1);
    }

    /**
     * @param records entries per batch
     * @param bytes bytes per batch
     * @return a copy
     */
    public ActivationLimits withBatch(int records, int bytes) {
        return new ActivationLimits(records, bytes, maxInFlight, requestsPerWindow, window, maxRetries,
                maxThrottledAttempts, initialBackoff, maxBackoff, requestTimeout, maxMergeKeys);
    }

    /** @param value calls in flight @return a copy */
    public ActivationLimits withMaxInFlight(int value) {
        return new ActivationLimits(maxRecordsPerBatch, maxBytesPerBatch, value, requestsPerWindow, window,
                maxRetries, maxThrottledAttempts, initialBackoff, maxBackoff, requestTimeout, maxMergeKeys);
    }

    /**
     * @param requests calls per window; 0 for none
     * @param windowLength the window
     * @return a copy
     */
    public ActivationLimits withRateLimit(int requests, Duration windowLength) {
        return new ActivationLimits(maxRecordsPerBatch, maxBytesPerBatch, maxInFlight, requests, windowLength,
                maxRetries, maxThrottledAttempts, initialBackoff, maxBackoff, requestTimeout, maxMergeKeys);
    }

    /**
     * @param retries retries per record
     * @param initial first back-off
     * @param max longest back-off
     * @return a copy
     */
    public ActivationLimits withRetries(int retries, Duration initial, Duration max) {
        return new ActivationLimits(maxRecordsPerBatch, maxBytesPerBatch, maxInFlight, requestsPerWindow, window,
                retries, maxThrottledAttempts, initial, max, requestTimeout, maxMergeKeys);
    }

    /** @param value the request timeout @return a copy */
    public ActivationLimits withRequestTimeout(Duration value) {
        return new ActivationLimits(maxRecordsPerBatch, maxBytesPerBatch, maxInFlight, requestsPerWindow, window,
                maxRetries, maxThrottledAttempts, initialBackoff, maxBackoff, value, maxMergeKeys);
    }

    /** @param value throttled attempts per record @return a copy */
    public ActivationLimits withMaxThrottledAttempts(int value) {
        return new ActivationLimits(maxRecordsPerBatch, maxBytesPerBatch, maxInFlight, requestsPerWindow, window,
                maxRetries, value, initialBackoff, maxBackoff, requestTimeout, maxMergeKeys);
    }
}
