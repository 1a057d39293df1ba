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
import java.io.InputStream;
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
import java.util.OptionalLong;
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
 * <p>The data flows once (see {@link #load}), checked by the SDK ({@link ValueRules}; DuckDB's reader is lenient:
 * it stores a bad timestamp as NULL and reads a cut-off gzip file as if it were whole), in one of two ways:
 * <ul>
 *   <li><b>Directly</b>, where {@link #readsDirectly} holds and the file's first {@value #PEEK_BYTES} bytes end
 *       their lines with LF: {@code read_csv} reads the staged file itself, on all of DuckDB's threads (it reads a
 *       seekable file in parallel), with options that give exactly the format's meaning, while the SDK's check reads
 *       the same file on a thread of its own ({@link CheckAlongside}). The load's rows count only if both succeed
 *       and DuckDB inserted one row per record the check accepted; otherwise the load fails once both ended, so its
 *       transaction is rolled back.</li>
 *   <li><b>Through a named pipe</b>, for every other file: a thread streams the checked file into a pipe that
 *       {@code read_csv} reads at the same time (DuckDB reads a pipe on one thread). The stream is the file
 *       rewritten as DuckDB reads it best: no header, no skipped blank lines, records ended by LF, NULL as an
 *       unquoted empty field, uncompressed (byte-level when the format allows, else transcoded). Where no named
 *       pipe can be made (a platform without {@code mkfifo}), the checked stream is written next to the staged
 *       file first and that copy is read.</li>
 * </ul>
 * DuckDB keeps the file's order while it inserts only where the target needs it (a staging table, whose row numbers
 * are its rowids): see {@link #insertionSettings}.
 *
 * <p>Stateless and thread-safe.
 */
public final class DuckDbCsvLoader implements BulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbCsvLoader.class);
    private static final Pattern LINE = Pattern.compile("(?i)line:? (\\d+)");
    /**
     * DuckDB's {@code max_line_size} (2 MiB by default): above the largest record the SDK loads
     * ({@link ValueRules#MAX_RECORD_BYTES}), so DuckDB reads every record the checks let through.
     */
    static final long MAX_LINE_SIZE = ValueRules.MAX_RECORD_BYTES + (1L << 20);
    /**
     * DuckDB's {@code buffer_size}: at least {@link #MAX_LINE_SIZE}, as DuckDB requires. Left alone it is 16 times
     * {@code max_line_size} (528 MiB here), so a file smaller than that is one buffer, which DuckDB parses on one
     * thread: the direct read of a 106 MB file took 1.2 s against {@code COPY}'s 0.8 s, and 0.9 s with this size.
     */
    static final long BUFFER_SIZE = MAX_LINE_SIZE + (1L << 20);
    private static final int FEED_BUFFER = 1 << 16;
    /** How much of a file's start is looked at for line ends before DuckDB is given the file itself. */
    static final int PEEK_BYTES = 1 << 16;
    /** The characters DuckDB's readers expand in a path (see {@link #hasGlobCharacters}). */
    private static final String GLOB_CHARACTERS = "*?[]{}";
    /** The name prefix of the directory made for such a file's pipe, under {@code java.io.tmpdir}. */
    static final String PIPE_DIRECTORY_PREFIX = "destsdk-duckdb-pipe-";

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

    /**
     * Whether DuckDB may read a file of this format itself, in parallel, while the SDK checks it alongside: its
     * reader then gives every record exactly the format's meaning. That holds for the formats {@link #readsNatively}
     * accepts that are uncompressed (DuckDB reads a gzip file on one thread, and a cut-off one as if it were whole),
     * that {@link CsvPassThrough} checks byte by byte, and whose files have more than one column (DuckDB skips blank
     * lines only then, as the format says). The file must also end its lines with LF, which only the file tells
     * ({@link #load} looks at its start and the check at the rest); every other file goes through the pipe.
     *
     * @param format a file's format; not null
     * @param columns the file's columns; not null
     * @return whether the file may be read directly
     */
    public static boolean readsDirectly(CsvFileFormat format, List<ColumnDef> columns) {
        return readsNatively(format) && !format.gzip() && CsvPassThrough.supports(format) && columns.size() > 1;
    }

    private static List<String> nullMarkers(CsvFileFormat format) {
        return new ArrayList<>(CsvPassThrough.nullTexts(format));
    }

    /**
     * @param dialect the dialect; not null
     * @param target the target; not null
     * @param file a file whose format {@link #readsNatively} accepts and whose lines end with LF (the staged file,
     *     when it {@link #readsDirectly can be read directly}, or the checked stream {@link #load} writes); not null
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
        // line ending is given); max_line_size: every record the SDK's checks accept; buffer_size: in parallel
        return "INSERT INTO " + dialect.qualify(target.table()) + " (" + names + ") SELECT " + select
                + " FROM read_csv(" + dialect.stringLiteral(file.path().toString()) + ", columns = {" + types + "}"
                + ", header = " + (f.skipHeader() == 1) + ", auto_detect = false"
                + ", delim = " + dialect.stringLiteral(String.valueOf(f.fieldDelimiter()))
                + ", quote = " + dialect.stringLiteral(quote) + ", escape = " + dialect.stringLiteral(quote)
                + ", nullstr = [" + nullMarkers(f).stream().map(dialect::stringLiteral).collect(Collectors.joining(", "))
                + "], allow_quoted_nulls = false, new_line = '\\n', max_line_size = " + MAX_LINE_SIZE
                + ", buffer_size = " + BUFFER_SIZE
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
     * Loads a file in one pass, directly where the file allows (see the class comment), else through a named pipe.
     * Bad input fails the load with the check's VALIDATION_ERROR (file, line, record, column), whatever DuckDB made
     * of the rows: the load's transaction is rolled back, so the table is left as it was. A cancelled job cancels
     * the statement and stops the check or the feed; their threads have always ended when this method returns. The
     * rows DuckDB inserted must be the records the check accepted, or the load fails.
     */
    @Override
    public long load(SqlExecutor sql, BulkLoadTarget target, LoadFile file) {
        ValueRules rules = ValueRules.of(target, file.format());
        insertionSettings(target).forEach(sql::update);
        try {
            if (readsFileDirectly(target, file)) {
                LOG.debug("{}: DuckDB reads the file itself while the SDK checks it", file.displayName());
                return loadDirectly(sql, file, rules, insertSql(sql.dialect(), target, file));
            }
            return loadThroughPipe(sql, target, file, rules);
        } finally {
            resetInsertionSettings(sql);
        }
    }

    /**
     * The statements that set, for the load's connection alone, how DuckDB inserts the rows: in the file's order
     * only where the target asks for it ({@link BulkLoadTarget#keepsFileOrder()}). Kept, DuckDB inserts a parallel
     * read batch by batch, and every batch of more than a row group's rows (122,880) leaves a partly filled row group
     * behind (DuckDB's reader makes its batches at least {@link #MAX_LINE_SIZE} long: 160,000 records of 200 bytes);
     * the checkpoint that closes the database then rewrites the table to merge them, which added about 2.5 s of CPU
     * to a 2M-row load (430 MB) and left its database file twice the size. Not kept, each of DuckDB's threads fills
     * whole row groups of its own, and writes each to the database file as soon as it is full
     * ({@code write_buffer_row_group_count} 1, not 5 per thread, which holds the memory of the load near that of
     * {@code COPY}).
     *
     * @param target the target; not null
     * @return the {@code SET SESSION} statements, in order
     */
    static List<String> insertionSettings(BulkLoadTarget target) {
        if (target.keepsFileOrder()) {
            return List.of("SET SESSION preserve_insertion_order = true");
        }
        return List.of("SET SESSION preserve_insertion_order = false", "SET SESSION write_buffer_row_group_count = 1");
    }

    /**
     * Returns the connection to the database's settings. A failure (the transaction ended by a failed statement) is
     * only logged: every load sets what it needs first.
     */
    private static void resetInsertionSettings(SqlExecutor sql) {
        for (String setting : List.of("preserve_insertion_order", "write_buffer_row_group_count")) {
            try {
                sql.updateIgnoringCancellation("RESET SESSION " + setting);
            } catch (ConnectorException e) {
                LOG.debug("could not reset {}: {}", setting, e.getMessage());
            }
        }
    }

    /** Whether {@link #load} gives DuckDB the file itself: its format and its first bytes allow it. */
    static boolean readsFileDirectly(BulkLoadTarget target, LoadFile file) {
        return readsDirectly(file.format(), target.fileColumns()) && !hasGlobCharacters(file.path())
                && startsWithLfLineEnds(file);
    }

    /**
     * Whether DuckDB would read {@code path} as a glob pattern: its readers expand {@code * ? [ ] { }} in the path
     * they are given even when a file has that very name, so a staged file in {@code export[1]/} would be read from
     * {@code export1/}, and one in {@code export*}{@code /} from every match. Such a file never reaches DuckDB by its
     * own path: it goes through the pipe, made in a directory of the SDK's own.
     *
     * @param path a path; not null
     * @return whether it holds a character DuckDB expands
     */
    static boolean hasGlobCharacters(Path path) {
        String text = path.toString();
        for (int i = 0; i < text.length(); i++) {
            if (GLOB_CHARACTERS.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the file's first {@value #PEEK_BYTES} bytes end every line outside quoted fields with LF alone, the
     * file does not start with a blank line (which the format skips and DuckDB might take for the header) and its
     * header row, if the format has one, ends within them and holds no quote (DuckDB 1.5 reads a data record into a
     * header with quoted names). Quotes are escaped by doubling in the formats read directly, so every quote outside
     * a quoted field opens one and inside closes it. False when the file cannot be read (the pipe's path reports
     * why).
     */
    static boolean startsWithLfLineEnds(LoadFile file) {
        byte quote = (byte) file.format().quote().orElseThrow().charValue();
        byte[] head = new byte[PEEK_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file.path())) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false;
        }
        if (n > 0 && (head[0] == '\n' || head[0] == '\r')) {
            return false;
        }
        boolean inHeader = file.format().skipHeader() > 0;
        boolean quoted = false;
        for (int i = 0; i < n; i++) {
            byte b = head[i];
            if (b == quote) {
                if (inHeader) {
                    return false;
                }
                quoted = !quoted;
            } else if (b == '\r' && !quoted) {
                return false;
            } else if (b == '\n' && !quoted) {
                inHeader = false;
            }
        }
        return !inHeader || n == 0;
    }

    /**
     * DuckDB reads the staged file itself while {@link CheckAlongside} checks it; a failed check lets DuckDB's
     * statement end (see there why it is not interrupted). The check's failure comes first (DuckDB may reach a bad
     * record before the check does, or refuse it less precisely), then DuckDB's own; a line
     * ended by CR after the first {@value #PEEK_BYTES} bytes (DuckDB read it with LF line ends) and a row count other
     * than the check's record count fail the load too.
     *
     * @param insert the statement that reads the file (the one {@link #insertSql} makes; tests give others)
     */
    static long loadDirectly(SqlExecutor sql, LoadFile file, ValueRules rules, String insert) {
        CancellationSignal cancellation = sql.cancellation();
        CsvChunkStream stream = CsvPassThrough.checkOnly(file, rules, cancellation);
        try (stream) {
            CheckAlongside check = CheckAlongside.start(stream);
            long rows;
            try {
                rows = sql.update(insert);
            } catch (ConnectorException e) {
                if (e.getErrorType() == ErrorType.CANCELLED) {
                    check.abandon();
                    throw e;
                }
                check.finish();
                throwIfCheckRefused(stream, file, cancellation);
                throw readFailure(e, file);
            } catch (RuntimeException | Error e) {
                check.abandon();
                throw e;
            }
            check.finish();
            throwIfCheckRefused(stream, file, cancellation);
            return requireRecordCount(rows, stream.records(), file);
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "reading the data file failed: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
    }

    /**
     * Throws what the check found once it ended: cancellation, bad input, or a line ended by CR after the start
     * (DuckDB, told that lines end with LF, read that line's CR as part of its last value).
     */
    private static void throwIfCheckRefused(CsvChunkStream stream, LoadFile file, CancellationSignal cancellation) {
        cancellation.checkCancellation("load: reading " + file.displayName());
        stream.throwIfFailed(file);
        OptionalLong crLine = stream.firstCarriageReturnLineEnd();
        if (crLine.isPresent()) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "line " + crLine.getAsLong() + " ends with"
                            + " a carriage return (CR or CRLF) while the file's first " + (PEEK_BYTES >> 10)
                            + " KiB end their lines with LF alone; DuckDB read the file with LF line ends, so nothing"
                            + " was loaded: write the file with one kind of line end")
                    .file(file.displayName()).line(crLine.getAsLong()).retryable(false).build();
        }
    }

    /** The rows DuckDB inserted, when they are the records the check accepted; a load failure otherwise. */
    private static long requireRecordCount(long rows, long records, LoadFile file) {
        if (rows != records) {
            throw ConnectorException.builder(ErrorType.INTERNAL_ERROR, "DuckDB's reader inserted " + rows
                    + " row(s) from a file of " + records + " record(s); nothing was loaded")
                    .file(file.displayName()).retryable(false).build();
        }
        return rows;
    }

    /**
     * A thread streams the file through the SDK's {@link ValueRules} into a named pipe next to the staged file
     * while DuckDB's {@code read_csv} reads the pipe. Bad input ends the stream at the last good record. A cancelled
     * job ends the stream and the statement; the feeding thread is always stopped before this method returns.
     */
    static long loadThroughPipe(SqlExecutor sql, BulkLoadTarget target, LoadFile file, ValueRules rules) {
        CancellationSignal cancellation = sql.cancellation();
        Path own = hasGlobCharacters(file.path()) ? ownDirectory(file) : null;
        Path base = own == null ? file.path() : own.resolve("staged");
        LoadFile read = new LoadFile(base.resolveSibling(base.getFileName() + ".pipe"),
                file.displayName(), rewrittenFormat(file.format()));
        CsvChunkStream stream = checkedStream(file, rules, cancellation);
        try (stream) {
            boolean piped = makePipe(read.path());
            long rows;
            try {
                if (piped) {
                    rows = feedPipe(sql, target, file, read, stream);
                } else {
                    read = new LoadFile(base.resolveSibling(base.getFileName() + ".checked.csv"),
                            file.displayName(), read.format());
                    copy(file, stream, read.path(), cancellation);
                    stream.throwIfFailed(file);
                    rows = insert(sql, target, read, file);
                }
            } finally {
                deleteQuietly(read.path());
                if (own != null) {
                    deleteQuietly(own);
                }
            }
            cancellation.checkCancellation("load: reading " + file.displayName());
            stream.throwIfFailed(file);
            return requireRecordCount(rows, stream.records(), file);
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
    private static long feedPipe(SqlExecutor sql, BulkLoadTarget target, LoadFile file, LoadFile pipe,
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
            throw readFailure(e, file);
        }
    }

    /**
     * DuckDB's refusal of a file the checks passed (so something they do not cover, e.g. a value its type cannot
     * hold). Its message quotes whole lines and its own option names: only its first line is kept.
     */
    private static ConnectorException readFailure(ConnectorException e, LoadFile file) {
        String first = firstLine(e.getDetail());
        ConnectorException.Builder b = ConnectorException.builder(e.getErrorType(), "DuckDB could not read the"
                        + " file: " + (first.length() > 200 ? first.substring(0, 200) + "…" : first))
                .file(file.displayName()).retryable(e.isRetryable());
        Matcher line = LINE.matcher(e.getDetail());
        if (line.find()) {
            b.line(Long.parseLong(line.group(1)));
        }
        return b.build();
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
     * A new directory of the SDK's own for the pipe of a staged file whose path DuckDB would expand (see
     * {@link #hasGlobCharacters}); the caller deletes it.
     */
    private static Path ownDirectory(LoadFile file) {
        Path dir;
        try {
            dir = Files.createTempDirectory(PIPE_DIRECTORY_PREFIX);
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot create a directory for the pipe of a file"
                    + " whose path holds one of " + GLOB_CHARACTERS + ": " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
        if (hasGlobCharacters(dir)) {
            deleteQuietly(dir);
            throw ConnectorException.builder(ErrorType.CONFIGURATION_ERROR, "the staged file's path holds one of "
                            + GLOB_CHARACTERS + ", which DuckDB reads as a pattern, and so does the temporary directory"
                            + " (java.io.tmpdir) where the SDK would make its pipe instead: set java.io.tmpdir to a"
                            + " directory without them")
                    .file(file.displayName()).retryable(false).build();
        }
        return dir;
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
            CheckAlongside.joinUninterruptibly(thread);
        }

        /** Rethrows a failure to read the data file or to write the pipe while DuckDB was reading it. */
        void throwIfFailed() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
