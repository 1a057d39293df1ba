package dev.destsdk.core.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Defensive copies for the free-form maps and lists of the metadata model. */
final class Attributes {
    private Attributes() {
    }

    /**
     * An unmodifiable, order-preserving deep copy that allows null values (JSON nulls are legal attribute values).
     * Nested maps, lists and sets are copied and made unmodifiable too, so the model stays immutable however the
     * caller's map was built.
     *
     * @throws NullPointerException when a key, at any depth, is null (JSON cannot hold it)
     */
    static Map<String, Object> copy(Map<String, ?> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(requireKey(key), deepCopy(value)));
        return Collections.unmodifiableMap(copy);
    }

    static List<String> copyList(List<String> source) {
        return source == null ? List.of() : List.copyOf(source);
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, nested) -> copy.put(requireKey(key), deepCopy(nested)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(nested -> copy.add(deepCopy(nested)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = new LinkedHashSet<>();
            set.forEach(nested -> copy.add(deepCopy(nested)));
            return Collections.unmodifiableSet(copy);
        }
        return value;
    }

    private static <K> K requireKey(K key) {
        if (key == null) {
            throw new NullPointerException("attribute maps must not have null keys");
        }
        return key;
    }
}
