package dev.destsdk.testkit.inspect;

import java.util.List;
import java.util.Objects;

/**
 * How an inspector returns rows: sorted by key columns, or in any order (to be compared as a multiset).
 *
 * @param keyColumns the columns to sort by, as stored; empty for any order; unmodifiable
 */
public record RowOrder(List<String> keyColumns) {

    /** Validates and copies the components. */
    public RowOrder {
        keyColumns = List.copyOf(Objects.requireNonNull(keyColumns, "keyColumns is null"));
    }

    /**
     * @param columns the sort columns, most significant first; at least one
     * @return an order by those columns, ascending, nulls first
     */
    public static RowOrder by(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("name at least one key column, or use RowOrder.any()");
        }
        return new RowOrder(List.of(columns));
    }

    /** @return no order: compare the rows as a multiset */
    public static RowOrder any() {
        return new RowOrder(List.of());
    }

    /** @return whether rows come sorted */
    public boolean isOrdered() {
        return !keyColumns.isEmpty();
    }
}
