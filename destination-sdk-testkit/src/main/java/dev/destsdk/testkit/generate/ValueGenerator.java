package dev.destsdk.testkit.generate;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.testkit.value.ValueFormats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Generates typed values (as {@link ValueFormats} defines them) for fields of every {@link CanonicalType}, mixing
 * random values with edge values: integer limits, signed zeros and extreme floats (NaN and infinities only when
 * asked), the largest and smallest decimals a field's precision and scale allow, dates and timestamps at the ends of
 * years 1 and 9999, microsecond times, empty and whitespace-only strings, strings with delimiters, quotes, CR/LF,
 * NULL markers and unicode, empty and all-byte binaries, nested JSON, nil and max UUIDs, and nulls on nullable fields.
 *
 * <p>Values respect a field's precision and scale: a DECIMAL never has more digits than its precision nor another
 * scale than its scale; a STRING never has more code points than its precision. Deterministic: the same seed and
 * options always give the same values. Not thread-safe: use one generator per thread.
 */
public final class ValueGenerator {

    /** The precision used for a DECIMAL field that declares none. */
    public static final int DEFAULT_DECIMAL_PRECISION = 38;

    /**
     * How values are drawn.
     *
     * @param nullProbability the chance of null on a nullable field, 0 to 1
     * @param edgeProbability the chance of an edge value rather than a random one, 0 to 1
     * @param nonFiniteFloats whether FLOAT and DOUBLE may be NaN or infinite
     * @param textSafeBinary whether BINARY values are limited to printable ASCII bytes (for the RAW binary format)
     * @param maxStringLength the most code points in a random STRING (edge values include one longer string)
     * @param longStringLength the length in code points of the long STRING edge value, capped by the field's
     *     precision
     */
    public record Options(double nullProbability, double edgeProbability, boolean nonFiniteFloats,
                          boolean textSafeBinary, int maxStringLength, int longStringLength) {

        /** Validates the components. */
        public Options {
            if (!(nullProbability >= 0 && nullProbability <= 1) || !(edgeProbability >= 0 && edgeProbability <= 1)) {
                throw new IllegalArgumentException("probabilities must be within [0, 1], got null="
                        + nullProbability + ", edge=" + edgeProbability);
            }
            if (maxStringLength < 0 || longStringLength < 0) {
                throw new IllegalArgumentException("string lengths must not be negative");
            }
        }

        /** @return 10% nulls, 30% edge values, finite floats only, any bytes, strings up to 40 and one of 4096 */
        public static Options defaults() {
            return new Options(0.1, 0.3, false, false, 40, 4096);
        }

        /** @param value the null chance @return a copy with that change */
        public Options withNullProbability(double value) {
            return new Options(value, edgeProbability, nonFiniteFloats, textSafeBinary, maxStringLength,
                    longStringLength);
        }

        /** @param value the edge chance @return a copy with that change */
        public Options withEdgeProbability(double value) {
            return new Options(nullProbability, value, nonFiniteFloats, textSafeBinary, maxStringLength,
                    longStringLength);
        }

        /** @param value whether NaN and infinities may appear @return a copy with that change */
        public Options withNonFiniteFloats(boolean value) {
            return new Options(nullProbability, edgeProbability, value, textSafeBinary, maxStringLength,
                    longStringLength);
        }

        /** @param value whether binaries are printable ASCII @return a copy with that change */
        public Options withTextSafeBinary(boolean value) {
            return new Options(nullProbability, edgeProbability, nonFiniteFloats, value, maxStringLength,
                    longStringLength);
        }

        /** @param max random strings' maximum @param longEdge the long edge string's length @return a copy */
        public Options withStringLengths(int max, int longEdge) {
            return new Options(nullProbability, edgeProbability, nonFiniteFloats, textSafeBinary, max, longEdge);
        }
    }

