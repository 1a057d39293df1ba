package dev.destsdk.core.sql;

import java.util.Objects;

/**
 * One statement of a split SQL script, with where it came from so that an error running it can point back into
 * the script.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sql the statement, trimmed, without its terminating semicolon; not blank. Comments inside the statement
 *     (including ones before its first keyword) are kept as written
 * @param index the 0-based position of the statement among the statements of its script (dropped empty statements
 *     are not counted)
 * @param line the 1-based line of the script on which {@code sql} starts; {@code \n}, {@code \r\n} and a lone
 *     {@code \r} each end a line
 */
public record SqlStatement(String sql, int index, int line) {

    /** Validates the components. */
    public SqlStatement {
        Objects.requireNonNull(sql, "sql is null");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("sql is blank");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0 but was " + index);
        }
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1 but was " + line);
        }
    }
}
