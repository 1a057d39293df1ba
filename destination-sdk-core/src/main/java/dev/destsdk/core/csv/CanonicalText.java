package dev.destsdk.core.csv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.metadata.CanonicalType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDK's contract for values in data files: whether a field's text is the canonical text form of its
 * {@link CanonicalType} (as that type's documentation lists them), checked the same way for every destination so
 * that no database's lenient reader decides instead ({@code yesterday} as a timestamp, {@code 1e3} as an integer,
 * {@code t} as a boolean, a decimal silently rounded).
 *
 * <ul>
 *   <li>BOOLEAN: {@code true} or {@code false}.</li>
 *   <li>SHORT, INTEGER, LONG: {@code -?[0-9]+} within the type's range.</li>
 *   <li>DECIMAL: {@code -?[0-9]+(.[0-9]+)?}; with a precision, at most precision − scale integer digits and at most
 *       scale fraction digits (nothing is rounded).</li>
 *   <li>FLOAT, DOUBLE: plain decimal or {@code Double.toString} notation ({@code 1.5E-7}) of a finite value
 *       within the type's range. {@code NaN}, {@code Infinity} and {@code -Infinity} are refused: MariaDB cannot
 *       store them and SQLite turns NaN into NULL, so they would load on some destinations and be lost or fail
 *       differently on others; one behaviour everywhere is a clear refusal naming the value's place.</li>
 *   <li>DATE {@code yyyy-mm-dd}, TIME {@code hh:mm:ss[.ffffff]}, TIMESTAMP {@code yyyy-mm-ddThh:mm:ss[.ffffff]},
 *       TIMESTAMP_TZ the same followed by {@code Z} or {@code ±hh:mm}: years 0001–9999, real calendar dates and
 *       times, at most microseconds. Words such as {@code now}, {@code infinity} or {@code epoch} are refused.</li>
 *   <li>UUID: the 36-character form.</li>
 *   <li>JSON: one complete JSON value.</li>
 *   <li>BINARY: valid in the file's {@link BinaryFormat}.</li>
 *   <li>STRING: any text.</li>
 * </ul>
 * Values of every type must not hold a NUL character (not every database can store one).
 *
 * <p>Stateless and thread-safe.
 */
public final class CanonicalText {
    /** The longest excerpt of a value an error message quotes. */
    public static final int EXCERPT = 40;

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?([0-9]+)(?:\\.([0-9]+))?");
    private static final Pattern FLOATING = Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");
    private static final String DATE_PART = "([0-9]{4})-([0-9]{2})-([0-9]{2})";
    private static final String TIME_PART = "([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,6}))?";
    private static final Pattern DATE = Pattern.compile(DATE_PART);
    private static final Pattern TIME = Pattern.compile(TIME_PART);
    private static final Pattern TIMESTAMP = Pattern.compile(DATE_PART + "T" + TIME_PART);
    private static final Pattern TIMESTAMP_TZ = Pattern.compile(DATE_PART + "T" + TIME_PART
            + "(Z|[+-][0-9]{2}:[0-9]{2})");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonFactory JSON = new JsonFactory();

    private CanonicalText() {
    }