    private static final List<String> EDGE_STRINGS = List.of("", " ", "   ", "\t", " leading", "trailing ", ",",
            "a,b,c", "\"", "say \"hi\"", "\"\"", "'", "it's", "\\", "back\\slash", "\\\"", "\n", "\r\n", "\r",
            "line1\nline2", "line1\r\nline2", "NULL", "null", "\\N", "NaN", "tab\tseparated", "semi;colon",
            "pipe|bar", "#hash", "日本語テキスト", "😀🚀", "e\u0301", "Ω≈ç√∫", "مرحبا", "\u200B", "\uFEFFbom");
    private static final String RANDOM_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + "  ,;|\"'\\\t\n\r-_.:/#%&*()[]{}<>éüßñçø日本語中文한국ΩЖ";
    private static final String[] RANDOM_EXTRAS = {"😀", "🚀", "👩‍💻", "e\u0301", "\r\n"};
    private static final List<String> EDGE_JSON = List.of("{}", "[]", "{\"a\":1}",
            "{\"nested\":{\"deep\":[1,{\"x\":\"y\"}],\"empty\":{}}}",
            "{\"quote\":\"a\\\"b\",\"newline\":\"a\\nb\",\"comma\":\"a,b\",\"unicode\":\"日本😀\"}",
            "[1.5e10,-0.0,true,false,null]", "\"just a string\"", "12345", "{\"k\":null}",
            "{\"big\":123456789012345678901234567890,\"small\":1.0E-30}");
    private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30),
            ZoneOffset.ofHours(-8), ZoneOffset.ofHours(14), ZoneOffset.ofHours(-12), ZoneOffset.ofHoursMinutes(-3, -30),
            ZoneOffset.ofHoursMinutes(12, 45));
    private static final LocalDate MIN_DATE = LocalDate.of(1, 1, 1);
    private static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);
    private static final LocalTime MAX_TIME = LocalTime.of(23, 59, 59, 999_999_000);

    private final long seed;
    private final Options options;
    private final Random random;

    /**
     * A generator with {@link Options#defaults()}.
     *
     * @param seed the seed
     */
    public ValueGenerator(long seed) {
        this(seed, Options.defaults());
    }

    /**
     * @param seed the seed
     * @param options how values are drawn; not null
     */
    public ValueGenerator(long seed, Options options) {
        this.seed = seed;
        this.options = Objects.requireNonNull(options, "options is null");
        this.random = new Random(seed);
    }

    /** @return the seed this generator was created with */
    public long seed() {
        return seed;
    }

    /** @return the options */
    public Options options() {
        return options;
    }

    /**
     * @param field the field; not null
     * @return a value for it: null with {@link Options#nullProbability()} when the field is nullable, otherwise an
     *     edge value with {@link Options#edgeProbability()}, otherwise a random value
     */
    public Object value(FieldMetadata field) {
        Objects.requireNonNull(field, "field is null");
        if (field.isNullable() && random.nextDouble() < options.nullProbability()) {
            return null;
        }
        return nonNullValue(field);
    }

    /**
     * @param field the field; not null
     * @return a value that is not null: an edge value with {@link Options#edgeProbability()}, otherwise random
     */
    public Object nonNullValue(FieldMetadata field) {
        Objects.requireNonNull(field, "field is null");
        if (random.nextDouble() < options.edgeProbability()) {
            List<Object> edges = nonNullEdgeValues(field);
            return edges.get(random.nextInt(edges.size()));
        }
        return randomValue(field);
    }

    /**
     * The edge values of a field, in a fixed order, ending with null when the field is nullable. Does not draw from
     * the random sequence.
     *
     * @param field the field; not null
     * @return the edge values; unmodifiable, may contain one null
     */
    public List<Object> edgeValues(FieldMetadata field) {
        List<Object> edges = new ArrayList<>(nonNullEdgeValues(field));
        if (field.isNullable()) {
            edges.add(null);
        }
        return Collections.unmodifiableList(edges);
    }

    /**
     * @param object the object; not null
     * @return one value per field, in field order; the list may contain nulls
     */
    public List<Object> row(ObjectMetadata object) {
        Objects.requireNonNull(object, "object is null");
        List<Object> row = new ArrayList<>(object.getFields().size());
        for (FieldMetadata f : object.getFields()) {
            row.add(value(f));
        }
        return Collections.unmodifiableList(row);
    }

    /**
     * Generates rows whose primary key values (when the object has primary key fields) are distinct, so that MERGE
     * and inspection by key are well defined.
     *
     * @param object the object; not null
     * @param count how many rows; at least 0
     * @return the rows; unmodifiable
     * @throws IllegalArgumentException when the key's types cannot give {@code count} distinct keys (e.g. a BOOLEAN
     *     key and three rows)
     */
    public List<List<Object>> rows(ObjectMetadata object, int count) {
        Objects.requireNonNull(object, "object is null");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        List<FieldMetadata> fields = object.getFields();
        List<Integer> keyPositions = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).isPrimaryKey()) {
                keyPositions.add(i);
            }
        }
        Set<List<String>> keys = new HashSet<>();
        List<List<Object>> rows = new ArrayList<>(count);
        int attempts = 0;
        while (rows.size() < count) {
            List<Object> row = row(object);
            if (!keyPositions.isEmpty()) {
                List<String> key = new ArrayList<>(keyPositions.size());
                for (int p : keyPositions) {
                    key.add(ValueFormats.comparisonKey(fields.get(p).getCanonicalType(), row.get(p)));
                }
                if (!keys.add(key)) {
                    if (++attempts > 100 * (count + 10)) {
                        throw new IllegalArgumentException("cannot generate " + count + " distinct primary keys for "
                                + object.getPrimaryKeyFields() + " (" + Seeds.describe(seed) + ")");
                    }
                    continue;
                }
            }
            rows.add(row);
        }
        return Collections.unmodifiableList(rows);
    }

    private List<Object> nonNullEdgeValues(FieldMetadata field) {
        return switch (field.getCanonicalType()) {
            case BOOLEAN -> List.of(true, false);
            case SHORT -> List.of(Short.MIN_VALUE, Short.MAX_VALUE, (short) 0, (short) -1, (short) 1);
            case INTEGER -> List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1);
            case LONG -> List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L, 1L << 53, (1L << 53) + 1);
            case FLOAT -> floatEdges();
            case DOUBLE -> doubleEdges();
            case DECIMAL -> decimalEdges(field);
            case STRING -> stringEdges(field);
            case DATE -> List.of(MIN_DATE, MAX_DATE, LocalDate.EPOCH, LocalDate.of(1969, 12, 31),
                    LocalDate.of(2000, 2, 29), LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 15),
                    LocalDate.of(1900, 1, 1));
            case TIME -> List.of(LocalTime.MIDNIGHT, MAX_TIME, LocalTime.of(12, 0, 0, 1000), LocalTime.NOON,
                    LocalTime.of(0, 0, 0, 500_000_000));
            case TIMESTAMP -> List.of(MIN_DATE.atStartOfDay(), MAX_DATE.atTime(MAX_TIME),
                    LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
                    LocalDateTime.of(2000, 2, 29, 12, 34, 56, 123_456_000), LocalDateTime.of(1582, 10, 4, 0, 0));
            case TIMESTAMP_TZ -> List.of(
                    OffsetDateTime.of(LocalDate.of(1, 1, 2).atStartOfDay(), ZoneOffset.UTC),
                    OffsetDateTime.of(LocalDate.of(9999, 12, 30).atTime(MAX_TIME), ZoneOffset.UTC),
                    OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                    OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC),
                    OffsetDateTime.of(2024, 3, 10, 2, 30, 0, 1000, ZoneOffset.ofHours(-8)),
                    OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(14)),
                    OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)));
            case BINARY -> options.textSafeBinary()
                    ? List.of(new byte[0], "a".getBytes(StandardCharsets.US_ASCII),
                    "comma, \"quote\"\nnewline".getBytes(StandardCharsets.US_ASCII))
                    : List.of(new byte[0], new byte[] {0}, allBytes(), new byte[] {(byte) 0xFF, (byte) 0xFE},
                    "a,b\n\"c\"".getBytes(StandardCharsets.US_ASCII));
            case JSON -> List.copyOf(EDGE_JSON);
            case UUID -> List.of(new UUID(0, 0), new UUID(-1, -1),
                    UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        };
    }

    private List<Object> floatEdges() {
        List<Object> edges = new ArrayList<>(List.of(Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE,
                Float.MIN_NORMAL, 0.0f, -0.0f, 1.0f, -1.0f, 0.1f, 16_777_217f));
        if (options.nonFiniteFloats()) {
            edges.addAll(List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
        }
        return edges;
    }

    private List<Object> doubleEdges() {
        List<Object> edges = new ArrayList<>(List.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
                Double.MIN_NORMAL, 0.0d, -0.0d, 1.0d, -1.0d, 0.1d, 1e-300, 9_007_199_254_740_993d));
        if (options.nonFiniteFloats()) {
            edges.addAll(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        }
        return edges;
    }

    private List<Object> decimalEdges(FieldMetadata field) {
        int precision = decimalPrecision(field);
        int scale = decimalScale(field, precision);
        BigInteger largest = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        List<Object> edges = new ArrayList<>();
        edges.add(new BigDecimal(largest, scale));
        edges.add(new BigDecimal(largest.negate(), scale));
        edges.add(new BigDecimal(BigInteger.ONE, scale));
        edges.add(new BigDecimal(BigInteger.ONE.negate(), scale));
        edges.add(new BigDecimal(BigInteger.ZERO, scale));
        if (precision - scale >= 1) {
            edges.add(BigDecimal.ONE.setScale(scale));
        }
        return edges;
    }

    private List<Object> stringEdges(FieldMetadata field) {
        int limit = field.getPrecision().orElse(Integer.MAX_VALUE);
        List<Object> edges = new ArrayList<>();
        for (String s : EDGE_STRINGS) {
            if (s.codePointCount(0, s.length()) <= limit) {
                edges.add(s);
            }
        }
        int longLength = Math.min(limit, options.longStringLength());
        if (longLength > 0) {
            StringBuilder sb = new StringBuilder(longLength);
            String pattern = "long-value,\"quoted\"\n日本😀 ";
            int cp = 0;
            for (int i = 0; cp < longLength; i = pattern.offsetByCodePoints(i, 1) % pattern.length()) {
                sb.appendCodePoint(pattern.codePointAt(i));
                cp++;
            }
            edges.add(sb.toString());
        }
        return edges;
    }

    private Object randomValue(FieldMetadata field) {
        return switch (field.getCanonicalType()) {
            case BOOLEAN -> random.nextBoolean();
            case SHORT -> (short) random.nextInt();
            case INTEGER -> random.nextInt(random.nextBoolean() ? 1000 : Integer.MAX_VALUE) * (random.nextBoolean()
                    ? 1 : -1);
            case LONG -> random.nextBoolean() ? (long) random.nextInt(100_000) : random.nextLong();
            case FLOAT -> randomFloat();
            case DOUBLE -> randomDouble();
            case DECIMAL -> randomDecimal(field);
            case STRING -> randomString(Math.min(field.getPrecision().orElse(Integer.MAX_VALUE),
                    options.maxStringLength()));
            case DATE -> randomDate();
            case TIME -> randomTime();
            case TIMESTAMP -> randomDate().atTime(randomTime());
            case TIMESTAMP_TZ -> randomTimestampTz();
            case BINARY -> randomBytes();
            case JSON -> randomJson();
            case UUID -> new UUID(random.nextLong(), random.nextLong());
        };
    }

    private float randomFloat() {
        if (random.nextBoolean()) {
            return (random.nextFloat() - 0.5f) * 2000f;
        }
        while (true) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(f) || (options.nonFiniteFloats() && random.nextInt(10) == 0)) {
                return f;
            }
        }
    }

    private double randomDouble() {
        if (random.nextBoolean()) {
            return (random.nextDouble() - 0.5) * 2e6;
        }
        while (true) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d) || (options.nonFiniteFloats() && random.nextInt(10) == 0)) {
                return d;
            }
        }
    }

    private BigDecimal randomDecimal(FieldMetadata field) {
        int precision = decimalPrecision(field);
        int scale = decimalScale(field, precision);
        int digits = 1 + random.nextInt(precision);
        StringBuilder sb = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        BigInteger unscaled = new BigInteger(sb.toString());
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
    }

    private static int decimalPrecision(FieldMetadata field) {
        return Math.max(1, field.getPrecision().orElse(DEFAULT_DECIMAL_PRECISION));
    }

    private static int decimalScale(FieldMetadata field, int precision) {
        return Math.min(field.getScale().orElse(0), precision);
    }

    private String randomString(int maxCodePoints) {
        int length = maxCodePoints <= 0 ? 0 : random.nextInt(maxCodePoints + 1);
        StringBuilder sb = new StringBuilder(length);
        int cp = 0;
        while (cp < length) {
            if (random.nextInt(12) == 0) {
                String extra = RANDOM_EXTRAS[random.nextInt(RANDOM_EXTRAS.length)];
                int n = extra.codePointCount(0, extra.length());
                if (cp + n <= length) {
                    sb.append(extra);
                    cp += n;
                    continue;
                }
            }
            sb.append(RANDOM_ALPHABET.charAt(random.nextInt(RANDOM_ALPHABET.length())));
            cp++;
        }
        return sb.toString();
    }

    private LocalDate randomDate() {
        if (random.nextBoolean()) {
            return LocalDate.of(1990, 1, 1).plusDays(random.nextInt(20_000));
        }
        long span = MAX_DATE.toEpochDay() - MIN_DATE.toEpochDay();
        return LocalDate.ofEpochDay(MIN_DATE.toEpochDay() + (long) (random.nextDouble() * span));
    }

    private LocalTime randomTime() {
        long micros = (long) (random.nextDouble() * 86_400_000_000L);
        return LocalTime.ofNanoOfDay(Math.min(micros, 86_399_999_999L) * 1000);
    }

    private OffsetDateTime randomTimestampTz() {
        LocalDate date = randomDate();
        // Keep the instant inside years 1..9999 whatever the offset.
        if (date.isBefore(LocalDate.of(1, 1, 2))) {
            date = LocalDate.of(1, 1, 2);
        } else if (date.isAfter(LocalDate.of(9999, 12, 30))) {
            date = LocalDate.of(9999, 12, 30);
        }
        return OffsetDateTime.of(date.atTime(randomTime()), OFFSETS.get(random.nextInt(OFFSETS.size())));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(65)];
        if (options.textSafeBinary()) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (' ' + random.nextInt(95));
            }
        } else {
            random.nextBytes(bytes);
        }
        return bytes;
    }

    private String randomJson() {
        StringBuilder sb = new StringBuilder("{");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("\"k").append(i).append("\":");
            switch (random.nextInt(5)) {
                case 0 -> sb.append(random.nextInt(1000) - 500);
                case 1 -> sb.append(jsonString(randomString(8)));
                case 2 -> sb.append(random.nextBoolean());
                case 3 -> sb.append("null");
                default -> sb.append("[").append(random.nextInt(10)).append(",{\"x\":")
                        .append(jsonString(randomString(4))).append("}]");
            }
        }
        return sb.append('}').toString();
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "ValueGenerator{seed=" + seed + ", " + options + "}";
    }
}
