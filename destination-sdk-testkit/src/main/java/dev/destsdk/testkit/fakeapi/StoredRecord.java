package dev.destsdk.testkit.fakeapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A record the fake API holds: its id and its property values (strings, as the API stores them; a cleared property
 * is absent). Immutable snapshot.
 *
 * @param id the id the server assigned; not null
 * @param properties property name to value; unmodifiable
 * @param version how many writes changed it (1 after the create)
 */
public record StoredRecord(String id, Map<String, String> properties, int version) {
    /** Validates and copies. */
    public StoredRecord {
        Objects.requireNonNull(id, "id is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * @param name a property name
     * @return its value, or null when unset
     */
    public String get(String name) {
        return properties.get(name);
    }
}
