package dev.destsdk.testkit.inspect;

import dev.destsdk.core.metadata.CanonicalType;
import java.util.Objects;

/**
 * One column of an object as the destination holds it.
 *
 * @param name the column name as stored (after case folding); not null or empty
 * @param canonicalType the canonical type the inspector reads the native type as; not null
 * @param nativeType the destination's own type, e.g. {@code numeric(10,2)} or {@code VARCHAR(64)}; not null
 * @param nullable whether the column accepts NULL
 */
public record InspectedColumn(String name, CanonicalType canonicalType, String nativeType, boolean nullable) {

    /** Validates the components. */
    public InspectedColumn {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("column name must not be null or empty");
        }
        Objects.requireNonNull(canonicalType, "canonicalType is null");
        Objects.requireNonNull(nativeType, "nativeType is null");
    }
}
