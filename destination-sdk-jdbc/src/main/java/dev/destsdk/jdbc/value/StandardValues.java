package dev.destsdk.jdbc.value;

import dev.destsdk.core.metadata.CanonicalType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JDBC 4.2 binding and reading of {@link ValueBinder#standard()} and {@link ValueReader#standard()}. */
final class StandardValues {
    private static final Logger LOG = LoggerFactory.getLogger(StandardValues.class);

    static final ValueBinder BINDER = StandardValues::bind;
    static final ValueReader READER = StandardValues::read;

    private StandardValues() {
    }

    private static void bind(PreparedStatement ps, int index, CanonicalType type, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType(type));
            return;
        }
        switch (type) {
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case SHORT -> ps.setShort(index, (Short) value);
            case INTEGER -> ps.setInt(index, (Integer) value);
            case LONG -> ps.setLong(index, (Long) value);
            case FLOAT -> ps.setFloat(index, (Float) value);
            case DOUBLE -> ps.setDouble(index, (Double) value);
            case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
            case BINARY -> ps.setBytes(index, (byte[]) value);
            case STRING, JSON, UUID -> ps.setString(index, value.toString());
            case DATE, TIME, TIMESTAMP, TIMESTAMP_TZ -> ps.setObject(index, value);
        }
    }

    static int sqlType(CanonicalType type) {
        return switch (type) {
            case BOOLEAN -> Types.BOOLEAN;
            case SHORT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case LONG -> Types.BIGINT;
            case FLOAT -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.NUMERIC;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMP_TZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case BINARY -> Types.VARBINARY;
            case STRING, JSON, UUID -> Types.VARCHAR;
        };
    }

    private static Object read(ResultSet rs, int column, CanonicalType type) throws SQLException {
        try {
            return readTyped(rs, column, type);
        } catch (SQLException | RuntimeException e) {
            // The driver lacks this getter: parse the value's text.
            LOG.trace("typed read of column {} as {} failed, reading text: {}", column, type, e.toString());
        }
        String text = rs.getString(column);
        return text == null ? null : fromText(type, text.trim());
    }

    private static Object readTyped(ResultSet rs, int column, CanonicalType type) throws SQLException {
        Object value = switch (type) {
            case BOOLEAN -> rs.getBoolean(column);
            case SHORT -> rs.getShort(column);
            case INTEGER -> rs.getInt(column);
            case LONG -> rs.getLong(column);
            case FLOAT -> rs.getFloat(column);
            case DOUBLE -> rs.getDouble(column);
            case DECIMAL -> rs.getBigDecimal(column);
            case STRING, JSON -> rs.getString(column);
            case DATE -> rs.getObject(column, LocalDate.class);
            case TIME -> rs.getObject(column, LocalTime.class);
            case TIMESTAMP -> rs.getObject(column, LocalDateTime.class);
            case TIMESTAMP_TZ -> readOffsetDateTime(rs, column);
            case BINARY -> rs.getBytes(column);
            case UUID -> {
                Object o = rs.getObject(column);
                yield o == null || o instanceof UUID ? o : UUID.fromString(o.toString().trim());
            }
        };
        return rs.wasNull() ? null : value;
    }

    /** The typed getter first: some drivers shift the value a plain {@code getObject} returns. */
    private static OffsetDateTime readOffsetDateTime(ResultSet rs, int column) throws SQLException {
        try {
            return rs.getObject(column, OffsetDateTime.class);
        } catch (SQLException | RuntimeException e) {
            // A database without a zoned type stores UTC in a naive timestamp.
            LocalDateTime naive = rs.getObject(column, LocalDateTime.class);
            return naive == null ? null : naive.atOffset(ZoneOffset.UTC);
        }
    }

    private static Object fromText(CanonicalType type, String text) {
        return switch (type) {
            case BOOLEAN -> text.equals("1") || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("t");
            case SHORT -> Short.parseShort(text);
            case INTEGER -> Integer.parseInt(text);
            case LONG -> Long.parseLong(text);
            case FLOAT -> Float.parseFloat(text);
            case DOUBLE -> Double.parseDouble(text);
            case DECIMAL -> new BigDecimal(text);
            case DATE, TIME, TIMESTAMP, TIMESTAMP_TZ -> TemporalText.parse(type, text);
            case UUID -> UUID.fromString(text);
            case STRING, JSON, BINARY -> throw new IllegalStateException("no text form to parse for " + type);
        };
    }

    static Optional<CanonicalType> canonicalTypeOf(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (name.contains("timestamptz") || name.contains("with time zone")) {
            return Optional.of(CanonicalType.TIMESTAMP_TZ);
        }
        CanonicalType t = switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> CanonicalType.BOOLEAN;
            case Types.TINYINT, Types.SMALLINT -> CanonicalType.SHORT;
            case Types.INTEGER -> CanonicalType.INTEGER;
            case Types.BIGINT -> CanonicalType.LONG;
            case Types.REAL -> CanonicalType.FLOAT;
            case Types.FLOAT, Types.DOUBLE -> CanonicalType.DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> CanonicalType.DECIMAL;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> CanonicalType.STRING;
            case Types.DATE -> CanonicalType.DATE;
            case Types.TIME -> CanonicalType.TIME;
            case Types.TIMESTAMP -> CanonicalType.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> CanonicalType.TIMESTAMP_TZ;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> CanonicalType.BINARY;
            default -> null;
        };
        return Optional.ofNullable(t);
    }
}
