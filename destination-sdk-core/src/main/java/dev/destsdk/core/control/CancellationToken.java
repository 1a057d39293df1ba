package dev.destsdk.core.control;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's side of cancellation: a {@link CancellationSignal} that can be cancelled.
 *
 * <p>Thread-safe. {@link #cancel()} runs every registered action exactly once, on the cancelling thread (or, for an
 * action registered while {@code cancel()} runs, on the registering thread); an action that throws is logged and does
 * not stop the others. Actions run in no particular order.
 */
public final class CancellationToken implements CancellationSignal {
    private static final Logger LOG = LoggerFactory.getLogger(CancellationToken.class);

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Set<Runnable> actions = ConcurrentHashMap.newKeySet();

    /** Creates a token that is not cancelled. */
    public CancellationToken() {
    }

    /** Cancels the job: from now on {@link #isCancelled()} is true and registered actions run. Idempotent. */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            // Whoever removes an action runs it: this thread here, or a concurrent onCancel() that saw the flag.
            // That makes every action run exactly once, and none is lost by a registration racing with cancel().
            for (Runnable action : actions) {
                if (actions.remove(action)) {
                    runQuietly(action);
                }
            }
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public Registration onCancel(Runnable action) {
        Objects.requireNonNull(action, "action is null");
        // Wrap so that the same Runnable registered twice is two registrations.
        Runnable entry = action::run;
        actions.add(entry);
        if (cancelled.get() && actions.remove(entry)) {
            runQuietly(entry);
        }
        return () -> actions.remove(entry);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("cancel action failed", e);
        }
    }
}
