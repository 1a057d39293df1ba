package dev.destsdk.activation.engine;

import dev.destsdk.activation.BatchEntry;
import java.util.List;
import java.util.Objects;

/**
 * A record inside the write engine: the entry sent, what to route back, its order key and its retry state. Mutable
 * retry state is touched only by the engine's coordinating thread.
 */
public final class TrackedRecord {
    private final BatchEntry entry;
    private final List<String> sourceValues;
    private final String orderKey;
    private final Object attachment;
    int attempts;
    int throttles;
    long notBefore;

    /**
     * @param entry the entry to send; not null
     * @param sourceValues the mapped source values to route with the outcome; not null
     * @param orderKey records with the same key are sent in input order and never in one batch; not null
     * @param attachment what the caller wants back on success (for example a digest); may be null
     */
    public TrackedRecord(BatchEntry entry, List<String> sourceValues, String orderKey, Object attachment) {
        this.entry = Objects.requireNonNull(entry, "entry is null");
        this.sourceValues = Objects.requireNonNull(sourceValues, "sourceValues is null");
        this.orderKey = Objects.requireNonNull(orderKey, "orderKey is null");
        this.attachment = attachment;
    }

    /** @return the entry */
    public BatchEntry entry() {
        return entry;
    }

    /** @return the mapped source values */
    public List<String> sourceValues() {
        return sourceValues;
    }

    /** @return the order key */
    public String orderKey() {
        return orderKey;
    }

    /** @return the caller's attachment; may be null */
    public Object attachment() {
        return attachment;
    }

    /** @return retries used so far */
    public int attempts() {
        return attempts;
    }
}
