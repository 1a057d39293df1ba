package dev.destsdk.core.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive copies for the free-form maps and lists of the metadata model. */
final class Attributes {
    private Attributes() {
    }

    /** An unmodifiable, order-preserving copy that allows null values (JSON nulls are legal attribute values). */
    static Map<String, Object> copy(Map<String, ?> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    static List<String> copyList(List<String> source) {
        return source == null ? List.of() : List.copyOf(source);
    }
}
