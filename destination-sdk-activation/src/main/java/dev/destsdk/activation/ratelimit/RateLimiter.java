package dev.destsdk.activation.ratelimit;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides when the next batch call may start. A small SPI: an API's budget is usually per account, so a limiter
 * shared by several workers (say, through a central service) can replace the in-process {@link WindowRateLimiter}.
 *
 * <p>Times are {@code nanoTime}-style readings of the engine's clock. Called only from the write engine's
 * coordinating thread; implementations shared across engines must be thread-safe.
 */
public interface RateLimiter {

    /**
     * Takes a permit for one call if one is free.
     *
     * @param nowNanos the current time
     * @return 0 when the permit was taken, else how many nanoseconds to wait before asking again (no permit taken)
     */
    long tryAcquire(long nowNanos);

    /**
     * The API throttled a call: slow down.
     *
     * @param nowNanos the current time
     * @param retryAfter what the API asked for ({@code Retry-After}), if it said
     */
    void onThrottled(long nowNanos, Optional<Duration> retryAfter);

    /**
     * The API accepted a call (it was not throttled): recover.
     *
     * @param nowNanos the current time
     */
    void onAccepted(long nowNanos);

    /** @return a limiter that always grants and ignores throttling (beyond the engine's own back-off) */
    static RateLimiter unlimited() {
        return new RateLimiter() {
            @Override
            public long tryAcquire(long nowNanos) {
                return 0;
            }

            @Override
            public void onThrottled(long nowNanos, Optional<Duration> retryAfter) {
            }

            @Override
            public void onAccepted(long nowNanos) {
            }
        };
    }
}
