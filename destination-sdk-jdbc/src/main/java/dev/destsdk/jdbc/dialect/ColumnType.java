package dev.destsdk.jdbc.dialect;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.TypeHierarchy;
import java.util.Objects;
import java.util.Optional;

/**
 * A canonical type with its precision and scale: what a column holds, independent of the native spelling.
 *
 * <p>Precision is the total number of digits for DECIMAL and the maximum length for STRING and BINARY; absent means
 * unbounded (or the destination's maximum). Scale applies to DECIMAL only. Immutable.
 *
 * @param canonicalType the canonical type; not null
 * @param precision the precision, if bounded
 * @param scale the scale (DECIMAL), if known
 */
public record ColumnType(CanonicalType canonicalType, Optional<Integer> precision, Optional<Integer> scale) {

    /** Digits needed to hold every value of the integer types, for widening integers to DECIMAL. */
    private static final int SHORT_DIGITS = 5;
    private static final int INTEGER_DIGITS = 10;
    private static final int LONG_DIGITS = 19;

    /** Validates the components. */
    public ColumnType {
        Objects.requireNonNull(canonicalType, "canonicalType is null");
        Objects.requireNonNull(precision, "precision is null");
        Objects.requireNonNull(scale, "scale is null");
    }

    /**
     * @param type the canonical type; not null
     * @return the type with no precision or scale
     */
    public static ColumnType of(CanonicalType type) {
        return new ColumnType(type, Optional.empty(), Optional.empty());
    }

    /**
     * @param type the canonical type; not null
     * @param precision the precision
     * @param scale the scale
     * @return the type
     */
    public static ColumnType of(CanonicalType type, int precision, int scale) {
        return new ColumnType(type, Optional.of(precision), Optional.of(scale));
    }

    /**
     * Whether a column of this type holds every value of {@code other} exactly: the canonical type widens along
     * {@link TypeHierarchy}, and precision and scale are large enough (an absent precision is unbounded).
     *
     * @param other the type whose values must fit; not null
     * @return true when {@code other} fits without loss
     */
    public boolean holds(ColumnType other) {
        Objects.requireNonNull(other, "other is null");
        CanonicalType mine = canonicalType;
        CanonicalType theirs = other.canonicalType;
        if (!TypeHierarchy.isSubtypeOf(theirs, mine)) {
            return false;
        }
        if (mine == CanonicalType.DECIMAL) {
            if (precision.isEmpty()) {
                return true;
            }
            int myScale = scale.orElse(0);
            int myIntegerDigits = precision.get() - myScale;
            if (theirs == CanonicalType.DECIMAL) {
                if (other.precision.isEmpty()) {
                    return false;
                }
                int theirScale = other.scale.orElse(0);
                return myScale >= theirScale && myIntegerDigits >= other.precision.get() - theirScale;
            }
            return myIntegerDigits >= integerDigits(theirs);
        }
        if (mine == CanonicalType.STRING || mine == CanonicalType.BINARY) {
            if (precision.isEmpty()) {
                return true;
            }
            return theirs == mine && other.precision.isPresent() && other.precision.get() <= precision.get();
        }
        return true;
    }

    private static int integerDigits(CanonicalType type) {
        return switch (type) {
            case SHORT -> SHORT_DIGITS;
            case INTEGER -> INTEGER_DIGITS;
            default -> LONG_DIGITS;
        };
    }

    /**
     * The narrowest type that holds both this and {@code other}: the least common canonical supertype, with
     * precision and scale large enough for both.
     *
     * @param other another type; not null
     * @return the widened type
     */
    public ColumnType widenWith(ColumnType other) {
        if (holds(other)) {
            return this;
        }
        if (other.holds(this)) {
            return other;
        }
        CanonicalType common = TypeHierarchy.commonSupertype(canonicalType, other.canonicalType);
        if (common == CanonicalType.DECIMAL) {
            int scaleA = canonicalType == CanonicalType.DECIMAL ? scale.orElse(0) : 0;
            int scaleB = other.canonicalType == CanonicalType.DECIMAL ? other.scale.orElse(0) : 0;
            boolean unbounded = (canonicalType == CanonicalType.DECIMAL && precision.isEmpty())
                    || (other.canonicalType == CanonicalType.DECIMAL && other.precision.isEmpty());
            if (unbounded) {
                return of(CanonicalType.DECIMAL);
            }
            int digitsA = canonicalType == CanonicalType.DECIMAL ? precision.get() - scaleA : integerDigits(canonicalType);
            int digitsB = other.canonicalType == CanonicalType.DECIMAL
                    ? other.precision.get() - scaleB : integerDigits(other.canonicalType);
            int s = Math.max(scaleA, scaleB);
            return of(CanonicalType.DECIMAL, Math.max(digitsA, digitsB) + s, s);
        }
        if (canonicalType == other.canonicalType
                && (common == CanonicalType.STRING || common == CanonicalType.BINARY)) {
            if (precision.isEmpty() || other.precision.isEmpty()) {
                return of(common);
            }
            return new ColumnType(common, Optional.of(Math.max(precision.get(), other.precision.get())),
                    Optional.empty());
        }
        return of(common);
    }

    /**
     * This type within a database that has no length for text and binary and bounds DECIMAL (DuckDB, SQLite): the
     * canonical type alone, except for DECIMAL, whose precision is capped at {@code maxPrecision} (an unbounded
     * DECIMAL becomes {@code DECIMAL(maxPrecision, defaultScale)}) and whose scale fits the precision.
     *
     * @param maxPrecision the largest precision the database stores; positive
     * @param defaultScale the scale of an unbounded DECIMAL; at most {@code maxPrecision}
     * @return the bounded type
     */
    public ColumnType boundedBy(int maxPrecision, int defaultScale) {
        if (canonicalType != CanonicalType.DECIMAL) {
            return of(canonicalType);
        }
        if (precision.isEmpty()) {
            return of(CanonicalType.DECIMAL, maxPrecision, defaultScale);
        }
        int s = Math.min(scale.orElse(0), maxPrecision);
        return of(CanonicalType.DECIMAL, Math.max(Math.min(precision.get(), maxPrecision), Math.max(s, 1)), s);
    }

    /** @return e.g. {@code DECIMAL(18,2)}, {@code STRING(40)} or {@code DATE} */
    @Override
    public String toString() {
        return canonicalType + precision.map(p -> "(" + p + scale.map(s -> "," + s).orElse("") + ")").orElse("");
    }
}
