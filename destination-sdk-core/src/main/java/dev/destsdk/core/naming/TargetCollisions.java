package dev.destsdk.core.naming;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.ObjectMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds source objects that {@code mapToTargetObject} maps to one target object (e.g. {@code Tcase} and
 * {@code TCASE} on a database that folds case, or {@code t<newline>x} and {@code t<tab>x} once control characters
 * are replaced): loading both would silently share a table. An executor checks the whole set of its mapped objects
 * before any load, and refuses the set when two collide. Stateless.
 */
public final class TargetCollisions {

    private TargetCollisions() {
    }

    /**
     * @param formatter the destination's identifier formatter, which decides when two names are one; not null
     * @param mappedBySource the mapped target object of each source object, keyed by the source object's name (or
     *     any key that tells source objects apart, shown in the error); not null
     * @return one line per colliding pair, naming both sources and the target; empty when none collide
     */
    public static List<String> find(IdentifierFormatter formatter, Map<String, ObjectMetadata> mappedBySource) {
        Objects.requireNonNull(formatter, "formatter is null");
        List<Map.Entry<String, ObjectMetadata>> entries = new ArrayList<>(mappedBySource.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        List<String> collisions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                ObjectMetadata a = entries.get(i).getValue();
                ObjectMetadata b = entries.get(j).getValue();
                if (same(formatter, a.getCatalog(), b.getCatalog()) && same(formatter, a.getSchema(), b.getSchema())
                        && formatter.isSameIdentifier(a.getName(), b.getName())) {
                    collisions.add("source objects " + show(entries.get(i).getKey()) + " and "
                            + show(entries.get(j).getKey()) + " both map to " + target(a));
                }
            }
        }
        return collisions;
    }

    /**
     * @param formatter the destination's identifier formatter; not null
     * @param mappedBySource the mapped target object of each source object; not null
     * @throws ConnectorException VALIDATION_ERROR listing every colliding pair, before anything is loaded
     */
    public static void check(IdentifierFormatter formatter, Map<String, ObjectMetadata> mappedBySource) {
        List<String> collisions = find(formatter, mappedBySource);
        if (!collisions.isEmpty()) {
            String first = collisions.get(0);
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, String.join("; ", collisions)
                    + ": they would share one table; rename one of them, or map them apart with the namespace rules")
                    .object(first.substring(first.lastIndexOf(" both map to ") + " both map to ".length())).build();
        }
    }

    private static boolean same(IdentifierFormatter formatter, Optional<String> a, Optional<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return formatter.isSameIdentifier(a.get(), b.get());
    }

    private static String target(ObjectMetadata o) {
        return o.getCatalog().map(c -> c + ".").orElse("") + o.getSchema().map(s -> s + ".").orElse("") + o.getName();
    }

    private static String show(String name) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < name.length() && i < 60; i++) {
            char c = name.charAt(i);
            sb.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.append(name.length() > 60 ? "…'" : "'").toString();
    }
}
