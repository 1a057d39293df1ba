package dev.destsdk.activation.engine;

import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when the engine sleeps; records every sleep. */
final class FakeClock implements EngineClock {
    long now = 1_000_000_000L;
    final List<Long> sleeps = new ArrayList<>();
    Runnable onSleep = () -> { };

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleep(long nanos) {
        sleeps.add(nanos);
        now += nanos;
        onSleep.run();
    }

    long sleptNanos() {
        return sleeps.stream().mapToLong(Long::longValue).sum();
    }
}
