package dev.destsdk.core.control;

import java.util.Objects;
import java.util.Optional;

/**
 * One progress report from a destination to its executor.
 *
 * <p>Counts are cumulative for the current phase of the current request. Immutable.
 *
 * @param phase the phase, e.g. {@code "stage"}, {@code "load"}, {@code "merge"}; not null
 * @param status whether the phase is running, ended or failed; not null
 * @param rowsProcessed rows read from data files so far
 * @param rowsLoaded rows written to the destination so far
 * @param rowsFailed rows reported as errors so far
 * @param filesDone data files finished so far
 * @param filesTotal data files in this request, or 0 when not known
 * @param message a human-readable note, if any
 */
public record ProgressEvent(
        String phase,
        Status status,
        long rowsProcessed,
        long rowsLoaded,
        long rowsFailed,
        int filesDone,
        int filesTotal,
        Optional<String> message) {

    /** The state of a phase. */
    public enum Status {
        /** The phase has started or is under way. */
        RUNNING,
        /** The phase finished successfully. */
        ENDED,
        /** The phase failed; an exception follows. */
        FAILED
    }

    /** Validates the components. */
    public ProgressEvent {
        Objects.requireNonNull(phase, "phase is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(message, "message is null");
        if (rowsProcessed < 0 || rowsLoaded < 0 || rowsFailed < 0 || filesDone < 0 || filesTotal < 0) {
            throw new IllegalArgumentException("progress counts must not be negative");
        }
    }

    /**
     * A running event with only a message.
     *
     * @param phase the phase; not null
     * @param message the note; not null
     * @return the event
     */
    public static ProgressEvent running(String phase, String message) {
        return new ProgressEvent(phase, Status.RUNNING, 0, 0, 0, 0, 0, Optional.of(message));
    }
}
