package dev.destsdk.activation.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with "equal jitter": the n-th retry waits a random time in {@code [d/2, d]} where
 * {@code d = min(max, initial * 2^(n-1))}, so retries of many records spread out instead of arriving together.
 * Not thread-safe (its random source is not).
 */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    /**
     * @param initial the first delay; not negative
     * @param max the longest delay; not shorter than {@code initial}
     * @param random the jitter source; not null (seeded in tests)
     */
    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = Math.max(initialNanos, max.toNanos());
        this.random = Objects.requireNonNull(random, "random is null");
    }

    /**
     * @param attempt the retry number, from 1
     * @return the delay in nanoseconds
     */
    public long delayNanos(int attempt) {
        long d = initialNanos;
        for (int i = 1; i < attempt && d < maxNanos; i++) {
            d = Math.min(maxNanos, d * 2);
        }
        long half = d / 2;
        return half + (half == 0 ? 0 : random.nextLong(half + 1));
    }
}
