package dev.destsdk.core.metadata;

import static dev.destsdk.core.metadata.TypeHierarchy.commonSupertype;
import static dev.destsdk.core.metadata.TypeHierarchy.isSubtypeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The lattice laws, checked exhaustively over every pair and triple of canonical types. */
class TypeHierarchyTest {
    private static final CanonicalType[] ALL = CanonicalType.values();

    @Test
    void reflexive() {
        for (CanonicalType a : ALL) {
            assertThat(isSubtypeOf(a, a)).as("%s <= %s", a, a).isTrue();
        }
    }

    @Test
    void antisymmetric() {
        for (CanonicalType a : ALL) {
            for (CanonicalType b : ALL) {
                if (isSubtypeOf(a, b) && isSubtypeOf(b, a)) {
                    assertThat(a).as("%s <= %s and %s <= %s", a, b, b, a).isEqualTo(b);
                }
            }
        }
    }

    @Test
    void transitive() {
        for (CanonicalType a : ALL) {
            for (CanonicalType b : ALL) {
                for (CanonicalType c : ALL) {
                    if (isSubtypeOf(a, b) && isSubtypeOf(b, c)) {
                        assertThat(isSubtypeOf(a, c)).as("%s <= %s <= %s", a, b, c).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void commonSupertypeIsAnUpperBoundThatNeverNarrows() {
        for (CanonicalType a : ALL) {
            for (CanonicalType b : ALL) {
                CanonicalType join = commonSupertype(a, b);
                assertThat(isSubtypeOf(a, join)).as("%s <= join(%s, %s)=%s", a, a, b, join).isTrue();
                assertThat(isSubtypeOf(b, join)).as("%s <= join(%s, %s)=%s", b, a, b, join).isTrue();
            }
        }
    }

    @Test
    void commonSupertypeIsTheLeastUpperBound() {
        for (CanonicalType a : ALL) {
            for (CanonicalType b : ALL) {
                CanonicalType join = commonSupertype(a, b);
                for (CanonicalType upper : ALL) {
                    if (isSubtypeOf(a, upper) && isSubtypeOf(b, upper)) {
                        assertThat(isSubtypeOf(join, upper))
                                .as("join(%s, %s)=%s must be below every upper bound, e.g. %s", a, b, join, upper)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void commonSupertypeIsCommutativeAndIdempotent() {
        for (CanonicalType a : ALL) {
            assertThat(commonSupertype(a, a)).as("join(%s, %s)", a, a).isEqualTo(a);
            for (CanonicalType b : ALL) {
                assertThat(commonSupertype(a, b)).as("join(%s, %s)", a, b).isEqualTo(commonSupertype(b, a));
            }
        }
    }

    @Test
    void commonSupertypeIsAssociative() {
        for (CanonicalType a : ALL) {
            for (CanonicalType b : ALL) {
                for (CanonicalType c : ALL) {
                    assertThat(commonSupertype(commonSupertype(a, b), c))
                            .as("join(join(%s, %s), %s)", a, b, c)
                            .isEqualTo(commonSupertype(a, commonSupertype(b, c)));
                }
            }
        }
    }

    @Test
    void commonSupertypeOfComparableTypesIsTheWiderOne() {
        for (CanonicalType a : ALL) {
            for (CanonicalType b : ALL) {
                if (isSubtypeOf(a, b)) {
                    assertThat(commonSupertype(a, b)).as("join(%s, %s)", a, b).isEqualTo(b);
                }
            }
        }
    }

    @Test
    void supertypesOfAgreesWithIsSubtypeOfAndIsUnmodifiable() {
        for (CanonicalType a : ALL) {
            List<CanonicalType> expected = new ArrayList<>();
            for (CanonicalType b : ALL) {
                if (isSubtypeOf(a, b)) {
                    expected.add(b);
                }
            }
            assertThat(TypeHierarchy.supertypesOf(a)).as("supertypes of %s", a).containsExactlyInAnyOrderElementsOf(
                    expected);
        }
        assertThatThrownBy(() -> TypeHierarchy.supertypesOf(CanonicalType.SHORT).add(CanonicalType.BOOLEAN))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "{0} widens to STRING")
    @EnumSource(CanonicalType.class)
    void everyTypeWidensToString(CanonicalType type) {
        assertThat(isSubtypeOf(type, CanonicalType.STRING)).isTrue();
        assertThat(commonSupertype(type, CanonicalType.STRING)).isEqualTo(CanonicalType.STRING);
    }

    @ParameterizedTest(name = "STRING does not narrow to {0}")
    @EnumSource(value = CanonicalType.class, mode = EnumSource.Mode.EXCLUDE, names = "STRING")
    void stringNarrowsToNothing(CanonicalType type) {
        assertThat(isSubtypeOf(CanonicalType.STRING, type)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "SHORT, INTEGER, true",
            "SHORT, LONG, true",
            "SHORT, DOUBLE, true",
            "SHORT, DECIMAL, true",
            "INTEGER, LONG, true",
            "INTEGER, DOUBLE, true",
            "INTEGER, DECIMAL, true",
            "INTEGER, FLOAT, false",
            "LONG, DOUBLE, false",
            "LONG, FLOAT, false",
            "LONG, DECIMAL, true",
            "LONG, INTEGER, false",
            "FLOAT, DOUBLE, true",
            "DOUBLE, FLOAT, false",
            "DOUBLE, DECIMAL, false",
            "DECIMAL, DOUBLE, false",
            "DATE, TIMESTAMP, true",
            "DATE, TIMESTAMP_TZ, true",
            "TIMESTAMP, TIMESTAMP_TZ, true",
            "TIMESTAMP_TZ, TIMESTAMP, false",
            "TIME, TIMESTAMP, false",
            "BOOLEAN, INTEGER, false",
            "UUID, BINARY, false",
            "JSON, STRING, true",
            "BINARY, STRING, true"
    })
    void spotChecks(CanonicalType from, CanonicalType to, boolean widens) {
        assertThat(isSubtypeOf(from, to)).isEqualTo(widens);
    }

    @ParameterizedTest(name = "join({0}, {1}) = {2}")
    @CsvSource({
            "INTEGER, FLOAT, DOUBLE",
            "SHORT, FLOAT, FLOAT",
            "LONG, DOUBLE, STRING",
            "LONG, FLOAT, STRING",
            "INTEGER, DECIMAL, DECIMAL",
            "DATE, TIMESTAMP_TZ, TIMESTAMP_TZ",
            "DATE, TIME, STRING",
            "BOOLEAN, SHORT, STRING",
            "UUID, STRING, STRING"
    })
    void joinSpotChecks(CanonicalType a, CanonicalType b, CanonicalType join) {
        assertThat(commonSupertype(a, b)).isEqualTo(join);
    }

    @Test
    void nullArgumentsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> isSubtypeOf(null, CanonicalType.STRING)).hasMessageContaining("from is null");
        assertThatThrownBy(() -> isSubtypeOf(CanonicalType.STRING, null)).hasMessageContaining("to is null");
        assertThatThrownBy(() -> commonSupertype(null, CanonicalType.STRING)).hasMessageContaining("a is null");
        assertThatThrownBy(() -> commonSupertype(CanonicalType.STRING, null)).hasMessageContaining("b is null");
    }
}
