package dev.destsdk.activation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of an API object as the connector describes it ({@link BaseActivationDestination#describeObject}).
 * Immutable.
 *
 * @param name the field's API name; not blank
 * @param type its value type; not null
 * @param required whether a create must set it
 * @param createable whether a create may set it
 * @param updateable whether an update may set it
 * @param readOnly whether it is a system field no write may set
 * @param idField whether it identifies a record (primary id or external id) and can be a merge key
 * @param picklistValues the allowed values of a {@link ApiFieldType#PICKLIST}; empty when any value is allowed
 * @param referenceTo the parent object of a {@link ApiFieldType#REFERENCE}; empty otherwise
 */
public record FieldDescription(String name, ApiFieldType type, boolean required, boolean createable,
                               boolean updateable, boolean readOnly, boolean idField, List<String> picklistValues,
                               Optional<String> referenceTo) {

    /** Validates and copies the components. */
    public FieldDescription {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        picklistValues = List.copyOf(picklistValues);
        Objects.requireNonNull(referenceTo, "referenceTo is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("field name is blank");
        }
    }

    /**
     * @param name the name; not blank
     * @param type the type; not null
     * @return an optional field that creates and updates may set
     */
    public static FieldDescription writable(String name, ApiFieldType type) {
        return new FieldDescription(name, type, false, true, true, false, false, List.of(), Optional.empty());
    }

    /** @return whether an insert may set this field */
    public boolean writableOnCreate() {
        return createable && !readOnly;
    }

    /** @return whether an update may set this field */
    public boolean writableOnUpdate() {
        return updateable && !readOnly;
    }
}
