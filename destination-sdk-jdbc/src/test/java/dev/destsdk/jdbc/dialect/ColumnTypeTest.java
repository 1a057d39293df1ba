package dev.destsdk.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.TypeHierarchy;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnTypeTest {

    private static ColumnType random(Random r) {
        CanonicalType t = CanonicalType.values()[r.nextInt(CanonicalType.values().length)];
        boolean bounded = r.nextBoolean();
        return switch (t) {
            case DECIMAL -> bounded ? ColumnType.of(t, 1 + r.nextInt(40), 0) : ColumnType.of(t);
            case STRING, BINARY -> new ColumnType(t, bounded ? Optional.of(1 + r.nextInt(300)) : Optional.empty(),
                    Optional.empty());
            default -> ColumnType.of(t);
        };
    }

    private static ColumnType withScale(Random r, ColumnType t) {
        if (t.canonicalType() == CanonicalType.DECIMAL && t.precision().isPresent()) {
            int p = t.precision().get();
            return ColumnType.of(CanonicalType.DECIMAL, p, r.nextInt(p + 1));
        }
        return t;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 17, 99, 12345})
    void widenWithHoldsBothSidesAndHoldsIsReflexive(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 500; i++) {
            ColumnType a = withScale(r, random(r));
            ColumnType b = withScale(r, random(r));
            ColumnType w = a.widenWith(b);
            assertThat(a.holds(a)).as("seed=%d reflexive %s", seed, a).isTrue();
            assertThat(w.holds(a)).as("seed=%d %s widen %s = %s holds left", seed, a, b, w).isTrue();
            assertThat(w.holds(b)).as("seed=%d %s widen %s = %s holds right", seed, a, b, w).isTrue();
            assertThat(TypeHierarchy.isSubtypeOf(a.canonicalType(), w.canonicalType())).as("seed=%d", seed).isTrue();
        }
    }

    @Test
    void decimalsHoldIntegersOnlyWithEnoughIntegerDigits() {
        assertThat(ColumnType.of(CanonicalType.DECIMAL, 20, 0).holds(ColumnType.of(CanonicalType.LONG))).isTrue();
        assertThat(ColumnType.of(CanonicalType.DECIMAL, 20, 2).holds(ColumnType.of(CanonicalType.LONG))).isFalse();
        assertThat(ColumnType.of(CanonicalType.DECIMAL).holds(ColumnType.of(CanonicalType.LONG))).isTrue();
        assertThat(ColumnType.of(CanonicalType.DECIMAL, 10, 2).holds(ColumnType.of(CanonicalType.DECIMAL, 9, 2)))
                .isTrue();
        assertThat(ColumnType.of(CanonicalType.DECIMAL, 10, 2).holds(ColumnType.of(CanonicalType.DECIMAL, 10, 3)))
                .isFalse();
        assertThat(ColumnType.of(CanonicalType.DECIMAL, 10, 2).widenWith(ColumnType.of(CanonicalType.DECIMAL, 10, 4)))
                .isEqualTo(ColumnType.of(CanonicalType.DECIMAL, 12, 4));
    }

    @Test
    void boundedStringsWidenToTheLongerBoundAndNothingNarrowsToABoundedString() {
        ColumnType s40 = new ColumnType(CanonicalType.STRING, Optional.of(40), Optional.empty());
        ColumnType s80 = new ColumnType(CanonicalType.STRING, Optional.of(80), Optional.empty());
        assertThat(s80.holds(s40)).isTrue();
        assertThat(s40.holds(s80)).isFalse();
        assertThat(s40.widenWith(s80)).isEqualTo(s80);
        assertThat(s40.holds(ColumnType.of(CanonicalType.INTEGER))).isFalse();
        assertThat(ColumnType.of(CanonicalType.STRING).holds(ColumnType.of(CanonicalType.DATE))).isTrue();
        assertThat(ColumnType.of(CanonicalType.LONG).holds(ColumnType.of(CanonicalType.DOUBLE))).isFalse();
        assertThat(ColumnType.of(CanonicalType.BOOLEAN).widenWith(ColumnType.of(CanonicalType.DATE)))
                .isEqualTo(ColumnType.of(CanonicalType.STRING));
    }

    @Test
    void boundedByCapsDecimalsAndDropsLengths() {
        assertThat(ColumnType.of(CanonicalType.DECIMAL).boundedBy(38, 9)).isEqualTo(ColumnType.of(CanonicalType.DECIMAL, 38, 9));
        assertThat(ColumnType.of(CanonicalType.DECIMAL, 50, 40).boundedBy(38, 9))
                .isEqualTo(ColumnType.of(CanonicalType.DECIMAL, 38, 38));
        assertThat(ColumnType.of(CanonicalType.DECIMAL, 12, 2).boundedBy(38, 9))
                .isEqualTo(ColumnType.of(CanonicalType.DECIMAL, 12, 2));
        assertThat(new ColumnType(CanonicalType.STRING, java.util.Optional.of(40), java.util.Optional.empty())
                .boundedBy(38, 9)).isEqualTo(ColumnType.of(CanonicalType.STRING));
    }
}
