package dev.destsdk.core.sql;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Splits a SQL script into statements at top-level semicolons, respecting single-quoted strings (with doubled
 * quotes and backslash escapes where enabled), double-quoted and backtick identifiers, line ({@code --}) and block
 * comments, and PostgreSQL dollar-quoting. Empty statements are dropped; comments are kept inside statements.
 *
 * <p>The rules, for every method:
 * <ol>
 *   <li>A statement ends at a {@code ;} that is not inside a string, quoted identifier, comment or dollar quote, or
 *       at the end of the script. The {@code ;} is not part of the statement.</li>
 *   <li>Each statement is trimmed of leading and trailing whitespace ({@link Character#isWhitespace}); everything
 *       in between, comments and line breaks included, is kept exactly as written.</li>
 *   <li>A statement with nothing but whitespace and comments is dropped (JDBC drivers reject an empty query), and
 *       is not counted in {@link SqlStatement#index()}. With {@link SqlSplitOptions#executableComments()} a
 *       MySQL/MariaDB {@code /*!...} comment counts as content. So a comment between two statements belongs to the
 *       statement after it, and a comment after the last semicolon is dropped.</li>
 *   <li>A string, quoted identifier, block comment or dollar quote still open at the end of the script is an error:
 *       a {@link dev.destsdk.core.error.ConnectorException} of type
 *       {@link dev.destsdk.core.error.ErrorType#VALIDATION_ERROR} whose context names the line and column where it
 *       started. A line comment may end the script.</li>
 * </ol>
 *
 * <p>Which constructs are recognised depends on {@link SqlSplitOptions}; the methods without an options parameter
 * use {@link SqlSplitOptions#defaults()}. Client-side commands such as MySQL's {@code DELIMITER} or psql's
 * backslash commands are not interpreted, and neither are statements whose body holds unquoted semicolons (a
 * PostgreSQL {@code BEGIN ATOMIC ... END} function body, a MySQL {@code BEGIN ... END} routine): quote such bodies
 * with dollar quotes or run them as separate scripts.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlScriptSplitter {

    private SqlScriptSplitter() {
    }

    /**
     * Splits a script with {@link SqlSplitOptions#defaults()}.
     *
     * @param script the script; not null
     * @return the statements in order, trimmed, without the terminating semicolon
     * @throws dev.destsdk.core.error.ConnectorException VALIDATION_ERROR naming the line when a string, identifier,
     *     comment or dollar-quote is not terminated
     */
    public static List<String> split(String script) {
        return split(script, SqlSplitOptions.defaults());
    }

    /**
     * Splits a script.
     *
     * @param script the script; not null
     * @param options which constructs to recognise; not null
     * @return the statements in order, trimmed, without the terminating semicolon; never null, possibly empty
     * @throws dev.destsdk.core.error.ConnectorException VALIDATION_ERROR naming the line and column where an
     *     unterminated string, identifier, block comment or dollar quote started
     */
    public static List<String> split(String script, SqlSplitOptions options) {
        return splitStatements(script, options).stream().map(SqlStatement::sql).toList();
    }

    /**
     * Splits a script with {@link SqlSplitOptions#defaults()}, keeping each statement's position.
     *
     * @param script the script; not null
     * @return the statements in order; never null, possibly empty
     * @throws dev.destsdk.core.error.ConnectorException VALIDATION_ERROR naming the line and column where an
     *     unterminated string, identifier, block comment or dollar quote started
     */
    public static List<SqlStatement> splitStatements(String script) {
        return splitStatements(script, SqlSplitOptions.defaults());
    }

    /**
     * Splits a script, keeping each statement's position.
     *
     * @param script the script; not null
     * @param options which constructs to recognise; not null
     * @return the statements in order; never null, possibly empty
     * @throws dev.destsdk.core.error.ConnectorException VALIDATION_ERROR naming the line and column where an
     *     unterminated string, identifier, block comment or dollar quote started
     */
    public static List<SqlStatement> splitStatements(String script, SqlSplitOptions options) {
        Objects.requireNonNull(script, "script is null");
        SqlStatementReader reader = new SqlStatementReader(new StringReader(script), options);
        List<SqlStatement> statements = new ArrayList<>();
        reader.forEachRemaining(statements::add);
        return List.copyOf(statements);
    }

    /**
     * Splits a script lazily as it is read, holding one statement at a time; for scripts too large to hold in
     * memory. A syntax or read error surfaces when the stream reaches it, after the statements before it have been
     * delivered.
     *
     * @param script the script; not null; the caller closes it
     * @param options which constructs to recognise; not null
     * @return the statements in order, as a sequential stream; never null
     * @see SqlStatementReader
     */
    public static Stream<SqlStatement> stream(Reader script, SqlSplitOptions options) {
        return new SqlStatementReader(script, options).stream();
    }
}
