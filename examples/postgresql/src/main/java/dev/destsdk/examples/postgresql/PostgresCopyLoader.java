package dev.destsdk.examples.postgresql;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.bulk.BinaryValues;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.CsvOutput;
import dev.destsdk.jdbc.bulk.CsvTranscoder;
import dev.destsdk.jdbc.bulk.DataFileStreams;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;

/**
 * Loads data files with {@code COPY ... FROM STDIN (FORMAT csv)} through pgjdbc's {@link CopyManager}.
 *
 * <p>When {@link #readsNatively} holds, the file's bytes go to the server unchanged (gunzipped if needed) and the
 * COPY options spell the file's format: header, delimiter, quote, NULL marker. Otherwise the file is transcoded on
 * the fly by {@link CsvTranscoder} into PostgreSQL's canonical CSV (every value quoted, NULL unquoted empty, binaries
 * as {@code \x} hex). Cancellation fails the stream at the next buffer and sends a cancel request to the server.
 * Stateless and thread-safe.
 */
public final class PostgresCopyLoader implements BulkLoader {
    private static final int BUFFER = 1 << 16;
    private static final Pattern LINE = Pattern.compile("line (\\d+)");
    private static final Pattern COLUMN = Pattern.compile("column (\\S+?):");

    @Override
    public String describe() {
        return "COPY FROM STDIN";
    }

    /**
     * Whether COPY's CSV reader reads the file exactly as its format says: UTF-8, no trimming, quoting with at most
     * doubled quotes as escapes, at most one header row, one NULL representation, and no binary columns (bytea wants
     * its own hex form). A file that really contains blank lines under {@code skipBlankLines} is not detected
     * here: COPY reads such a line as a record and reports it as missing data (a validation error naming the line).
     *
     * @param format the file's format; not null
     * @param columns the file's columns; not null
     * @return true when the bytes can be passed through
     */
    public static boolean readsNatively(CsvFileFormat format, List<ColumnDef> columns) {
        if (!format.encoding().equals(StandardCharsets.UTF_8) || format.trimSpace() || format.skipHeader() > 1
                || format.quote().isEmpty()) {
            return false;
        }
        char quote = format.quote().get();
        if (format.escape().isPresent() && format.escape().get() != quote) {
            return false;
        }
        if (!singleByte(format.fieldDelimiter()) || !singleByte(quote)) {
            return false;
        }
        if (columns.stream().anyMatch(c -> c.canonicalType() == CanonicalType.BINARY)) {
            return false;
        }
        return nullMarker(format) != null;
    }

    /** The NULL string COPY needs, "" for empty; null when the format's NULL rules cannot be expressed. */
    private static String nullMarker(CsvFileFormat format) {
        List<String> markers = format.nullIf().stream().distinct().toList();
        if (format.emptyFieldAsNull()) {
            return markers.isEmpty() || markers.equals(List.of("")) ? "" : null;
        }
        if (markers.isEmpty()) {
            return "";
        }
        if (markers.size() > 1) {
            return null;
        }
        String m = markers.get(0);
        if (m.isEmpty() || m.indexOf(format.fieldDelimiter()) >= 0 || m.indexOf(format.quote().get()) >= 0
                || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
            return m.isEmpty() ? "" : null;
        }
        return m;
    }

    private static boolean singleByte(char c) {
        return c > 0 && c < 0x80 && c != '\n' && c != '\r';
    }

    /**
     * @param dialect the dialect; not null
     * @param target the target; not null
     * @param format a format {@link #readsNatively} accepts; not null
     * @return the COPY statement reading that format
     */
    public static String nativeCopySql(SqlDialect dialect, BulkLoadTarget target, CsvFileFormat format) {
        String marker = nullMarker(format);
        String columns = columnList(dialect, target);
        StringBuilder sql = new StringBuilder("COPY ").append(dialect.qualify(target.table())).append(" (")
                .append(columns).append(") FROM STDIN WITH (FORMAT csv, HEADER ")
                .append(format.skipHeader() == 1 ? "true" : "false")
                .append(", DELIMITER ").append(dialect.stringLiteral(String.valueOf(format.fieldDelimiter())))
                .append(", QUOTE ").append(dialect.stringLiteral(String.valueOf(format.quote().orElseThrow())))
                .append(", ESCAPE ").append(dialect.stringLiteral(String.valueOf(format.quote().orElseThrow())))
                .append(", NULL ").append(dialect.stringLiteral(marker));
        if (!format.emptyFieldAsNull() && format.nullIf().isEmpty()) {
            // The format has no NULL at all: an unquoted empty field is the empty string.
            sql.append(", FORCE_NOT_NULL (").append(columns).append(")");
        }
        return sql.append(", ENCODING 'UTF8')").toString();
    }

