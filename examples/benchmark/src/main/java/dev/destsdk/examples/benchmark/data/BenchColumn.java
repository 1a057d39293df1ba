package dev.destsdk.examples.benchmark.data;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * One column of the benchmark table, in the order the CSV writes it.
 *
 * @param name the column name, already lower-case snake case so every database keeps it as written
 * @param type the canonical type
 * @param precision the precision or maximum length, if the type has one
 * @param scale the scale, if the type has one
 * @param nullable whether the generator writes NULLs into it
 * @param primaryKey whether it is the primary key
 * @param cursor whether it is the cursor field
 */
public record BenchColumn(String name, CanonicalType type, Optional<Integer> precision, Optional<Integer> scale,
                          boolean nullable, boolean primaryKey, boolean cursor) {

    /** Validates the components. */
    public BenchColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(precision, "precision is null");
        Objects.requireNonNull(scale, "scale is null");
    }

    /** @return the column as source metadata, as a source connector would describe it */
    public FieldMetadata toField() {
        FieldMetadata.Builder b = FieldMetadata.builder(name, type).nullable(nullable).primaryKey(primaryKey)
                .sourcePrimaryKey(primaryKey).cursorField(cursor);
        precision.ifPresent(b::precision);
        scale.ifPresent(b::scale);
        return b.build();
    }
}
