package dev.destsdk.core.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded generator of metadata values that exercise every property of the model: optional parts present or absent,
 * activation properties, custom attributes holding nested maps and lists with null values, unknown properties and
 * unicode text. Values are limited to what JSON reads back as the same Java type (Integer within int range, Long
 * beyond it, finite Double, String, Boolean, null, List, Map).
 */
final class MetadataGenerator {
    /** Known property names of both classes; unknown properties never use them (JSON would hold duplicates). */
    private static final String UNKNOWN_PREFIX = "x_future_";
    private static final String[] PIECES = {
        "a", "Z", "id", "naïve", "日本語", "ü", "é", "😀", "𝄞", " ", "\"", "'", "\\", "\t", "\n", ",", ";", "_", "-",
        "Ω", "ß", "İ", "0", "9", "select", "\u0000", "\u2028", "{", "}", "[", "]"
    };

    private final Random random;

    MetadataGenerator(long seed) {
        this.random = new Random(seed);
    }

    String text(int maxPieces) {
        int n = 1 + random.nextInt(maxPieces);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private String maybeText() {
        return random.nextInt(3) == 0 ? null : text(4);
    }

    private Object scalar() {
        return switch (random.nextInt(7)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(1000) : Long.MIN_VALUE + random.nextInt(1000);
            case 4 -> random.nextDouble() * 1e6 - 5e5;
            case 5 -> "";
            default -> text(5);
        };
    }

    /** A JSON value tree of at most {@code depth} levels of nesting. */
    Object value(int depth) {
        int kind = depth <= 0 ? 0 : random.nextInt(4);
        if (kind == 1) {
            List<Object> list = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                list.add(value(depth - 1));
            }
            return list;
        }
        if (kind == 2) {
            return attributes(depth - 1, "k");
        }
        return scalar();
    }

    Map<String, Object> attributes(int depth, String keyPrefix) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            map.put(keyPrefix + i + text(2), value(depth));
        }
        return map;
    }

    FieldMetadata field(String name) {
        CanonicalType[] types = CanonicalType.values();
        FieldMetadata.Builder b = FieldMetadata.builder(name, types[random.nextInt(types.length)]);
        b.originalDataType(maybeText());
        if (random.nextBoolean()) {
            int precision = random.nextInt(39);
            b.precision(precision);
            if (random.nextBoolean()) {
                b.scale(random.nextInt(precision + 1));
            }
        }
        b.nullable(random.nextBoolean()).primaryKey(random.nextBoolean()).sourcePrimaryKey(random.nextBoolean())
                .cursorField(random.nextBoolean()).selected(random.nextBoolean()).createable(random.nextBoolean())
                .updateable(random.nextBoolean()).readOnly(random.nextBoolean())
                .description(maybeText()).sourcePath(maybeText()).formattedName(maybeText())
                .customAttributes(attributes(3, "attr"))
                .activationTargetField(maybeText());
        if (random.nextBoolean()) {
            Map<String, Object> lookup = new LinkedHashMap<>();
            lookup.put("reference_to", text(3));
            lookup.put("relationship_api_name", text(3));
            lookup.put("parent_match_field", random.nextBoolean() ? text(3) : null);
            lookup.put("parent_object_api_name", text(3));
            b.activationLookup(lookup);
        }
        int unknown = random.nextInt(3);
        for (int i = 0; i < unknown; i++) {
            b.unknownProperty(UNKNOWN_PREFIX + i, value(2));
        }
        return b.build();
    }

    ObjectMetadata object() {
        ObjectMetadata.Builder b = ObjectMetadata.builder(text(4))
                .catalog(maybeText()).schema(maybeText()).fullyQualifiedName(maybeText())
                .formattedName(maybeText()).formattedFullyQualifiedName(maybeText()).type(maybeText())
                .description(maybeText()).selected(random.nextBoolean()).skipped(random.nextBoolean())
                .skippedReason(maybeText()).primaryKeyLocked(random.nextBoolean())
                .cursorFieldLocked(random.nextBoolean())
                .customAttributes(attributes(3, "attr"));
        int fields = random.nextInt(6);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            String name = "f" + i + "_" + text(3);
            names.add(name);
            b.addField(field(name));
        }
        if (random.nextBoolean()) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("object_api_name", text(3));
            target.put("name", text(3));
            if (random.nextBoolean()) {
                target.put("fully_qualified_name", text(3));
                target.put("formatted_fully_qualified_name", text(3));
            }
            target.put("extra", value(2));
            b.activationTarget(target);
            List<String> keys = new ArrayList<>();
            for (String name : names) {
                if (random.nextBoolean()) {
                    keys.add(name);
                }
            }
            b.selectedMergeKeys(keys);
            Map<String, Object> behaviour = new LinkedHashMap<>();
            behaviour.put("operation", random.nextBoolean() ? "UPSERT" : "INSERT");
            behaviour.put("insert_nulls", random.nextBoolean());
            behaviour.put("trim_whitespace", random.nextBoolean() ? null : Boolean.TRUE);
            b.activationBehaviour(behaviour);
        }
        int unknown = random.nextInt(3);
        for (int i = 0; i < unknown; i++) {
            b.unknownProperty(UNKNOWN_PREFIX + i, value(2));
        }
        return b.build();
    }

    MetadataMapping mapping() {
        return new MetadataMapping(object(),
                random.nextBoolean() ? Optional.of(object()) : Optional.empty(),
                random.nextBoolean() ? Optional.of(object()) : Optional.empty());
    }
}
