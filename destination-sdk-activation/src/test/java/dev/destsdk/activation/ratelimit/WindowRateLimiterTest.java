package dev.destsdk.activation.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WindowRateLimiterTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void noMoreThanTheBudgetInAnyWindow() {
        WindowRateLimiter limiter = new WindowRateLimiter(3, Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(0)).isZero();
        assertThat(limiter.tryAcquire(100 * MS)).isZero();
        assertThat(limiter.tryAcquire(200 * MS)).isZero();
        assertThat(limiter.tryAcquire(300 * MS)).isEqualTo(700 * MS);
        assertThat(limiter.tryAcquire(1000 * MS)).isZero();
        assertThat(limiter.tryAcquire(1050 * MS)).isEqualTo(50 * MS);
    }

    @Test
    void retryAfterPausesEveryCallAndThenRecovers() {
        WindowRateLimiter limiter = new WindowRateLimiter(10, Duration.ofSeconds(1));
        limiter.onThrottled(0, Optional.of(Duration.ofSeconds(2)));
        assertThat(limiter.tryAcquire(500 * MS)).isEqualTo(1500 * MS);
        assertThat(limiter.tryAcquire(2000 * MS)).isZero();
    }

    @Test
    void throttlesWithoutRetryAfterSlowDownExponentiallyUntilAccepted() {
        WindowRateLimiter limiter = new WindowRateLimiter(10, Duration.ofSeconds(1));
        limiter.onThrottled(0, Optional.empty());
        assertThat(limiter.tryAcquire(0)).isEqualTo(100 * MS);
        limiter.onThrottled(0, Optional.empty());
        assertThat(limiter.tryAcquire(0)).isEqualTo(200 * MS);
        limiter.onThrottled(0, Optional.empty());
        limiter.onThrottled(0, Optional.empty());
        limiter.onThrottled(0, Optional.empty());
        assertThat(limiter.tryAcquire(0)).isEqualTo(1000 * MS);
        limiter.onAccepted(2000 * MS);
        limiter.onThrottled(2000 * MS, Optional.empty());
        assertThat(limiter.tryAcquire(2000 * MS)).isEqualTo(100 * MS);
    }

    @Test
    void throttleOnlyHasNoBudgetButHonoursThrottling() {
        WindowRateLimiter limiter = WindowRateLimiter.throttleOnly(Duration.ofMillis(50));
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire(i)).isZero();
        }
        limiter.onThrottled(0, Optional.of(Duration.ofMillis(300)));
        assertThat(limiter.tryAcquire(100 * MS)).isEqualTo(200 * MS);
        assertThat(limiter.tryAcquire(300 * MS)).isZero();
        limiter.onThrottled(300 * MS, Optional.empty());
        assertThat(limiter.tryAcquire(300 * MS)).isEqualTo(100 * MS);
        limiter.onAccepted(400 * MS);
        limiter.onThrottled(400 * MS, Optional.empty());
        assertThat(limiter.tryAcquire(400 * MS)).isEqualTo(50 * MS);
    }
}
