package dev.destsdk.jdbc.bulk;

import java.util.Objects;

/**
 * The CSV a database's bulk loader reads when a file is transcoded for it: no header, the given delimiter and quote,
 * every non-NULL value quoted (quotes doubled inside), NULL written as the unquoted {@code nullToken}, records ended
 * by {@code \n}, UTF-8.
 *
 * <p>Because every value is quoted, an unquoted {@code nullToken} can never be mistaken for a value, and the empty
 * string ({@code ""}) stays distinct from NULL.
 *
 * @param delimiter the field delimiter
 * @param quote the quote character
 * @param nullToken what an unquoted NULL field holds, e.g. the empty string (PostgreSQL, DuckDB) or {@code NULL}
 *     (MariaDB); not null
 */
public record CsvOutput(char delimiter, char quote, String nullToken) {

    /** Comma, double quote, NULL as an empty unquoted field: what PostgreSQL's and DuckDB's CSV readers expect. */
    public static final CsvOutput EMPTY_IS_NULL = new CsvOutput(',', '"', "");

    /** Validates the components. */
    public CsvOutput {
        Objects.requireNonNull(nullToken, "nullToken is null");
        if (delimiter == quote) {
            throw new IllegalArgumentException("delimiter and quote must differ");
        }
        if (nullToken.indexOf(quote) >= 0 || nullToken.indexOf(delimiter) >= 0) {
            throw new IllegalArgumentException("the NULL token must not contain the delimiter or the quote");
        }
    }
}
