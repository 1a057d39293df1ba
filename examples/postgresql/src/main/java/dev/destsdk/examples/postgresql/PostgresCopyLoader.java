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
import dev.destsdk.jdbc.bulk.CsvChunkStream;
import dev.destsdk.jdbc.bulk.CsvOutput;
import dev.destsdk.jdbc.bulk.CsvPassThrough;
import dev.destsdk.jdbc.bulk.CsvTranscoder;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.bulk.ValueRules;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * <p>When {@link #readsNatively} holds, the file's bytes go to the server through {@link CsvPassThrough}, a cheap
 * byte-level rewrite (no parsing): header rows and skipped blank lines dropped, line ends made LF, the target's
 * constant values appended to each record, and NULL markers rewritten only when COPY's one NULL string cannot
 * express the format's NULL rule. Otherwise the file is transcoded on the fly by {@link CsvTranscoder} into
 * PostgreSQL's canonical CSV (every value quoted, NULL unquoted empty, binaries as {@code \x} hex). Either way the
 * stream has no header, so COPY's "line n" is data record n, reported as the error's record. Cancellation ends the
 * stream at the next buffer and sends a cancel request to the server. Stateless and thread-safe.
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
     * Whether the file's bytes can be passed through to COPY's CSV reader: {@link CsvPassThrough#supports} the
     * format (UTF-8, no trimming, quotes escaped by doubling, single-byte delimiter and quote) and no column is
     * BINARY (bytea wants its own hex form, so binaries are transcoded).
     *
     * @param format the file's format; not null
     * @param columns the file's columns; not null
     * @return true when the bytes can be passed through
     */
    public static boolean readsNatively(CsvFileFormat format, List<ColumnDef> columns) {
        return CsvPassThrough.supports(format)
                && columns.stream().noneMatch(c -> c.canonicalType() == CanonicalType.BINARY);
    }

    /**
     * The NULL string COPY reads: the format's only NULL text when it has exactly one (then nothing is rewritten),
     * else the empty string, with {@link CsvPassThrough} rewriting the format's NULL fields to it.
     *
     * @param format a format {@link #readsNatively} accepts; not null
     * @return the NULL string
     */
    static String nullToken(CsvFileFormat format) {
        Set<String> nulls = CsvPassThrough.nullTexts(format);
        return nulls.size() == 1 ? nulls.iterator().next() : "";
    }

    /**
     * @param dialect the dialect; not null
     * @param target the target; not null
     * @param format a format {@link #readsNatively} accepts; not null
     * @return the COPY statement reading {@link CsvPassThrough}'s output of that format
     */
    public static String nativeCopySql(SqlDialect dialect, BulkLoadTarget target, CsvFileFormat format) {
        String quote = dialect.stringLiteral(String.valueOf(format.quote().orElseThrow()));
        return "COPY " + dialect.qualify(target.table()) + " (" + columnList(dialect, target)
                + ") FROM STDIN WITH (FORMAT csv, HEADER false, DELIMITER "
                + dialect.stringLiteral(String.valueOf(format.fieldDelimiter())) + ", QUOTE " + quote + ", ESCAPE "
                + quote + ", NULL " + dialect.stringLiteral(nullToken(format)) + freeze(target) + ", ENCODING 'UTF8')";
    }

    /**
     * FREEZE for a table created in the load's transaction: its rows are written frozen and its pages marked
     * all-visible, so later reads need not set hint bits and the key check can use an index-only scan.
     */
    private static String freeze(BulkLoadTarget target) {
        return target.createdInTransaction() ? ", FREEZE true" : "";
    }

    /**
     * @param dialect the dialect; not null
     * @param target the target; not null
     * @return the COPY statement reading {@link CsvTranscoder}'s output
     */
    public static String transcodedCopySql(SqlDialect dialect, BulkLoadTarget target) {
        return "COPY " + dialect.qualify(target.table()) + " (" + columnList(dialect, target) + ") FROM STDIN WITH"
                + " (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULL ''" + freeze(target)
                + ", ENCODING 'UTF8')";
    }

    private static String columnList(SqlDialect dialect, BulkLoadTarget target) {
        return target.allColumnNames().stream().map(dialect::quote).collect(Collectors.joining(", "));
    }

    @Override
    public long load(SqlExecutor sql, BulkLoadTarget target, LoadFile file) {
        CancellationSignal cancellation = sql.cancellation();
        boolean passThrough = readsNatively(file.format(), target.fileColumns());
        String copy = passThrough ? nativeCopySql(sql.dialect(), target, file.format())
                : transcodedCopySql(sql.dialect(), target);
        CsvChunkStream in = null;
        try {
            BaseConnection pg = sql.connection().unwrap(BaseConnection.class);
            // The SDK's checks (values, header, field count) run as the bytes pass: COPY's own reader is lenient
            // (it takes 'yesterday' as a timestamp).
            ValueRules rules = ValueRules.of(target, file.format());
            in = passThrough
                    ? new CsvPassThrough(file, rules, nullToken(file.format()), target.constantTexts(), cancellation)
                    : new CsvTranscoder(file, rules, CsvOutput.EMPTY_IS_NULL, converters(target.fileColumns(), file),
                    target.constantTexts(), cancellation);
            long rows;
            try (InputStream stream = in;
                 CancellationSignal.Registration ignored = cancellation.onCancel(() -> cancelQuietly(pg))) {
                rows = new CopyManager(pg).copyIn(copy, stream, BUFFER);
            }
            cancellation.checkCancellation("COPY of " + file.displayName());
            in.throwIfFailed(file);
            return rows;
        } catch (SQLException e) {
            cancellation.checkCancellation("COPY of " + file.displayName());
            if (in != null) {
                in.throwIfFailed(file);
            }
            throw copyFailure(sql, e, copy, file);
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

    private static ConnectorException copyFailure(SqlExecutor sql, SQLException e, String copy, LoadFile file) {
        ConnectorException base = sql.translate(e, copy);
        ConnectorException.Builder b = base.toBuilder().file(file.displayName());
        if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null
                && pe.getServerErrorMessage().getWhere() != null) {
            String where = pe.getServerErrorMessage().getWhere();
            Matcher line = LINE.matcher(where);
            if (line.find()) {
                // COPY counts logical lines (a quoted line break does not start one) of a stream without header.
                b.record(Long.parseLong(line.group(1)));
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
