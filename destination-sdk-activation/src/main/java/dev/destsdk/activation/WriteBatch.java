package dev.destsdk.activation;

import java.util.List;
import java.util.Objects;

/**
 * One batch the write engine hands to {@link BaseActivationDestination#writeBatch}. It never holds two entries with
 * the same merge key values and never more entries or bytes than the connector's {@link ActivationLimits}. Immutable.
 *
 * @param objectName the target API object; not blank
 * @param operation what to do; not null
 * @param mergeKeys the API fields that match existing records, in order; empty for an INSERT without merge keys
 * @param entries the records; not empty
 */
public record WriteBatch(String objectName, Operation operation, List<String> mergeKeys, List<BatchEntry> entries) {
    /** Validates and copies the components. */
    public WriteBatch {
        Objects.requireNonNull(objectName, "objectName is null");
        Objects.requireNonNull(operation, "operation is null");
        mergeKeys = List.copyOf(mergeKeys);
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one entry");
        }
    }
}
