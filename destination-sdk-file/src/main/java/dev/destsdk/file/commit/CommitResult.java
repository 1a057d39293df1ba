package dev.destsdk.file.commit;

/**
 * What a commit published.
 *
 * @param rowsAdded rows the commit made visible
 * @param rowsReplaced rows that were visible before and are not any more (OVERWRITE, TRUNCATE_AND_LOAD, a retried
 *     sync's earlier copy)
 * @param filesDeleted obsolete files the committer deleted after the commit
 * @param rowsUpdated of the rows added, those that replaced a row of an earlier commit with the same key (MERGE);
 *     at most {@code rowsAdded}
 * @param rowsDeleted rows of earlier commits removed because the batch marks their key deleted (MERGE with hard
 *     deletes)
 */
public record CommitResult(long rowsAdded, long rowsReplaced, int filesDeleted, long rowsUpdated, long rowsDeleted) {

    /** Validates the counts: none negative, and the updated rows are some of the added ones. */
    public CommitResult {
        if (rowsAdded < 0 || rowsReplaced < 0 || filesDeleted < 0 || rowsUpdated < 0 || rowsDeleted < 0) {
            throw new IllegalArgumentException("commit counts must not be negative");
        }
        if (rowsUpdated > rowsAdded) {
            throw new IllegalArgumentException("rowsUpdated (" + rowsUpdated + ") exceeds rowsAdded (" + rowsAdded
                    + "): updated rows are part of the added rows");
        }
    }

    /**
     * A commit that matched no row by key (every mode but MERGE).
     *
     * @param rowsAdded rows the commit made visible
     * @param rowsReplaced rows that were visible before and are not any more
     * @param filesDeleted obsolete files the committer deleted after the commit
     */
    public CommitResult(long rowsAdded, long rowsReplaced, int filesDeleted) {
        this(rowsAdded, rowsReplaced, filesDeleted, 0, 0);
    }

    /** @return of the rows added, those that did not replace a row of an earlier commit */
    public long rowsInserted() {
        return rowsAdded - rowsUpdated;
    }
}
