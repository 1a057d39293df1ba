package dev.destsdk.core.control;

/**
 * Cumulative counts of one phase, reported through a {@link ProgressReporter}. Immutable; the {@code with…} methods
 * return copies.
 *
 * @param rowsProcessed rows read from data files so far; not negative
 * @param rowsLoaded rows written to the destination so far; not negative
 * @param rowsFailed rows reported as errors so far; not negative
 * @param filesDone data files finished so far; not negative
 * @param filesTotal data files in the request, or 0 when not known; not negative
 */
public record ProgressCounts(long rowsProcessed, long rowsLoaded, long rowsFailed, int filesDone, int filesTotal) {
    /** No counts: for events that only carry a message. */
    public static final ProgressCounts NONE = new ProgressCounts(0, 0, 0, 0, 0);

    /** Validates the counts. */
    public ProgressCounts {
        if (rowsProcessed < 0 || rowsLoaded < 0 || rowsFailed < 0 || filesDone < 0 || filesTotal < 0) {
            throw new IllegalArgumentException("progress counts must not be negative");
        }
    }

    /**
     * @param done files finished
     * @param total files in the request, or 0
     * @return counts of files only
     */
    public static ProgressCounts files(int done, int total) {
        return new ProgressCounts(0, 0, 0, done, total);
    }

    /**
     * @param processed rows read
     * @param loaded rows written
     * @param failed rows reported as errors
     * @return a copy with these row counts
     */
    public ProgressCounts withRows(long processed, long loaded, long failed) {
        return new ProgressCounts(processed, loaded, failed, filesDone, filesTotal);
    }
}
