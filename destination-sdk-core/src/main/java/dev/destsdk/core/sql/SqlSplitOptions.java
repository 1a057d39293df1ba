package dev.destsdk.core.sql;

/**
 * Which lexical constructs {@link SqlScriptSplitter} and {@link SqlStatementReader} recognise. Databases disagree on
 * a few of them (backslash escapes, {@code #} comments, nested block comments, dollar quoting), so the splitter takes
 * them as options; {@link #defaults()}, {@link #postgresql()} and {@link #mariadb()} are the presets.
 *
 * <p>Always recognised, whatever the options: single-quoted strings with doubled quotes ({@code 'it''s'}),
 * double-quoted text with doubled quotes, {@code --} line comments and <code>/* ... *&#47;</code> block comments.
 *
 * <p>Immutable and thread-safe. The {@code with...} methods return a copy with one component changed.
 *
 * @param backslashEscapes a backslash escapes the next character in every single-quoted string, and in double-quoted
 *     text when {@code doubleQuotedStrings} is set (MySQL/MariaDB unless {@code NO_BACKSLASH_ESCAPES}; PostgreSQL
 *     with {@code standard_conforming_strings = off})
 * @param escapeStringPrefix {@code E'...'} / {@code e'...'} strings take backslash escapes (PostgreSQL); the
 *     {@code E} must start a token, so {@code nameE'x'} is an identifier followed by an ordinary string
 * @param doubleQuotedStrings double-quoted text is a string, so {@code backslashEscapes} applies to it (MySQL/MariaDB
 *     without {@code ANSI_QUOTES}); when false it is a quoted identifier, where a backslash is an ordinary character
 * @param backtickIdentifiers {@code `...`} is a quoted identifier with doubled backticks (MySQL/MariaDB)
 * @param hashComments {@code #} starts a comment up to the end of the line (MySQL/MariaDB)
 * @param dashCommentNeedsWhitespace {@code --} starts a comment only when followed by whitespace, a control character
 *     or the end of the script, so that {@code 5--2} is arithmetic (MySQL/MariaDB)
 * @param nestedBlockComments block comments nest: <code>/* a /* b *&#47; c *&#47;</code> is one comment (PostgreSQL)
 * @param executableComments <code>/*! ... *&#47;</code> and <code>/*M! ... *&#47;</code> count as statement content, so a
 *     statement made only of them (as {@code mysqldump} writes) is kept rather than dropped (MySQL/MariaDB)
 * @param dollarQuoting {@code $$...$$} and {@code $tag$...$tag$} are string constants (PostgreSQL); a tag follows the
 *     rules of an unquoted identifier without {@code $}, so {@code $1} is a parameter, and a {@code $} right after an
 *     identifier character ({@code a$$}) belongs to the identifier
 */
