package dev.destsdk.testkit.inspect;

import dev.destsdk.core.metadata.ObjectMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one object (table, file set, API object) in a destination, with the names as the destination holds them
 * (after the identifier policy, unquoted).
 *
 * @param catalog the catalog (database), if the destination has catalogs
 * @param schema the schema, if the destination has schemas
 * @param name the object name; not null or empty
 */
public record ObjectRef(Optional<String> catalog, Optional<String> schema, String name) {

    /** Validates the components. */
    public ObjectRef {
        Objects.requireNonNull(catalog, "catalog is null");
        Objects.requireNonNull(schema, "schema is null");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("object name must not be null or empty");
        }
    }

    /**
     * @param schema the schema; not null
     * @param name the object name; not null or empty
     * @return a reference without catalog
     */
    public static ObjectRef of(String schema, String name) {
        return new ObjectRef(Optional.empty(), Optional.of(Objects.requireNonNull(schema, "schema is null")), name);
    }

    /**
     * The object a mapped target object names.
     *
     * @param mapped the object {@code mapToTargetObject} returned; not null
     * @return its catalog, schema and name
     */
    public static ObjectRef of(ObjectMetadata mapped) {
        Objects.requireNonNull(mapped, "mapped is null");
        return new ObjectRef(mapped.getCatalog(), mapped.getSchema(), mapped.getName());
    }

    @Override
    public String toString() {
        return catalog.map(c -> c + ".").orElse("") + schema.map(s -> s + ".").orElse("") + name;
    }
}
