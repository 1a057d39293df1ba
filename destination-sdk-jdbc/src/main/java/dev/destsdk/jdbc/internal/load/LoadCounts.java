package dev.destsdk.jdbc.internal.load;

/**
 * The rows a load with rows inserted, updated and deleted in the target.
 *
 * @param inserted rows inserted
 * @param updated rows updated
 * @param deleted rows deleted (hard deletes)
 */
record LoadCounts(long inserted, long updated, long deleted) {
}
