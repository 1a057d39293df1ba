package dev.destsdk.examples.duckdb;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.BatchedInsertLoader;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.CsvChunkStream;
import dev.destsdk.jdbc.bulk.CsvOutput;
import dev.destsdk.jdbc.bulk.CsvPassThrough;
import dev.destsdk.jdbc.bulk.CsvTranscoder;
import dev.destsdk.jdbc.bulk.DataFileCheck;
import dev.destsdk.jdbc.bulk.DataFileStreams;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.bulk.ValueRules;
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
 * <p>Every file is first checked with the SDK's {@link ValueRules} (see {@link #load}). A file in a format
 * {@link #readsNatively} accepts is read as it is; any other is rewritten next to the staged file while it is
 * checked, and so is a file whose format skips blank lines when they matter to DuckDB's reader: it skips blank lines
 * only in files of more than one column and (DuckDB 1.5, unlike 1.1) not before the header row, which it takes from
 * the first line. Stateless and thread-safe.
 */
public final class DuckDbCsvLoader implements BulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbCsvLoader.class);
    private static final Pattern LINE = Pattern.compile("(?i)line:? (\\d+)");
    /** The largest record DuckDB's reader is given (its default {@code max_line_size} is 2 MiB). */
    static final long READER_RECORD_LIMIT = 1L << 20;

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

    /**
     * Loads a file: checks it with the SDK's {@link ValueRules} (DuckDB's reader is lenient: it stores a bad
     * timestamp as NULL and reads a cut-off gzip file as if it were whole), then reads it with {@code read_csv}. A
     * file DuckDB's reader does not read as is (its format, or blank lines in a one-column file) is rewritten next
     * to it while being checked, and that copy is read. A file holding a record larger than DuckDB's reader takes
     * ({@link #READER_RECORD_LIMIT}; DuckDB 1.1 drops such rows without an error) is inserted row by row instead.
     * The rows DuckDB inserted must be the records the check counted.
     */
    @Override
    public long load(SqlExecutor sql, BulkLoadTarget target, LoadFile file) {
        ValueRules rules = ValueRules.of(target, file.format());
        CancellationSignal cancellation = sql.cancellation();
        Path rewritten = null;
        try {
            LoadFile read = file;
            DataFileCheck.Checked checked;
            CsvFileFormat format = file.format();
            // DuckDB skips blank lines only in files of more than one column, and (1.5) not before the header row
            boolean blankLinesMatter = format.skipBlankLines() && (target.fileColumns().size() == 1
                    || format.skipHeader() == 1 && startsWithBlankLine(file, cancellation));
            // a header with quoted names (they may hold delimiters or line breaks) is dropped by the SDK instead:
            // DuckDB 1.5 read a record as part of such a header and inserted nothing
            boolean quotedHeader = format.skipHeader() == 1 && firstLineHasQuote(file, cancellation);
            if (readsNatively(format) && !blankLinesMatter && !quotedHeader) {
                checked = DataFileCheck.check(file, rules, cancellation);
            } else {
                rewritten = file.path().resolveSibling(file.path().getFileName() + ".checked.csv");
                checked = rewrite(file, rules, rewritten, cancellation);
                read = new LoadFile(rewritten, file.displayName(), rewrittenFormat(file.format()));
            }
            if (checked.largestRecord() > READER_RECORD_LIMIT || checked.quotedCarriageReturn()) {
                // DuckDB's reader drops records above 2 MiB (1.1) and refuses a carriage return inside a quoted
                // value (1.5): such files are inserted row by row
                LOG.debug("{} holds a record of {} bytes or a quoted carriage return: inserting it row by row",
                        file.displayName(), checked.largestRecord());
                return new BatchedInsertLoader().load(sql, target, file);
            }
            long rows = insert(sql, target, read, file);
            if (rows != checked.records()) {
                throw ConnectorException.builder(ErrorType.INTERNAL_ERROR, "DuckDB's reader inserted " + rows
                        + " row(s) from a file of " + checked.records() + " record(s); nothing was loaded")
                        .file(file.displayName()).retryable(false).build();
            }
            return rows;
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

    private static long insert(SqlExecutor sql, BulkLoadTarget target, LoadFile read, LoadFile file) {
        String insert = insertSql(sql.dialect(), target, read);
        try {
            return sql.update(insert);
        } catch (ConnectorException e) {
            if (e.getErrorType() == ErrorType.CANCELLED) {
                throw e;
            }
            // The checks passed, so DuckDB refused something they do not cover (e.g. a value its type cannot
            // hold). Its message quotes whole lines and its own option names: keep only its first line.
            String first = firstLine(e.getDetail());
            ConnectorException.Builder b = ConnectorException.builder(e.getErrorType(), "DuckDB could not read the"
                    + " file: " + (first.length() > 200 ? first.substring(0, 200) + "…" : first))
                    .file(file.displayName()).retryable(e.isRetryable());
            Matcher line = LINE.matcher(e.getDetail());
            if (line.find()) {
                b.line(Long.parseLong(line.group(1)));
            }
            throw b.build();
        }
    }

    private static boolean startsWithBlankLine(LoadFile file, CancellationSignal cancellation) {
        try (InputStream in = DataFileStreams.open(file, cancellation)) {
            int first = in.read();
            return first == '\n' || first == '\r' && in.read() == '\n';
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot read the staged file: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
    }

    private static boolean firstLineHasQuote(LoadFile file, CancellationSignal cancellation) {
        int quote = file.format().quote().map(q -> (int) q).orElse(-1);
        try (InputStream in = DataFileStreams.open(file, cancellation)) {
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                if (b == quote) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot read the staged file: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The format of a file {@link #rewrite} wrote: no header, blank lines and NULL as an unquoted empty field. */
    private static CsvFileFormat rewrittenFormat(CsvFileFormat format) {
        if (CsvPassThrough.supports(format)) {
            return CsvFileFormat.builder().skipHeader(0).fieldDelimiter(format.fieldDelimiter())
                    .quote(format.quote().orElseThrow()).binaryFormat(format.binaryFormat()).build();
        }
        return CsvFileFormat.builder().skipHeader(0).binaryFormat(format.binaryFormat()).build();
    }

    /**
     * Writes the file, checked, as DuckDB's reader reads it: without header and blank lines, NULL as an unquoted
     * empty field, uncompressed; byte-level when the format allows, else transcoded.
     */
    private static DataFileCheck.Checked rewrite(LoadFile file, ValueRules rules, Path out,
                                                 CancellationSignal cancellation) {
        CsvChunkStream stream = CsvPassThrough.supports(file.format())
                ? new CsvPassThrough(file, rules, "", List.of(), cancellation)
                : new CsvTranscoder(file, rules, CsvOutput.EMPTY_IS_NULL, List.of(), List.of(), cancellation);
        try (InputStream in = stream) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot rewrite the staged file: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
        cancellation.checkCancellation("load: rewriting " + file.displayName());
        stream.throwIfFailed(file);
        return new DataFileCheck.Checked(stream.records(), stream.largestRecord(), stream.hasQuotedCarriageReturn());
    }
}
