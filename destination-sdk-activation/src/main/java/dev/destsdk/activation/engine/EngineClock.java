package dev.destsdk.activation.engine;

/**
 * The write engine's time: a monotonic reading and a sleep. Injected so that tests drive the engine
 * deterministically with a fake that advances on {@link #sleep}.
 */
public interface EngineClock {

    /** @return a monotonic time in nanoseconds, as {@link System#nanoTime()} */
    long nanoTime();

    /**
     * Sleeps; the engine never asks for more than 100 ms at a time, so that cancellation is noticed quickly.
     *
     * @param nanos how long; positive
     * @throws InterruptedException when interrupted
     */
    void sleep(long nanos) throws InterruptedException;

    /** @return the system clock */
    static EngineClock system() {
        return new EngineClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };
    }
}
