package dev.destsdk.examples.duckdb;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.CsvPassThrough;
import dev.destsdk.jdbc.bulk.DataFileStreams;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads staged CSV files with DuckDB's own reader: {@code INSERT INTO ... SELECT <values>, <constants> FROM
 * read_csv(...)} with every option explicit (no auto-detection). Columns whose text DuckDB's reader converts exactly
 * as a SQL cast would (numbers, booleans, dates, times, timestamps, UUIDs, strings) are read with their type, so the
 * reader converts them while parsing and reports a bad value with its line; the others are read as VARCHAR and
 * converted in SQL (base64 or hex binaries, JSON). {@code allow_quoted_nulls = false} keeps a quoted empty field the
 * empty string: only unquoted fields match the NULL markers. Gzip is read natively.
 *
 * <p>Files must be in a format {@link #readsNatively} accepts; the DuckDB destination's stage rewrites or transcodes
 * the others when it uploads them. DuckDB's reader skips blank lines only in files of more than one column, and
 * (DuckDB 1.5, unlike 1.1) does not skip blank lines before the header row: it takes the first one as the header. So
 * a file whose format skips blank lines is first rewritten without them ({@link CsvPassThrough}) next to the staged
 * file when it has one column, or when it has a header row and starts with a blank line. Stateless and thread-safe.
 */
public final class DuckDbCsvLoader implements BulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbCsvLoader.class);
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
        return new ArrayList<>(CsvPassThrough.nullTexts(format));
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
        String names = target.allColumnNames().stream().map(dialect::quote).collect(Collectors.joining(", "));
        StringBuilder select = new StringBuilder();
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String c = "c" + (i + 1);
            ColumnDef column = columns.get(i);
            boolean typed = readTyped(column);
            select.append(i == 0 ? "" : ", ").append(typed ? c : convert(column, c, f));
            types.append(i == 0 ? "" : ", ").append("'").append(c).append("': ")
                    .append(dialect.stringLiteral(typed ? column.nativeType() : "VARCHAR"));
        }
        for (BulkLoadTarget.ConstantColumn constant : target.constants()) {
            select.append(", ").append(constant.literal());
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

    /** Whether the reader converts the column's text itself, exactly as {@code CAST(text AS type)} would. */
    private static boolean readTyped(ColumnDef column) {
        return switch (column.canonicalType()) {
            case BINARY, JSON -> false;
            default -> true;
        };
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
        LoadFile read = file;
        Path rewritten = null;
        try {
            CsvFileFormat format = file.format();
            if (format.skipBlankLines() && CsvPassThrough.supports(format)
                    && (target.fileColumns().size() == 1
                    || format.skipHeader() == 1 && startsWithBlankLine(file, sql.cancellation()))) {
                rewritten = withoutBlankLines(file, sql.cancellation());
                read = new LoadFile(rewritten, file.displayName(), CsvFileFormat.builder().skipHeader(0)
                        .fieldDelimiter(file.format().fieldDelimiter()).quote(file.format().quote().orElseThrow())
                        .binaryFormat(file.format().binaryFormat()).build());
            }
            String insert = insertSql(sql.dialect(), target, read);
            try {
                return sql.update(insert);
            } catch (ConnectorException e) {
                if (e.getErrorType() == ErrorType.CANCELLED) {
                    throw e;
                }
                ConnectorException.Builder b = file.attribute(e).toBuilder();
                Matcher line = LINE.matcher(e.getDetail());
                if (line.find()) {
                    b.line(Long.parseLong(line.group(1)));
                }
                throw b.build();
            }
        } finally {
            if (rewritten != null) {
                try {
                    Files.deleteIfExists(rewritten);
                } catch (IOException e) {
                    LOG.warn("could not delete {}: {}", rewritten, e.toString());
                }
            }
        }
    }

    /** Whether the file's first line is empty (LF or CRLF), reading at most its first two (uncompressed) bytes. */
    private static boolean startsWithBlankLine(LoadFile file, CancellationSignal cancellation) {
        try (InputStream in = DataFileStreams.open(file, cancellation)) {
            int first = in.read();
            return first == '\n' || first == '\r' && in.read() == '\n';
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot read the staged file: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
    }

    /**
     * Writes the file without header and blank lines, NULL as an unquoted empty field, next to it.
     */
    private static Path withoutBlankLines(LoadFile file, CancellationSignal cancellation) {
        Path out = file.path().resolveSibling(file.path().getFileName() + ".noblank.csv");
        try (InputStream in = new CsvPassThrough(file, "", List.of(), cancellation)) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            cancellation.checkCancellation("load: rewriting " + file.displayName());
            return out;
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot rewrite the staged file: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
    }
}
