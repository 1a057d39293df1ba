package dev.destsdk.activation.ratelimit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A window budget: at most {@code requests} calls start within any interval of length {@code window} (a sliding
 * log of start times, so no fixed window on the server's side sees more than the budget from this client).
 *
 * <p>Throttling: a {@code Retry-After} pauses all calls until it has passed. A throttle without one pauses for one
 * budget slot ({@code window / requests}), doubling with each consecutive throttle up to one window; the first
 * accepted call ends the streak, so the limiter recovers at once when the API does.
 *
 * <p>{@link #throttleOnly(Duration)} has no budget of its own but still pauses for the API's throttling, so that an
 * API without a published limit is never hammered after a 429.
 *
 * <p>Not thread-safe: one engine's coordinating thread uses it.
 */
public final class WindowRateLimiter implements RateLimiter {
    private final int requests;
    private final long windowNanos;
    private final long firstPauseNanos;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();
    private long pausedUntil = Long.MIN_VALUE;
    private boolean paused;
    private int throttleStreak;

    /**
     * @param requests calls per window; at least 1
     * @param window the window; positive
     */
    public WindowRateLimiter(int requests, Duration window) {
        if (requests < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a window budget needs requests >= 1 and a positive window");
        }
        this.requests = requests;
        this.windowNanos = window.toNanos();
        this.firstPauseNanos = windowNanos / requests;
    }

    private WindowRateLimiter(Duration firstPause) {
        this.requests = 0;
        this.firstPauseNanos = Math.max(1, firstPause.toNanos());
        this.windowNanos = firstPauseNanos << 6;
    }

    /**
     * A limiter without a budget that only pauses when the API throttles: for the {@code Retry-After} it asks, else
     * for {@code firstPause}, doubling with each consecutive throttle up to 64 times that.
     *
     * @param firstPause the pause after a throttle without {@code Retry-After}; positive
     * @return the limiter
     */
    public static WindowRateLimiter throttleOnly(Duration firstPause) {
        return new WindowRateLimiter(firstPause);
    }

    @Override
    public long tryAcquire(long nowNanos) {
        if (paused && nowNanos - pausedUntil < 0) {
            return pausedUntil - nowNanos;
        }
        paused = false;
        if (requests == 0) {
            return 0;
        }
        while (!starts.isEmpty() && nowNanos - starts.peekFirst() >= windowNanos) {
            starts.pollFirst();
        }
        if (starts.size() >= requests) {
            return Math.max(1, starts.peekFirst() + windowNanos - nowNanos);
        }
        starts.addLast(nowNanos);
        return 0;
    }

    @Override
    public void onThrottled(long nowNanos, Optional<Duration> retryAfter) {
        long pause;
        if (retryAfter.isPresent()) {
            pause = retryAfter.get().toNanos();
        } else {
            pause = Math.min(windowNanos, firstPauseNanos << Math.min(throttleStreak, 20));
        }
        throttleStreak++;
        long until = nowNanos + pause;
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
            paused = true;
        }
    }

    @Override
    public void onAccepted(long nowNanos) {
        throttleStreak = 0;
    }
}
