package dev.destsdk.examples.mariadb;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.CsvOutput;
import dev.destsdk.jdbc.bulk.CsvChunkStream;
import dev.destsdk.jdbc.bulk.CsvPassThrough;
import dev.destsdk.jdbc.bulk.CsvTranscoder;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.bulk.ValueRules;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads data files with {@code LOAD DATA LOCAL INFILE}, feeding the statement from a stream
 * ({@code org.mariadb.jdbc.Statement#setLocalInfileInputStream}), so no file path ever reaches the server.
 *
 * <p>MariaDB's reader cannot tell an unquoted empty field from a quoted one, and reads NULL only as an unquoted
 * {@code NULL} word. When {@link #readsNatively} holds, the file's bytes pass through {@link CsvPassThrough}, a
 * byte-level rewrite without parsing that writes the format's NULL fields as the unquoted word {@code NULL} (and
 * quotes a value that is that word), drops header rows and skipped blank lines and makes line ends LF; other files
 * are transcoded on the fly ({@link CsvTranscoder}) into that form. Fields go straight into their columns where
 * MariaDB's own conversion of the text is right; the others are converted in the statement's {@code SET} clause
 * (booleans, zoned timestamps to UTC, base64 or hex binaries), which also fills the target's constant columns. Because LOAD DATA LOCAL turns bad values into warnings, the loader reads {@code SHOW WARNINGS}
 * afterwards and fails on the first one, naming the file and record. Zoned timestamps, which the check lets through
 * only with an offset of {@code Z} or {@code ±hh:mm}, are converted to UTC. Stateless
 * and thread-safe.
 */
public final class MariaDbLoadDataLoader implements BulkLoader {
    private static final String NULL_WORD = "NULL";
    private static final CsvOutput OUTPUT = new CsvOutput(',', '"', NULL_WORD);
    private static final Pattern ROW = Pattern.compile("(?i)\\brow (\\d+)");
    /** How long a cancelled auto-commit LOAD DATA may take to end on its own before it is killed. */
    private static final long KILL_AFTER_MILLIS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbLoadDataLoader.class);

    @Override
    public String describe() {
        return "LOAD DATA LOCAL INFILE";
    }

    /**
     * @param format the file's format; not null
     * @return whether the file's bytes can be passed through (after {@link CsvPassThrough}'s rewrite): UTF-8, no
     *     trimming, quotes escaped by doubling, single-byte delimiter and quote
     */
    public static boolean readsNatively(CsvFileFormat format) {
        return CsvPassThrough.supports(format);
    }

    /**
     * @param dialect the dialect; not null
     * @param target the target; not null
     * @param format the format of the stream the statement reads (its delimiter, quote and record separator);
     *     not null
     * @param ignoreLines header lines to skip
     * @return the LOAD DATA statement
     */
    public static String loadDataSql(SqlDialect dialect, BulkLoadTarget target, CsvFileFormat format, int ignoreLines) {
        List<ColumnDef> columns = target.fileColumns();
        List<String> fields = new ArrayList<>();
        List<String> set = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef column = columns.get(i);
            Optional<String> conversion = convert(column, "@c" + (i + 1), format);
            if (conversion.isPresent()) {
                fields.add("@c" + (i + 1));
                set.add(dialect.quote(column.name()) + " = " + conversion.get());
            } else {
                // MariaDB converts the text itself, as it would the variable's
                fields.add(dialect.quote(column.name()));
            }
        }
        for (BulkLoadTarget.ConstantColumn c : target.constants()) {
            set.add(dialect.quote(c.name()) + " = " + c.literal());
        }
        return "LOAD DATA LOCAL INFILE 'destsdk.csv' INTO TABLE " + dialect.qualify(target.table())
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY "
                + dialect.stringLiteral(String.valueOf(format.fieldDelimiter()))
                + " OPTIONALLY ENCLOSED BY " + dialect.stringLiteral(String.valueOf(format.quote().orElseThrow()))
                + " ESCAPED BY '' LINES TERMINATED BY " + dialect.stringLiteral(format.recordSeparator())
                + (ignoreLines > 0 ? " IGNORE " + ignoreLines + " LINES" : "")
                + " (" + String.join(", ", fields) + ")" + (set.isEmpty() ? "" : " SET " + String.join(", ", set));
    }

    /**
     * The SQL that turns a column's text (user variable {@code v}) into its value, when MariaDB's own conversion of
     * the text would not: booleans written as words, zoned timestamps (to UTC), encoded binaries.
     *
     * <p>Every value reaching the statement has passed the SDK's check ({@link ValueRules}) on both paths, so the
     * expressions handle only the canonical forms and stay cheap: the server evaluates them once per row, and the
     * general ones (a six-way {@code CASE} for booleans, a three-way one probing the offset's shape) cost a
     * 2,000,000-row load about 0.8 s more of the server's single-threaded time. A boolean is {@code true} or
     * {@code false}; a zoned timestamp ends with {@code Z} or {@code ±hh:mm}, and is ASCII.
     */
    private static Optional<String> convert(ColumnDef column, String v, CsvFileFormat format) {
        return switch (column.canonicalType()) {
            case BOOLEAN -> Optional.of("(" + v + " = 'true')");
            // Offsets are subtracted arithmetically: CONVERT_TZ leaves values outside 1970-2038 unconverted and
            // returns NULL for offsets beyond +13:00.
            case TIMESTAMP_TZ -> Optional.of("IF(RIGHT(" + v + ", 1) = 'Z', CAST(LEFT(" + v + ", LENGTH(" + v
                    + ") - 1) AS DATETIME(6)), CAST(LEFT(" + v + ", LENGTH(" + v + ") - 6) AS DATETIME(6))"
                    + " - INTERVAL RIGHT(" + v + ", 6) HOUR_MINUTE)");
            case BINARY -> switch (format.binaryFormat()) {
                case BASE64 -> Optional.of("FROM_BASE64(" + v + ")");
                case HEX -> Optional.of("UNHEX(" + v + ")");
                case RAW -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }

    @Override
    public long load(SqlExecutor sql, BulkLoadTarget target, LoadFile file) {
        CsvFileFormat format = file.format();
        boolean passThrough = readsNatively(format);
        // Both streams have no header, end records with LF and write NULL as the unquoted word NULL.
        CsvFileFormat streamFormat = passThrough
                ? format.toBuilder().skipHeader(0).recordSeparator("\n").build()
                : CsvFileFormat.builder().skipHeader(0).binaryFormat(format.binaryFormat()).build();
        String load = loadDataSql(sql.dialect(), target, streamFormat, 0);
        // The SDK's checks (values, header, field count: LOAD DATA sets the variables of missing fields to NULL
        // without a warning) run as the bytes pass.
        ValueRules rules = ValueRules.of(target, format);
        CsvChunkStream stream = passThrough
                ? new CsvPassThrough(file, rules, NULL_WORD, List.of(), sql.cancellation())
                : new CsvTranscoder(file, rules, OUTPUT, List.of(), List.of(), sql.cancellation());
        try (InputStream in = stream) {
            long rows = loadData(sql, load, in);
            sql.cancellation().checkCancellation("LOAD DATA of " + file.displayName());
            stream.throwIfFailed(file);
            failOnWarnings(sql, file);
            return rows;
        } catch (ConnectorException e) {
            sql.cancellation().checkCancellation("LOAD DATA of " + file.displayName());
            stream.throwIfFailed(file);
            throw file.attribute(e);
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "reading the data file failed: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
    }

    /**
     * Runs the LOAD DATA statement so that a cancel returns at once instead of waiting for the server to undo the
     * rows read so far (an InnoDB rollback of a large LOAD DATA takes seconds):
     * <ul>
     *   <li>inside the load's transaction (files loaded straight into the target), a cancel from now until the
     *       transaction ends (during this file, between files, during the steps after them) closes the connection
     *       ({@link TransactionAbort}): the server rolls the whole transaction back on its own once the client is
     *       gone, and no reader ever sees its rows; nothing else of the load needs the connection then (no helper
     *       table exists on that path);</li>
     *   <li>in auto-commit (a staging or aside table, which the load drops afterwards), the stream ends at once
     *       (it stops when the signal fires), so the statement ends with the rows read so far; only when it has not
     *       returned {@link #KILL_AFTER_MILLIS} later (the server waits on a lock, say) is the statement killed.</li>
     * </ul>
     */
    private static long loadData(SqlExecutor sql, String load, InputStream in) {
        sql.cancellation().checkCancellation("starting LOAD DATA");
        Connection c = sql.connection();
        AtomicBoolean running = new AtomicBoolean(true);
        try (Statement st = c.createStatement()) {
            boolean inTransaction = !c.getAutoCommit();
            if (inTransaction) {
                TransactionAbort.abortOnCancel(c, sql.cancellation());
            }
            st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
            try (CancellationSignal.Registration ignored = sql.cancellation().onCancel(() -> {
                if (!inTransaction) {
                    CompletableFuture.runAsync(() -> {
                        if (running.get()) {
                            cancelQuietly(st);
                        }
                    }, CompletableFuture.delayedExecutor(KILL_AFTER_MILLIS, TimeUnit.MILLISECONDS));
                }
            })) {
                return st.executeLargeUpdate(load);
            } finally {
                running.set(false);
            }
        } catch (SQLException e) {
            throw sql.translate(e, load);
        }
    }

    private static void cancelQuietly(Statement st) {
        try {
            st.cancel();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("statement cancel failed", e);
        }
    }

    private static void failOnWarnings(SqlExecutor sql, LoadFile file) {
        sql.query("SHOW WARNINGS", rs -> {
            while (rs.next()) {
                if (!"Note".equalsIgnoreCase(rs.getString(1))) {
                    throw warning(rs, file);
                }
            }
            return null;
        });
    }

    private static ConnectorException warning(ResultSet rs, LoadFile file) throws SQLException {
        String message = rs.getString(3);
        ConnectorException.Builder b = ConnectorException.builder(ErrorType.VALIDATION_ERROR,
                "mariadb rejected a value: " + message + " (MariaDB code " + rs.getInt(2) + ")")
                .file(file.displayName());
        Matcher row = ROW.matcher(message);
        if (row.find()) {
            b.record(Long.parseLong(row.group(1)));
        }
        return b.build();
    }
}
