package dev.destsdk.examples.duckdb;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.jdbc.SqlExecutor;
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
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * empty string: only unquoted fields match the NULL marker.
 *
 * <p>The data flows once (see {@link #load}): the SDK's check of every value ({@link ValueRules}; DuckDB's reader
 * is lenient: it stores a bad timestamp as NULL and reads a cut-off gzip file as if it were whole) runs as the file
 * is streamed into a named pipe that {@code read_csv} reads at the same time, so checking and loading overlap on
 * two cores instead of following each other. The stream DuckDB reads is the file rewritten as it reads it best: no
 * header, no skipped blank lines, records ended by LF, NULL as an unquoted empty field, uncompressed (byte-level when
 * the format allows, else transcoded). Where no named pipe can be made (a platform without {@code mkfifo}), the
 * checked stream is written next to the staged file first and that copy is read. Stateless and thread-safe.
 */
public final class DuckDbCsvLoader implements BulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbCsvLoader.class);
    private static final Pattern LINE = Pattern.compile("(?i)line:? (\\d+)");
    /**
     * DuckDB's {@code max_line_size} (2 MiB by default): above the largest record the SDK loads
     * ({@link ValueRules#MAX_RECORD_BYTES}), so DuckDB reads every record the checks let through.
     */
    static final long MAX_LINE_SIZE = ValueRules.MAX_RECORD_BYTES + (1L << 20);
    private static final int FEED_BUFFER = 1 << 16;

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
     * @param file a file whose format {@link #readsNatively} accepts and whose records end with LF (as the checked
     *     stream {@link #load} writes does); not null
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
        // new_line: a carriage return inside a quoted value is part of the value (DuckDB 1.5 refuses it unless the
        // line ending is given); max_line_size: every record the SDK's checks accept
        return "INSERT INTO " + dialect.qualify(target.table()) + " (" + names + ") SELECT " + select
                + " FROM read_csv(" + dialect.stringLiteral(file.path().toString()) + ", columns = {" + types + "}"
                + ", header = " + (f.skipHeader() == 1) + ", auto_detect = false"
                + ", delim = " + dialect.stringLiteral(String.valueOf(f.fieldDelimiter()))
                + ", quote = " + dialect.stringLiteral(quote) + ", escape = " + dialect.stringLiteral(quote)
                + ", nullstr = [" + nullMarkers(f).stream().map(dialect::stringLiteral).collect(Collectors.joining(", "))
                + "], allow_quoted_nulls = false, new_line = '\\n', max_line_size = " + MAX_LINE_SIZE
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
     * Loads a file in one pass: a thread streams it through the SDK's {@link ValueRules} into a named pipe next to
     * the staged file while DuckDB's {@code read_csv} reads the pipe. Bad input ends the stream at the last good
     * record and fails the load with the check's VALIDATION_ERROR (file, line, record, column), whatever DuckDB made
     * of the rows before it: the load's transaction is rolled back, so the table is left as it was. A cancelled job
     * ends the stream and the statement; the feeding thread is always stopped before this method returns. The rows
     * DuckDB inserted must be the records the check counted.
     */
    @Override
    public long load(SqlExecutor sql, BulkLoadTarget target, LoadFile file) {
        ValueRules rules = ValueRules.of(target, file.format());
        CancellationSignal cancellation = sql.cancellation();
        LoadFile read = new LoadFile(file.path().resolveSibling(file.path().getFileName() + ".pipe"),
                file.displayName(), rewrittenFormat(file.format()));
        CsvChunkStream stream = checkedStream(file, rules, cancellation);
        try (stream) {
            boolean piped = makePipe(read.path());
            long rows;
            try {
                if (piped) {
                    rows = loadThroughPipe(sql, target, file, read, stream);
                } else {
                    read = new LoadFile(file.path().resolveSibling(file.path().getFileName() + ".checked.csv"),
                            file.displayName(), read.format());
                    copy(file, stream, read.path(), cancellation);
                    stream.throwIfFailed(file);
                    rows = insert(sql, target, read, file);
                }
            } finally {
                deleteQuietly(read.path());
            }
            cancellation.checkCancellation("load: reading " + file.displayName());
            stream.throwIfFailed(file);
            if (rows != stream.records()) {
                throw ConnectorException.builder(ErrorType.INTERNAL_ERROR, "DuckDB's reader inserted " + rows
                        + " row(s) from a file of " + stream.records() + " record(s); nothing was loaded")
                        .file(file.displayName()).retryable(false).build();
            }
            return rows;
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "reading the data file failed: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
    }

    /** The file as DuckDB's reader reads it, checked as it streams; byte-level where the format allows. */
    private static CsvChunkStream checkedStream(LoadFile file, ValueRules rules, CancellationSignal cancellation) {
        return CsvPassThrough.supports(file.format())
                ? new CsvPassThrough(file, rules, "", List.of(), cancellation)
                : new CsvTranscoder(file, rules, CsvOutput.EMPTY_IS_NULL, List.of(), List.of(), cancellation);
    }

    /**
     * Runs the INSERT reading the pipe while a thread feeds the checked stream into it. A failed statement reports
     * the check's failure first (DuckDB may have read a record cut short by it), then DuckDB's own.
     */
    private static long loadThroughPipe(SqlExecutor sql, BulkLoadTarget target, LoadFile file, LoadFile pipe,
                                        CsvChunkStream stream) throws IOException {
        PipeFeed feed = new PipeFeed(stream, pipe.path());
        Thread thread = new Thread(feed, "destsdk-duckdb-feed");
        thread.setDaemon(true);
        thread.start();
        long rows;
        try {
            rows = insert(sql, target, pipe, file);
        } catch (ConnectorException e) {
            feed.abandon(thread);
            sql.cancellation().checkCancellation("load: reading " + file.displayName());
            stream.throwIfFailed(file);
            throw e;
        } catch (RuntimeException | Error e) {
            feed.abandon(thread);
            throw e;
        }
        feed.finish(thread);
        sql.cancellation().checkCancellation("load: reading " + file.displayName());
        stream.throwIfFailed(file);
        feed.throwIfFailed();
        return rows;
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

    /** Writes the checked stream to {@code out} (where no named pipe can be made). */
    private static void copy(LoadFile file, CsvChunkStream stream, Path out, CancellationSignal cancellation) {
        try {
            Files.copy(stream, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot rewrite the staged file: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
        cancellation.checkCancellation("load: rewriting " + file.displayName());
    }

    /**
     * Makes a named pipe (a FIFO) at {@code path}, replacing what is there.
     *
     * @return false when the platform cannot (no {@code mkfifo}); the caller then goes through a file
     */
    private static boolean makePipe(Path path) {
        try {
            Files.deleteIfExists(path);
            Process p = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            boolean made = p.waitFor() == 0 && Files.exists(path) && !Files.isRegularFile(path);
            if (!made) {
                LOG.debug("mkfifo {} failed: checking the file into a copy instead", path);
            }
            return made;
        } catch (IOException e) {
            LOG.debug("cannot make a named pipe ({}): checking the file into a copy instead", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.builder(ErrorType.CANCELLED, "interrupted while preparing the load").build();
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", path, e.toString());
        }
    }

    /**
     * Feeds the checked stream into the named pipe, on its own thread: it opens the pipe (which waits for DuckDB's
     * reader), copies the stream and closes the pipe, which DuckDB reads as the end of the file. The stream ends
     * early on bad input or cancellation, and so does the file DuckDB reads.
     */
    private static final class PipeFeed implements Runnable {
        private final CsvChunkStream stream;
        private final Path pipe;
        private volatile boolean abandoned;
        private volatile boolean opened;
        private IOException failure;

        PipeFeed(CsvChunkStream stream, Path pipe) {
            this.stream = stream;
            this.pipe = pipe;
        }

        @Override
        public void run() {
            try (FileChannel out = FileChannel.open(pipe, StandardOpenOption.WRITE)) {
                opened = true;
                byte[] buffer = new byte[FEED_BUFFER];
                ByteBuffer bytes = ByteBuffer.wrap(buffer);
                for (int n = stream.read(buffer); n >= 0 && !abandoned; n = stream.read(buffer)) {
                    bytes.clear().limit(n);
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                }
            } catch (IOException e) {
                if (!abandoned) {
                    failure = e;
                }
            } finally {
                if (!opened) {
                    // DuckDB may be waiting for a writer to open the pipe: let it see an empty file
                    release();
                }
            }
        }

        /** Waits for a feed that ran to its end (DuckDB read the whole pipe). */
        void finish(Thread thread) {
            join(thread);
        }

        /**
         * Stops the feed after DuckDB stopped reading (its statement failed or was cancelled): the thread is
         * interrupted (which ends a write into a full pipe) and, while it is waiting to open the pipe, the pipe is
         * opened and closed so that its open returns. Returns once the thread ended.
         */
        void abandon(Thread thread) {
            abandoned = true;
            thread.interrupt();
            while (thread.isAlive()) {
                release();
                try {
                    thread.join(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    join(thread);
                    return;
                }
            }
        }

        /** Opens and closes the pipe for reading and writing (never waits), which lets a waiting open return. */
        private void release() {
            try (FileChannel ignored = FileChannel.open(pipe, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // opened and closed: a partner for whoever waits in open
            } catch (IOException e) {
                LOG.debug("could not open {} to release the other end: {}", pipe, e.toString());
            }
        }

        private static void join(Thread thread) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Rethrows a failure to read the data file or to write the pipe while DuckDB was reading it. */
        void throwIfFailed() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
