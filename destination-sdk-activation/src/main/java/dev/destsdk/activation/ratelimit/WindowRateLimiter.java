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
 * <p>Not thread-safe: one engine's coordinating thread uses it.
 */
public final class WindowRateLimiter implements RateLimiter {
    private final int requests;
    private final long windowNanos;
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
    }

    @Override
    public long tryAcquire(long nowNanos) {
        if (paused && nowNanos - pausedUntil < 0) {
            return pausedUntil - nowNanos;
        }
        paused = false;
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
            long slot = windowNanos / requests;
            pause = Math.min(windowNanos, slot << Math.min(throttleStreak, 20));
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
