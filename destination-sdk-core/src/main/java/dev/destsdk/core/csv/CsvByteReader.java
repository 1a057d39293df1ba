package dev.destsdk.core.csv;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Streams the records of one CSV data file by scanning its bytes, for formats {@link CsvBytes#isByteScannable}
 * accepts: the fast path of file destinations, which turn each value into a typed one and have no use for a
 * decoded copy of the whole record. It reads exactly what {@link CsvRecordReader} reads, with the same NULL rules,
 * line and record numbers, because it handles only the plain cases itself and hands everything else to a
 * {@link CsvRecordReader}:
 * <ul>
 *   <li>handled here: header rows, LF / CRLF / CR line ends, quoted fields (doubled quotes, delimiters and line
 *       breaks inside), blank lines when they are skipped, a leading UTF-8 byte order mark (dropped), UTF-8 checked
 *       byte by byte, NULL markers compared with the raw bytes of unquoted fields;</li>
 *   <li>handed over ("anomalies"): a record with another field count than expected, a quote inside an unquoted
 *       field, anything but a delimiter or line break after a closing quote, an unterminated quote, bytes that are
 *       not UTF-8, a blank line that is a record, a record larger than 64 MiB, and any read failure (corrupt gzip).
 *       The reader then opens the file with {@link CsvRecordReader}, skips the records already returned and serves
 *       the rest from it; so bad input fails with exactly the error {@link CsvRecordReader} gives, and odd but valid
 *       input (whitespace after a closing quote, a literal quote inside a value) reads the same.</li>
 * </ul>
 * Memory is one read buffer, grown only to hold the largest record. Not thread-safe; close it.
 */
public final class CsvByteReader implements AutoCloseable {
    private static final int BUFFER = 1 << 18;
    private static final int MAX_RECORD = 64 << 20;
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final Path file;
    private final CsvFileFormat format;
    private final int expectedColumns;
    private final byte delimiter;
    private final byte quote;
    private final boolean skipBlankLines;
    private final boolean emptyIsNull;
    private final byte[][] markers;
    /** Byte classes: 0 ordinary, 1 delimiter, 2 quote, 3 LF, 4 CR, 5 a byte of 0x80 or above. */
    private final byte[] classes = new byte[256];

    private InputStream in;
    private byte[] buf = new byte[BUFFER];
    private int length;
    private int pos;
    private boolean eof;

    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] quoted = new boolean[16];
    private boolean[] nulls = new boolean[16];
    private boolean[] doubledQuotes = new boolean[16];

    private long line = 1;
    private long recordLine;
    private long records;
    private CsvRecordReader fallback;
    private CsvRow fallbackRow;
    private byte[][] fallbackBytes = new byte[0][];
    private boolean closed;

    private CsvByteReader(Path file, CsvFileFormat format, int expectedColumns, InputStream in) {
        this.file = file;
        this.format = format;
        this.expectedColumns = expectedColumns;
        this.in = in;
        this.delimiter = (byte) format.fieldDelimiter();
        this.quote = (byte) format.quote().orElseThrow().charValue();
        this.skipBlankLines = format.skipBlankLines();
        this.emptyIsNull = format.emptyFieldAsNull() || format.nullIf().contains("");
        this.markers = format.nullIf().stream().filter(m -> !m.isEmpty())
                .map(m -> m.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        classes[delimiter & 0xff] = 1;
        classes[quote & 0xff] = 2;
        classes[LF] = 3;
        classes[CR] = 4;
        for (int b = 0x80; b < 0x100; b++) {
            classes[b] = 5;
        }
    }

    /**
     * @param format a format; not null
     * @return whether this reader reads it (else use {@link CsvRecordReader})
     */
    public static boolean supports(CsvFileFormat format) {
        return CsvBytes.isByteScannable(format);
    }

    /**
     * Opens a file and reads its header rows.
     *
     * @param file the data file; not null
     * @param format its format, one {@link #supports} accepts; not null
     * @param expectedColumns the number of fields every record (header rows included) has; at least 1
     * @return the reader, positioned before the first data record
     * @throws ConnectorException as {@link CsvRecordReader#open(Path, CsvFileFormat, int)}
     * @throws IllegalArgumentException when the format is not supported or {@code expectedColumns} is below 1
     */
    public static CsvByteReader open(Path file, CsvFileFormat format, int expectedColumns) {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(format, "format is null");
        if (!supports(format)) {
            throw new IllegalArgumentException("format not supported by the byte reader: " + format);
        }
        if (expectedColumns < 1) {
            throw new IllegalArgumentException("expectedColumns must be positive, got " + expectedColumns);
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR,
                    "the data file does not exist; check the path").file(file).cause(e).build();
        } catch (IOException e) {
            // the reference reader reports it the way every reader does
            return withFallbackOnly(file, format, expectedColumns);
        }
        CsvByteReader reader = new CsvByteReader(file, format, expectedColumns, in);
        try {
            if (format.gzip() || file.getFileName().toString().endsWith(".gz")) {
                reader.in = new GZIPInputStream(in, 1 << 16);
            }
            reader.start();
        } catch (IOException | Anomaly e) {
            reader.switchToFallback();
        }
        return reader;
    }

    private static CsvByteReader withFallbackOnly(Path file, CsvFileFormat format, int expectedColumns) {
        CsvByteReader reader = new CsvByteReader(file, format, expectedColumns, InputStream.nullInputStream());
        reader.switchToFallback();
        return reader;
    }

    /** Drops a byte order mark and reads the header rows. */
    private void start() throws IOException {
        fill();
        if (length >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
            pos = 3;
        }
        for (int row = 0; row < format.skipHeader(); row++) {
            if (!scanRecord()) {
                if (row == 0) {
                    return; // an empty file
                }
                throw new Anomaly(); // the reference reader names the missing header rows
            }
        }
    }

    /**
     * Reads the next data record.
     *
     * @return false at the end of the file
     * @throws ConnectorException VALIDATION_ERROR for bad input, IO_ERROR when the file cannot be read (from the
     *     reference reader, naming file, line, record and column)
     */
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("the reader of " + file + " is closed");
        }
        if (fallback == null) {
            try {
                if (scanRecord()) {
                    records++;
                    return true;
                }
                return false;
            } catch (IOException | Anomaly e) {
                switchToFallback();
            }
        }
        Optional<CsvRow> row = fallback.next();
        if (row.isEmpty()) {
            return false;
        }
        fallbackRow = row.get();
        records++;
        recordLine = fallbackRow.lineNumber();
        for (int i = 0; i < fallbackRow.size(); i++) {
            String v = fallbackRow.get(i);
            fallbackBytes[i] = v == null ? null : v.getBytes(StandardCharsets.UTF_8);
        }
        return true;
    }

    /** Hands the rest of the file to the reference reader, past the records already returned. */
    private void switchToFallback() {
        closeQuietly();
        fallback = CsvRecordReader.open(file, format, expectedColumns);
        fallbackBytes = new byte[expectedColumns][];
        for (long r = 0; r < records; r++) {
            if (fallback.next().isEmpty()) {
                fallback.close();
                throw ConnectorException.builder(ErrorType.INTERNAL_ERROR, "the file has fewer records on a"
                        + " second read (" + r + ") than on the first (" + records + "); was it changed while it"
                        + " was read?").file(file).build();
            }
        }
    }

    /** @return the 1-based number of the current data record (header rows not counted) */
    public long recordNumber() {
        return records;
    }

    /** @return the 1-based physical line on which the current record starts */
    public long lineNumber() {
        return recordLine;
    }

    /** @return the file being read */
    public Path file() {
        return file;
    }

    /**
     * @param field 0-based field of the current record
     * @return whether it is NULL per the format
     */
    public boolean isNull(int field) {
        Objects.checkIndex(field, expectedColumns);
        return fallbackRow != null ? fallbackBytes[field] == null : nulls[field];
    }

    /**
     * @param field 0-based field of the current record
     * @return its value (quotes removed, doubled quotes made single), or null when NULL
     */
    public String text(int field) {
        if (isNull(field)) {
            return null;
        }
        if (fallbackRow != null) {
            return fallbackRow.get(field);
        }
        return new String(buf, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
    }

    /**
     * The value's UTF-8 bytes, valid until the next call of {@link #next()}.
     *
     * @param field 0-based field of the current record, not NULL
     * @return the array that holds them (from {@link #start(int)} to {@link #end(int)})
     */
    public byte[] bytes(int field) {
        return fallbackRow != null ? fallbackBytes[field] : buf;
    }

    /**
     * @param field 0-based field of the current record, not NULL
     * @return where its value starts in {@link #bytes(int)}
     */
    public int start(int field) {
        return fallbackRow != null ? 0 : starts[field];
    }

    /**
     * @param field 0-based field of the current record, not NULL
     * @return where its value ends (exclusive) in {@link #bytes(int)}
     */
    public int end(int field) {
        return fallbackRow != null ? fallbackBytes[field].length : ends[field];
    }

    /** @return whether the reader handed the file to the reference reader (after an anomaly) */
    public boolean usesFallback() {
        return fallback != null;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly();
        if (fallback != null) {
            fallback.close();
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to add
        }
    }

    // ---------------------------------------------------------------- scanning

    /** Reads more bytes after {@link #length}, keeping the buffer from {@code keepFrom}; false at the end. */
    private boolean refill(int keepFrom) throws IOException {
        if (eof) {
            return false;
        }
        if (keepFrom > 0) {
            System.arraycopy(buf, keepFrom, buf, 0, length - keepFrom);
            length -= keepFrom;
            pos -= keepFrom;
        } else if (length == buf.length) {
            if (buf.length >= MAX_RECORD) {
                throw new Anomaly();
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        return fill();
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, length, buf.length - length);
        if (n < 0) {
            eof = true;
            return false;
        }
        length += n;
        return true;
    }

    /**
     * Scans one record from {@link #pos}; when the buffer ends inside it, reads more and scans it again from its
     * start.
     *
     * @return false at the end of the input
     */
    private boolean scanRecord() throws IOException {
        while (true) {
            int start = pos;
            long startLine = line;
            int result = tryScan();
            if (result >= 0) {
                return result == 1;
            }
            pos = start;
            line = startLine;
            if (!refill(start)) {
                // the input ended inside the record: scan it to the end of the input
                int last = tryScan();
                if (last < 0) {
                    throw new Anomaly();
                }
                return last == 1;
            }
        }
    }

    /**
     * @return 1 for a record, 0 for the end of the input, -1 when the buffer ends before the record does (and the
     *     input may go on)
     */
    private int tryScan() {
        final byte[] b = buf;
        final byte[] k = classes;
        final int end = length;
        final boolean atEof = eof;
        int i = pos;
        // blank lines
        while (true) {
            if (i >= end) {
                if (!atEof) {
                    return -1;
                }
                pos = i;
                return 0;
            }
            byte c = b[i];
            if (c != LF && c != CR) {
                break;
            }
            if (!skipBlankLines) {
                throw new Anomaly();
            }
            if (c == CR) {
                if (i + 1 >= end && !atEof) {
                    return -1;
                }
                i += i + 1 < end && b[i + 1] == LF ? 2 : 1;
            } else {
                i++;
            }
            line++;
        }
        long lineAtStart = line;
        int field = 0;
        while (true) {
            if (field >= expectedColumns) {
                throw new Anomaly();
            }
            if (i < end && b[i] == quote) {
                // a quoted field; doubled quotes are made single once the record is complete
                i++;
                int s = i;
                int e = -1;
                boolean doubled = false;
                while (i < end) {
                    byte cl = k[b[i] & 0xff];
                    if (cl == 0 || cl == 1) {
                        i++;
                    } else if (cl == 2) {
                        if (i + 1 >= end) {
                            if (!atEof) {
                                return -1;
                            }
                            e = i++;
                            break;
                        }
                        if (b[i + 1] == quote) {
                            doubled = true;
                            i += 2;
                        } else {
                            e = i++;
                            break;
                        }
                    } else if (cl == 3) {
                        if (b[i - 1] != CR) {
                            line++;
                        }
                        i++;
                    } else if (cl == 4) {
                        line++;
                        i++;
                    } else {
                        int n = utf8(b, i, end, atEof);
                        if (n == 0) {
                            return -1;
                        }
                        i += n;
                    }
                }
                if (e < 0) {
                    if (!atEof) {
                        return -1;
                    }
                    throw new Anomaly(); // unterminated quote
                }
                setField(field, s, e, true);
                doubledQuotes[field] = doubled;
            } else {
                int s = i;
                while (i < end) {
                    byte cl = k[b[i] & 0xff];
                    if (cl == 0) {
                        i++;
                    } else if (cl == 5) {
                        int n = utf8(b, i, end, atEof);
                        if (n == 0) {
                            return -1;
                        }
                        i += n;
                    } else if (cl == 2) {
                        throw new Anomaly(); // a quote inside an unquoted field
                    } else {
                        break;
                    }
                }
                if (i >= end && !atEof) {
                    return -1;
                }
                setField(field, s, i, false);
                doubledQuotes[field] = false;
            }
            field++;
            // after a field: a delimiter, a line break or the end of the input
            if (i >= end) {
                if (!atEof) {
                    return -1;
                }
                break;
            }
            byte c = b[i];
            if (c == delimiter) {
                i++;
                continue;
            }
            if (c == LF) {
                i++;
                line++;
                break;
            }
            if (c == CR) {
                if (i + 1 >= end && !atEof) {
                    return -1;
                }
                i += i + 1 < end && b[i + 1] == LF ? 2 : 1;
                line++;
                break;
            }
            throw new Anomaly(); // text after a closing quote
        }
        if (field != expectedColumns) {
            throw new Anomaly();
        }
        for (int f = 0; f < field; f++) {
            if (quoted[f] && doubledQuotes[f]) {
                undouble(f);
            }
        }
        recordLine = lineAtStart;
        pos = i;
        return 1;
    }

    /**
     * @return the length of the UTF-8 sequence at {@code i}; 0 when the buffer ends inside it and more input may
     *     follow
     * @throws Anomaly when it is not UTF-8, or cut by the end of the input
     */
    private static int utf8(byte[] b, int i, int end, boolean atEof) {
        int n = CsvBytes.utf8Length(b, i, end);
        if (n < 0 || (n == 0 && atEof)) {
            throw new Anomaly();
        }
        return n;
    }

    /** Makes the doubled quotes of a quoted field single, in place (the record is complete: never scanned again). */
    private void undouble(int field) {
        int w = starts[field];
        int end = ends[field];
        for (int r = w; r < end; r++) {
            byte c = buf[r];
            buf[w++] = c;
            if (c == quote) {
                r++; // the second quote of the pair
            }
        }
        ends[field] = w;
    }

    private void setField(int field, int start, int end, boolean isQuoted) {
        if (field >= starts.length) {
            int size = Math.max(field + 1, starts.length * 2);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            quoted = Arrays.copyOf(quoted, size);
            nulls = Arrays.copyOf(nulls, size);
            doubledQuotes = Arrays.copyOf(doubledQuotes, size);
        }
        starts[field] = start;
        ends[field] = end;
        quoted[field] = isQuoted;
        boolean isNull = false;
        if (!isQuoted) {
            int n = end - start;
            if (n == 0) {
                isNull = emptyIsNull;
            } else {
                for (byte[] m : markers) {
                    if (m.length == n && Arrays.equals(m, 0, n, buf, start, end)) {
                        isNull = true;
                        break;
                    }
                }
            }
        }
        nulls[field] = isNull;
    }

    /** Something this reader leaves to the reference reader. */
    private static final class Anomaly extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Anomaly() {
            super(null, null, false, false);
        }
    }

    /** @return the header-less names of what {@link #text} returns, for tests: the current record's values */
    List<String> values() {
        String[] v = new String[expectedColumns];
        for (int i = 0; i < expectedColumns; i++) {
            v[i] = text(i);
        }
        return Arrays.asList(v);
    }
}
