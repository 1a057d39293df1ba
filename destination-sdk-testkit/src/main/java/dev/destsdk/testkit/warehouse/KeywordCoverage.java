package dev.destsdk.testkit.warehouse;

import dev.destsdk.core.naming.IdentifierFormatter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assertions;

/**
 * Checks a dialect's identifier policy against the keywords the database itself reports (PostgreSQL's
 * {@code pg_get_keywords()}, DuckDB's {@code duckdb_keywords()}, MariaDB's {@code information_schema.KEYWORDS}), so
 * that a server upgrade that reserves a new word fails a test instead of a customer's load. A connector's test reads
 * the words its database will not accept as an unquoted column or table name and hands them to
 * {@link #assertQuotesEvery(IdentifierFormatter, Collection, String)}:
 * <pre>{@code
 * List<String> mustQuote = KeywordCoverage.catalogWords(connection,
 *         "SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T')");
 * KeywordCoverage.assertQuotesEvery(new PostgresDialect().identifiers(), mustQuote, "pg_get_keywords()");
 * }</pre>
 *
 * <p>A word is covered when the formatter quotes it in lower case and in upper case (the identifier policy quotes a
 * reserved word, and anything that is not a plain identifier, such as MariaDB's {@code &&} operator keyword).
 *
 * <p>Where the catalog does not say which words are reserved (MariaDB lists every keyword), or to prove that the
 * categories a test trusts are the right ones, {@link #refusedAsNames} asks the parser itself. Stateless and
 * thread-safe.
 */
public final class KeywordCoverage {

    private KeywordCoverage() {
    }

    /**
     * Reads keywords from the database's catalog.
     *
     * @param connection an open connection; not null; not closed here
     * @param query a query whose first column is a keyword, e.g.
     *     {@code SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T')}; not null
     * @return the first column of every row, in the query's order
     * @throws SQLException when the query fails
     */
    public static List<String> catalogWords(Connection connection, String query) throws SQLException {
        Objects.requireNonNull(connection, "connection is null");
        Objects.requireNonNull(query, "query is null");
        List<String> words = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                words.add(rs.getString(1));
            }
        }
        return words;
    }

    /**
     * @param formatter the dialect's identifier policy; not null
     * @param keywords words the database does not accept unquoted as a name, any case; not null, without nulls
     * @return those the formatter renders unquoted in lower or upper case, upper case, sorted; empty when every word
     *     is quoted
     */
    public static List<String> unquoted(IdentifierFormatter formatter, Collection<String> keywords) {
        Objects.requireNonNull(formatter, "formatter is null");
        Objects.requireNonNull(keywords, "keywords is null");
        TreeSet<String> missing = new TreeSet<>();
        for (String word : keywords) {
            Objects.requireNonNull(word, "keyword is null");
            String lower = word.toLowerCase(Locale.ROOT);
            String upper = word.toUpperCase(Locale.ROOT);
            if (!isQuoted(formatter, lower) || !isQuoted(formatter, upper)) {
                missing.add(upper);
            }
        }
        return List.copyOf(missing);
    }

    /**
     * Fails unless the formatter quotes every keyword. Also fails when {@code keywords} is empty, since a catalog
     * query that returns nothing proves nothing.
     *
     * @param formatter the dialect's identifier policy; not null
     * @param keywords words the database does not accept unquoted as a name; not null, without nulls
     * @param catalog where the words come from, for the message, e.g. {@code pg_get_keywords()}; not null
     * @throws AssertionError naming every word the dialect leaves unquoted
     */
    public static void assertQuotesEvery(IdentifierFormatter formatter, Collection<String> keywords, String catalog) {
        Objects.requireNonNull(catalog, "catalog is null");
        if (Objects.requireNonNull(keywords, "keywords is null").isEmpty()) {
            Assertions.fail(catalog + " reported no keywords that must be quoted: the catalog query is wrong, so "
                    + "the dialect's reserved words were not checked");
        }
        List<String> missing = unquoted(formatter, keywords);
        if (!missing.isEmpty()) {
            Assertions.fail(catalog + " lists " + missing.size() + " of its " + keywords.size() + " words that "
                    + "must be quoted as names, but the dialect's identifier policy leaves them unquoted: " + missing
                    + ". Add them to the dialect's reserved words.");
        }
    }

    /**
     * Asks the database's parser which words it refuses as unquoted names: for each word, runs every statement
     * template with the word in place of {@code %1$s} (e.g. {@code CREATE TEMPORARY TABLE kw_probe (%1$s INT)}, then
     * {@code SELECT %1$s FROM kw_probe WHERE %1$s = 1}), stopping at the first failure, then the cleanup statement.
     * A word is refused when a statement fails with a syntax error; any other failure fails the test, since the
     * probe itself is then wrong.
     *
     * @param connection an open connection in auto-commit mode; not null; not closed here
     * @param words the words to try; not null, without nulls
     * @param statements the statement templates, run in order; not null or empty
     * @param cleanup a statement run after each word whatever happened, e.g. {@code DROP TABLE IF EXISTS kw_probe};
     *     not null
     * @param isSyntaxError whether a failure is the parser refusing the statement; not null
     * @return the refused words, upper case, sorted
     * @throws AssertionError when a statement or the cleanup fails with another error
     */
    public static List<String> refusedAsNames(Connection connection, Collection<String> words, List<String> statements,
                                              String cleanup, Predicate<SQLException> isSyntaxError) {
        Objects.requireNonNull(connection, "connection is null");
        Objects.requireNonNull(words, "words is null");
        Objects.requireNonNull(cleanup, "cleanup is null");
        Objects.requireNonNull(isSyntaxError, "isSyntaxError is null");
        if (Objects.requireNonNull(statements, "statements is null").isEmpty()) {
            throw new IllegalArgumentException("statements is empty");
        }
        TreeSet<String> refused = new TreeSet<>();
        for (String word : words) {
            for (String template : statements) {
                String sql = String.format(Locale.ROOT, template, word);
                try {
                    execute(connection, sql);
                } catch (SQLException e) {
                    if (!isSyntaxError.test(e)) {
                        return Assertions.fail("the keyword probe failed for another reason than syntax: " + sql
                                + ": " + e.getMessage(), e);
                    }
                    refused.add(word.toUpperCase(Locale.ROOT));
                    break;
                }
            }
            try {
                execute(connection, cleanup);
            } catch (SQLException e) {
                return Assertions.fail("the keyword probe's cleanup failed: " + cleanup + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(refused);
    }

    /** One statement per execution: some drivers (DuckDB's) close a statement that failed. */
    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static boolean isQuoted(IdentifierFormatter formatter, String word) {
        return !formatter.format(word).equals(word);
    }
}