    /**
     * @param dialect the dialect; not null
     * @param target the target; not null
     * @return the COPY statement reading {@link CsvTranscoder}'s output
     */
    public static String transcodedCopySql(SqlDialect dialect, BulkLoadTarget target) {
        return "COPY " + dialect.qualify(target.table()) + " (" + columnList(dialect, target) + ") FROM STDIN WITH"
                + " (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULL '', ENCODING 'UTF8')";
    }

    private static String columnList(SqlDialect dialect, BulkLoadTarget target) {
        return target.columnNames().stream().map(dialect::quote).collect(Collectors.joining(", "));
    }

    @Override
    public long load(SqlExecutor sql, BulkLoadTarget target, LoadFile file) {
        CancellationSignal cancellation = sql.cancellation();
        boolean passThrough = readsNatively(file.format(), target.fileColumns());
        String copy = passThrough ? nativeCopySql(sql.dialect(), target, file.format())
                : transcodedCopySql(sql.dialect(), target);
        CsvTranscoder transcoder = null;
        try {
            BaseConnection pg = sql.connection().unwrap(BaseConnection.class);
            InputStream in;
            if (passThrough) {
                in = DataFileStreams.open(file, cancellation);
            } else {
                transcoder = new CsvTranscoder(file, target.fileColumns().size(), CsvOutput.EMPTY_IS_NULL,
                        converters(target.fileColumns(), file), cancellation);
                in = transcoder;
            }
            long rows;
            try (InputStream stream = in;
                 CancellationSignal.Registration ignored = cancellation.onCancel(() -> cancelQuietly(pg))) {
                rows = new CopyManager(pg).copyIn(copy, stream, BUFFER);
            }
            cancellation.checkCancellation("COPY of " + file.displayName());
            if (transcoder != null) {
                transcoder.throwIfFailed(file);
            }
            return rows;
        } catch (SQLException e) {
            cancellation.checkCancellation("COPY of " + file.displayName());
            if (transcoder != null) {
                transcoder.throwIfFailed(file);
            }
            throw copyFailure(sql, e, copy, file, passThrough, transcoder);
        } catch (IOException e) {
            cancellation.checkCancellation("COPY of " + file.displayName());
            throw ConnectorException.builder(ErrorType.IO_ERROR, "reading the data file failed: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
    }

    private static List<UnaryOperator<String>> converters(List<ColumnDef> columns, LoadFile file) {
        List<UnaryOperator<String>> converters = new ArrayList<>();
        for (ColumnDef c : columns) {
            converters.add(c.canonicalType() == CanonicalType.BINARY
                    ? v -> BinaryValues.toPostgresHex(BinaryValues.decode(v, file.format().binaryFormat(),
                    file.format().encoding()))
                    : null);
        }
        return converters;
    }

    private static ConnectorException copyFailure(SqlExecutor sql, SQLException e, String copy, LoadFile file,
                                                  boolean passThrough, CsvTranscoder transcoder) {
        ConnectorException base = sql.translate(e, copy);
        ConnectorException.Builder b = base.toBuilder().file(file.displayName());
        if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null
                && pe.getServerErrorMessage().getWhere() != null) {
            String where = pe.getServerErrorMessage().getWhere();
            Matcher line = LINE.matcher(where);
            if (line.find()) {
                long n = Long.parseLong(line.group(1));
                if (passThrough) {
                    b.line(n);
                } else if (transcoder != null && transcoder.linesAreRecords()) {
                    b.record(n);
                }
            }
            Matcher column = COLUMN.matcher(where);
            if (column.find()) {
                b.column(column.group(1));
            }
        }
        return b.build();
    }

    private static void cancelQuietly(BaseConnection pg) {
        try {
            pg.cancelQuery();
        } catch (SQLException e) {
            // the COPY is finishing: nothing to cancel
        }
    }
}
