package dev.destsdk.testkit.inspect;

import dev.destsdk.testkit.value.ValueFormats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a destination holds for one object, read back by a {@link DestinationInspector}: its columns and its rows as
 * typed values ({@link ValueFormats} defines the Java value of each canonical type; null is SQL NULL).
 *
 * <p>Immutable (rows are copied into unmodifiable lists) and thread-safe.
 *
 * @param object the object read; not null
 * @param columns the columns in the destination's order, tracking columns included; unmodifiable
 * @param rows the rows, one value per column; unmodifiable, values may be null
 */
public record InspectedTable(ObjectRef object, List<InspectedColumn> columns, List<List<Object>> rows) {

    /** Validates and copies the components. */
    public InspectedTable {
        Objects.requireNonNull(object, "object is null");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        Objects.requireNonNull(rows, "rows is null");
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = Objects.requireNonNull(rows.get(i), "row is null");
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + (i + 1) + " of " + object + " has " + row.size()
                        + " values for " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** @return the column names in order; unmodifiable */
    public List<String> columnNames() {
        return columns.stream().map(InspectedColumn::name).toList();
    }

    /**
     * @param name a column name as stored; not null
     * @return the column, or empty
     */
    public Optional<InspectedColumn> column(String name) {
        Objects.requireNonNull(name, "name is null");
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** @return the number of rows */
    public int rowCount() {
        return rows.size();
    }

    /**
     * @param name a column name as stored; not null
     * @return the column's values in row order; unmodifiable, may contain nulls
     * @throws IllegalArgumentException when there is no such column
     */
    public List<Object> values(String name) {
        int index = indexOf(name);
        List<Object> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            out.add(row.get(index));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return each row as column name to value, in column order; unmodifiable maps, values may be null */
    public List<Map<String, Object>> rowsAsMaps() {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i).name(), row.get(i));
            }
            out.add(Collections.unmodifiableMap(map));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * @param names the columns to keep, in the order wanted; not null
     * @return a table with only those columns
     * @throws IllegalArgumentException when a column does not exist
     */
    public InspectedTable project(List<String> names) {
        Objects.requireNonNull(names, "names is null");
        int[] indexes = names.stream().mapToInt(this::indexOf).toArray();
        List<InspectedColumn> cols = new ArrayList<>(indexes.length);
        for (int i : indexes) {
            cols.add(columns.get(i));
        }
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> projected = new ArrayList<>(indexes.length);
            for (int i : indexes) {
                projected.add(row.get(i));
            }
            out.add(projected);
        }
        return new InspectedTable(object, cols, out);
    }

    /**
     * @param names columns to drop, e.g. the tracking columns; names that do not exist are ignored; not null
     * @return a table without those columns
     */
    public InspectedTable without(Collection<String> names) {
        Set<String> drop = Set.copyOf(Objects.requireNonNull(names, "names is null"));
        return project(columnNames().stream().filter(n -> !drop.contains(n)).toList());
    }

    /**
     * @param keyColumns the columns to sort by, most significant first; not null
     * @return a table whose rows are sorted ascending by those columns, nulls first (stable for ties)
     */
    public InspectedTable sortedBy(List<String> keyColumns) {
        int[] indexes = Objects.requireNonNull(keyColumns, "keyColumns is null").stream()
                .mapToInt(this::indexOf).toArray();
        Comparator<List<Object>> order = (a, b) -> {
            for (int i : indexes) {
                int c = ValueFormats.compareValues(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(order);
        return new InspectedTable(object, columns, sorted);
    }

    /**
     * The rows as a multiset of comparison keys ({@link ValueFormats#comparisonKey}), for comparing regardless of
     * order and of representation (DECIMAL trailing zeros, TIMESTAMP_TZ offsets, JSON key order).
     *
     * @return row key to how often it occurs, sorted by key
     */
    public Map<List<String>, Long> multiset() {
        return multisetOf(rows);
    }

    /**
     * The multiset of expected rows, keyed with this table's column types so that it compares with
     * {@link #multiset()}.
     *
     * @param expected rows in this table's column order; not null
     * @return row key to how often it occurs, sorted by key
     * @throws IllegalArgumentException when a row has the wrong number of values
     * @throws dev.destsdk.core.error.ConnectorException VALIDATION_ERROR when a value is not of its column's type
     */
    public Map<List<String>, Long> multisetOf(List<List<Object>> expected) {
        Objects.requireNonNull(expected, "expected is null");
        Map<List<String>, Long> counts = new TreeMap<>(InspectedTable::compareKeys);
        for (List<Object> row : expected) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("an expected row has " + row.size() + " values for "
                        + columns.size() + " columns " + columnNames());
            }
            List<String> key = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                key.add(ValueFormats.comparisonKey(columns.get(i).canonicalType(), row.get(i)));
            }
            counts.merge(List.copyOf(key), 1L, Long::sum);
        }
        return Collections.unmodifiableMap(counts);
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "' in " + object + "; columns are "
                + columnNames());
    }
}
