package dev.destsdk.jdbc.dialect;

import dev.destsdk.core.metadata.CanonicalType;
import java.util.Objects;
import java.util.Optional;

/**
 * One column as DDL writes it: final identifier, canonical and native type, nullability and an optional default.
 *
 * <p>Immutable.
 *
 * @param name the final, unquoted identifier; not null or empty
 * @param type the column's canonical type with precision and scale; not null
 * @param nativeType the native type as DDL writes it, e.g. {@code numeric(18,2)}; not null or empty
 * @param nullable whether the column accepts NULL
 * @param defaultExpression a SQL expression (already rendered by the dialect) used as the column default, if any
 */
public record ColumnDef(String name, ColumnType type, String nativeType, boolean nullable,
                        Optional<String> defaultExpression) {

    /** Validates the components. */
    public ColumnDef {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(nativeType, "nativeType is null");
        Objects.requireNonNull(defaultExpression, "defaultExpression is null");
        if (name.isEmpty() || nativeType.isEmpty()) {
            throw new IllegalArgumentException("column name and native type must not be empty");
        }
    }

    /** @return the canonical type */
    public CanonicalType canonicalType() {
        return type.canonicalType();
    }

    /**
     * @param value the default expression; null for none
     * @return a copy with that default
     */
    public ColumnDef withDefault(String value) {
        return new ColumnDef(name, type, nativeType, nullable, Optional.ofNullable(value));
    }

    /**
     * @param value whether nullable
     * @return a copy with that nullability
     */
    public ColumnDef withNullable(boolean value) {
        return new ColumnDef(name, type, nativeType, value, defaultExpression);
    }
}
