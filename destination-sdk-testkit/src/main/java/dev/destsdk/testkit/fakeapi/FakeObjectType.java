package dev.destsdk.testkit.fakeapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An object type of the fake API (for example {@code contacts}) and its properties. Every type also has the
 * read-only, unique {@code hs_object_id} property that holds the id the server assigns.
 *
 * @param name the object type as it appears in paths ({@code /crm/v3/objects/{name}/…}); not blank
 * @param properties the properties by name, in declaration order; unmodifiable
 */
public record FakeObjectType(String name, Map<String, FakeProperty> properties) {
    /** The id property every object type has. */
    public static final String ID_PROPERTY = "hs_object_id";

    /** Validates the components and adds {@link #ID_PROPERTY}. */
    public FakeObjectType {
        Objects.requireNonNull(name, "name is null");
        Map<String, FakeProperty> copy = new LinkedHashMap<>();
        copy.put(ID_PROPERTY, new FakeProperty(ID_PROPERTY, FakeProperty.Type.STRING, false, false, false, true, true,
                List.of(), Optional.empty()));
        copy.putAll(properties);
        properties = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * @param name the object type; not blank
     * @param properties its properties; not null
     * @return the object type
     */
    public static FakeObjectType of(String name, FakeProperty... properties) {
        Map<String, FakeProperty> map = new LinkedHashMap<>();
        for (FakeProperty p : properties) {
            if (map.put(p.name(), p) != null) {
                throw new IllegalArgumentException("duplicate property " + p.name());
            }
        }
        return new FakeObjectType(name, map);
    }

    /**
     * @param propertyName a name
     * @return the property, if the type has it
     */
    public Optional<FakeProperty> property(String propertyName) {
        return Optional.ofNullable(properties.get(propertyName));
    }
}
