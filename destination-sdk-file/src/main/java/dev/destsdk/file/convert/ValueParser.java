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

/**
 * Turns the text of a data-file field into the typed value a {@link dev.destsdk.file.format.FormatWriter} takes
 * (see {@link FileColumn}), strictly: text that is not a value of the column's type is an error, never NULL and
 * never a guess. Accepted text per type:
 * <ul>
 *   <li>BOOLEAN: {@code true}, {@code false} (any case), {@code 1}, {@code 0};</li>
 *   <li>SHORT, INTEGER, LONG: an optional sign and decimal digits, within the type's range;</li>
 *   <li>FLOAT, DOUBLE: a finite decimal number with optional exponent (no hex, no type suffix, no surrounding
 *       spaces); {@code NaN}, {@code Infinity} and {@code -Infinity} are refused, as every warehouse connector
 *       refuses them (see {@code CanonicalText}), so one file behaves the same on every kind of destination;</li>
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
                    float f = Float.parseFloat(checkFloating(text, "FLOAT"));
                    if (Float.isInfinite(f)) {
                        throw new InvalidValueException("is out of the FLOAT range");
                    }
                    yield f;
                }
                case DOUBLE -> {
                    double d = Double.parseDouble(checkFloating(text, "DOUBLE"));
                    if (Double.isInfinite(d)) {
                        throw new InvalidValueException("is out of the DOUBLE range");
                    }
                    yield d;
                }
                case DECIMAL -> decimal(column, text);
                case JSON -> json(text);
                case DATE -> date(text);
                case TIME -> {
                    LocalTime t = time(text, 0, text.length());
                    yield micros(t, t.getNano());
                }
                case TIMESTAMP -> {
                    LocalDateTime t = timestamp(text);
                    yield micros(t, t.getNano());
                }
                case TIMESTAMP_TZ -> timestampTz(text);
                case BINARY -> binary(text);
                case UUID -> {
                    if (!isUuid(text)) {
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

    /**
     * Parses one non-NULL field from its UTF-8 bytes without making a string first, where that is cheap and exact
     * (SHORT, INTEGER, LONG and DECIMAL up to 18 digits in their plain forms); every other type and form goes
     * through {@link #parse(FileColumn, String)}, so both accept and refuse the same text with the same values.
     *
     * @param column the column; not null
     * @param bytes the array holding the value; not null
     * @param start where the value starts
     * @param end where it ends (exclusive)
     * @return the typed value, never null
     * @throws InvalidValueException when the text is not a value of the column's type
     */
    public Object parse(FileColumn column, byte[] bytes, int start, int end) {
        switch (column.type()) {
            case LONG, INTEGER, SHORT -> {
                long v = plainInteger(bytes, start, end);
                if (v != Long.MIN_VALUE) {
                    switch (column.type()) {
                        case LONG -> {
                            return v;
                        }
                        case INTEGER -> {
                            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                                return (int) v;
                            }
                        }
                        default -> {
                            if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                                return (short) v;
                            }
                        }
                    }
                }
            }
            case DECIMAL -> {
                BigDecimal d = plainDecimal(column, bytes, start, end);
                if (d != null) {
                    return d;
                }
            }
            default -> {
            }
        }
        return parse(column, new String(bytes, start, end - start, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** An optional sign and 1 to 18 digits; {@link Long#MIN_VALUE} for anything else (the string path decides). */
    private static long plainInteger(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        int digits = end - i;
        if (digits < 1 || digits > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /**
     * {@code [sign]digits[.digits]} with at most the column's scale digits after the point and at most 18 digits in
     * all once scaled, for a column of precision up to 18; null for anything else (the string path decides, and
     * explains a refusal).
     */
    private static BigDecimal plainDecimal(FileColumn column, byte[] b, int start, int end) {
        int precision = column.precision().orElse(FileColumn.DEFAULT_DECIMAL_PRECISION);
        int scale = column.scale().orElse(0);
        if (precision > 18) {
            return null;
        }
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < end; i++) {
            int c = b[i];
            if (c == '.' && fraction < 0) {
                fraction = 0;
                continue;
            }
            int d = c - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            digits++;
            if (fraction >= 0) {
                fraction++;
                if (fraction > scale) {
                    return null;
                }
            }
            unscaled = unscaled * 10 + d; // wraps only past 18 digits, which is refused below
        }
        int padding = scale - Math.max(fraction, 0);
        if (digits == 0 || digits + padding > 18) {
            return null;
        }
        for (int f = 0; f < padding; f++) {
            unscaled *= 10;
        }
        BigDecimal v = BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
        return v.precision() > precision ? null : v;
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
        if (!isInteger(text)) {
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

    private static String checkFloating(String text, String type) {
        if (isDecimalNumber(text)) {
            return text;
        }
        if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity") || text.equals("+Infinity")) {
            throw new InvalidValueException("is not a finite " + type
                    + ": NaN and infinities are refused (not every destination can store them)");
        }
        throw new InvalidValueException("is not a valid floating-point number");
    }

    private static BigDecimal decimal(FileColumn column, String text) {
        if (!isDecimalNumber(text)) {
            throw new InvalidValueException("is not a valid DECIMAL");
        }
        int precision = column.precision().orElse(FileColumn.DEFAULT_DECIMAL_PRECISION);
        int scale = column.scale().orElse(0);
        BigDecimal v = new BigDecimal(text);
        // Decide on the digits before rescaling: an exponent such as 1e999999999 must not make setScale compute a
        // number with a billion digits (a hostile value would stall the stage).
        if (v.signum() != 0 && v.precision() - v.scale() > precision - scale) {
            throw new InvalidValueException("has more than " + (precision - scale)
                    + " digits before the point (DECIMAL(" + precision + ", " + scale + "))");
        }
        if (v.scale() > scale) {
            v = v.stripTrailingZeros();
            if (v.scale() > scale) {
                throw new InvalidValueException("has more than " + scale + " digits after the point (DECIMAL("
                        + precision + ", " + scale + ")); it is not rounded");
            }
        }
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

    // ---------------------------------------------------------------- fast paths
    // The canonical forms (2024-01-31, 13:45:00.123456, 2024-01-31T13:45:00.123456+05:30) are parsed by hand;
    // anything else goes to java.time, which accepts the same ISO forms and explains what is wrong.

    private static boolean isInteger(String s) {
        return isSignedDigits(s, 0);
    }

    /** Whether {@code s} from {@code from} to its end is an optional sign and at least one digit. */
    private static boolean isSignedDigits(String s, int from) {
        int n = s.length();
        int i = from < n && (s.charAt(from) == '-' || s.charAt(from) == '+') ? from + 1 : from;
        if (i >= n) {
            return false;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** An optional sign, digits with at most one point (at least one digit), an optional exponent. */
    private static boolean isDecimalNumber(String s) {
        int n = s.length();
        int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        return i == n || (s.charAt(i) == 'e' || s.charAt(i) == 'E') && isSignedDigits(s, i + 1);
    }

    private static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static LocalDate date(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int y = digits(s, 0, 4);
            int m = digits(s, 5, 2);
            int d = digits(s, 8, 2);
            if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
                try {
                    return LocalDate.of(y, m, d);
                } catch (java.time.DateTimeException e) {
                    throw new InvalidValueException("is not a valid DATE (" + e.getMessage() + ")");
                }
            }
        }
        return LocalDate.parse(s);
    }

    /** {@code HH:mm:ss[.f{1,9}]} in {@code s[from, to)}. */
    private static LocalTime time(String s, int from, int to) {
        int len = to - from;
        if (len >= 8 && s.charAt(from + 2) == ':' && s.charAt(from + 5) == ':') {
            int h = digits(s, from, 2);
            int mi = digits(s, from + 3, 2);
            int se = digits(s, from + 6, 2);
            int nanos = 0;
            boolean ok = h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && se >= 0 && se <= 59;
            if (ok && len > 8) {
                int f = len - 9;
                ok = s.charAt(from + 8) == '.' && f >= 1 && f <= 9;
                if (ok) {
                    nanos = digits(s, from + 9, f);
                    ok = nanos >= 0;
                    for (int i = f; i < 9 && ok; i++) {
                        nanos *= 10;
                    }
                }
            }
            if (ok) {
                return LocalTime.of(h, mi, se, nanos);
            }
        }
        return LocalTime.parse(s.substring(from, to));
    }

    private static LocalDateTime timestamp(String s) {
        if (s.length() >= 19 && (s.charAt(10) == 'T' || s.charAt(10) == ' ')) {
            return LocalDateTime.of(date(s.substring(0, 10)), time(s, 11, s.length()));
        }
        return LocalDateTime.parse(s);
    }

    private static java.time.Instant timestampTz(String s) {
        int n = s.length();
        if (n >= 20 && (s.charAt(10) == 'T' || s.charAt(10) == ' ')) {
            int zone;
            java.time.ZoneOffset offset = null;
            if (s.charAt(n - 1) == 'Z') {
                zone = n - 1;
                offset = java.time.ZoneOffset.UTC;
            } else if (n >= 25 && (s.charAt(n - 6) == '+' || s.charAt(n - 6) == '-') && s.charAt(n - 3) == ':') {
                zone = n - 6;
                int oh = digits(s, n - 5, 2);
                int om = digits(s, n - 2, 2);
                if (oh >= 0 && oh <= 18 && om >= 0 && om <= 59) {
                    int total = oh * 3600 + om * 60;
                    offset = java.time.ZoneOffset.ofTotalSeconds(s.charAt(n - 6) == '-' ? -total : total);
                }
            } else {
                zone = -1;
            }
            if (offset != null) {
                LocalTime t = time(s, 11, zone);
                micros(t, t.getNano());
                return LocalDateTime.of(date(s.substring(0, 10)), t).toInstant(offset);
            }
        }
        OffsetDateTime t = OffsetDateTime.parse(n > 10 && s.charAt(10) == ' '
                ? s.substring(0, 10) + 'T' + s.substring(11) : s);
        micros(t, t.getNano());
        return t.toInstant();
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
