package dev.destsdk.testkit.generate;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Generates source {@link ObjectMetadata}: fields of every {@link CanonicalType} (DECIMAL with a random precision and
 * scale, STRING sometimes with a maximum length), primary key fields and a cursor field, with plain or adversarial
 * names.
 *
 * <p>Deterministic: the same seed and options always give the same objects. Not thread-safe: use one generator per
 * thread.
 */
public final class SchemaGenerator {

    /** Types a generated primary key field may have, in order of preference. */
    private static final List<CanonicalType> KEY_TYPES =
            List.of(CanonicalType.LONG, CanonicalType.INTEGER, CanonicalType.STRING, CanonicalType.UUID);

    /** The largest DECIMAL precision generated: what most warehouses accept. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    /** The maximum length given to STRING primary key fields, so destinations that index bounded text can key them. */
    public static final int STRING_KEY_LENGTH = 64;

    /**
     * What to generate.
     *
     * @param minFields the least number of fields besides keys and cursor; at least 0
     * @param maxFields the most number of fields besides keys and cursor; at least {@code minFields}
     * @param types the canonical types fields may have; not empty
     * @param everyType whether every type in {@code types} appears at least once
     * @param primaryKeyFields how many primary key fields (0, 1 or 2)
     * @param cursorField whether to add a cursor field (TIMESTAMP, or LONG when TIMESTAMP is not allowed)
     * @param adversarialNames whether object and field names come from {@link IdentifierGenerator} (quotes, unicode,
     *     reserved words, ...) instead of plain {@code snake_case} names
     * @param nullableProbability the chance that a non-key field is nullable, 0 to 1
     */
    public record Options(int minFields, int maxFields, Set<CanonicalType> types, boolean everyType,
                          int primaryKeyFields, boolean cursorField, boolean adversarialNames,
                          double nullableProbability) {

        /** Validates the components. */
        public Options {
            Objects.requireNonNull(types, "types is null");
            if (types.isEmpty()) {
                throw new IllegalArgumentException("types is empty: allow at least one canonical type");
            }
            types = Collections.unmodifiableSet(EnumSet.copyOf(types));
            if (minFields < 0 || maxFields < minFields) {
                throw new IllegalArgumentException(
                        "need 0 <= minFields <= maxFields, got " + minFields + " and " + maxFields);
            }
            if (primaryKeyFields < 0 || primaryKeyFields > 2) {
                throw new IllegalArgumentException("primaryKeyFields must be 0, 1 or 2, got " + primaryKeyFields);
            }
            if (primaryKeyFields > 0 && KEY_TYPES.stream().noneMatch(types::contains)) {
                throw new IllegalArgumentException("primary key fields need one of the types " + KEY_TYPES
                        + " among the allowed types " + types);
            }
            if (cursorField && !types.contains(CanonicalType.TIMESTAMP) && !types.contains(CanonicalType.LONG)) {
                throw new IllegalArgumentException("a cursor field needs TIMESTAMP or LONG among the allowed types");
            }
            if (!(nullableProbability >= 0 && nullableProbability <= 1)) {
                throw new IllegalArgumentException("nullableProbability must be within [0, 1], got "
                        + nullableProbability);
            }
        }

        /**
         * @return 1 to 12 fields of every canonical type (so at least 15), one primary key field, a cursor field,
         *     plain names, half of the other fields nullable
         */
        public static Options defaults() {
            return new Options(1, 12, EnumSet.allOf(CanonicalType.class), true, 1, true, false, 0.5);
        }

        /** @param value the allowed types @return a copy with that change */
        public Options withTypes(Set<CanonicalType> value) {
            return new Options(minFields, maxFields, value, everyType, primaryKeyFields, cursorField,
                    adversarialNames, nullableProbability);
        }

        /** @param min the least @param max the most @return a copy with that change */
        public Options withFieldCount(int min, int max) {
            return new Options(min, max, types, everyType, primaryKeyFields, cursorField, adversarialNames,
                    nullableProbability);
        }

        /** @param value whether every type appears @return a copy with that change */
        public Options withEveryType(boolean value) {
            return new Options(minFields, maxFields, types, value, primaryKeyFields, cursorField, adversarialNames,
                    nullableProbability);
        }

        /** @param value how many key fields @return a copy with that change */
        public Options withPrimaryKeyFields(int value) {
            return new Options(minFields, maxFields, types, everyType, value, cursorField, adversarialNames,
                    nullableProbability);
        }

        /** @param value whether to add a cursor field @return a copy with that change */
        public Options withCursorField(boolean value) {
            return new Options(minFields, maxFields, types, everyType, primaryKeyFields, value, adversarialNames,
                    nullableProbability);
        }

        /** @param value whether names are adversarial @return a copy with that change */
        public Options withAdversarialNames(boolean value) {
            return new Options(minFields, maxFields, types, everyType, primaryKeyFields, cursorField, value,
                    nullableProbability);
        }

        /** @param value the chance of nullable fields @return a copy with that change */
        public Options withNullableProbability(double value) {
            return new Options(minFields, maxFields, types, everyType, primaryKeyFields, cursorField,
                    adversarialNames, value);
        }
    }

