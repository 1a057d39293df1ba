package dev.destsdk.activation.plan;

import dev.destsdk.activation.ObjectDescription;
import dev.destsdk.activation.Operation;
import java.util.List;
import java.util.Objects;

/**
 * Everything a load needs to know before it reads a record, validated against the API's description of the object.
 * Built by {@link ActivationPlanner}. Immutable.
 *
 * @param objectName the resolved target object; not blank
 * @param description the API's description of it; not null
 * @param operation INSERT, UPDATE or UPSERT; not null
 * @param mergeKeys the API fields that match records, in order; empty only for an INSERT without merge keys
 * @param fields the mapped fields in source order; not empty
 * @param options the load's options; not null
 */
public record ActivationPlan(String objectName, ObjectDescription description, Operation operation,
                             List<String> mergeKeys, List<MappedField> fields, ActivationOptions options) {
    /** Validates and copies the components. */
    public ActivationPlan {
        Objects.requireNonNull(objectName, "objectName is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(operation, "operation is null");
        mergeKeys = List.copyOf(mergeKeys);
        fields = List.copyOf(fields);
        Objects.requireNonNull(options, "options is null");
    }

    /** @return the key under which change-only state of this target is kept: object and merge keys */
    public String stateScope() {
        return objectName + "|" + String.join(",", mergeKeys);
    }
}
