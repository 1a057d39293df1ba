package dev.destsdk.jdbc.value;

import dev.destsdk.core.metadata.CanonicalType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a value of a canonical type is read from a result set: used by the testkit's inspector to read tables back
 * and by {@code executeSqlScript} for the rows it streams. A connector replaces single types with {@link #with} when
 * its driver reads one wrongly (e.g. a plain {@code getObject} that shifts a zoned timestamp while the typed
 * {@code getObject(column, OffsetDateTime.class)} is right).
 *
 * <p>Values are returned as the Java types {@link CanonicalType} lists ({@code OffsetDateTime} for TIMESTAMP_TZ, a
 * naive timestamp being read as UTC; {@code String} for JSON; {@code java.util.UUID} for UUID), or null for SQL NULL.
 * Implementations are immutable and thread-safe; a result set is used by one thread.
 */
@FunctionalInterface
public interface ValueReader {

    /**
     * Reads the current row's value of one column.
     *
     * @param row a result set on a row; not null
     * @param column the 1-based column
     * @param type the column's canonical type; not null
     * @return the value, or null for SQL NULL
     * @throws SQLException when the driver cannot read the value
     */
    Object read(ResultSet row, int column, CanonicalType type) throws SQLException;

    /** Reads a value of one type; returns null for SQL NULL. */
    @FunctionalInterface
    interface TypeReader {
        /**
         * @param row a result set on a row; not null
         * @param column the 1-based column
         * @return the value, or null for SQL NULL
         * @throws SQLException when the driver cannot read the value
         */
        Object read(ResultSet row, int column) throws SQLException;
    }

    /**
     * Typed getters first ({@code getObject(column, LocalDate.class)}, {@code OffsetDateTime.class}, ...,
     * {@code getBigDecimal}, {@code getBytes}), then the value's text parsed as its canonical form when the driver
     * lacks the getter.
     *
     * @return the standard reader
     */
    static ValueReader standard() {
        return StandardValues.READER;
    }

    /**
     * @param type the type to read differently; not null
     * @param reader how its values are read; not null
     * @return a reader that reads {@code type} with {@code reader} and every other type as this one does
     */
    default ValueReader with(CanonicalType type, TypeReader reader) {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(reader, "reader is null");
        ValueReader base = this;
        Map<CanonicalType, TypeReader> own = new EnumMap<>(CanonicalType.class);
        own.put(type, reader);
        return (row, column, t) -> {
            TypeReader r = own.get(t);
            return r == null ? base.read(row, column, t) : r.read(row, column);
        };
    }

    /**
     * For databases that keep dates and times as text (SQLite): reads DATE, TIME, TIMESTAMP and TIMESTAMP_TZ by
     * parsing {@code getString} ({@link TemporalText#parse}).
     *
     * @return a reader that parses dates and times from text and reads every other type as this one does
     */
    default ValueReader withTemporalsFromText() {
        ValueReader r = this;
        for (CanonicalType t : new CanonicalType[] {CanonicalType.DATE, CanonicalType.TIME, CanonicalType.TIMESTAMP,
                CanonicalType.TIMESTAMP_TZ}) {
            r = r.with(t, (row, column) -> {
                String text = row.getString(column);
                return text == null ? null : TemporalText.parse(t, text);
            });
        }
        return r;
    }

    /**
     * The canonical type a result column of a JDBC type stands for, for rows whose columns the SDK did not map (SQL
     * script results).
     *
     * @param jdbcType a {@link java.sql.Types} code
     * @param typeName the driver's name of the type ({@link java.sql.ResultSetMetaData#getColumnTypeName}), which
     *     tells a zoned timestamp from a naive one where the JDBC type does not; not null
     * @return the canonical type, or empty for types without an equivalent (read with {@code getObject})
     */
    static java.util.Optional<CanonicalType> canonicalTypeOf(int jdbcType, String typeName) {
        return StandardValues.canonicalTypeOf(jdbcType, typeName);
    }
}
