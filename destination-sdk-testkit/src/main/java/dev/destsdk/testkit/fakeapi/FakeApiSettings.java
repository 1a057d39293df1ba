package dev.destsdk.testkit.fakeapi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the fake API behaves: limits, response style and injected faults. Immutable; {@link FakeCrmServer#settings}
 * swaps the whole value at run time. Faults are drawn from a {@link java.util.Random} seeded with {@link #seed()}, one
 * draw per batch request, so a run with the same requests sees the same faults.
 *
 * @param maxBatchSize inputs allowed per batch call; a larger batch is rejected whole with 400
 * @param requestsPerWindow batch and properties calls allowed per fixed window; 0 for no limit
 * @param window the rate-limit window
 * @param rateLimitSignal how the server says "rate limited"
 * @param maxConcurrent requests handled at once; one more is answered 429; 0 for no cap
 * @param allOrNothing whether one invalid input fails the whole batch (400, nothing applied)
 * @param multiStatus whether a batch with some failed inputs is answered 207 (else 200 with {@code errors})
 * @param seed the fault generator's seed
 * @param throttleRate share of batch calls answered as rate limited although within the limit
 * @param throttleRetryAfterShare of those, the share that carries {@code Retry-After}
 * @param serverErrorRate share of batch calls answered 500/502/503 without applying anything
 * @param hangRate share of batch calls that hang for {@link #hang()} (nothing applied) and then get a 504
 * @param dropRate share of batch calls whose connection is closed without an answer (nothing applied)
 * @param slowRate share of batch calls answered only after {@link #slow()} (applied normally)
 * @param outOfOrder whether results are returned in a shuffled order
 * @param retryAfter the {@code Retry-After} the server sends (decimal seconds when below one second)
 * @param hang how long a hung call blocks
 * @param slow how long a slow call is delayed
 * @param token the bearer token every call must carry; empty to accept any
 */
public record FakeApiSettings(int maxBatchSize, int requestsPerWindow, Duration window,
                              RateLimitSignal rateLimitSignal, int maxConcurrent, boolean allOrNothing,
                              boolean multiStatus, long seed, double throttleRate, double throttleRetryAfterShare,
                              double serverErrorRate, double hangRate, double dropRate, double slowRate,
                              boolean outOfOrder, Duration retryAfter, Duration hang, Duration slow,
                              Optional<String> token) {

    /** How the server signals that the caller is rate limited. */
    public enum RateLimitSignal {
        /** HTTP 429 (with {@code Retry-After} where the settings say so); HubSpot's shape. */
        HTTP_429,
        /** HTTP 403 with error category {@code RATE_LIMITS}, as some APIs do. */
        HTTP_403,
        /** HTTP 200 whose body is an error with category {@code RATE_LIMITS}. */
        HTTP_200_ERROR
    }

    /** Validates the components. */
    public FakeApiSettings {
        Objects.requireNonNull(window, "window is null");
        Objects.requireNonNull(rateLimitSignal, "rateLimitSignal is null");
        Objects.requireNonNull(retryAfter, "retryAfter is null");
        Objects.requireNonNull(hang, "hang is null");
        Objects.requireNonNull(slow, "slow is null");
        Objects.requireNonNull(token, "token is null");
        if (maxBatchSize < 1 || requestsPerWindow < 0 || maxConcurrent < 0) {
            throw new IllegalArgumentException("limits must not be negative and maxBatchSize at least 1");
        }
        for (double rate : new double[] {throttleRate, throttleRetryAfterShare, serverErrorRate, hangRate, dropRate,
                slowRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("rates must be within [0, 1], got " + rate);
            }
        }
    }

    /** @return 100 per batch, no rate limit, no concurrency cap, per-record 207 answers, no faults */
    public static FakeApiSettings defaults() {
        return new FakeApiSettings(100, 0, Duration.ofSeconds(1), RateLimitSignal.HTTP_429, 0, false, true, 1L,
                0, 0.5, 0, 0, 0, 0, false, Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMillis(200),
                Optional.empty());
    }

    /** @param value inputs per batch @return a copy */
    public FakeApiSettings withMaxBatchSize(int value) {
        return new FakeApiSettings(value, requestsPerWindow, window, rateLimitSignal, maxConcurrent, allOrNothing,
                multiStatus, seed, throttleRate, throttleRetryAfterShare, serverErrorRate, hangRate, dropRate,
                slowRate, outOfOrder, retryAfter, hang, slow, token);
    }

    /**
     * @param requests calls per window; 0 for none
     * @param windowLength the window
     * @param signal how throttling is answered
     * @return a copy
     */
    public FakeApiSettings withRateLimit(int requests, Duration windowLength, RateLimitSignal signal) {
        return new FakeApiSettings(maxBatchSize, requests, windowLength, signal, maxConcurrent, allOrNothing,
                multiStatus, seed, throttleRate, throttleRetryAfterShare, serverErrorRate, hangRate, dropRate,
                slowRate, outOfOrder, retryAfter, hang, slow, token);
    }

    /** @param value concurrent calls allowed; 0 for no cap @return a copy */
    public FakeApiSettings withMaxConcurrent(int value) {
        return new FakeApiSettings(maxBatchSize, requestsPerWindow, window, rateLimitSignal, value, allOrNothing,
                multiStatus, seed, throttleRate, throttleRetryAfterShare, serverErrorRate, hangRate, dropRate,
                slowRate, outOfOrder, retryAfter, hang, slow, token);
    }

    /**
     * @param allOrNothingValue whether one bad input fails the batch
     * @param multiStatusValue whether partial failures are answered 207
     * @return a copy
     */
    public FakeApiSettings withResponseStyle(boolean allOrNothingValue, boolean multiStatusValue) {
        return new FakeApiSettings(maxBatchSize, requestsPerWindow, window, rateLimitSignal, maxConcurrent,
                allOrNothingValue, multiStatusValue, seed, throttleRate, throttleRetryAfterShare, serverErrorRate,
                hangRate, dropRate, slowRate, outOfOrder, retryAfter, hang, slow, token);
    }

    /**
     * @param seedValue the fault generator's seed
     * @param throttle share answered as throttled
     * @param serverError share answered 5xx
     * @param hung share that hang
     * @param dropped share whose connection is dropped
     * @param slowShare share answered slowly
     * @param shuffle whether results come out of order
     * @return a copy with these faults
     */
    public FakeApiSettings withFaults(long seedValue, double throttle, double serverError, double hung,
                                      double dropped, double slowShare, boolean shuffle) {
        return new FakeApiSettings(maxBatchSize, requestsPerWindow, window, rateLimitSignal, maxConcurrent,
                allOrNothing, multiStatus, seedValue, throttle, throttleRetryAfterShare, serverError, hung, dropped,
                slowShare, shuffle, retryAfter, hang, slow, token);
    }

    /**
     * @param retryAfterValue the Retry-After sent
     * @param withRetryAfterShare share of injected throttles that carry it
     * @param hangValue how long a hung call blocks
     * @param slowValue how long a slow call is delayed
     * @return a copy
     */
    public FakeApiSettings withTimings(Duration retryAfterValue, double withRetryAfterShare, Duration hangValue,
                                       Duration slowValue) {
        return new FakeApiSettings(maxBatchSize, requestsPerWindow, window, rateLimitSignal, maxConcurrent,
                allOrNothing, multiStatus, seed, throttleRate, withRetryAfterShare, serverErrorRate, hangRate,
                dropRate, slowRate, outOfOrder, retryAfterValue, hangValue, slowValue, token);
    }

    /** @param value the bearer token required; not null @return a copy */
    public FakeApiSettings withToken(String value) {
        return new FakeApiSettings(maxBatchSize, requestsPerWindow, window, rateLimitSignal, maxConcurrent,
                allOrNothing, multiStatus, seed, throttleRate, throttleRetryAfterShare, serverErrorRate, hangRate,
                dropRate, slowRate, outOfOrder, retryAfter, hang, slow, Optional.of(value));
    }
}
