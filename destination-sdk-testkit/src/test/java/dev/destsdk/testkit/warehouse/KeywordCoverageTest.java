package dev.destsdk.testkit.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.naming.CaseFolding;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.core.naming.KeywordProvider;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeywordCoverageTest {

    /** Folds to lower case and reserves SELECT and LEFT, as a PostgreSQL-like dialect would. */
    private static final IdentifierPolicy LOWER = IdentifierPolicy.builder().caseFolding(CaseFolding.LOWER)
            .keywords(KeywordProvider.of(Set.of("select", "LEFT"))).build();

    /** Keeps case and reserves SELECT and LEFT, as a MariaDB-like dialect would. */
    private static final IdentifierPolicy MIXED = IdentifierPolicy.builder().quoteString("`")
            .keywords(KeywordProvider.of(Set.of("SELECT", "LEFT"))).build();

    @Test
    void passesWhenEveryCatalogWordIsQuotedInEitherCase() {
        assertThat(KeywordCoverage.unquoted(LOWER, List.of("select", "LEFT"))).isEmpty();
        assertThat(KeywordCoverage.unquoted(MIXED, List.of("Select", "left"))).isEmpty();
        assertThatCode(() -> KeywordCoverage.assertQuotesEvery(MIXED, List.of("select", "left"), "test catalog"))
                .doesNotThrowAnyException();
    }

    @Test
    void failsNamingTheWordsAServerUpgradeAddedAndTheDialectLeavesUnquoted() {
        List<String> catalog = List.of("select", "left", "lambda", "at");
        assertThat(KeywordCoverage.unquoted(LOWER, catalog)).containsExactly("AT", "LAMBDA");
        assertThat(KeywordCoverage.unquoted(MIXED, catalog)).containsExactly("AT", "LAMBDA");
        assertThatThrownBy(() -> KeywordCoverage.assertQuotesEvery(MIXED, catalog, "duckdb_keywords()"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("duckdb_keywords() lists 2 of its 4 words")
                .hasMessageContaining("[AT, LAMBDA]")
                .hasMessageContaining("Add them to the dialect's reserved words");
    }

    @Test
    void wordsThatAreNoPlainIdentifierAreQuotedWithoutBeingReserved() {
        // MariaDB lists operators such as && among its keywords; the policy quotes them by their shape
        assertThat(KeywordCoverage.unquoted(MIXED, List.of("&&", "<=>", "SELECT"))).isEmpty();
    }

    @Test
    void aWordQuotedInOneCaseOnlyIsNotCovered() {
        // a lower-folding policy quotes any upper-case name, so only the lower-case spelling tells
        IdentifierPolicy nothingReserved = IdentifierPolicy.builder().caseFolding(CaseFolding.LOWER).build();
        assertThat(KeywordCoverage.unquoted(nothingReserved, List.of("left"))).containsExactly("LEFT");
    }

    @Test
    void anEmptyCatalogFailsInsteadOfPassingVacuously() {
        assertThatThrownBy(() -> KeywordCoverage.assertQuotesEvery(LOWER, List.of(), "pg_get_keywords()"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("pg_get_keywords() reported no keywords");
    }

    @Test
    void theParserProbeTellsRefusedWordsFromAcceptedOnes() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            List<String> refused = KeywordCoverage.refusedAsNames(c, List.of("select", "name", "left", "value"),
                    List.of("CREATE TABLE kw_probe (%1$s INTEGER)", "SELECT %1$s FROM kw_probe WHERE %1$s = 1"),
                    "DROP TABLE IF EXISTS kw_probe", e -> e.getMessage().startsWith("Parser Error"));
            assertThat(refused).containsExactly("LEFT", "SELECT");
        }
    }

    @Test
    void aProbeThatFailsForAnotherReasonFailsTheTest() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThatThrownBy(() -> KeywordCoverage.refusedAsNames(c, List.of("name"),
                    List.of("SELECT %1$s FROM no_such_table"), "SELECT 1",
                    e -> e.getMessage().startsWith("Parser Error")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("failed for another reason than syntax: SELECT name FROM no_such_table");
        }
    }
}
