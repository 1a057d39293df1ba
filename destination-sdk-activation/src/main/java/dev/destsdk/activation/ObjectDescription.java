package dev.destsdk.activation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connector knows about one API object (its fields and their rules), read from the API by
 * {@link BaseActivationDestination#describeObject}. The base class validates the mapping against it before it sends
 * anything. Immutable.
 *
 * @param objectName the object's API name; not blank
 * @param fields the fields by name, in the API's order; unmodifiable
 */
public record ObjectDescription(String objectName, Map<String, FieldDescription> fields) {

    /** Validates and copies the components. */
    public ObjectDescription {
        Objects.requireNonNull(objectName, "objectName is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * @param objectName the object's API name; not blank
     * @param fields its fields; names must be unique
     * @return the description
     * @throws IllegalArgumentException when two fields share a name
     */
    public static ObjectDescription of(String objectName, List<FieldDescription> fields) {
        Map<String, FieldDescription> map = new LinkedHashMap<>();
        for (FieldDescription f : fields) {
            if (map.put(f.name(), f) != null) {
                throw new IllegalArgumentException("field " + f.name() + " is described twice");
            }
        }
        return new ObjectDescription(objectName, map);
    }

    /**
     * @param name a field name
     * @return the field, if the object has it
     */
    public Optional<FieldDescription> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** @return the names of the fields that can be merge keys */
    public List<String> idFields() {
        return fields.values().stream().filter(FieldDescription::idField).map(FieldDescription::name).toList();
    }
}
