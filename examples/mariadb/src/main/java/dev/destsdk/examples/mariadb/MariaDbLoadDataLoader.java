package dev.destsdk.examples.mariadb;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.jdbc.SqlExecutor;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads data files with {@code LOAD DATA LOCAL INFILE}, feeding the statement from a stream
 * ({@code org.mariadb.jdbc.Statement#setLocalInfileInputStream}), so no file path ever reaches the server.
 *
 * <p>MariaDB's reader cannot tell an unquoted empty field from a quoted one, and reads NULL only as an unquoted
 * {@code NULL} word. So bytes pass through unchanged only for files whose format says exactly that
 * ({@link #readsNatively}); every other file is transcoded on the fly into that form. Values are converted in the
 * statement's {@code SET} clause (booleans, zoned timestamps to UTC, base64 or hex binaries). Because LOAD DATA LOCAL
 * turns bad values into warnings, the loader reads {@code SHOW WARNINGS} afterwards and fails on the first one,
 * naming the file and record. Zoned timestamps are converted when their offset is {@code Z} or {@code +hh:mm}
 * (the canonical forms); a value without an offset is taken as UTC. Stateless and thread-safe.
 */
public final class MariaDbLoadDataLoader implements BulkLoader {
    private static final CsvOutput OUTPUT = new CsvOutput(',', '"', "NULL");
    private static final Pattern ROW = Pattern.compile("(?i)\\brow (\\d+)");

    @Override
    public String describe() {
        return "LOAD DATA LOCAL INFILE";
    }

    /**
     * @param format the file's format; not null
     * @return whether LOAD DATA reads the file exactly as its format says: UTF-8, no trimming, quotes escaped by
     *     doubling, and NULL only as the unquoted word {@code NULL}
     */
    public static boolean readsNatively(CsvFileFormat format) {
        return format.encoding().equals(StandardCharsets.UTF_8) && !format.trimSpace() && format.quote().isPresent()
                && format.escape().map(e -> e.equals(format.quote().get())).orElse(true)
                && !format.emptyFieldAsNull() && format.nullIf().equals(List.of("NULL"));
    }

    /**
     * @param dialect the dialect; not null
     * @param target the target; not null
     * @param format the format of the stream the statement reads; not null
     * @param ignoreLines header lines to skip
     * @return the LOAD DATA statement
     */
    public static String loadDataSql(SqlDialect dialect, BulkLoadTarget target, CsvFileFormat format, int ignoreLines) {
        List<ColumnDef> columns = target.fileColumns();
        StringBuilder vars = new StringBuilder();
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String v = "@c" + (i + 1);
            vars.append(i == 0 ? "" : ", ").append(v);
            set.append(i == 0 ? "" : ", ").append(dialect.quote(columns.get(i).name())).append(" = ")
                    .append(convert(columns.get(i), v, format));
        }
        return "LOAD DATA LOCAL INFILE 'destsdk.csv' INTO TABLE " + dialect.qualify(target.table())
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY "
                + dialect.stringLiteral(String.valueOf(format.fieldDelimiter()))
                + " OPTIONALLY ENCLOSED BY " + dialect.stringLiteral(String.valueOf(format.quote().orElseThrow()))
                + " ESCAPED BY '' LINES TERMINATED BY " + dialect.stringLiteral(format.recordSeparator())
                + (ignoreLines > 0 ? " IGNORE " + ignoreLines + " LINES" : "")
                + " (" + vars + ") SET " + set;
    }

    /** The SQL that turns a column's text (user variable {@code v}) into its value. */
    private static String convert(ColumnDef column, String v, CsvFileFormat format) {
        return switch (column.canonicalType()) {
            case BOOLEAN -> "CASE WHEN " + v + " IS NULL THEN NULL WHEN LOWER(" + v + ") IN ('true', 't', '1') THEN 1"
                    + " WHEN LOWER(" + v + ") IN ('false', 'f', '0') THEN 0 ELSE CAST(" + v + " AS UNSIGNED) END";
            case TIMESTAMP_TZ -> "CASE WHEN " + v + " IS NULL THEN NULL WHEN " + v + " LIKE '%Z' THEN SUBSTRING(" + v
                    + ", 1, CHAR_LENGTH(" + v + ") - 1) WHEN " + v + " REGEXP '[+-][0-9]{2}:[0-9]{2}$' THEN CONVERT_TZ("
                    + "SUBSTRING(" + v + ", 1, CHAR_LENGTH(" + v + ") - 6), RIGHT(" + v + ", 6), '+00:00') ELSE " + v
                    + " END";
            case BINARY -> switch (format.binaryFormat()) {
                case BASE64 -> "FROM_BASE64(" + v + ")";
                case HEX -> "UNHEX(" + v + ")";
                case RAW -> v;
            };
            default -> v;
        };
    }

    @Override
    public long load(SqlExecutor sql, BulkLoadTarget target, LoadFile file) {
        CsvFileFormat format = file.format();
        boolean passThrough = readsNatively(format);
        CsvFileFormat streamFormat = passThrough ? format
                : CsvFileFormat.builder().skipHeader(0).binaryFormat(format.binaryFormat()).build();
        String load = loadDataSql(sql.dialect(), target, streamFormat, passThrough ? format.skipHeader() : 0);
        CsvTranscoder transcoder = passThrough ? null : new CsvTranscoder(file, target.fileColumns().size(), OUTPUT,
                List.of(), sql.cancellation());
        try (InputStream in = passThrough ? DataFileStreams.open(file, sql.cancellation()) : transcoder) {
            long rows = sql.withStatement(load, st -> {
                st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
                return st.executeLargeUpdate(load);
            });
            sql.cancellation().checkCancellation("LOAD DATA of " + file.displayName());
            if (transcoder != null) {
                transcoder.throwIfFailed(file);
            }
            failOnWarnings(sql, file);
            return rows;
        } catch (ConnectorException e) {
            sql.cancellation().checkCancellation("LOAD DATA of " + file.displayName());
            if (transcoder != null) {
                transcoder.throwIfFailed(file);
            }
            throw file.attribute(e);
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "reading the data file failed: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
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