    /**
     * Checks a non-NULL value.
     *
     * @param type the field's type; not null
     * @param precision the field's precision (DECIMAL: total digits), if bounded; not null
     * @param scale the field's scale (DECIMAL), if known; not null
     * @param binary how the file writes BINARY values; not null
     * @param text the value's text as the file holds it (quotes removed); not null
     * @return empty when the text is canonical, else what is wrong, in the SDK's terms, without the value
     */
    public static Optional<String> problem(CanonicalType type, Optional<Integer> precision, Optional<Integer> scale,
                                           BinaryFormat binary, String text) {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(precision, "precision is null");
        Objects.requireNonNull(scale, "scale is null");
        Objects.requireNonNull(binary, "binary is null");
        Objects.requireNonNull(text, "text is null");
        if (text.indexOf('\0') >= 0) {
            return Optional.of("holds a NUL character, which values must not hold");
        }
        return switch (type) {
            case STRING -> Optional.empty();
            case BOOLEAN -> text.equals("true") || text.equals("false") ? Optional.empty()
                    : Optional.of("is not a BOOLEAN (true or false)");
            case SHORT -> integer(text, Short.MIN_VALUE, Short.MAX_VALUE, type);
            case INTEGER -> integer(text, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
            case LONG -> integer(text, Long.MIN_VALUE, Long.MAX_VALUE, type);
            case DECIMAL -> decimal(text, precision, scale);
            case FLOAT, DOUBLE -> floating(text, type);
            case DATE -> dateTime(DATE.matcher(text), false, type, "yyyy-mm-dd");
            case TIME -> time(text);
            case TIMESTAMP -> dateTime(TIMESTAMP.matcher(text), true, type, "yyyy-mm-ddThh:mm:ss[.ffffff]");
            case TIMESTAMP_TZ -> timestampTz(text);
            case UUID -> UUID.matcher(text).matches() ? Optional.empty()
                    : Optional.of("is not a UUID in its 36-character form");
            case JSON -> json(text);
            case BINARY -> binary(text, binary);
        };
    }

    /**
     * A fast test for the common case of a canonical value given as UTF-8 bytes: true only when the bytes certainly
     * are a canonical value of the type (never for a value {@link #problem} would refuse); false when they are not,
     * or when this test cannot tell (JSON, BINARY, an exponent, very long numbers), in which case the caller asks
     * {@link #problem}. It runs the type's {@link #fastCheck}; a streaming check that sees millions of values gets
     * each column's test once from {@link #fastCheck} instead.
     *
     * @param type the field's type; not null
     * @param precision the DECIMAL precision, or -1 for none
     * @param scale the DECIMAL scale (0 when absent)
     * @param b the bytes; not null
     * @param off where the value starts
     * @param len its length in bytes
     * @return true when the value is certainly canonical
     */
    public static boolean isCertainlyCanonical(CanonicalType type, int precision, int scale, byte[] b, int off,
                                               int len) {
        return fastCheck(type, precision, scale).test(b, off, len);
    }

    /**
     * One type's {@link #isCertainlyCanonical} test, obtained once per column by a streaming check that tests
     * millions of values, so that no value pays for a switch over the types.
     *
     * <p>Each type's test is a class of its own, and a column's test is called through this abstract class. That
     * call site sees many classes in a file with mixed types, so the JIT calls each test rather than copying every
     * type's code into the streaming loop: the loop's compiled code stays small and is compiled quickly, and each
     * test is compiled once, on its own (see docs/BENCHMARKS.md). Immutable and thread-safe.
     */
    public abstract static class FastCheck {
        private final boolean plain;

        private FastCheck(boolean plain) {
            this.plain = plain;
        }

        /**
         * @param b the bytes; not null
         * @param off where the value starts
         * @param len its length in bytes
         * @return what {@link #isCertainlyCanonical} returns for the type this check was made for
         */
        public abstract boolean test(byte[] b, int off, int len);

        /**
         * Whether every text this test accepts consists of {@linkplain #isPlain plain} bytes only: true for every
         * type but STRING (whose test accepts any text without NUL), JSON and BINARY (whose test accepts nothing).
         * A CSV scanner whose delimiter and quote are not plain may then take a field this test accepts as the whole
         * field: no byte of it can end the field or open a quote.
         *
         * @return whether accepted texts hold plain bytes only
         */
        public final boolean acceptsOnlyPlain() {
            return plain;
        }

        /**
         * @return whether this test accepts every text without a NUL byte, so that a scanner that refuses NUL in
         *     every value needs not run it (STRING's test)
         */
        public boolean acceptsAllButNul() {
            return false;
        }
    }

    /**
     * @param b a byte
     * @return whether it is plain: an ASCII letter or digit, {@code +}, {@code -}, {@code .} or {@code :}, the only
     *     bytes a text accepted by a {@link FastCheck#acceptsOnlyPlain()} test holds
     */
    public static boolean isPlain(byte b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '+' || b == '-'
                || b == '.' || b == ':';
    }

    /**
     * @param type the field's type; not null
     * @param precision the DECIMAL precision, or -1 for none
     * @param scale the DECIMAL scale (0 when absent)
     * @return the type's {@link #isCertainlyCanonical} test as an object, for a column tested value by value (shared
     *     for every type but DECIMAL, whose test holds its precision and scale)
     */
    public static FastCheck fastCheck(CanonicalType type, int precision, int scale) {
        Objects.requireNonNull(type, "type is null");
        return switch (type) {
            case STRING -> NO_NUL;
            case BOOLEAN -> BOOLEAN_CHECK;
            case SHORT -> SHORT_CHECK;
            case INTEGER -> INTEGER_CHECK;
            case LONG -> LONG_CHECK;
            case DECIMAL -> new DecimalCheck(precision, scale);
            case FLOAT -> FLOAT_CHECK;
            case DOUBLE -> DOUBLE_CHECK;
            case DATE -> DATE_CHECK;
            case TIME -> TIME_CHECK;
            case TIMESTAMP -> TIMESTAMP_CHECK;
            case TIMESTAMP_TZ -> TIMESTAMP_TZ_CHECK;
            case UUID -> UUID_CHECK;
            case JSON, BINARY -> NEVER_CERTAIN;
        };
    }

    private static final FastCheck NO_NUL = new NoNulCheck();
    private static final FastCheck BOOLEAN_CHECK = new BooleanCheck();
    private static final FastCheck SHORT_CHECK = new IntegerCheck(Short.MIN_VALUE, Short.MAX_VALUE);
    private static final FastCheck INTEGER_CHECK = new IntegerCheck(Integer.MIN_VALUE, Integer.MAX_VALUE);
    private static final FastCheck LONG_CHECK = new IntegerCheck(Long.MIN_VALUE, Long.MAX_VALUE);
    private static final FastCheck FLOAT_CHECK = new PlainNumberCheck(38);
    private static final FastCheck DOUBLE_CHECK = new PlainNumberCheck(308);
    private static final FastCheck DATE_CHECK = new DateCheck();
    private static final FastCheck TIME_CHECK = new TimeCheck();
    private static final FastCheck TIMESTAMP_CHECK = new TimestampCheck();
    private static final FastCheck TIMESTAMP_TZ_CHECK = new TimestampTzCheck();
    private static final FastCheck UUID_CHECK = new UuidCheck();
    private static final FastCheck NEVER_CERTAIN = new NeverCertainCheck();

    private static final class NoNulCheck extends FastCheck {
        NoNulCheck() {
            super(false);
        }

        @Override
        public boolean acceptsAllButNul() {
            return true;
        }

        @Override
        public boolean test(byte[] b, int off, int len) {
            return noNul(b, off, len);
        }
    }

    private static final class BooleanCheck extends FastCheck {
        BooleanCheck() {
            super(true);
        }

        @Override
        public boolean test(byte[] b, int off, int len) {
            return bool(b, off, len);
        }
    }

    private static final class IntegerCheck extends FastCheck {
        private final long min;
        private final long max;

        IntegerCheck(long min, long max) {
            super(true);
            this.min = min;
            this.max = max;
        }

        @Override
        public boolean test(byte[] b, int off, int len) {
            return integerFits(b, off, len, min, max);
        }
    }

    private static final class DecimalCheck extends FastCheck {
        private final int precision;
        private final int scale;

        DecimalCheck(int precision, int scale) {
            super(true);
            this.precision = precision;
            this.scale = scale;
        }

        @Override
        public boolean test(byte[] b, int off, int len) {
            return decimalFits(b, off, len, precision, scale);
        }
    }

    private static final class PlainNumberCheck extends FastCheck {
        private final int maxIntegerDigits;

        PlainNumberCheck(int maxIntegerDigits) {
            super(true);
            this.maxIntegerDigits = maxIntegerDigits;
        }

        @Override
        public boolean test(byte[] b, int off, int len) {
            return plainNumber(b, off, len, maxIntegerDigits);
        }
    }

    private static final class DateCheck extends FastCheck {
        DateCheck() {
            super(true);
        }

        @Override
        public boolean test(byte[] b, int off, int len) {
            return len == 10 && date(b, off);
        }
    }

    private static final class TimeCheck extends FastCheck {
        TimeCheck() {
            super(true);
        }

        @Override
        public boolean test(byte[] b, int off, int len) {
            return time(b, off, len);
        }
    }

    private static final class TimestampCheck extends FastCheck {
        TimestampCheck() {
            super(true);
        }

        @Override
        public boolean test(byte[] b, int off, int len) {
            return timestamp(b, off, len);
        }
    }

    private static final class TimestampTzCheck extends FastCheck {
        TimestampTzCheck() {
            super(true);
        }

        @Override
        public boolean test(byte[] b, int off, int len) {
            return timestampTz(b, off, len);
        }
    }

    private static final class UuidCheck extends FastCheck {
        UuidCheck() {
            super(true);
        }

        @Override
        public boolean test(byte[] b, int off, int len) {
            return uuid(b, off, len);
        }
    }

    private static final class NeverCertainCheck extends FastCheck {
        NeverCertainCheck() {
            super(false);
        }

        @Override
        public boolean test(byte[] b, int off, int len) {
            return false;
        }
    }

    private static boolean noNul(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean bool(byte[] b, int off, int len) {
        return len == 4 ? b[off] == 't' && b[off + 1] == 'r' && b[off + 2] == 'u' && b[off + 3] == 'e'
                : len == 5 && b[off] == 'f' && b[off + 1] == 'a' && b[off + 2] == 'l' && b[off + 3] == 's'
                && b[off + 4] == 'e';
    }

    private static boolean timestamp(byte[] b, int off, int len) {
        return len >= 19 && date(b, off) && b[off + 10] == 'T' && time(b, off + 11, len - 11);
    }

    private static boolean timestampTz(byte[] b, int off, int len) {
        return len >= 20 && date(b, off) && b[off + 10] == 'T' && zonedTime(b, off + 11, len - 11);
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int two(byte[] b, int at) {
        return digit(b[at]) && digit(b[at + 1]) ? (b[at] - '0') * 10 + (b[at + 1] - '0') : -1;
    }

    private static boolean integerFits(byte[] b, int off, int len, long min, long max) {
        int i = off;
        int end = off + len;
        boolean negative = i < end && b[i] == '-';
        if (negative) {
            i++;
        }
        int digits = end - i;
        if (digits < 1 || digits > 18) {
            return false;
        }
        long v = 0;
        for (; i < end; i++) {
            if (!digit(b[i])) {
                return false;
            }
            v = v * 10 + (b[i] - '0');
        }
        v = negative ? -v : v;
        return v >= min && v <= max;
    }

    private static boolean decimalFits(byte[] b, int off, int len, int precision, int scale) {
        int i = off;
        int end = off + len;
        if (i < end && b[i] == '-') {
            i++;
        }
        int start = i;
        while (i < end && digit(b[i])) {
            i++;
        }
        int integerEnd = i;
        if (integerEnd == start) {
            return false;
        }
        int fraction = 0;
        if (i < end) {
            if (b[i] != '.' || i + 1 == end) {
                return false;
            }
            i++;
            int fractionStart = i;
            int lastNonZero = i - 1;
            while (i < end && digit(b[i])) {
                if (b[i] != '0') {
                    lastNonZero = i;
                }
                i++;
            }
            if (i != end || i == fractionStart) {
                return false;
            }
            fraction = lastNonZero - fractionStart + 1;
        }
        if (precision < 0) {
            return true;
        }
        int firstNonZero = start;
        while (firstNonZero < integerEnd && b[firstNonZero] == '0') {
            firstNonZero++;
        }
        return integerEnd - firstNonZero <= precision - scale && fraction <= scale;
    }

    /** Digits with at most one point and no exponent, few enough integer digits to stay in range. */
    private static boolean plainNumber(byte[] b, int off, int len, int maxIntegerDigits) {
        int i = off;
        int end = off + len;
        if (i < end && b[i] == '-') {
            i++;
        }
        int start = i;
        while (i < end && digit(b[i])) {
            i++;
        }
        int integerDigits = i - start;
        if (integerDigits == 0 || integerDigits > maxIntegerDigits) {
            return false;
        }
        if (i == end) {
            return true;
        }
        if (b[i] != '.') {
            return false;
        }
        i++;
        while (i < end && digit(b[i])) {
            i++;
        }
        return i == end;
    }

    private static boolean date(byte[] b, int off) {
        if (b[off + 4] != '-' || b[off + 7] != '-') {
            return false;
        }
        int hi = two(b, off);
        int lo = two(b, off + 2);
        int month = two(b, off + 5);
        int day = two(b, off + 8);
        if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int year = hi * 100 + lo;
        if (year < 1) {
            return false;
        }
        int days = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= days;
    }

    /** {@code hh:mm:ss[.f{1,6}]} exactly {@code len} bytes. */
    private static boolean time(byte[] b, int off, int len) {
        if (len < 8 || b[off + 2] != ':' || b[off + 5] != ':') {
            return false;
        }
        int h = two(b, off);
        int m = two(b, off + 3);
        int sec = two(b, off + 6);
        if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
            return false;
        }
        if (len == 8) {
            return true;
        }
        if (len < 10 || len > 15 || b[off + 8] != '.') {
            return false;
        }
        for (int i = off + 9; i < off + len; i++) {
            if (!digit(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** A time followed by {@code Z} or {@code ±hh:mm} within ±18:00. */
    private static boolean zonedTime(byte[] b, int off, int len) {
        if (b[off + len - 1] == 'Z') {
            return time(b, off, len - 1);
        }
        if (len < 14) {
            return false;
        }
        int z = off + len - 6;
        if ((b[z] != '+' && b[z] != '-') || b[z + 3] != ':') {
            return false;
        }
        int h = two(b, z + 1);
        int m = two(b, z + 4);
        if (h < 0 || m < 0 || m > 59 || h > 18 || (h == 18 && m > 0)) {
            return false;
        }
        return time(b, off, len - 6);
    }

    private static boolean uuid(byte[] b, int off, int len) {
        if (len != 36 || b[off + 8] != '-' || b[off + 13] != '-' || b[off + 18] != '-' || b[off + 23] != '-') {
            return false;
        }
        // the 32 hex digits, without a branch per byte: a byte that is not one sets a bit of notHex
        final byte[] table = NOT_HEX;
        int notHex = 0;
        for (int i = off; i < off + 8; i++) {
            notHex |= table[b[i] & 0xff];
        }
        for (int i = off + 9; i < off + 13; i++) {
            notHex |= table[b[i] & 0xff];
        }
        for (int i = off + 14; i < off + 18; i++) {
            notHex |= table[b[i] & 0xff];
        }
        for (int i = off + 19; i < off + 23; i++) {
            notHex |= table[b[i] & 0xff];
        }
        for (int i = off + 24; i < off + 36; i++) {
            notHex |= table[b[i] & 0xff];
        }
        return notHex == 0;
    }

    /** 1 for every byte that is not a hex digit ({@code 0-9a-fA-F}), 0 for the digits. */
    private static final byte[] NOT_HEX = notHex();

    private static byte[] notHex() {
        byte[] t = new byte[256];
        for (int c = 0; c < 256; c++) {
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            t[c] = (byte) (hex ? 0 : 1);
        }
        return t;
    }

    /**
     * @param text a value; not null
     * @return at most {@link #EXCERPT} characters of it, control characters escaped, with "…" when cut
     */
    public static String excerpt(String text) {
        StringBuilder sb = new StringBuilder();
        int limit = Math.min(text.length(), EXCERPT);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > EXCERPT) {
            sb.append("…");
        }
        return sb.toString();
    }

    private static Optional<String> integer(String text, long min, long max, CanonicalType type) {
        if (!INTEGER.matcher(text).matches()) {
            return Optional.of("is not a " + type + " in plain decimal notation");
        }
        try {
            long v = Long.parseLong(text);
            if (v >= min && v <= max) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // beyond the range of a long
        }
        return Optional.of("is out of the range of " + type + " (" + min + " to " + max + ")");
    }

    private static Optional<String> decimal(String text, Optional<Integer> precision, Optional<Integer> scale) {
        Matcher m = DECIMAL.matcher(text);
        if (!m.matches()) {
            return Optional.of("is not a DECIMAL in plain decimal notation");
        }
        if (precision.isEmpty()) {
            return Optional.empty();
        }
        int s = scale.orElse(0);
        String integerDigits = m.group(1).replaceFirst("^0+(?=.)", "");
        int integerCount = integerDigits.equals("0") ? 0 : integerDigits.length();
        int fraction = m.group(2) == null ? 0 : m.group(2).replaceFirst("0+$", "").length();
        if (integerCount > precision.get() - s || fraction > s) {
            return Optional.of("does not fit DECIMAL(" + precision.get() + "," + s + ") without rounding");
        }
        return Optional.empty();
    }

    private static Optional<String> floating(String text, CanonicalType type) {
        if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
            return Optional.of("is not a finite " + type + ": NaN and infinities are refused (not every destination"
                    + " can store them)");
        }
        if (!FLOATING.matcher(text).matches()) {
            return Optional.of("is not a " + type + " (a finite number in decimal or E notation)");
        }
        double v = Double.parseDouble(text);
        boolean fits = type == CanonicalType.FLOAT ? Float.isFinite((float) v) : Double.isFinite(v);
        return fits ? Optional.empty() : Optional.of("is out of the range of " + type);
    }

    private static Optional<String> time(String text) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            return Optional.of("is not a TIME in the form hh:mm:ss[.ffffff]");
        }
        return validTime(m, 1) ? Optional.empty() : Optional.of("is not a TIME: not a time of day");
    }

    private static Optional<String> timestampTz(String text) {
        Matcher m = TIMESTAMP_TZ.matcher(text);
        Optional<String> wrong = dateTime(m, true, CanonicalType.TIMESTAMP_TZ,
                "yyyy-mm-ddThh:mm:ss[.ffffff] followed by Z or +hh:mm");
        if (wrong.isPresent()) {
            return wrong;
        }
        String offset = m.group(8);
        if (!offset.equals("Z")) {
            try {
                ZoneOffset.of(offset);
            } catch (DateTimeException e) {
                return Optional.of("is not a TIMESTAMP_TZ: its zone offset is out of range");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> dateTime(Matcher m, boolean withTime, CanonicalType type, String form) {
        if (!m.matches()) {
            return Optional.of("is not a " + type + " in the form " + form);
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (year < 1) {
                return Optional.of("is not a " + type + ": its year is outside 0001 to 9999");
            }
            LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return Optional.of("is not a " + type + ": not a calendar date");
        }
        if (withTime && !validTime(m, 4)) {
            return Optional.of("is not a " + type + ": not a time of day");
        }
        return Optional.empty();
    }

    private static boolean validTime(Matcher m, int first) {
        try {
            LocalTime.of(Integer.parseInt(m.group(first)), Integer.parseInt(m.group(first + 1)),
                    Integer.parseInt(m.group(first + 2)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static Optional<String> json(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return Optional.of("is not JSON (empty)");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                return Optional.of("is not one JSON value (text follows it)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("is not valid JSON");
        }
    }

    private static Optional<String> binary(String text, BinaryFormat format) {
        try {
            BinaryCodec.decode(text, format, StandardCharsets.UTF_8);
            return Optional.empty();
        } catch (ConnectorException | IllegalArgumentException e) {
            return Optional.of("is not valid " + format + " for a BINARY value");
        }
    }
}
