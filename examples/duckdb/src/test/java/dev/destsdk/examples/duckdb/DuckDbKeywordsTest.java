package dev.destsdk.examples.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.testkit.warehouse.KeywordCoverage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DuckDbDialect}'s reserved words against the embedded engine's own {@code duckdb_keywords()}, so that a
 * DuckDB upgrade that reserves a new word fails here (1.5 added {@code lambda}, {@code at}, {@code by} and
 * {@code unpack}). DuckDB's grammar, like PostgreSQL's, accepts {@code unreserved} and {@code column_name} keywords
 * as unquoted column and table names, but not {@code reserved} nor {@code type_function} ones: the dialect must quote
 * both. The second test asks the parser whether that split still holds.
 */
class DuckDbKeywordsTest {
    private static Connection connection;

    @BeforeAll
    static void connect() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    private static List<String> words(String categories) throws SQLException {
        return KeywordCoverage.catalogWords(connection, "SELECT keyword_name FROM duckdb_keywords() "
                + "WHERE keyword_category IN (" + categories + ") ORDER BY keyword_name");
    }

    @Test
    void theDialectQuotesEveryWordTheEngineReserves() throws SQLException {
        List<String> reserved = words("'reserved', 'type_function'");
        assertThat(reserved).contains("select", "left");
        KeywordCoverage.assertQuotesEvery(new DuckDbDialect().identifiers(), reserved,
                "duckdb_keywords() of DuckDB " + connection.getMetaData().getDatabaseProductVersion());
    }

    @Test
    void theEngineAcceptsEveryOtherKeywordAsAnUnquotedName() throws SQLException {
        List<String> others = words("'unreserved', 'column_name'");
        assertThat(others).contains("name", "value");
        assertThat(KeywordCoverage.refusedAsNames(connection, others,
                List.of("CREATE TABLE kw_probe (%1$s INTEGER)",
                        "SELECT %1$s FROM kw_probe WHERE %1$s = 1 ORDER BY %1$s"),
                "DROP TABLE IF EXISTS kw_probe", e -> String.valueOf(e.getMessage()).startsWith("Parser Error")))
                .as("unreserved and column-name keywords the parser refuses as names").isEmpty();
    }
}
