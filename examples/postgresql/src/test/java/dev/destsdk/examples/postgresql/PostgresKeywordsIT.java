package dev.destsdk.examples.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.testkit.warehouse.KeywordCoverage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresDialect}'s reserved words against the server's own {@code pg_get_keywords()}, so that a PostgreSQL
 * upgrade that reserves a new word fails here. PostgreSQL's grammar accepts unreserved ({@code U}) and column-name
 * ({@code C}) keywords as unquoted column and table names, but not reserved ({@code R}) ones nor those reserved
 * except as function or type names ({@code T}): the dialect must quote every {@code R} and {@code T} word. The
 * second test asks the parser whether that split still holds. The server comes from {@code DESTSDK_PG_URL}, as in
 * {@link PostgresDestinationIT}.
 */
class PostgresKeywordsIT {
    private static final String SYNTAX_ERROR = "42601";

    private static Connection connection;

    @BeforeAll
    static void connect() {
        connection = PostgresDestinationIT.DATABASE.connectOrSkip();
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    private static List<String> words(String catcodes) throws SQLException {
        return KeywordCoverage.catalogWords(connection,
                "SELECT word FROM pg_get_keywords() WHERE catcode IN (" + catcodes + ") ORDER BY word");
    }

    @Test
    void theDialectQuotesEveryWordTheServerReserves() throws SQLException {
        List<String> reserved = words("'R', 'T'");
        assertThat(reserved).contains("select", "left");
        KeywordCoverage.assertQuotesEvery(new PostgresDialect().identifiers(), reserved,
                "pg_get_keywords() of " + connection.getMetaData().getDatabaseProductVersion());
    }

    @Test
    void theServerAcceptsEveryOtherKeywordAsAnUnquotedName() throws SQLException {
        List<String> others = words("'U', 'C'");
        assertThat(others).contains("name", "value");
        assertThat(KeywordCoverage.refusedAsNames(connection, others,
                List.of("CREATE TEMPORARY TABLE kw_probe (%1$s integer)",
                        "SELECT %1$s FROM kw_probe WHERE %1$s = 1 ORDER BY %1$s"),
                "DROP TABLE IF EXISTS kw_probe", e -> SYNTAX_ERROR.equals(e.getSQLState())))
                .as("unreserved and column-name keywords the parser refuses as names").isEmpty();
    }
}
