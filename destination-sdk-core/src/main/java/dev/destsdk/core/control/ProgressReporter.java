package dev.destsdk.core.control;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the progress of one phase of a request ({@code "stage"}, {@code "load"}, …) to the executor's
 * {@link ProgressCallback}, so that base classes and hooks say what happened rather than build positional
 * {@link ProgressEvent}s.
 *
 * <p>A callback that throws is logged and ignored: progress never fails a load. Counts are cumulative for the phase.
 * Thread-safe as far as the callback is: a reporter keeps no state besides its phase and callback, so parallel
 * workers may share one when the callback tolerates concurrent calls.
 */
public final class ProgressReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final String phase;
    private final ProgressCallback callback;

    private ProgressReporter(String phase, ProgressCallback callback) {
        this.phase = Objects.requireNonNull(phase, "phase is null");
        this.callback = Objects.requireNonNull(callback, "callback is null");
    }

    /**
     * @param phase the phase named in every event; not null
     * @param callback the executor's callback; not null
     * @return a reporter for the phase
     */
    public static ProgressReporter of(String phase, ProgressCallback callback) {
        return new ProgressReporter(phase, callback);
    }

    /**
     * @param otherPhase the phase of the new reporter; not null
     * @return a reporter to the same callback for another phase (e.g. {@code "merge"} within a load)
     */
    public ProgressReporter forPhase(String otherPhase) {
        return new ProgressReporter(otherPhase, callback);
    }

    /** @return the phase this reporter names */
    public String phase() {
        return phase;
    }

    /**
     * Reports that the phase is under way.
     *
     * @param message what is happening; not null
     */
    public void running(String message) {
        send(ProgressEvent.Status.RUNNING, ProgressCounts.NONE, message);
    }

    /**
     * Reports that the phase is under way, with counts.
     *
     * @param counts what is done so far; not null
     * @param message what is happening; not null
     */
    public void running(ProgressCounts counts, String message) {
        send(ProgressEvent.Status.RUNNING, counts, message);
    }

    /**
     * Reports that the phase finished.
     *
     * @param counts the final counts; not null
     * @param message a summary; not null
     */
    public void ended(ProgressCounts counts, String message) {
        send(ProgressEvent.Status.ENDED, counts, message);
    }

    /**
     * Reports that the phase failed; the caller throws next.
     *
     * @param failure the failure; not null
     */
    public void failed(Throwable failure) {
        Objects.requireNonNull(failure, "failure is null");
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        send(ProgressEvent.Status.FAILED, ProgressCounts.NONE, message);
    }

    /** @return a callback that forwards events to this reporter's callback and never throws */
    public ProgressCallback asCallback() {
        return this::deliver;
    }

    private void send(ProgressEvent.Status status, ProgressCounts counts, String message) {
        Objects.requireNonNull(counts, "counts is null");
        Objects.requireNonNull(message, "message is null");
        deliver(new ProgressEvent(phase, status, counts.rowsProcessed(), counts.rowsLoaded(), counts.rowsFailed(),
                counts.filesDone(), counts.filesTotal(), Optional.of(message)));
    }

    private void deliver(ProgressEvent event) {
        try {
            callback.update(event);
        } catch (RuntimeException e) {
            LOG.warn("progress callback failed; ignored", e);
        }
    }
}
