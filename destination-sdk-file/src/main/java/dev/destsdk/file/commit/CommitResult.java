package dev.destsdk.file.commit;

/**
 * What a commit published.
 *
 * @param rowsAdded rows the commit made visible
 * @param rowsReplaced rows that were visible before and are not any more (OVERWRITE, TRUNCATE_AND_LOAD, a retried
 *     sync's earlier copy)
 * @param filesDeleted obsolete files the committer deleted after the commit
 */
public record CommitResult(long rowsAdded, long rowsReplaced, int filesDeleted) {
}