    private final long seed;
    private final Options options;
    private final Random random;
    private final IdentifierGenerator names;
    private int objectCounter;

    /**
     * A generator with {@link Options#defaults()}.
     *
     * @param seed the seed
     */
    public SchemaGenerator(long seed) {
        this(seed, Options.defaults());
    }

    /**
     * @param seed the seed
     * @param options what to generate; not null
     */
    public SchemaGenerator(long seed, Options options) {
        this.seed = seed;
        this.options = Objects.requireNonNull(options, "options is null");
        this.random = new Random(seed);
        this.names = new IdentifierGenerator(Seeds.derive(seed, 0));
    }

    /** @return the seed this generator was created with */
    public long seed() {
        return seed;
    }

    /** @return the options */
    public Options options() {
        return options;
    }

    /**
     * Generates the next source object: primary key fields first, then the other fields in random order, then the
     * cursor field.
     *
     * @return the object; its fields have distinct names (also case-insensitively)
     */
    public ObjectMetadata next() {
        int index = objectCounter++;
        List<CanonicalType> bodyTypes = new ArrayList<>();
        List<CanonicalType> allowed = new ArrayList<>(options.types());
        if (options.everyType()) {
            bodyTypes.addAll(allowed);
        }
        int count = options.minFields() + random.nextInt(options.maxFields() - options.minFields() + 1);
        while (bodyTypes.size() < count) {
            bodyTypes.add(allowed.get(random.nextInt(allowed.size())));
        }
        Collections.shuffle(bodyTypes, random);

        List<CanonicalType> keyTypes = KEY_TYPES.stream().filter(options.types()::contains).toList();
        int total = options.primaryKeyFields() + bodyTypes.size() + (options.cursorField() ? 1 : 0);
        List<String> fieldNames = options.adversarialNames() ? names.distinct(total) : null;

        List<FieldMetadata> fields = new ArrayList<>(total);
        for (int k = 0; k < options.primaryKeyFields(); k++) {
            CanonicalType type = keyTypes.get(random.nextInt(keyTypes.size()));
            FieldMetadata.Builder b = FieldMetadata.builder(name(fieldNames, fields.size(), "key", type), type)
                    .nullable(false).primaryKey(true).sourcePrimaryKey(true)
                    .originalDataType(sourceTypeName(type, null, null));
            if (type == CanonicalType.STRING) {
                b.precision(STRING_KEY_LENGTH).originalDataType(sourceTypeName(type, STRING_KEY_LENGTH, null));
            }
            fields.add(b.build());
        }
        for (CanonicalType type : bodyTypes) {
            fields.add(field(name(fieldNames, fields.size(), "col", type), type,
                    random.nextDouble() < options.nullableProbability()));
        }
        if (options.cursorField()) {
            CanonicalType type = options.types().contains(CanonicalType.TIMESTAMP)
                    ? CanonicalType.TIMESTAMP : CanonicalType.LONG;
            fields.add(FieldMetadata.builder(name(fieldNames, fields.size(), "cursor", type), type)
                    .nullable(false).cursorField(true).originalDataType(sourceTypeName(type, null, null)).build());
        }
        String objectName = options.adversarialNames() ? names.next() : "t" + index + "_" + wordFor(index);
        return ObjectMetadata.builder(objectName).type("TABLE").fields(fields).build();
    }

    /**
     * Generates one field of the given type with a random precision and scale where the type has them.
     *
     * @param name the field name; not null or empty
     * @param type the canonical type; not null
     * @param nullable whether the field may hold null
     * @return the field (not a key, not a cursor)
     */
    public FieldMetadata field(String name, CanonicalType type, boolean nullable) {
        Objects.requireNonNull(type, "type is null");
        FieldMetadata.Builder b = FieldMetadata.builder(name, type).nullable(nullable);
        Integer precision = null;
        Integer scale = null;
        if (type == CanonicalType.DECIMAL) {
            precision = 1 + random.nextInt(MAX_DECIMAL_PRECISION);
            // Favour the interesting ends: scale 0 and scale == precision.
            int roll = random.nextInt(4);
            scale = roll == 0 ? 0 : roll == 1 ? precision : random.nextInt(precision + 1);
        } else if (type == CanonicalType.STRING && random.nextInt(3) == 0) {
            precision = 1 + random.nextInt(255);
        }
        return b.precision(precision).scale(scale).originalDataType(sourceTypeName(type, precision, scale)).build();
    }

    private static String name(List<String> adversarial, int position, String role, CanonicalType type) {
        if (adversarial != null) {
            return adversarial.get(position);
        }
        return String.format(Locale.ROOT, "%s%02d_%s", role, position, type.name().toLowerCase(Locale.ROOT));
    }

    private static String wordFor(int index) {
        List<String> words = List.of("orders", "customers", "events", "invoices", "products", "sessions");
        return words.get(index % words.size());
    }

    private static String sourceTypeName(CanonicalType type, Integer precision, Integer scale) {
        return switch (type) {
            case DECIMAL -> precision == null ? "numeric" : "numeric(" + precision + "," + scale + ")";
            case STRING -> precision == null ? "text" : "varchar(" + precision + ")";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    @Override
    public String toString() {
        return "SchemaGenerator{seed=" + seed + ", " + options + "}";
    }
}
