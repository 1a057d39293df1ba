package dev.destsdk.core.metadata;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which canonical types widen to which without losing data. The relation is a lattice with {@link CanonicalType#STRING}
 * on top: reflexive, antisymmetric, transitive, and any two types have exactly one least common supertype.
 *
 * <p>The direct widenings are: SHORT → INTEGER, SHORT → FLOAT, INTEGER → LONG, INTEGER → DOUBLE, LONG → DECIMAL,
 * FLOAT → DOUBLE, DATE → TIMESTAMP, TIMESTAMP → TIMESTAMP_TZ, and every type → STRING (its text form is lossless).
 * LONG → DOUBLE is deliberately absent: a double cannot hold every long.
 *
 * <p>Stateless and thread-safe.
 */
public final class TypeHierarchy {
    private static final Map<CanonicalType, Set<CanonicalType>> SUPERTYPES = closure(Map.of(
            CanonicalType.SHORT, List.of(CanonicalType.INTEGER, CanonicalType.FLOAT),
            CanonicalType.INTEGER, List.of(CanonicalType.LONG, CanonicalType.DOUBLE),
            CanonicalType.LONG, List.of(CanonicalType.DECIMAL),
            CanonicalType.FLOAT, List.of(CanonicalType.DOUBLE),
            CanonicalType.DATE, List.of(CanonicalType.TIMESTAMP),
            CanonicalType.TIMESTAMP, List.of(CanonicalType.TIMESTAMP_TZ)));

    private TypeHierarchy() {
    }

    /**
     * Whether a column of type {@code from} can be widened to {@code to} without losing data. Reflexive.
     *
     * @param from the narrower type; not null
     * @param to the wider type; not null
     * @return true when every value of {@code from} is exactly representable in {@code to}
     */
    public static boolean isSubtypeOf(CanonicalType from, CanonicalType to) {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        return SUPERTYPES.get(from).contains(to);
    }

    /**
     * The least type both arguments widen to.
     *
     * @param a a type; not null
     * @param b a type; not null
     * @return the least common supertype; STRING when nothing narrower holds both
     */
    public static CanonicalType commonSupertype(CanonicalType a, CanonicalType b) {
        Set<CanonicalType> common = EnumSet.copyOf(SUPERTYPES.get(Objects.requireNonNull(a, "a is null")));
        common.retainAll(SUPERTYPES.get(Objects.requireNonNull(b, "b is null")));
        for (CanonicalType candidate : common) {
            if (SUPERTYPES.get(candidate).containsAll(common)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no least common supertype of " + a + " and " + b);
    }

    /**
     * All types {@code type} widens to, itself included.
     *
     * @param type a type; not null
     * @return an unmodifiable set
     */
    public static Set<CanonicalType> supertypesOf(CanonicalType type) {
        return SUPERTYPES.get(Objects.requireNonNull(type, "type is null"));
    }

    private static Map<CanonicalType, Set<CanonicalType>> closure(Map<CanonicalType, List<CanonicalType>> direct) {
        Map<CanonicalType, Set<CanonicalType>> result = new EnumMap<>(CanonicalType.class);
        for (CanonicalType t : CanonicalType.values()) {
            Set<CanonicalType> reach = EnumSet.of(t, CanonicalType.STRING);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (CanonicalType r : EnumSet.copyOf(reach)) {
                    for (CanonicalType next : direct.getOrDefault(r, List.of())) {
                        grew |= reach.add(next);
                    }
                }
            }
            result.put(t, java.util.Collections.unmodifiableSet(reach));
        }
        return java.util.Collections.unmodifiableMap(result);
    }
}
