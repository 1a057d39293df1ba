package dev.destsdk.testkit.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.destsdk.core.csv.BinaryFormat;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.testkit.generate.Seeds;
import dev.destsdk.testkit.generate.ValueGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ValueFormatsTest {
    private static final long BASE_SEED = Seeds.pick();
    private static final CsvFileFormat HEX = CsvFileFormat.builder().binaryFormat(BinaryFormat.HEX).build();
    private static final CsvFileFormat RAW = CsvFileFormat.builder().binaryFormat(BinaryFormat.RAW).build();

    static Stream<Arguments> typesAndFormats() {
        List<Arguments> out = new ArrayList<>();
        for (CanonicalType type : CanonicalType.values()) {
            out.add(Arguments.of(type, "BASE64"));
            if (type == CanonicalType.BINARY) {
                out.add(Arguments.of(type, "HEX"));
                out.add(Arguments.of(type, "RAW"));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndFormats")
    void generatedValuesRoundTripThroughText(CanonicalType type, String binary) {
        long seed = Seeds.forCase(BASE_SEED, type.ordinal() * 10L + binary.length());
        CsvFileFormat format = switch (binary) {
            case "HEX" -> HEX;
            case "RAW" -> RAW;
            default -> CsvFileFormat.DEFAULT;
        };
        ValueGenerator generator = new ValueGenerator(seed, ValueGenerator.Options.defaults()
                .withNonFiniteFloats(true).withTextSafeBinary(binary.equals("RAW")).withEdgeProbability(0.4));
        FieldMetadata field = FieldMetadata.builder("c", type).precision(type == CanonicalType.DECIMAL ? 38 : null)
                .scale(type == CanonicalType.DECIMAL ? 6 : null).build();
        List<Object> values = new ArrayList<>(generator.edgeValues(field));
        for (int i = 0; i < 300; i++) {
            values.add(generator.value(field));
        }
        for (Object value : values) {
            String text = ValueFormats.toText(field, value, format);
            Object back = ValueFormats.fromText(field, text, format);
            String why = Seeds.describe(seed) + " " + type + " value=" + describe(value) + " text=" + text;
            assertThat(text == null).as(why).isEqualTo(value == null);
            assertThat(ValueFormats.sameValue(type, value, back)).as(why).isTrue();
            if (back != null) {
                assertThat(back).as(why).isInstanceOf(ValueFormats.javaType(type));
                // Text is canonical: writing what was read gives the same text.
                assertThat(ValueFormats.toText(field, back, format)).as(why).isEqualTo(text);
            }
        }
    }

    @Test
    void textFormsAreTheDocumentedOnes() {
        CsvFileFormat f = CsvFileFormat.DEFAULT;
        assertThat(ValueFormats.toText(CanonicalType.BOOLEAN, true, f)).isEqualTo("true");
        assertThat(ValueFormats.toText(CanonicalType.SHORT, (short) -5, f)).isEqualTo("-5");
        assertThat(ValueFormats.toText(CanonicalType.LONG, Long.MIN_VALUE, f)).isEqualTo("-9223372036854775808");
        assertThat(ValueFormats.toText(CanonicalType.DOUBLE, -0.0d, f)).isEqualTo("-0.0");
        assertThat(ValueFormats.toText(CanonicalType.DOUBLE, Double.NaN, f)).isEqualTo("NaN");
        assertThat(ValueFormats.toText(CanonicalType.FLOAT, 0.1f, f)).isEqualTo("0.1");
        assertThat(ValueFormats.toText(CanonicalType.DECIMAL, new BigDecimal("1E+3"), f)).isEqualTo("1000");
        assertThat(ValueFormats.toText(CanonicalType.DECIMAL, new BigDecimal("0.00"), f)).isEqualTo("0.00");
        assertThat(ValueFormats.toText(CanonicalType.DATE, LocalDate.of(1, 1, 1), f)).isEqualTo("0001-01-01");
        assertThat(ValueFormats.toText(CanonicalType.TIME, LocalTime.of(13, 45), f)).isEqualTo("13:45:00");
        assertThat(ValueFormats.toText(CanonicalType.TIME, LocalTime.of(13, 45, 0, 1000), f))
                .isEqualTo("13:45:00.000001");
        assertThat(ValueFormats.toText(CanonicalType.TIMESTAMP, LocalDateTime.of(2024, 1, 31, 13, 45), f))
                .isEqualTo("2024-01-31T13:45:00");
        assertThat(ValueFormats.toText(CanonicalType.TIMESTAMP_TZ,
                OffsetDateTime.of(2024, 1, 31, 13, 45, 0, 120_000_000, ZoneOffset.ofHoursMinutes(5, 30)), f))
                .isEqualTo("2024-01-31T13:45:00.120000+05:30");
        assertThat(ValueFormats.toText(CanonicalType.TIMESTAMP_TZ, Instant.parse("2024-01-31T13:45:00Z"), f))
                .isEqualTo("2024-01-31T13:45:00Z");
        byte[] bytes = {0, (byte) 0xFF, 'a'};
        assertThat(ValueFormats.toText(CanonicalType.BINARY, bytes, f)).isEqualTo("AP9h");
        assertThat(ValueFormats.toText(CanonicalType.BINARY, bytes, HEX)).isEqualTo("00ff61");
        assertThat(ValueFormats.toText(CanonicalType.UUID, new UUID(0, 1), f))
                .isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(ValueFormats.toText(CanonicalType.JSON, Map.of("a", List.of(1, 2)), f)).isEqualTo("{\"a\":[1,2]}");
        assertThat(ValueFormats.toText(CanonicalType.STRING, null, f)).isNull();
        assertThat(ValueFormats.toText(CanonicalType.STRING, "", f)).isEmpty();
    }

    @Test
    void convenientNeighboursAreNormalised() {
        assertThat(ValueFormats.normalize(CanonicalType.SHORT, 12)).isEqualTo((short) 12);
        assertThat(ValueFormats.normalize(CanonicalType.LONG, BigInteger.TEN)).isEqualTo(10L);
        assertThat(ValueFormats.normalize(CanonicalType.DECIMAL, 7L)).isEqualTo(BigDecimal.valueOf(7));
        assertThat(ValueFormats.normalize(CanonicalType.DOUBLE, 1.5f)).isEqualTo(1.5d);
        assertThat(ValueFormats.normalize(CanonicalType.FLOAT, 0.5d)).isEqualTo(0.5f);
        assertThat(ValueFormats.normalize(CanonicalType.TIMESTAMP_TZ, Instant.EPOCH))
                .isEqualTo(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(ValueFormats.normalize(CanonicalType.UUID, "00000000-0000-0000-0000-000000000001"))
                .isEqualTo(new UUID(0, 1));
        assertThat(ValueFormats.normalize(CanonicalType.JSON, new ObjectMapper().createObjectNode().put("k", 1)))
                .isEqualTo("{\"k\":1}");
    }

    @Test
    void lossyOrWrongValuesAreRefusedNamingTheColumn() {
        FieldMetadata small = FieldMetadata.builder("tiny", CanonicalType.SHORT).build();
        assertThatThrownBy(() -> ValueFormats.toText(small, 70_000, CsvFileFormat.DEFAULT))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
                    assertThat(e.getContext().column()).hasValue("tiny");
                })
                .hasMessageContaining("is not a SHORT value");
        assertThatThrownBy(() -> ValueFormats.normalize(CanonicalType.FLOAT, 0.1d))
                .hasMessageContaining("is not a FLOAT value");
        assertThatThrownBy(() -> ValueFormats.normalize(CanonicalType.DECIMAL, 0.1d))
                .hasMessageContaining("pass a BigDecimal");
        assertThatThrownBy(() -> ValueFormats.normalize(CanonicalType.TIME, LocalTime.of(1, 2, 3, 1)))
                .hasMessageContaining("finer than microseconds");
        assertThatThrownBy(() -> ValueFormats.normalize(CanonicalType.JSON, "{not json"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("not a JSON document");
        assertThatThrownBy(() -> ValueFormats.toText(CanonicalType.BINARY, new byte[] {(byte) 0xC3}, RAW))
                .hasMessageContaining("use BASE64 or HEX");
        assertThatThrownBy(() -> ValueFormats.fromText(FieldMetadata.builder("n", CanonicalType.INTEGER).build(),
                "12x", CsvFileFormat.DEFAULT))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.getContext().column()).hasValue("n"))
                .hasMessageContaining("cannot read '12x' as INTEGER");
    }

    @Test
    void readingIsLenientWhereDatabasesPrintDifferently() {
        CsvFileFormat f = CsvFileFormat.DEFAULT;
        assertThat(ValueFormats.fromText(CanonicalType.BOOLEAN, "t", f)).isEqualTo(true);
        assertThat(ValueFormats.fromText(CanonicalType.BOOLEAN, "0", f)).isEqualTo(false);
        assertThat(ValueFormats.fromText(CanonicalType.TIMESTAMP, "2024-01-31 13:45:00.5", f))
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 13, 45, 0, 500_000_000));
        assertThat(ValueFormats.fromText(CanonicalType.TIMESTAMP_TZ, "2024-01-31 13:45:00+05", f))
                .isEqualTo(OffsetDateTime.of(2024, 1, 31, 13, 45, 0, 0, ZoneOffset.ofHours(5)));
        assertThat((byte[]) ValueFormats.fromText(CanonicalType.BINARY, "\\x00FF", HEX))
                .containsExactly(0, 0xFF);
        assertThat(ValueFormats.fromText(CanonicalType.STRING, "  kept  ", f)).isEqualTo("  kept  ");
    }

    @ParameterizedTest
    @EnumSource(CanonicalType.class)
    void nullHasItsOwnComparisonKey(CanonicalType type) {
        ValueGenerator g = new ValueGenerator(Seeds.forCase(BASE_SEED, 77));
        Object value = g.nonNullValue(FieldMetadata.builder("c", type).build());
        assertThat(ValueFormats.sameValue(type, null, null)).isTrue();
        assertThat(ValueFormats.sameValue(type, null, value)).isFalse();
        assertThat(ValueFormats.comparisonKey(type, null)).isNotEqualTo(ValueFormats.comparisonKey(type, value));
    }

    @Test
    void sameValueFollowsStorageSemantics() {
        assertThat(ValueFormats.sameValue(CanonicalType.DECIMAL, new BigDecimal("1.50"), new BigDecimal("1.5")))
                .isTrue();
        assertThat(ValueFormats.sameValue(CanonicalType.TIMESTAMP_TZ,
                OffsetDateTime.parse("2024-01-01T05:30:00+05:30"), OffsetDateTime.parse("2024-01-01T00:00:00Z")))
                .isTrue();
        assertThat(ValueFormats.sameValue(CanonicalType.JSON, "{\"a\":1,\"b\":[true]}", "{ \"b\" : [true], \"a\":1}"))
                .isTrue();
        assertThat(ValueFormats.sameValue(CanonicalType.BINARY, "ab".getBytes(StandardCharsets.UTF_8),
                new byte[] {'a', 'b'})).isTrue();
        assertThat(ValueFormats.sameValue(CanonicalType.DOUBLE, 0.0d, -0.0d)).isFalse();
        assertThat(ValueFormats.sameValue(CanonicalType.DOUBLE, Double.NaN, Double.NaN)).isTrue();
        assertThat(ValueFormats.sameValue(CanonicalType.STRING, "", null)).isFalse();
    }

    @Test
    void compareValuesOrdersNullsFirstAndBytesUnsigned() {
        assertThat(ValueFormats.compareValues(null, 1)).isNegative();
        assertThat(ValueFormats.compareValues(2L, 10L)).isNegative();
        assertThat(ValueFormats.compareValues(new byte[] {1}, new byte[] {(byte) 0xFF})).isNegative();
        assertThat(ValueFormats.compareValues(OffsetDateTime.parse("2024-01-01T05:30:00+05:30"),
                OffsetDateTime.parse("2024-01-01T00:00:01Z"))).isNegative();
    }

    private static String describe(Object value) {
        if (value instanceof byte[] b) {
            return java.util.HexFormat.of().formatHex(b);
        }
        return String.valueOf(value);
    }
}
