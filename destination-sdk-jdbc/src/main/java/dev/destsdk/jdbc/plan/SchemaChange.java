package dev.destsdk.jdbc.plan;

import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import java.util.Objects;
import java.util.Optional;

/**
 * One change a load applies to an existing table.
 *
 * @param kind what changes; not null
 * @param column the column as it must be; not null
 * @param existing the column as it is (for WIDEN); empty for ADD
 * @param tracking whether the column is a tracking column (added whatever the schema evolution mode says)
 */
public record SchemaChange(Kind kind, ColumnDef column, Optional<ExistingColumn> existing, boolean tracking) {

    /** What a change does. */
    public enum Kind {
        /** Add a column. */
        ADD,
        /** Change a column to a wider type. */
        WIDEN
    }

    /** Validates the components. */
    public SchemaChange {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(existing, "existing is null");
    }
}
