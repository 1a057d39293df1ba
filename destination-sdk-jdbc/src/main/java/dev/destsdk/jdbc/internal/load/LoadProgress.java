package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.control.ProgressEvent;
import java.util.Optional;

/**
 * A load's progress: the rows and files loaded so far, and the RUNNING events that carry them. Not thread-safe; one
 * per load.
 */
final class LoadProgress {
    static final String PHASE = "load";

    private final ProgressCallback callback;
    private long rows;
    private int files;

    LoadProgress(ProgressCallback callback) {
        this.callback = callback;
    }

    /** @return the rows loaded so far */
    long rows() {
        return rows;
    }

    /** @return the files loaded so far */
    int files() {
        return files;
    }

    /** Reports a step. */
    void report(String message) {
        callback.update(new ProgressEvent(PHASE, ProgressEvent.Status.RUNNING, rows, 0, 0, files, 0,
                Optional.of(message)));
    }

    /**
     * Counts a loaded file and reports it.
     *
     * @param fileRows the rows it held
     * @param index its 1-based index
     * @param total the number of files
     * @param message what was loaded and how
     */
    void fileLoaded(long fileRows, int index, int total, String message) {
        rows += fileRows;
        files++;
        callback.update(new ProgressEvent(PHASE, ProgressEvent.Status.RUNNING, rows, 0, 0, index, total,
                Optional.of(message)));
    }

    /** Starts counting again: the files are loaded once more (through staging). */
    void restart() {
        rows = 0;
        files = 0;
    }

    /** Sends the ENDED event. */
    void ended(long loaded, String message) {
        callback.update(new ProgressEvent(PHASE, ProgressEvent.Status.ENDED, rows, loaded, 0, files, files,
                Optional.of(message)));
    }
}
