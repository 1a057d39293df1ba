package dev.destsdk.jdbc.value;

import dev.destsdk.core.metadata.CanonicalType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a value of a canonical type becomes a JDBC parameter: the one piece a connector replaces when its driver binds
 * a type badly (e.g. shifts dates before 1582, or stores {@code java.time} values as epoch numbers), without
 * rewriting the loader that reads, batches, cancels and reports errors.
 *
 * <p>Values arrive already parsed from their canonical text form, as the Java types
 * {@link dev.destsdk.core.metadata.CanonicalType} lists: {@code Boolean}, {@code Short}, {@code Integer},
 * {@code Long}, {@code Float}, {@code Double}, {@code BigDecimal}, {@code String} (STRING, JSON, UUID),
 * {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime}, {@code OffsetDateTime} (in UTC), {@code byte[]}.
 * Start from {@link #standard()} and replace single types with {@link #with}:
 * <pre>{@code
 * ValueBinder binder = ValueBinder.standard().with(CanonicalType.DATE,
 *         (statement, index, value) -> statement.setString(index, value.toString()));
 * }</pre>
 * Implementations are immutable and thread-safe; a statement is used by one thread.
 */
@FunctionalInterface
public interface ValueBinder {

    /**
     * Binds one parameter.
     *
     * @param statement the statement; not null
     * @param index the 1-based parameter index
     * @param type the column's canonical type; not null
     * @param value the parsed value, or null for SQL NULL
     * @throws SQLException when the driver refuses
     */
    void bind(PreparedStatement statement, int index, CanonicalType type, Object value) throws SQLException;

    /** Binds a non-null value of one type. */
    @FunctionalInterface
    interface TypeBinder {
        /**
         * @param statement the statement; not null
         * @param index the 1-based parameter index
         * @param value the value; not null
         * @throws SQLException when the driver refuses
         */
        void bind(PreparedStatement statement, int index, Object value) throws SQLException;
    }

    /**
     * The JDBC 4.2 binding: {@code setBoolean}, {@code setShort}, ..., {@code setBigDecimal}, {@code setString},
     * {@code setObject} with the {@code java.time} value for dates and times, {@code setBytes}, and
     * {@code setNull} with the matching {@link java.sql.Types} code.
     *
     * @return the standard binder
     */
    static ValueBinder standard() {
        return StandardValues.BINDER;
    }

    /**
     * @param type the type to bind differently; not null
     * @param binder how its non-null values are bound; not null
     * @return a binder that binds {@code type} with {@code binder} and every other type (and NULL) as this one does
     */
    default ValueBinder with(CanonicalType type, TypeBinder binder) {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(binder, "binder is null");
        ValueBinder base = this;
        Map<CanonicalType, TypeBinder> own = new EnumMap<>(CanonicalType.class);
        own.put(type, binder);
        return (statement, index, t, value) -> {
            TypeBinder b = own.get(t);
            if (b == null || value == null) {
                base.bind(statement, index, t, value);
            } else {
                b.bind(statement, index, value);
            }
        };
    }

    /**
     * For drivers without date and time types of their own (SQLite): binds DATE, TIME, TIMESTAMP and TIMESTAMP_TZ
     * as their canonical text ({@link TemporalText#format}), which sorts in time order.
     *
     * @return a binder that binds dates and times as text and every other type as this one does
     */
    default ValueBinder withTemporalsAsText() {
        TypeBinder text = (statement, index, value) -> statement.setString(index, TemporalText.format(value));
        return with(CanonicalType.DATE, text).with(CanonicalType.TIME, text).with(CanonicalType.TIMESTAMP, text)
                .with(CanonicalType.TIMESTAMP_TZ, text);
    }
}
