package dev.destsdk.file.format;

import dev.destsdk.core.metadata.CanonicalType;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One column of a data file: its final name (already made valid by the destination's identifier policy), its
 * canonical type and, for DECIMAL, precision and scale.
 *
 * <p>Values a {@link FormatWriter} accepts for each type: BOOLEAN {@link Boolean}; SHORT {@link Short}; INTEGER
 * {@link Integer}; LONG {@link Long}; FLOAT {@link Float}; DOUBLE {@link Double}; DECIMAL {@link java.math.BigDecimal}
 * with exactly the column's scale; STRING and JSON {@link String}; DATE {@link java.time.LocalDate}; TIME
 * {@link java.time.LocalTime}; TIMESTAMP {@link java.time.LocalDateTime}; TIMESTAMP_TZ {@link java.time.Instant};
 * BINARY {@code byte[]}; UUID {@link java.util.UUID}; {@code null} for NULL.
 *
 * @param name the column name; not blank
 * @param type the canonical type; not null
 * @param precision for DECIMAL: the total number of digits (1..38); empty otherwise
 * @param scale for DECIMAL: the digits after the point (0..precision); empty otherwise
 * @param nullable whether NULL is allowed
 * @param fieldId a table format's field id written into the file's schema (Iceberg needs one); empty for none
 */
public record FileColumn(String name, CanonicalType type, OptionalInt precision, OptionalInt scale, boolean nullable,
                         OptionalInt fieldId) {
    /** The precision a DECIMAL column gets when its field declares none. */
    public static final int DEFAULT_DECIMAL_PRECISION = 38;
    /** The scale a DECIMAL column gets when its field declares none. */
    public static final int DEFAULT_DECIMAL_SCALE = 9;

    /** Validates the components. */
    public FileColumn {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("column name is blank");
        }
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(precision, "precision is null");
        Objects.requireNonNull(scale, "scale is null");
        Objects.requireNonNull(fieldId, "fieldId is null");
        if (type == CanonicalType.DECIMAL) {
            int p = precision.orElseThrow(() -> new IllegalArgumentException("DECIMAL column " + name
                    + " needs a precision"));
            int s = scale.orElse(0);
            if (p < 1 || p > 38 || s < 0 || s > p) {
                throw new IllegalArgumentException("DECIMAL column " + name + " has precision " + p + " and scale "
                        + s + "; precision must be 1..38 and scale 0..precision");
            }
        }
    }

    /**
     * @param name the name
     * @param type a type other than DECIMAL
     * @return a nullable column without field id
     */
    public static FileColumn of(String name, CanonicalType type) {
        return new FileColumn(name, type, OptionalInt.empty(), OptionalInt.empty(), true, OptionalInt.empty());
    }

    /**
     * @param name the name
     * @param precision the precision
     * @param scale the scale
     * @return a nullable DECIMAL column
     */
    public static FileColumn decimal(String name, int precision, int scale) {
        return new FileColumn(name, CanonicalType.DECIMAL, OptionalInt.of(precision), OptionalInt.of(scale), true,
                OptionalInt.empty());
    }

    /**
     * @param precision a declared precision, or empty
     * @param scale a declared scale, or empty
     * @param name the name
     * @return a DECIMAL column with the defaults for what is not declared
     */
    public static FileColumn decimal(String name, Optional<Integer> precision, Optional<Integer> scale) {
        int p = precision.orElse(DEFAULT_DECIMAL_PRECISION);
        return decimal(name, p, Math.min(p, scale.orElse(precision.isPresent() ? 0 : DEFAULT_DECIMAL_SCALE)));
    }

    /**
     * @param id the field id
     * @return a copy with the field id
     */
    public FileColumn withFieldId(int id) {
        return new FileColumn(name, type, precision, scale, nullable, OptionalInt.of(id));
    }
}
