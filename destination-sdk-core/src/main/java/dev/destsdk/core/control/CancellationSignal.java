package dev.destsdk.core.control;

import dev.destsdk.core.error.ConnectorException;

/**
 * A read-only view of a job's cancellation state, handed to a destination with every request.
 *
 * <p>Destinations call {@link #checkCancellation(String)} in every loop and before every wait, and register an action
 * with {@link #onCancel(Runnable)} to interrupt blocking work (for example {@code java.sql.Statement#cancel}).
 * Implementations are thread-safe: the executor cancels from one thread while the destination works in another.
 */
public interface CancellationSignal {

    /** @return true once the job has been cancelled; never goes back to false */
    boolean isCancelled();

    /**
     * Registers an action to run once when the job is cancelled, or at once (on the calling thread) if it already
     * is. The action must be quick and must not throw; it typically cancels a blocking call.
     *
     * @param action the action; not null
     * @return a registration whose {@code close()} removes the action; closing twice is harmless
     */
    Registration onCancel(Runnable action);

    /**
     * Throws the canonical {@link dev.destsdk.core.error.ErrorType#CANCELLED} failure if the job is cancelled.
     *
     * @param phase what the caller is doing, named in the message; not null
     * @throws ConnectorException of type CANCELLED if cancelled
     */
    default void checkCancellation(String phase) {
        if (isCancelled()) {
            throw ConnectorException.cancelled(phase);
        }
    }

    /** @return a signal that is never cancelled; for tools and tests that have no executor */
    static CancellationSignal never() {
        return NeverCancelled.INSTANCE;
    }

    /** Removes a registered cancel action. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        /** Removes the action; never throws. */
        @Override
        void close();
    }
}
