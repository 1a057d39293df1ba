package dev.destsdk.core.sql;

import java.util.List;

/**
 * Splits a SQL script into statements at top-level semicolons, respecting single-quoted strings (with doubled
 * quotes and backslash escapes where enabled), double-quoted and backtick identifiers, line ({@code --}) and block
 * comments, and PostgreSQL dollar-quoting. Empty statements are dropped; comments are kept inside statements.
 */
public final class SqlScriptSplitter {
    // TODO(issue 2)
    private SqlScriptSplitter() {
    }

    /**
     * @param script the script; not null
     * @return the statements in order, trimmed, without the terminating semicolon
     * @throws dev.destsdk.core.error.ConnectorException VALIDATION_ERROR naming the line when a string, identifier,
     *     comment or dollar-quote is not terminated
     */
    public static List<String> split(String script) {
        throw new UnsupportedOperationException("TODO");
    }
}
