package dev.destsdk.testkit.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.destsdk.core.csv.BinaryFormat;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Converts typed Java values to the text forms {@link CanonicalType} documents for data files, and text back to
 * typed values, so that tests can write rows as Java values and compare what a destination holds.
 *
 * <p>The typed value of each canonical type ({@link #javaType(CanonicalType)}):
 * <table>
 *   <caption>Canonical Java types</caption>
 *   <tr><th>type</th><th>Java value</th><th>text</th></tr>
 *   <tr><td>BOOLEAN</td><td>{@link Boolean}</td><td>{@code true} / {@code false}</td></tr>
 *   <tr><td>SHORT, INTEGER, LONG</td><td>{@link Short}, {@link Integer}, {@link Long}</td><td>{@code -42}</td></tr>
 *   <tr><td>FLOAT, DOUBLE</td><td>{@link Float}, {@link Double}</td><td>{@code Float/Double.toString}, e.g.
 *       {@code 1.5E-7}, {@code -0.0}, {@code NaN}, {@code Infinity}</td></tr>
 *   <tr><td>DECIMAL</td><td>{@link BigDecimal}</td><td>{@link BigDecimal#toPlainString()}</td></tr>
 *   <tr><td>STRING</td><td>{@link String}</td><td>as is</td></tr>
 *   <tr><td>DATE</td><td>{@link LocalDate}</td><td>{@code 2024-01-31}</td></tr>
 *   <tr><td>TIME</td><td>{@link LocalTime}</td><td>{@code 13:45:00[.ffffff]}</td></tr>
 *   <tr><td>TIMESTAMP</td><td>{@link LocalDateTime}</td><td>{@code 2024-01-31T13:45:00[.ffffff]}</td></tr>
 *   <tr><td>TIMESTAMP_TZ</td><td>{@link OffsetDateTime}</td><td>{@code 2024-01-31T13:45:00[.ffffff]+05:30} or
 *       {@code ...Z}</td></tr>
 *   <tr><td>BINARY</td><td>{@code byte[]}</td><td>per the format's {@link BinaryFormat}</td></tr>
 *   <tr><td>JSON</td><td>{@link String} holding JSON text</td><td>the JSON text</td></tr>
 *   <tr><td>UUID</td><td>{@link UUID}</td><td>the canonical 36-character form</td></tr>
 * </table>
 * {@link #normalize} also accepts convenient neighbours (an {@code Integer} for SHORT when it fits, an
 * {@link Instant} or {@link ZonedDateTime} for TIMESTAMP_TZ, a {@link JsonNode}, map or list for JSON, ...) and
 * turns them into the value above. Time values keep microseconds; finer values are refused rather than silently
 * truncated. {@code null} is SQL NULL everywhere and maps to a null text.
 *
 * <p>Reading text ({@link #fromText}) is lenient where databases differ in how they print values: {@code t/f/1/0}
 * for booleans, a space instead of {@code T} in timestamps, {@code +05} offsets, a {@code \x} prefix on hex.
 *
 * <p>Bad values throw {@link ConnectorException} of type VALIDATION_ERROR naming the column when a field is given.
 * Stateless and thread-safe.
 */
public final class ValueFormats {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Pattern SHORT_OFFSET = Pattern.compile("[+-]\\d\\d$");
    private static final String NULL_KEY = "\u0000null";

    private ValueFormats() {
    }

    /**
     * @param type a canonical type; not null
     * @return the Java class of that type's typed values
     */
    public static Class<?> javaType(CanonicalType type) {
        return switch (Objects.requireNonNull(type, "type is null")) {
            case BOOLEAN -> Boolean.class;
            case SHORT -> Short.class;
            case INTEGER -> Integer.class;
            case LONG -> Long.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case DECIMAL -> BigDecimal.class;
            case STRING, JSON -> String.class;
            case DATE -> LocalDate.class;
            case TIME -> LocalTime.class;
            case TIMESTAMP -> LocalDateTime.class;
            case TIMESTAMP_TZ -> OffsetDateTime.class;
            case BINARY -> byte[].class;
            case UUID -> UUID.class;
        };
    }

    /**
     * Writes a field's value as data-file text.
     *
     * @param field the field (its name goes into error messages); not null
     * @param value the value; null for NULL
     * @param format the file format (binary format and encoding); not null
     * @return the text, or null for NULL
     * @throws ConnectorException VALIDATION_ERROR when the value is not a value of the field's type
     */
    public static String toText(FieldMetadata field, Object value, CsvFileFormat format) {
        Objects.requireNonNull(field, "field is null");
        return toText(field.getCanonicalType(), value, format, field.getName());
    }

    /**
     * Writes a value as data-file text.
     *
     * @param type the canonical type; not null
     * @param value the value; null for NULL
     * @param format the file format (binary format and encoding); not null
     * @return the text, or null for NULL
     * @throws ConnectorException VALIDATION_ERROR when the value is not a value of {@code type}
     */
    public static String toText(CanonicalType type, Object value, CsvFileFormat format) {
        return toText(type, value, format, null);
    }

    private static String toText(CanonicalType type, Object value, CsvFileFormat format, String column) {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(format, "format is null");
        Object v = normalize(type, value, column);
        if (v == null) {
            return null;
        }
        return switch (type) {
            case BOOLEAN, SHORT, INTEGER, LONG, FLOAT, DOUBLE, STRING, UUID, DATE, JSON -> v.toString();
            case DECIMAL -> ((BigDecimal) v).toPlainString();
            case TIME -> timeText((LocalTime) v);
            case TIMESTAMP -> timestampText((LocalDateTime) v);
            case TIMESTAMP_TZ -> {
                OffsetDateTime t = (OffsetDateTime) v;
                yield timestampText(t.toLocalDateTime()) + t.getOffset().getId();
            }
            case BINARY -> binaryText((byte[]) v, format, column);
        };
    }

    /**
     * Reads data-file text (or a destination's text rendering) of a field as a typed value.
     *
     * @param field the field (its name goes into error messages); not null
     * @param text the text; null for NULL
     * @param format the file format (binary format and encoding); not null
     * @return the typed value of {@link #javaType} for the field's type, or null for NULL
     * @throws ConnectorException VALIDATION_ERROR when the text is not a value of the field's type
     */
    public static Object fromText(FieldMetadata field, String text, CsvFileFormat format) {
        Objects.requireNonNull(field, "field is null");
        return fromText(field.getCanonicalType(), text, format, field.getName());
    }

    /**
     * Reads text as a typed value.
     *
     * @param type the canonical type; not null
     * @param text the text; null for NULL
     * @param format the file format (binary format and encoding); not null
     * @return the typed value of {@link #javaType}, or null for NULL
     * @throws ConnectorException VALIDATION_ERROR when the text is not a value of {@code type}
     */
    public static Object fromText(CanonicalType type, String text, CsvFileFormat format) {
        return fromText(type, text, format, null);
    }

    private static Object fromText(CanonicalType type, String text, CsvFileFormat format, String column) {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(format, "format is null");
        if (text == null) {
            return null;
        }
        String t = type == CanonicalType.STRING || type == CanonicalType.BINARY ? text : text.strip();
        try {
            return switch (type) {
                case BOOLEAN -> parseBoolean(t);
                case SHORT -> Short.parseShort(t);
                case INTEGER -> Integer.parseInt(t);
                case LONG -> Long.parseLong(t);
                case FLOAT -> Float.parseFloat(t);
                case DOUBLE -> Double.parseDouble(t);
                case DECIMAL -> new BigDecimal(t);
                case STRING -> t;
                case DATE -> LocalDate.parse(t);
                case TIME -> requireMicros(LocalTime.parse(t), type, column);
                case TIMESTAMP -> requireMicros(LocalDateTime.parse(t.replaceFirst(" ", "T")), type, column);
                case TIMESTAMP_TZ -> {
                    String iso = t.replaceFirst(" ", "T");
                    if (SHORT_OFFSET.matcher(iso).find()) {
                        iso = iso + ":00";
                    }
                    yield requireMicros(OffsetDateTime.parse(iso), type, column);
                }
                case BINARY -> parseBinary(t, format);
                case JSON -> {
                    parseJson(t);
                    yield t;
                }
                case UUID -> parseUuid(t);
            };
        } catch (IllegalArgumentException | DateTimeParseException | JsonProcessingException e) {
            throw invalid("cannot read '" + abbreviate(text) + "' as " + type + ": " + e.getMessage(), column, e);
        }
    }

    /**
     * Turns a value into the typed value of {@link #javaType(CanonicalType)}, accepting convenient neighbours (see
     * the class description).
     *
     * @param type the canonical type; not null
     * @param value the value; null for NULL
     * @return the typed value, or null
     * @throws ConnectorException VALIDATION_ERROR when the value cannot be a value of {@code type} without loss
     */
    public static Object normalize(CanonicalType type, Object value) {
        return normalize(type, value, null);
    }

    private static Object normalize(CanonicalType type, Object value, String column) {
        Objects.requireNonNull(type, "type is null");
        if (value == null) {
            return null;
        }
        Object v = switch (type) {
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case SHORT -> integral(value, Short.MIN_VALUE, Short.MAX_VALUE).map(Long::shortValue).orElse(null);
            case INTEGER -> integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE).map(Long::intValue).orElse(null);
            case LONG -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE).orElse(null);
            case FLOAT -> toFloat(value);
            case DOUBLE -> toDouble(value);
            case DECIMAL -> toDecimal(value);
            case STRING -> value instanceof CharSequence || value instanceof Character ? value.toString() : null;
            case DATE -> value instanceof LocalDate ? value : null;
            case TIME -> value instanceof LocalTime t ? requireMicros(t, type, column) : null;
            case TIMESTAMP -> value instanceof LocalDateTime t ? requireMicros(t, type, column) : null;
            case TIMESTAMP_TZ -> toOffsetDateTime(value, column);
            case BINARY -> toBytes(value);
            case JSON -> toJson(value, column);
            case UUID -> toUuid(value);
        };
        if (v == null) {
            throw invalid("a " + value.getClass().getName() + " (" + abbreviate(String.valueOf(value))
                    + ") is not a " + type + " value: pass a " + javaType(type).getSimpleName(), column, null);
        }
        return v;
    }

    /**
     * Whether two values of a type are the same value as a destination would store it: DECIMAL ignores trailing
     * zeros ({@code 1.50 = 1.5}), TIMESTAMP_TZ compares instants, BINARY compares bytes, JSON compares documents
     * (key order ignored, numbers by value: {@code 1.5e1 = 15}), FLOAT and DOUBLE treat every NaN as equal and
     * {@code -0.0} as different from {@code 0.0}.
     *
     * @param type the canonical type; not null
     * @param a a value or null
     * @param b a value or null
     * @return true when both are null, or both denote the same value
     */
    public static boolean sameValue(CanonicalType type, Object a, Object b) {
        return comparisonKey(type, a).equals(comparisonKey(type, b));
    }

    /**
     * A text key that two values share exactly when {@link #sameValue} holds; for multiset comparisons.
     *
     * @param type the canonical type; not null
     * @param value a value or null
     * @return the key; never null (NULL has its own key, distinct from every value's)
     */
    public static String comparisonKey(CanonicalType type, Object value) {
        Object v = normalize(type, value);
        if (v == null) {
            return NULL_KEY;
        }
        String key = switch (type) {
            case DECIMAL -> {
                BigDecimal d = (BigDecimal) v;
                yield d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            }
            case TIMESTAMP_TZ -> timestampText(((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime()) + "Z";
            case BINARY -> Base64.getEncoder().encodeToString((byte[]) v);
            case JSON -> canonicalJson((String) v);
            default -> toText(type, v, CsvFileFormat.DEFAULT);
        };
        return "=" + key;
    }

    /**
     * Orders typed values: null first, then by the values' natural order ({@code byte[]} lexicographically unsigned,
     * TIMESTAMP_TZ by instant); values of different classes by their class name. Consistent with
     * {@link #sameValue} for every type except JSON and DECIMAL values that differ only in form.
     *
     * @param a a typed value or null
     * @param b a typed value or null
     * @return negative, zero or positive
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            int c = x.toInstant().compareTo(y.toInstant());
            return c != 0 ? c : x.compareTo(y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
            return ca.compareTo(b);
        }
        return a.getClass().getName().compareTo(b.getClass().getName());
    }

    private static String timeText(LocalTime t) {
        String base = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? base : base + String.format(Locale.ROOT, ".%06d", micros);
    }

    private static String timestampText(LocalDateTime t) {
        return t.toLocalDate() + "T" + timeText(t.toLocalTime());
    }

    private static String binaryText(byte[] bytes, CsvFileFormat format, String column) {
        return switch (format.binaryFormat()) {
            case BASE64 -> Base64.getEncoder().encodeToString(bytes);
            case HEX -> HexFormat.of().formatHex(bytes);
            case RAW -> {
                try {
                    yield strictDecoder(format.encoding()).decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    throw invalid("a BINARY value is not valid " + format.encoding()
                            + " text, so the RAW binary format cannot carry it: use BASE64 or HEX", column, e);
                }
            }
        };
    }

    private static byte[] parseBinary(String text, CsvFileFormat format) {
        return switch (format.binaryFormat()) {
            case BASE64 -> Base64.getDecoder().decode(text.strip());
            case HEX -> {
                String hex = text.strip();
                yield HexFormat.of().parseHex(hex.startsWith("\\x") || hex.startsWith("0x") ? hex.substring(2) : hex);
            }
            case RAW -> {
                try {
                    ByteBuffer buffer = format.encoding().newEncoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .encode(CharBuffer.wrap(text));
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    yield bytes;
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException("not encodable in " + format.encoding(), e);
                }
            }
        };
    }

    private static java.nio.charset.CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static Boolean parseBoolean(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "t", "1" -> Boolean.TRUE;
            case "false", "f", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    private static UUID parseUuid(String t) {
        if (t.length() != 36) {
            throw new IllegalArgumentException("a UUID has 36 characters, e.g. 123e4567-e89b-12d3-a456-426614174000");
        }
        return UUID.fromString(t);
    }

    private static JsonNode parseJson(String t) throws JsonProcessingException {
        JsonNode node = JSON.readTree(t);
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("empty JSON document");
        }
        return node;
    }

    private static String canonicalJson(String text) {
        try {
            return JSON.writeValueAsString(canonicalJsonValue(parseJson(text)));
        } catch (JsonProcessingException e) {
            throw invalid("invalid JSON: " + e.getOriginalMessage(), null, e);
        }
    }

    /**
     * A JSON document as plain values that compare as documents do: object keys sorted, numbers by value (databases
     * rewrite {@code 1.5e10} as {@code 15000000000} and {@code 1.0} as {@code 1}), everything else as is.
     */
    private static Object canonicalJsonValue(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new java.util.TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonicalJsonValue(e.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new java.util.ArrayList<>(node.size());
            node.forEach(n -> items.add(canonicalJsonValue(n)));
            return items;
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        }
        if (node.isNull()) {
            return null;
        }
        return node.isBoolean() ? node.booleanValue() : node.asText();
    }

    private static Optional<Long> integral(Object value, long min, long max) {
        Long v = null;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else if (value instanceof BigInteger b && b.bitLength() < 64) {
            v = b.longValue();
        } else if (value instanceof BigDecimal d) {
            try {
                v = d.longValueExact();
            } catch (ArithmeticException e) {
                v = null;
            }
        }
        return v != null && v >= min && v <= max ? Optional.of(v) : Optional.empty();
    }

    private static Float toFloat(Object value) {
        if (value instanceof Float f) {
            return f;
        }
        if (value instanceof Double d && (d.isNaN() || (double) d.floatValue() == d)) {
            return d.floatValue();
        }
        Optional<Long> l = integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
        return l.isPresent() && exactly(l.get(), (float) l.get().longValue()) ? (float) l.get().longValue() : null;
    }

    private static Double toDouble(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        Optional<Long> l = integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
        return l.isPresent() && exactly(l.get(), (double) l.get().longValue()) ? (double) l.get().longValue() : null;
    }

    private static boolean exactly(long integer, double floating) {
        return new BigDecimal(floating).compareTo(BigDecimal.valueOf(integer)) == 0;
    }

    private static BigDecimal toDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        return integral(value, Long.MIN_VALUE, Long.MAX_VALUE).map(BigDecimal::valueOf).orElse(null);
    }

    private static OffsetDateTime toOffsetDateTime(Object value, String column) {
        OffsetDateTime t;
        if (value instanceof OffsetDateTime o) {
            t = o;
        } else if (value instanceof Instant i) {
            t = i.atOffset(ZoneOffset.UTC);
        } else if (value instanceof ZonedDateTime z) {
            t = z.toOffsetDateTime();
        } else {
            return null;
        }
        return requireMicros(t, CanonicalType.TIMESTAMP_TZ, column);
    }

    private static byte[] toBytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        return null;
    }

    private static String toJson(Object value, String column) {
        try {
            if (value instanceof CharSequence text) {
                parseJson(text.toString());
                return text.toString();
            }
            if (value instanceof JsonNode || value instanceof Map || value instanceof Collection
                    || value instanceof Number || value instanceof Boolean) {
                return JSON.writeValueAsString(value);
            }
            return null;
        } catch (JsonProcessingException e) {
            throw invalid("not a JSON document: " + e.getOriginalMessage(), column, e);
        }
    }

    private static UUID toUuid(Object value) {
        if (value instanceof UUID u) {
            return u;
        }
        if (value instanceof CharSequence s) {
            try {
                return parseUuid(s.toString());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static <T> T requireMicros(T value, CanonicalType type, String column) {
        int nanos = 0;
        if (value instanceof LocalTime t) {
            nanos = t.getNano();
        } else if (value instanceof LocalDateTime t) {
            nanos = t.getNano();
        } else if (value instanceof OffsetDateTime t) {
            nanos = t.getNano();
        }
        if (nanos % 1000 != 0) {
            throw invalid(type + " value " + value + " is finer than microseconds: truncate it with "
                    + "truncatedTo(ChronoUnit.MICROS)", column, null);
        }
        return value;
    }

    private static ConnectorException invalid(String detail, String column, Throwable cause) {
        return ConnectorException.builder(ErrorType.VALIDATION_ERROR, detail).column(column).cause(cause).build();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
