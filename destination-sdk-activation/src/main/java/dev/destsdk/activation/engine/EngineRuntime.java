package dev.destsdk.activation.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * What the write engine runs on: its clock, the executor that runs batch calls, and the jitter source. Injected so
 * that unit tests drive the engine deterministically (a fake clock, a direct executor, a seeded random).
 *
 * @param clock the clock; not null
 * @param executor runs batch calls; empty to let each load start (and shut down) a pool of
 *     {@code maxInFlight} daemon threads. An injected executor is not shut down by the engine. With a fake clock
 *     use a direct executor ({@code Runnable::run}): the engine then never waits for a call in real time.
 * @param random the back-off jitter source; not null
 */
public record EngineRuntime(EngineClock clock, Optional<Executor> executor, RandomGenerator random) {
    /** Validates the components. */
    public EngineRuntime {
        Objects.requireNonNull(clock, "clock is null");
        Objects.requireNonNull(executor, "executor is null");
        Objects.requireNonNull(random, "random is null");
    }

    /** @return the system clock, a pool per load, and an unseeded random */
    public static EngineRuntime system() {
        return new EngineRuntime(EngineClock.system(), Optional.empty(), new SplittableRandom());
    }
}
