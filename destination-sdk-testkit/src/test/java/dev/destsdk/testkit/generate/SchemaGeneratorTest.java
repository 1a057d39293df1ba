package dev.destsdk.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class SchemaGeneratorTest {
    private static final long BASE_SEED = Seeds.pick();

    private static long seed(RepetitionInfo info, int salt) {
        return Seeds.forCase(BASE_SEED, salt * 1000L + info.getCurrentRepetition());
    }

    @RepeatedTest(5)
    void sameSeedGivesTheSameObjects(RepetitionInfo info) {
        long seed = seed(info, 1);
        SchemaGenerator a = new SchemaGenerator(seed, SchemaGenerator.Options.defaults().withAdversarialNames(true));
        SchemaGenerator b = new SchemaGenerator(seed, SchemaGenerator.Options.defaults().withAdversarialNames(true));
        for (int i = 0; i < 5; i++) {
            assertThat(a.next()).as(Seeds.describe(seed)).isEqualTo(b.next());
        }
        assertThat(a.seed()).isEqualTo(seed);
    }

    @RepeatedTest(10)
    void defaultObjectsCoverEveryTypeWithKeyAndCursor(RepetitionInfo info) {
        long seed = seed(info, 2);
        ObjectMetadata object = new SchemaGenerator(seed).next();
        String why = Seeds.describe(seed) + " " + object;
        Set<CanonicalType> types = object.getFields().stream().map(FieldMetadata::getCanonicalType)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CanonicalType.class)));
        assertThat(types).as(why).containsExactlyInAnyOrder(CanonicalType.values());
        assertThat(object.getPrimaryKeyFields()).as(why).hasSize(1)
                .allSatisfy(f -> assertThat(f.isNullable()).isFalse())
                .allSatisfy(f -> assertThat(f.isSourcePrimaryKey()).isTrue());
        assertThat(object.getCursorField()).as(why).isPresent();
        assertThat(object.getCursorField().orElseThrow().isNullable()).as(why).isFalse();
        assertThat(object.getFields().size()).as(why).isBetween(CanonicalType.values().length + 2, 12 + 2 + 15);
    }

    @RepeatedTest(10)
    void decimalsHaveAValidPrecisionAndScale(RepetitionInfo info) {
        long seed = seed(info, 3);
        SchemaGenerator generator = new SchemaGenerator(seed,
                SchemaGenerator.Options.defaults().withTypes(EnumSet.of(CanonicalType.DECIMAL, CanonicalType.LONG))
                        .withFieldCount(20, 20));
        for (FieldMetadata f : generator.next().getFields()) {
            if (f.getCanonicalType() == CanonicalType.DECIMAL) {
                String why = Seeds.describe(seed) + " " + f;
                assertThat(f.getPrecision()).as(why).hasValueSatisfying(p -> assertThat(p)
                        .isBetween(1, SchemaGenerator.MAX_DECIMAL_PRECISION));
                assertThat(f.getScale()).as(why).hasValueSatisfying(s -> assertThat(s)
                        .isBetween(0, f.getPrecision().orElseThrow()));
                assertThat(f.getOriginalDataType()).as(why)
                        .hasValue("numeric(" + f.getPrecision().get() + "," + f.getScale().get() + ")");
            }
        }
    }

    @RepeatedTest(5)
    void adversarialNamesAreDistinctIgnoringCase(RepetitionInfo info) {
        long seed = seed(info, 4);
        ObjectMetadata object = new SchemaGenerator(seed,
                SchemaGenerator.Options.defaults().withAdversarialNames(true)).next();
        Set<String> lower = new HashSet<>();
        object.getFieldNames().forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        assertThat(lower).as(Seeds.describe(seed)).hasSameSizeAs(object.getFieldNames());
    }

    @RepeatedTest(5)
    void restrictedTypesAndTwoKeyFields(RepetitionInfo info) {
        long seed = seed(info, 5);
        Set<CanonicalType> allowed = EnumSet.of(CanonicalType.STRING, CanonicalType.INTEGER, CanonicalType.BOOLEAN);
        ObjectMetadata object = new SchemaGenerator(seed, SchemaGenerator.Options.defaults().withCursorField(false)
                .withTypes(allowed).withPrimaryKeyFields(2).withEveryType(false).withFieldCount(0, 3)).next();
        String why = Seeds.describe(seed) + " " + object;
        assertThat(object.getFields()).as(why).allSatisfy(f -> assertThat(allowed).contains(f.getCanonicalType()));
        assertThat(object.getPrimaryKeyFields()).as(why).hasSize(2);
        assertThat(object.getPrimaryKeyFields()).as(why)
                .allSatisfy(f -> assertThat(f.getCanonicalType()).isIn(CanonicalType.STRING, CanonicalType.INTEGER));
        object.getPrimaryKeyFields().stream().filter(f -> f.getCanonicalType() == CanonicalType.STRING)
                .forEach(f -> assertThat(f.getPrecision()).as(why).hasValue(SchemaGenerator.STRING_KEY_LENGTH));
        assertThat(object.getCursorField()).as(why).isEmpty();
        assertThat(object.getFields().size()).as(why).isBetween(2, 5);
    }

    @Test
    void impossibleOptionsAreRefused() {
        SchemaGenerator.Options defaults = SchemaGenerator.Options.defaults();
        assertThatThrownBy(() -> defaults.withTypes(EnumSet.of(CanonicalType.BOOLEAN)))
                .hasMessageContaining("primary key fields need one of the types");
        assertThatThrownBy(() -> defaults.withPrimaryKeyFields(0).withTypes(EnumSet.of(CanonicalType.BOOLEAN)))
                .hasMessageContaining("cursor field needs TIMESTAMP or LONG");
        assertThatThrownBy(() -> defaults.withFieldCount(3, 2)).hasMessageContaining("minFields <= maxFields");
        assertThatThrownBy(() -> defaults.withTypes(Set.of())).hasMessageContaining("types is empty");
        assertThatThrownBy(() -> defaults.withNullableProbability(1.5)).hasMessageContaining("[0, 1]");
    }

    @Test
    void plainNamesAreSnakeCaseAndPositional() {
        ObjectMetadata object = new SchemaGenerator(1).next();
        List<String> names = object.getFieldNames();
        assertThat(names.get(0)).matches("key00_[a-z_]+");
        assertThat(names.get(names.size() - 1)).isEqualTo(
                String.format(Locale.ROOT, "cursor%02d_timestamp", names.size() - 1));
        assertThat(names).allMatch(n -> n.matches("[a-z]+\\d\\d_[a-z_]+"));
        assertThat(object.getName()).startsWith("t0_");
    }
}
