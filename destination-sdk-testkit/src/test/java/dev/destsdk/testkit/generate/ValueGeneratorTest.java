package dev.destsdk.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.testkit.value.ValueFormats;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ValueGeneratorTest {
    private static final long BASE_SEED = Seeds.pick();

    private static long seed(RepetitionInfo info, int salt) {
        return Seeds.forCase(BASE_SEED, salt * 1000L + info.getCurrentRepetition());
    }

    @RepeatedTest(5)
    void sameSeedGivesTheSameRows(RepetitionInfo info) {
        long seed = seed(info, 1);
        ObjectMetadata object = new SchemaGenerator(seed).next();
        List<List<Object>> a = new ValueGenerator(seed).rows(object, 50);
        List<List<Object>> b = new ValueGenerator(seed).rows(object, 50);
        assertThat(keys(object, a)).as(Seeds.describe(seed)).isEqualTo(keys(object, b));
    }

    @RepeatedTest(5)
    void valuesHaveTheCanonicalJavaTypeAndRespectNullability(RepetitionInfo info) {
        long seed = seed(info, 2);
        ObjectMetadata object = new SchemaGenerator(seed).next();
        List<List<Object>> rows = new ValueGenerator(seed, ValueGenerator.Options.defaults().withNullProbability(0.3))
                .rows(object, 200);
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                FieldMetadata f = object.getFields().get(i);
                Object v = row.get(i);
                String why = Seeds.describe(seed) + " " + f;
                if (v == null) {
                    assertThat(f.isNullable()).as(why).isTrue();
                } else {
                    assertThat(v).as(why).isInstanceOf(ValueFormats.javaType(f.getCanonicalType()));
                    assertThat(ValueFormats.normalize(f.getCanonicalType(), v)).as(why).isNotNull();
                }
            }
        }
    }

    @RepeatedTest(5)
    void primaryKeysAreDistinct(RepetitionInfo info) {
        long seed = seed(info, 3);
        ObjectMetadata object = new SchemaGenerator(seed, SchemaGenerator.Options.defaults().withPrimaryKeyFields(2))
                .next();
        List<List<Object>> rows = new ValueGenerator(seed, ValueGenerator.Options.defaults().withEdgeProbability(0.9))
                .rows(object, 100);
        Set<List<String>> keys = new HashSet<>();
        for (List<Object> row : rows) {
            keys.add(List.of(ValueFormats.comparisonKey(object.getFields().get(0).getCanonicalType(), row.get(0)),
                    ValueFormats.comparisonKey(object.getFields().get(1).getCanonicalType(), row.get(1))));
        }
        assertThat(keys).as(Seeds.describe(seed)).hasSize(100);
    }

    @ParameterizedTest
    @EnumSource(CanonicalType.class)
    void edgeValuesOfEveryTypeAreValuesOfThatType(CanonicalType type) {
        ValueGenerator generator = new ValueGenerator(1);
        FieldMetadata field = FieldMetadata.builder("f", type).nullable(true).build();
        List<Object> edges = generator.edgeValues(field);
        assertThat(edges).hasSizeGreaterThanOrEqualTo(3).endsWith((Object) null);
        for (Object v : edges.subList(0, edges.size() - 1)) {
            assertThat(v).isInstanceOf(ValueFormats.javaType(type));
        }
        FieldMetadata required = field.toBuilder().nullable(false).build();
        assertThat(generator.edgeValues(required)).doesNotContainNull();
    }

    @Test
    void integerEdgesIncludeTheLimits() {
        ValueGenerator g = new ValueGenerator(1);
        assertThat(g.edgeValues(field(CanonicalType.SHORT))).contains(Short.MIN_VALUE, Short.MAX_VALUE, (short) 0);
        assertThat(g.edgeValues(field(CanonicalType.INTEGER))).contains(Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertThat(g.edgeValues(field(CanonicalType.LONG))).contains(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Test
    void floatEdgesHaveSignedZerosAndNonFiniteOnlyWhenAsked() {
        ValueGenerator finite = new ValueGenerator(1);
        ValueGenerator all = new ValueGenerator(1, ValueGenerator.Options.defaults().withNonFiniteFloats(true));
        assertThat(finite.edgeValues(field(CanonicalType.DOUBLE))).contains(0.0d, -0.0d, Double.MAX_VALUE)
                .noneMatch(v -> ((Double) v).isNaN() || ((Double) v).isInfinite());
        assertThat(finite.edgeValues(field(CanonicalType.FLOAT))).contains(0.0f, -0.0f, Float.MIN_VALUE)
                .noneMatch(v -> ((Float) v).isNaN() || ((Float) v).isInfinite());
        assertThat(all.edgeValues(field(CanonicalType.DOUBLE)))
                .contains(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(all.edgeValues(field(CanonicalType.FLOAT)))
                .contains(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
    }

    @RepeatedTest(5)
    void randomFloatsAreFiniteUnlessAsked(RepetitionInfo info) {
        long seed = seed(info, 4);
        ValueGenerator g = new ValueGenerator(seed, ValueGenerator.Options.defaults().withNullProbability(0));
        for (int i = 0; i < 2000; i++) {
            assertThat(Double.isFinite((Double) g.value(field(CanonicalType.DOUBLE)))).as(Seeds.describe(seed))
                    .isTrue();
            assertThat(Float.isFinite((Float) g.value(field(CanonicalType.FLOAT)))).as(Seeds.describe(seed))
                    .isTrue();
        }
    }

    @Test
    void decimalEdgesAreTheExtremesOfPrecisionAndScale() {
        FieldMetadata f = FieldMetadata.builder("amount", CanonicalType.DECIMAL).precision(5).scale(2).build();
        assertThat(new ValueGenerator(1).edgeValues(f)).contains(new BigDecimal("999.99"), new BigDecimal("-999.99"),
                new BigDecimal("0.01"), new BigDecimal("-0.01"), new BigDecimal("0.00"), new BigDecimal("1.00"));
        FieldMetadata fraction = FieldMetadata.builder("rate", CanonicalType.DECIMAL).precision(3).scale(3).build();
        assertThat(new ValueGenerator(1).edgeValues(fraction)).contains(new BigDecimal("0.999"))
                .doesNotContain(new BigDecimal("1.000"));
    }

    @RepeatedTest(10)
    void decimalsFitTheirPrecisionAndScale(RepetitionInfo info) {
        long seed = seed(info, 5);
        ObjectMetadata object = new SchemaGenerator(seed, SchemaGenerator.Options.defaults()
                .withTypes(EnumSet.of(CanonicalType.DECIMAL, CanonicalType.LONG)).withFieldCount(10, 10)).next();
        ValueGenerator g = new ValueGenerator(seed, ValueGenerator.Options.defaults().withNullProbability(0));
        for (FieldMetadata f : object.getFields()) {
            if (f.getCanonicalType() != CanonicalType.DECIMAL) {
                continue;
            }
            for (int i = 0; i < 50; i++) {
                BigDecimal d = (BigDecimal) g.value(f);
                String why = Seeds.describe(seed) + " " + f + " " + d;
                assertThat(d.scale()).as(why).isEqualTo(f.getScale().orElseThrow());
                assertThat(d.precision()).as(why).isLessThanOrEqualTo(f.getPrecision().orElseThrow());
            }
        }
    }

    @Test
    void stringEdgesCoverDelimitersQuotesLineBreaksAndUnicode() {
        List<Object> edges = new ValueGenerator(1).edgeValues(field(CanonicalType.STRING));
        assertThat(edges).contains("", " ", ",", "\"", "line1\nline2", "line1\r\nline2", "\r", "NULL", "\\N",
                "e\u0301", "😀🚀", "日本語テキスト");
        assertThat(edges).anySatisfy(v -> assertThat((String) v).hasSize(4096 + countSupplementary((String) v)));
    }

    @RepeatedTest(5)
    void stringsRespectTheirMaximumLength(RepetitionInfo info) {
        long seed = seed(info, 6);
        FieldMetadata f = FieldMetadata.builder("s", CanonicalType.STRING).precision(3).build();
        ValueGenerator g = new ValueGenerator(seed, ValueGenerator.Options.defaults().withNullProbability(0));
        for (int i = 0; i < 300; i++) {
            String s = (String) g.value(f);
            assertThat(s.codePointCount(0, s.length())).as(Seeds.describe(seed) + " '" + s + "'")
                    .isLessThanOrEqualTo(3);
        }
    }

    @Test
    void temporalEdgesReachTheEndsOfTheRangeWithMicros() {
        ValueGenerator g = new ValueGenerator(1);
        assertThat(g.edgeValues(field(CanonicalType.TIMESTAMP)))
                .contains(LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(g.edgeValues(field(CanonicalType.TIME))).contains(LocalTime.of(23, 59, 59, 999_999_000));
        assertThat(g.edgeValues(field(CanonicalType.TIMESTAMP_TZ)))
                .anySatisfy(v -> assertThat(((OffsetDateTime) v).getOffset()).isEqualTo(ZoneOffset.ofHours(14)));
    }

    @RepeatedTest(5)
    void temporalValuesNeverHaveSubMicroDigits(RepetitionInfo info) {
        long seed = seed(info, 7);
        ValueGenerator g = new ValueGenerator(seed, ValueGenerator.Options.defaults().withNullProbability(0));
        for (int i = 0; i < 500; i++) {
            assertThat(((LocalTime) g.value(field(CanonicalType.TIME))).getNano() % 1000).as(Seeds.describe(seed))
                    .isZero();
            assertThat(((LocalDateTime) g.value(field(CanonicalType.TIMESTAMP))).getNano() % 1000)
                    .as(Seeds.describe(seed)).isZero();
            OffsetDateTime tz = (OffsetDateTime) g.value(field(CanonicalType.TIMESTAMP_TZ));
            assertThat(tz.getNano() % 1000).as(Seeds.describe(seed)).isZero();
            assertThat(tz.withOffsetSameInstant(ZoneOffset.UTC).getYear()).as(Seeds.describe(seed))
                    .isBetween(1, 9999);
        }
    }

    @RepeatedTest(3)
    void textSafeBinariesArePrintableAscii(RepetitionInfo info) {
        long seed = seed(info, 8);
        ValueGenerator g = new ValueGenerator(seed, ValueGenerator.Options.defaults().withNullProbability(0)
                .withTextSafeBinary(true));
        for (int i = 0; i < 300; i++) {
            byte[] bytes = (byte[]) g.value(field(CanonicalType.BINARY));
            String text = new String(bytes, StandardCharsets.US_ASCII);
            assertThat(Arrays.equals(text.getBytes(StandardCharsets.US_ASCII), bytes)).as(Seeds.describe(seed))
                    .isTrue();
            assertThat(text.chars().allMatch(c -> c >= 32 && c < 127 || c == '\n')).as(Seeds.describe(seed))
                    .isTrue();
        }
    }

    @Test
    void nullsAppearOnNullableFieldsOnly() {
        ValueGenerator g = new ValueGenerator(3, ValueGenerator.Options.defaults().withNullProbability(0.5));
        FieldMetadata required = field(CanonicalType.INTEGER);
        FieldMetadata nullable = required.toBuilder().nullable(true).build();
        int nulls = 0;
        for (int i = 0; i < 200; i++) {
            nulls += g.value(nullable) == null ? 1 : 0;
            assertThat(g.value(required)).isNotNull();
        }
        assertThat(nulls).isBetween(50, 150);
    }

    @Test
    void tooFewPossibleKeysIsRefused() {
        ObjectMetadata object = ObjectMetadata.builder("t")
                .addField(FieldMetadata.builder("flag", CanonicalType.BOOLEAN).primaryKey(true).nullable(false).build())
                .build();
        assertThat(new ValueGenerator(1).rows(object, 2)).hasSize(2);
        assertThatThrownBy(() -> new ValueGenerator(1).rows(object, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot generate 3 distinct");
    }

    private static FieldMetadata field(CanonicalType type) {
        return FieldMetadata.builder("f", type).nullable(false).build();
    }

    private static int countSupplementary(String s) {
        return (int) s.codePoints().filter(Character::isSupplementaryCodePoint).count();
    }

    private static List<List<String>> keys(ObjectMetadata object, List<List<Object>> rows) {
        List<List<String>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<String> k = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                k.add(ValueFormats.comparisonKey(object.getFields().get(i).getCanonicalType(), row.get(i)));
            }
            out.add(k);
        }
        return out;
    }
}
