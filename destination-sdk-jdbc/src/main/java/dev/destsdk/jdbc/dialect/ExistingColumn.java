package dev.destsdk.jdbc.dialect;

import java.util.Objects;
import java.util.Optional;

/**
 * A column as the database reports it when its table is read back.
 *
 * <p>Immutable.
 *
 * @param name the column name as stored; not null
 * @param nativeType the native type as the database spells it, e.g. {@code character varying(20)}; not null
 * @param type the column's canonical type as the dialect reads the native type, or empty when the native type has
 *     no canonical equivalent (then no widening is possible)
 * @param nullable whether the column accepts NULL
 */
public record ExistingColumn(String name, String nativeType, Optional<ColumnType> type, boolean nullable) {

    /** Validates the components. */
    public ExistingColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(nativeType, "nativeType is null");
        Objects.requireNonNull(type, "type is null");
    }
}
