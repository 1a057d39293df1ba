package dev.destsdk.core.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * The typed sync metadata a base class derives once per request: the request's {@link SyncContext} and the names of
 * the tracking columns that carry it. Every destination kind writes the same values: the sync time into
 * {@link TrackingColumns#synced()}, the sync id into {@link TrackingColumns#jobId()}. Immutable.
 *
 * @param sync the request's sync time and id; not null
 * @param columns the tracking column names; not null
 */
public record SyncMetadata(SyncContext sync, TrackingColumns columns) {

    /** Validates the components. */
    public SyncMetadata {
        Objects.requireNonNull(sync, "sync is null");
        Objects.requireNonNull(columns, "columns is null");
    }

    /** @return the value of the synced column: the request's sync time, never the clock */
    public Instant syncedValue() {
        return sync.syncTime();
    }

    /** @return the value of the job-id column: the request's sync id */
    public String jobIdValue() {
        return sync.syncId();
    }
}
