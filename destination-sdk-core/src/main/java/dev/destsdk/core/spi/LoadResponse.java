package dev.destsdk.core.spi;

import java.util.Objects;

/**
 * The result of {@link Destination#load}: what happened to the rows.
 *
 * @param rowsLoaded rows written (inserted or updated) to the target object
 * @param rowsInserted of those, rows inserted
 * @param rowsUpdated of those, rows that replaced an existing row (MERGE)
 * @param rowsDeleted rows removed by hard deletes
 * @param rowsFailed rows reported as errors through the error record processor
 * @param message a human note; not null
 */
public record LoadResponse(long rowsLoaded, long rowsInserted, long rowsUpdated, long rowsDeleted, long rowsFailed,
                           String message) {

    /** Validates the components: no count is negative, and inserted plus updated rows are at most the loaded rows. */
    public LoadResponse {
        Objects.requireNonNull(message, "message is null");
        if (rowsLoaded < 0 || rowsInserted < 0 || rowsUpdated < 0 || rowsDeleted < 0 || rowsFailed < 0) {
            throw new IllegalArgumentException("load counts must not be negative");
        }
        if (rowsInserted + rowsUpdated > rowsLoaded) {
            throw new IllegalArgumentException("rowsInserted (" + rowsInserted + ") + rowsUpdated (" + rowsUpdated
                    + ") exceed rowsLoaded (" + rowsLoaded + "): inserted and updated rows are part of the loaded rows");
        }
    }

    /**
     * A load that succeeded for {@code loaded} rows and failed for {@code failed}.
     *
     * @param loaded rows written
     * @param failed rows reported as errors
     * @return the response
     */
    public static LoadResponse withCounts(long loaded, long failed) {
        return new LoadResponse(loaded, loaded, 0, 0, failed, "loaded " + loaded + " row(s), " + failed + " failed");
    }

    /**
     * A load that wrote no rows (ddlOnly, zeroRows).
     *
     * @param message what was done; not null
     * @return the response
     */
    public static LoadResponse noRows(String message) {
        return new LoadResponse(0, 0, 0, 0, 0, message);
    }
}
