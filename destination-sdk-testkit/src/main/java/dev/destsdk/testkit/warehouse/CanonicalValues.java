package dev.destsdk.testkit.warehouse;

import dev.destsdk.core.metadata.CanonicalType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;

/**
 * Brings values to one comparable text form per canonical type, both as written in data files and as read back
 * through JDBC: integers in decimal, decimals without trailing zeros, timestamps with zone as UTC instants,
 * binaries as base64, UUIDs in lower case.
 */
public final class CanonicalValues {
    private CanonicalValues() {
    }

    /**
     * @param type the column's canonical type; not null
     * @param text a value as a data file holds it (binaries in base64); null for NULL
     * @return the comparable form; null for NULL
     */
    public static String fromText(CanonicalType type, String text) {
        if (text == null) {
            return null;
        }
        return switch (type) {
            case BOOLEAN -> Boolean.toString(Boolean.parseBoolean(text.trim()));
            case SHORT, INTEGER, LONG -> Long.toString(Long.parseLong(text.trim()));
            case FLOAT -> Float.toString(Float.parseFloat(text.trim()));
            case DOUBLE -> Double.toString(Double.parseDouble(text.trim()));
            case DECIMAL -> plain(new BigDecimal(text.trim()));
            case DATE -> LocalDate.parse(text.trim()).toString();
            case TIME -> LocalTime.parse(text.trim()).toString();
            case TIMESTAMP -> LocalDateTime.parse(text.trim().replace(' ', 'T')).toString();
            case TIMESTAMP_TZ -> OffsetDateTime.parse(text.trim().replace(' ', 'T')).toInstant().toString();
            case UUID -> text.toLowerCase(Locale.ROOT);
            case STRING, JSON, BINARY -> text;
        };
    }

    /**
     * Reads a column with the JDBC type that suits its canonical type.
     *
     * @param rs the result set on a row; not null
     * @param column the 1-based column
     * @param type the column's canonical type; not null
     * @return the comparable form; null for NULL
     * @throws SQLException when reading fails
     */
    public static String read(ResultSet rs, int column, CanonicalType type) throws SQLException {
        Object probe = rs.getObject(column);
        if (probe == null) {
            return null;
        }
        return switch (type) {
            case BOOLEAN -> Boolean.toString(rs.getBoolean(column));
            case SHORT, INTEGER, LONG -> Long.toString(rs.getLong(column));
            case FLOAT -> Float.toString(rs.getFloat(column));
            case DOUBLE -> Double.toString(rs.getDouble(column));
            case DECIMAL -> plain(rs.getBigDecimal(column));
            case DATE -> rs.getObject(column, LocalDate.class).toString();
            case TIME -> rs.getObject(column, LocalTime.class).toString();
            case TIMESTAMP -> rs.getObject(column, LocalDateTime.class).toString();
            case TIMESTAMP_TZ -> readInstant(rs, column);
            case BINARY -> Base64.getEncoder().encodeToString(rs.getBytes(column));
            case UUID -> rs.getString(column).toLowerCase(Locale.ROOT);
            case STRING, JSON -> rs.getString(column);
        };
    }

    private static String readInstant(ResultSet rs, int column) throws SQLException {
        try {
            return rs.getObject(column, OffsetDateTime.class).toInstant().toString();
        } catch (SQLException | RuntimeException e) {
            // Databases without a zoned type store UTC in a naive timestamp.
            return rs.getObject(column, LocalDateTime.class).atOffset(ZoneOffset.UTC).toInstant().toString();
        }
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
