package dev.destsdk.core.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlKeywordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"SELECT", "from", "Where", "TABLE", "user", "timestamp", "current_user", "END-EXEC",
        "json_table", "match_recognize", "year"})
    void sql2016ReservesTheStandardWordsInAnyCase(String word) {
        assertThat(SqlKeywords.sql2016().isReserved(word)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "name", "limit", "customer", "select_", "_from"})
    void sql2016DoesNotReserveOrdinaryNames(String word) {
        assertThat(SqlKeywords.sql2016().isReserved(word)).isFalse();
    }

    @Test
    void wordsAreStoredInUpperCase() {
        Set<String> words = SqlKeywords.sql2016().getReservedKeywords();

        assertThat(words).hasSizeGreaterThan(300)
                .allSatisfy(w -> assertThat(w).isEqualTo(w.toUpperCase(Locale.ROOT)));
        assertThatThrownBy(() -> words.add("X")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void noneReservesNothing() {
        assertThat(SqlKeywords.none().getReservedKeywords()).isEmpty();
        assertThat(SqlKeywords.none().isReserved("select")).isFalse();
    }

    @Test
    void unionCombinesProviders() {
        KeywordProvider union = SqlKeywords.union(SqlKeywords.sql2016(), KeywordProvider.of(Set.of("limit")));

        assertThat(union.isReserved("LIMIT")).isTrue();
        assertThat(union.isReserved("select")).isTrue();
        assertThat(union.getReservedKeywords())
                .hasSize(SqlKeywords.sql2016().getReservedKeywords().size() + 1);
    }
}