public record SqlSplitOptions(
        boolean backslashEscapes,
        boolean escapeStringPrefix,
        boolean doubleQuotedStrings,
        boolean backtickIdentifiers,
        boolean hashComments,
        boolean dashCommentNeedsWhitespace,
        boolean nestedBlockComments,
        boolean executableComments,
        boolean dollarQuoting) {

    /**
     * The options {@link SqlScriptSplitter#split(String)} uses: the constructs of ANSI SQL and PostgreSQL that do
     * not conflict with those of other databases. Doubled quotes only (no backslash escapes outside {@code E'...'}),
     * {@code E'...'} strings, double-quoted and backtick identifiers, {@code --} and non-nested block comments,
     * dollar quoting. Use {@link #postgresql()} for scripts with nested block comments and {@link #mariadb()} for
     * MySQL/MariaDB scripts.
     *
     * @return the default options
     */
    public static SqlSplitOptions defaults() {
        return new SqlSplitOptions(false, true, false, true, false, false, false, false, true);
    }

    /**
     * PostgreSQL with {@code standard_conforming_strings = on} (the default since 9.1): doubled quotes,
     * {@code E'...'} strings with backslash escapes, double-quoted identifiers, nested block comments, dollar
     * quoting. For {@code standard_conforming_strings = off} add {@code withBackslashEscapes(true)}.
     *
     * @return the PostgreSQL options
     */
    public static SqlSplitOptions postgresql() {
        return new SqlSplitOptions(false, true, false, false, false, false, true, false, true);
    }

    /**
     * MySQL and MariaDB in their default SQL mode: backslash escapes in strings, double-quoted strings, backtick
     * identifiers, {@code #} comments, {@code --} comments only before whitespace, executable comments, no dollar
     * quoting. For {@code ANSI_QUOTES} add {@code withDoubleQuotedStrings(false)}; for {@code NO_BACKSLASH_ESCAPES}
     * add {@code withBackslashEscapes(false)}. The client-side {@code DELIMITER} command is not supported.
     *
     * @return the MySQL/MariaDB options
     */
    public static SqlSplitOptions mariadb() {
        return new SqlSplitOptions(true, false, true, true, true, true, false, true, false);
    }

    /**
     * @param value the new {@code backslashEscapes}
     * @return a copy with that value
     */
    public SqlSplitOptions withBackslashEscapes(boolean value) {
        return new SqlSplitOptions(value, escapeStringPrefix, doubleQuotedStrings, backtickIdentifiers, hashComments,
                dashCommentNeedsWhitespace, nestedBlockComments, executableComments, dollarQuoting);
    }

    /**
     * @param value the new {@code escapeStringPrefix}
     * @return a copy with that value
     */
    public SqlSplitOptions withEscapeStringPrefix(boolean value) {
        return new SqlSplitOptions(backslashEscapes, value, doubleQuotedStrings, backtickIdentifiers, hashComments,
                dashCommentNeedsWhitespace, nestedBlockComments, executableComments, dollarQuoting);
    }

    /**
     * @param value the new {@code doubleQuotedStrings}
     * @return a copy with that value
     */
    public SqlSplitOptions withDoubleQuotedStrings(boolean value) {
        return new SqlSplitOptions(backslashEscapes, escapeStringPrefix, value, backtickIdentifiers, hashComments,
                dashCommentNeedsWhitespace, nestedBlockComments, executableComments, dollarQuoting);
    }

    /**
     * @param value the new {@code backtickIdentifiers}
     * @return a copy with that value
     */
    public SqlSplitOptions withBacktickIdentifiers(boolean value) {
        return new SqlSplitOptions(backslashEscapes, escapeStringPrefix, doubleQuotedStrings, value, hashComments,
                dashCommentNeedsWhitespace, nestedBlockComments, executableComments, dollarQuoting);
    }

    /**
     * @param value the new {@code hashComments}
     * @return a copy with that value
     */
    public SqlSplitOptions withHashComments(boolean value) {
        return new SqlSplitOptions(backslashEscapes, escapeStringPrefix, doubleQuotedStrings, backtickIdentifiers,
                value, dashCommentNeedsWhitespace, nestedBlockComments, executableComments, dollarQuoting);
    }

    /**
     * @param value the new {@code dashCommentNeedsWhitespace}
     * @return a copy with that value
     */
    public SqlSplitOptions withDashCommentNeedsWhitespace(boolean value) {
        return new SqlSplitOptions(backslashEscapes, escapeStringPrefix, doubleQuotedStrings, backtickIdentifiers,
                hashComments, value, nestedBlockComments, executableComments, dollarQuoting);
    }

    /**
     * @param value the new {@code nestedBlockComments}
     * @return a copy with that value
     */
    public SqlSplitOptions withNestedBlockComments(boolean value) {
        return new SqlSplitOptions(backslashEscapes, escapeStringPrefix, doubleQuotedStrings, backtickIdentifiers,
                hashComments, dashCommentNeedsWhitespace, value, executableComments, dollarQuoting);
    }

    /**
     * @param value the new {@code executableComments}
     * @return a copy with that value
     */
    public SqlSplitOptions withExecutableComments(boolean value) {
        return new SqlSplitOptions(backslashEscapes, escapeStringPrefix, doubleQuotedStrings, backtickIdentifiers,
                hashComments, dashCommentNeedsWhitespace, nestedBlockComments, value, dollarQuoting);
    }

    /**
     * @param value the new {@code dollarQuoting}
     * @return a copy with that value
     */
    public SqlSplitOptions withDollarQuoting(boolean value) {
        return new SqlSplitOptions(backslashEscapes, escapeStringPrefix, doubleQuotedStrings, backtickIdentifiers,
                hashComments, dashCommentNeedsWhitespace, nestedBlockComments, executableComments, value);
    }
}
