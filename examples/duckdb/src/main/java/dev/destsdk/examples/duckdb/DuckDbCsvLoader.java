package dev.destsdk.examples.duckdb;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads staged CSV files with DuckDB's own reader: {@code INSERT INTO ... SELECT <conversions> FROM read_csv(...)}
 * with every option explicit (no auto-detection), every column read as VARCHAR and converted in SQL (base64 or hex
 * binaries, JSON, zoned timestamps). {@code allow_quoted_nulls = false} keeps a quoted empty field the empty string:
 * only unquoted fields match the NULL markers. Gzip is read natively.
 *
 * <p>Files must be in a format {@link #readsNatively} accepts; the DuckDB destination's stage transcodes the others
 * when it uploads them. Stateless and thread-safe.
 */
public final class DuckDbCsvLoader implements BulkLoader {
    private static final Pattern LINE = Pattern.compile("(?i)line:? (\\d+)");

    @Override
    public String describe() {
        return "read_csv";
    }

    /**
     * @param format a file's format; not null
     * @return whether DuckDB's reader reads it exactly as the format says: UTF-8, no trimming, quotes escaped by
     *     doubling or an escape character inside quotes only when it is the quote itself, at most one header row,
     *     and at least one way to write NULL
     */
    public static boolean readsNatively(CsvFileFormat format) {
        return format.encoding().equals(StandardCharsets.UTF_8) && !format.trimSpace() && format.quote().isPresent()
                && format.escape().map(e -> e.equals(format.quote().get())).orElse(true)
                && format.skipHeader() <= 1 && !nullMarkers(format).isEmpty();
    }

    private static List<String> nullMarkers(CsvFileFormat format) {
        Set<String> markers = new LinkedHashSet<>();
        if (format.emptyFieldAsNull()) {
            markers.add("");
        }
        markers.addAll(format.nullIf());
        return new ArrayList<>(markers);
    }

    /**
     * @param dialect the dialect; not null
     * @param target the target; not null
     * @param file a file whose format {@link #readsNatively} accepts; not null
     * @return the INSERT statement
     */
    public static String insertSql(SqlDialect dialect, BulkLoadTarget target, LoadFile file) {
        CsvFileFormat f = file.format();
        List<ColumnDef> columns = target.fileColumns();
        String names = columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "));
        StringBuilder select = new StringBuilder();
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String c = "c" + (i + 1);
            select.append(i == 0 ? "" : ", ").append(convert(columns.get(i), c, f));
            types.append(i == 0 ? "" : ", ").append("'").append(c).append("': 'VARCHAR'");
        }
        String quote = String.valueOf(f.quote().orElseThrow());
        return "INSERT INTO " + dialect.qualify(target.table()) + " (" + names + ") SELECT " + select
                + " FROM read_csv(" + dialect.stringLiteral(file.path().toString()) + ", columns = {" + types + "}"
                + ", header = " + (f.skipHeader() == 1) + ", auto_detect = false"
                + ", delim = " + dialect.stringLiteral(String.valueOf(f.fieldDelimiter()))
                + ", quote = " + dialect.stringLiteral(quote) + ", escape = " + dialect.stringLiteral(quote)
                + ", nullstr = [" + nullMarkers(f).stream().map(dialect::stringLiteral).collect(Collectors.joining(", "))
                + "], allow_quoted_nulls = false"
                + ", compression = '" + (f.gzip() ? "gzip" : "none") + "')";
    }

    private static String convert(ColumnDef column, String c, CsvFileFormat format) {
        return switch (column.canonicalType()) {
            case STRING -> c;
            case BINARY -> switch (format.binaryFormat()) {
                case BASE64 -> "from_base64(" + c + ")";
                case HEX -> "unhex(" + c + ")";
                case RAW -> "encode(" + c + ")";
            };
            default -> "CAST(" + c + " AS " + column.nativeType() + ")";
        };
    }

    @Override
    public long load(SqlExecutor sql, BulkLoadTarget target, LoadFile file) {
        String insert = insertSql(sql.dialect(), target, file);
        try {
            return sql.update(insert);
        } catch (ConnectorException e) {
            if (e.getErrorType() == dev.destsdk.core.error.ErrorType.CANCELLED) {
                throw e;
            }
            ConnectorException.Builder b = file.attribute(e).toBuilder();
            Matcher line = LINE.matcher(e.getDetail());
            if (line.find()) {
                b.line(Long.parseLong(line.group(1)));
            }
            throw b.build();
        }
    }
}
