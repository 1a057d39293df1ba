package dev.destsdk.file.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.destsdk.core.csv.BinaryCodec;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.file.format.FileColumn;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns the text of a data-file field into the typed value a {@link dev.destsdk.file.format.FormatWriter} takes
 * (see {@link FileColumn}), strictly: text that is not a value of the column's type is an error, never NULL and
 * never a guess. Accepted text per type:
 * <ul>
 *   <li>BOOLEAN: {@code true}, {@code false} (any case), {@code 1}, {@code 0};</li>
 *   <li>SHORT, INTEGER, LONG: an optional sign and decimal digits, within the type's range;</li>
 *   <li>FLOAT, DOUBLE: a decimal number with optional exponent, {@code NaN}, {@code Infinity},
 *       {@code -Infinity} (no hex, no type suffix, no surrounding spaces);</li>
 *   <li>DECIMAL: a decimal number with at most the column's scale digits after the point (never rounded) and at
 *       most precision − scale digits before it;</li>
 *   <li>STRING: any text; JSON: one complete JSON value;</li>
 *   <li>DATE {@code 2024-01-31}; TIME {@code 13:45:00[.ffffff]}; TIMESTAMP {@code 2024-01-31T13:45:00[.ffffff]}
 *       (a space for {@code T} is accepted); TIMESTAMP_TZ the same with an offset or {@code Z}; finer than
 *       microseconds is refused;</li>
 *   <li>BINARY: the file format's binary encoding (BASE64, HEX or raw);</li>
 *   <li>UUID: the 36-character form.</li>
 * </ul>
 * Stateless apart from the format; thread-safe.
 */
public final class ValueParser {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern FLOATING = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonFactory JSON = new JsonFactory();

    private final CsvFileFormat format;

    /**
     * @param format the data files' format (binary encoding and charset); not null
     */
    public ValueParser(CsvFileFormat format) {
        this.format = format;
    }

    /**
     * Parses one field.
     *
     * @param column the column; not null
     * @param text the field's text; null for NULL
     * @return the typed value, or null for NULL
     * @throws InvalidValueException when the text is not a value of the column's type, saying why
     */
    public Object parse(FileColumn column, String text) {
        if (text == null) {
            return null;
        }
        try {
            return switch (column.type()) {
                case STRING -> text;
                case BOOLEAN -> parseBoolean(text);
                case SHORT -> (short) integer(text, Short.MIN_VALUE, Short.MAX_VALUE, "SHORT");
                case INTEGER -> (int) integer(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
                case LONG -> integer(text, Long.MIN_VALUE, Long.MAX_VALUE, "LONG");
                case FLOAT -> {
                    float f = Float.parseFloat(checkFloating(text));
                    if (Float.isInfinite(f) && !text.contains("Infinity")) {
                        throw new InvalidValueException("is out of the FLOAT range");
                    }
                    yield f;
                }
                case DOUBLE -> {
                    double d = Double.parseDouble(checkFloating(text));
                    if (Double.isInfinite(d) && !text.contains("Infinity")) {
                        throw new InvalidValueException("is out of the DOUBLE range");
                    }
                    yield d;
                }
                case DECIMAL -> decimal(column, text);
                case JSON -> json(text);
                case DATE -> LocalDate.parse(text);
                case TIME -> {
                    LocalTime t = LocalTime.parse(text);
                    yield micros(t, t.getNano());
                }
                case TIMESTAMP -> {
                    LocalDateTime t = LocalDateTime.parse(text.indexOf(' ') == 10 ? text.replace(' ', 'T') : text);
                    yield micros(t, t.getNano());
                }
                case TIMESTAMP_TZ -> {
                    OffsetDateTime t = OffsetDateTime.parse(text.indexOf(' ') == 10
                            ? text.substring(0, 10) + 'T' + text.substring(11) : text);
                    micros(t, t.getNano());
                    yield t.toInstant();
                }
                case BINARY -> binary(text);
                case UUID -> {
                    if (!UUID_TEXT.matcher(text).matches()) {
                        throw new InvalidValueException("is not a UUID (8-4-4-4-12 hex digits)");
                    }
                    yield UUID.fromString(text);
                }
            };
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("is not a valid " + column.type() + " (" + e.getMessage()
                    .replaceFirst("^Text '.*' ", "") + ")");
        } catch (NumberFormatException e) {
            throw new InvalidValueException("is not a valid " + column.type());
        }
    }

    private Object binary(String text) {
        try {
            return BinaryCodec.decode(text, format.binaryFormat(), format.encoding());
        } catch (ConnectorException e) {
            throw new InvalidValueException("is not valid " + format.binaryFormat() + " binary: " + e.getDetail());
        }
    }

    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true") || text.equals("1")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false") || text.equals("0")) {
            return Boolean.FALSE;
        }
        throw new InvalidValueException("is not a BOOLEAN (true, false, 1 or 0)");
    }

    private static long integer(String text, long min, long max, String type) {
        if (!INTEGER.matcher(text).matches()) {
            throw new InvalidValueException("is not a valid " + type + " (digits with an optional sign)");
        }
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("is out of the " + type + " range");
        }
        if (v < min || v > max) {
            throw new InvalidValueException("is out of the " + type + " range " + min + ".." + max);
        }
        return v;
    }

    private static String checkFloating(String text) {
        if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity") || text.equals("+Infinity")
                || FLOATING.matcher(text).matches()) {
            return text;
        }
        throw new InvalidValueException("is not a valid floating-point number");
    }

    private static BigDecimal decimal(FileColumn column, String text) {
        if (!FLOATING.matcher(text).matches()) {
            throw new InvalidValueException("is not a valid DECIMAL");
        }
        int precision = column.precision().orElse(FileColumn.DEFAULT_DECIMAL_PRECISION);
        int scale = column.scale().orElse(0);
        BigDecimal v = new BigDecimal(text);
        BigDecimal scaled;
        try {
            scaled = v.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new InvalidValueException("has more than " + scale + " digits after the point (DECIMAL("
                    + precision + ", " + scale + ")); it is not rounded");
        }
        if (scaled.precision() > precision) {
            throw new InvalidValueException("has more than " + (precision - scale)
                    + " digits before the point (DECIMAL(" + precision + ", " + scale + "))");
        }
        return scaled;
    }

    private static String json(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidValueException("is not JSON (it is empty)");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new InvalidValueException("is not one JSON value (text follows the value)");
            }
            return text;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidValueException("is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidValueException("is not valid JSON");
        }
    }

    private static <T extends Temporal> T micros(T value, int nanos) {
        if (nanos % 1000 != 0) {
            throw new InvalidValueException("has more than microsecond precision; it is not truncated");
        }
        return value;
    }

    /** A field's text is not a value of its column's type; the message says why (without the value). */
    public static final class InvalidValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * @param reason why, completing "the value …"
         */
        public InvalidValueException(String reason) {
            super(reason, null, false, false);
        }
    }
}
