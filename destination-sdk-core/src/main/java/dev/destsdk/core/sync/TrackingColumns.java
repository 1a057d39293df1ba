package dev.destsdk.core.sync;

import java.util.List;
import java.util.Objects;

/**
 * Names of the tracking columns a warehouse or file destination adds to every target table. They are added by the
 * base classes when tables are created, never by {@code mapToTargetObject}.
 *
 * @param synced the column holding the request's syncTime; default {@code _supa_synced}
 * @param jobId the column holding the request's syncId; default {@code _supa_job_id}
 * @param deleted the soft-delete marker column, filled from the source when it sends one; default
 *     {@code _supa_deleted}
 */
public record TrackingColumns(String synced, String jobId, String deleted) {

    /** The defaults: {@code _supa_synced}, {@code _supa_job_id}, {@code _supa_deleted}. */
    public static final TrackingColumns DEFAULT = new TrackingColumns("_supa_synced", "_supa_job_id", "_supa_deleted");

    /** Validates that the three names are present and distinct. */
    public TrackingColumns {
        Objects.requireNonNull(synced, "synced is null");
        Objects.requireNonNull(jobId, "jobId is null");
        Objects.requireNonNull(deleted, "deleted is null");
        if (synced.isBlank() || jobId.isBlank() || deleted.isBlank()) {
            throw new IllegalArgumentException("tracking column names must not be blank");
        }
        if (synced.equals(jobId) || synced.equals(deleted) || jobId.equals(deleted)) {
            throw new IllegalArgumentException("tracking column names must be distinct: " + List.of(synced, jobId, deleted));
        }
    }

    /** @return the three names in order synced, job id, deleted */
    public List<String> all() {
        return List.of(synced, jobId, deleted);
    }
}
