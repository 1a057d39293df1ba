package dev.destsdk.activation.plan;

import dev.destsdk.activation.FieldDescription;
import dev.destsdk.activation.LookupReference;
import dev.destsdk.core.metadata.FieldMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * A source field mapped to an API field: where its value comes from and where it goes. Immutable.
 *
 * @param source the source field (its name is the CSV column); not null
 * @param target the API field it is written to; not null
 * @param mergeKey whether the target is one of the load's merge keys
 * @param lookupParentObject for a lookup: {@code parent_object_api_name}; empty otherwise
 * @param lookupMatchField for a lookup: {@code parent_match_field}; empty otherwise
 */
public record MappedField(FieldMetadata source, FieldDescription target, boolean mergeKey,
                          Optional<String> lookupParentObject, Optional<String> lookupMatchField) {
    /** Validates the components. */
    public MappedField {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(lookupParentObject, "lookupParentObject is null");
        Objects.requireNonNull(lookupMatchField, "lookupMatchField is null");
    }

    /** @return whether values become {@link LookupReference}s */
    public boolean isLookup() {
        return lookupParentObject.isPresent();
    }

    /** @return the source column's name */
    public String column() {
        return source.getName();
    }
}
