package dev.destsdk.core.csv;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes CSV data files in a given {@link CsvFileFormat} such that {@link CsvRecordReader} reads back exactly the
 * values written: NULL as the format represents it (an empty unquoted field or the first {@code nullIf} marker), the
 * empty string quoted, values containing delimiters, quotes or line breaks quoted and escaped. Not thread-safe.
 *
 * <h2>Output</h2>
 * The output is conventional CSV that PostgreSQL {@code COPY ... CSV}, MariaDB {@code LOAD DATA} and DuckDB
 * {@code read_csv} read with the matching options:
 * <ul>
 *   <li>{@code skipHeader} header rows: the column names once, or twice for 2.</li>
 *   <li>Fields joined by the delimiter; every record, the last included, ends with the record separator.</li>
 *   <li>A value is written as it is unless it must be quoted: it is empty, equals a {@code nullIf} marker, contains
 *       the delimiter, the quote or escape character, CR or LF, starts with U+FEFF, or (with {@code trimSpace})
 *       starts or ends with whitespace. Inside quotes the quote character is escaped with the escape character, or
 *       doubled when the format has none, and the escape character is escaped with itself; line breaks stay as they
 *       are.</li>
 *   <li>Without a quote character, the delimiter and the escape character are escaped, and CR and LF are written as
 *       {@code \r} and {@code \n} (escape character followed by {@code r} or {@code n}). A value such a format cannot
 *       represent (see below) is refused with {@link IllegalArgumentException}.</li>
 *   <li>NULL is an empty unquoted field when {@code emptyFieldAsNull}, else the first {@code nullIf} marker that can
 *       stand unquoted in the file, written unquoted. In a one-column file whose blank lines are skipped an empty
 *       line would vanish, so NULL is the first such marker there. When the format has no way to write NULL,
 *       writing one is refused with {@link IllegalArgumentException}.</li>
 *   <li>The file is gzip-compressed when the format says {@code gzip} or the file name ends in {@code .gz}. Text is
 *       encoded in the format's encoding; a value with a character the encoding cannot hold is refused.</li>
 * </ul>
 *
 * <p>A refused value leaves the file as it was before the {@link #write} call. I/O failures raise a
 * {@link ConnectorException} of type {@link ErrorType#IO_ERROR}.
 */
public final class CsvRecordWriter implements AutoCloseable {

    private final Path file;
    private final CsvSyntax syntax;
    private final List<String> nullIf;
    private final String separator;
    private final int columnCount;
    private final boolean emptyLineVanishes;
    /** How NULL is written, or null when it cannot be. */
    private final String nullText;
    private final boolean emptyUnquotedIsNull;
    /** Checks values before they reach the stream; null for UTF encodings, where only lone surrogates fail. */
    private final CharsetEncoder checker;
    private final Charset charset;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private char[] chunk = new char[256];
    private long records;
    private long rowsWritten;
    private boolean closed;

    private CsvRecordWriter(Path file, CsvFileFormat format, int columnCount, Writer out) {
        this.file = file;
        this.syntax = CsvSyntax.of(format);
        this.nullIf = format.nullIf();
        this.separator = format.recordSeparator();
        this.columnCount = columnCount;
        this.emptyLineVanishes = columnCount == 1 && format.skipBlankLines();
        this.charset = format.encoding();
        this.checker = charset.name().startsWith("UTF") ? null : charset.newEncoder();
        this.out = out;
        this.emptyUnquotedIsNull = format.emptyFieldAsNull() || nullIf.contains("");
        String nullRepresentation = null;
        if (format.emptyFieldAsNull() && !emptyLineVanishes) {
            nullRepresentation = "";
        } else {
            for (String marker : nullIf) {
                if (canStandUnquoted(marker)) {
                    nullRepresentation = marker;
                    break;
                }
            }
        }
        this.nullText = nullRepresentation;
    }

    /**
     * Creates (or replaces) a file and writes its header rows: the column names, and for {@code skipHeader == 2} a
     * second row of column names.
     *
     * @param file the file; not null
     * @param format the format; not null
     * @param columns the column names; not null, not empty, no null names
     * @return the writer
     * @throws IllegalArgumentException when there are no columns, or a column name cannot be written in the format
     *     (see the class documentation)
     * @throws ConnectorException IO_ERROR when the file cannot be created
     */
    public static CsvRecordWriter create(Path file, CsvFileFormat format, List<String> columns) {
        Objects.requireNonNull(file, "file is null");
        checkColumns(format, columns);
        OutputStream stream = null;
        try {
            stream = Files.newOutputStream(file);
            if (format.gzip() || file.getFileName().toString().endsWith(".gz")) {
                stream = new GZIPOutputStream(stream, 64 * 1024);
            }
            return open(stream, file, format, columns);
        } catch (IOException e) {
            closeQuietly(stream);
            throw ioError(file, "creating", e);
        } catch (RuntimeException e) {
            closeQuietly(stream);
            throw e;
        }
    }

    /**
     * Writes CSV to a stream (for example a new object of an object store) and writes its header rows as
     * {@link #create(Path, CsvFileFormat, List)} does. The stream is used as given: the format's {@code gzip} flag is
     * ignored, so a caller that wants compression wraps the stream. {@link #close()} closes the stream.
     *
     * @param stream where the bytes go; not null
     * @param name the name of what is written, for error messages (e.g. an object key); not null
     * @param format the format; not null
     * @param columns the column names; not null, not empty, no null names
     * @return the writer
     * @throws IllegalArgumentException as {@link #create(Path, CsvFileFormat, List)}
     * @throws ConnectorException IO_ERROR when the header cannot be written
     */
    public static CsvRecordWriter create(OutputStream stream, String name, CsvFileFormat format,
                                         List<String> columns) {
        Objects.requireNonNull(stream, "stream is null");
        Objects.requireNonNull(name, "name is null");
        checkColumns(format, columns);
        Path file = Path.of(name);
        try {
            return open(stream, file, format, columns);
        } catch (IOException e) {
            throw ioError(file, "creating", e);
        }
    }

    private static void checkColumns(CsvFileFormat format, List<String> columns) {
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(columns, "columns is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a CSV file needs at least one column");
        }
        for (String column : columns) {
            Objects.requireNonNull(column, "a column name is null");
        }
    }

    private static CsvRecordWriter open(OutputStream stream, Path file, CsvFileFormat format, List<String> columns)
            throws IOException {
        CharsetEncoder encoder = format.encoding().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (char c : new char[] {format.fieldDelimiter(), format.quote().orElse('"'), format.escape().orElse('\\'),
                '\r', '\n'}) {
            if (!encoder.canEncode(c)) {
                throw new IllegalArgumentException("the character '" + c + "' of the format cannot be encoded in "
                        + format.encoding().name());
            }
        }
        CsvRecordWriter writer = new CsvRecordWriter(file, format, columns.size(),
                new BufferedWriter(new OutputStreamWriter(stream, encoder), 64 * 1024));
        try {
            for (int row = 0; row < format.skipHeader(); row++) {
                writer.writeRow(columns, true);
            }
            return writer;
        } catch (IOException | RuntimeException e) {
            writer.closeQuietly();
            throw e;
        }
    }

    /**
     * Writes one record.
     *
     * @param values the values in column order, null for NULL; size must equal the column count
     * @throws IllegalArgumentException when the size is wrong, or a value cannot be written in the format (NULL
     *     without a NULL representation, a character the encoding cannot hold, or a value a format without quote
     *     character cannot represent); the file is unchanged then
     * @throws ConnectorException IO_ERROR when writing fails
     * @throws IllegalStateException when the writer is closed
     */
    public void write(List<String> values) {
        Objects.requireNonNull(values, "values is null");
        if (values.size() != columnCount) {
            throw new IllegalArgumentException("record " + (records + 1) + " has " + values.size()
                    + " values but the file has " + columnCount + " columns");
        }
        try {
            writeRow(values, false);
        } catch (IOException e) {
            throw ioError(file, "writing", e);
        }
        records++;
    }

    /** @return records written so far (header rows excluded) */
    public long recordsWritten() {
        return records;
    }

    /**
     * Whether this writer can write NULL: the format has {@code emptyFieldAsNull} (and an empty line is not skipped
     * as blank) or a {@code nullIf} marker that can stand unquoted.
     *
     * @return true when {@link #write} accepts null values
     */
    public boolean canWriteNull() {
        return nullText != null;
    }

    /** @return the file being written */
    public Path file() {
        return file;
    }

    /**
     * Flushes and closes the file (finishing the gzip stream). Closing twice does nothing.
     *
     * @throws ConnectorException IO_ERROR when the file cannot be completed
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw ioError(file, "closing", e);
        }
    }

    private void writeRow(List<String> values, boolean header) throws IOException {
        if (closed) {
            throw new IllegalStateException("the writer of " + file + " is closed");
        }
        line.setLength(0);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(syntax.delimiter());
            }
            appendField(values.get(i), i, header);
        }
        line.append(separator);
        int length = line.length();
        if (chunk.length < length) {
            chunk = new char[Math.max(length, chunk.length * 2)];
        }
        line.getChars(0, length, chunk, 0);
        out.write(chunk, 0, length);
        rowsWritten++;
    }

    private void appendField(String value, int column, boolean header) {
        if (value == null) {
            if (nullText == null) {
                throw refuse(column, header, "is NULL but the format cannot represent NULL: set emptyFieldAsNull or "
                        + "add a nullIf marker that can stand unquoted"
                        + (emptyLineVanishes ? " (in a one-column file with skipBlankLines an empty line is skipped)"
                        : ""));
            }
            line.append(nullText);
            return;
        }
        int n = value.length();
        boolean special = false;
        boolean nonAscii = false;
        char delimiter = syntax.delimiter();
        int quote = syntax.quote();
        int escape = syntax.escape();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == delimiter || c == quote || c == escape || c == '\r' || c == '\n') {
                special = true;
            } else if (c >= 0x80) {
                nonAscii = true;
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                        i++;
                    } else {
                        throw refuse(column, header, "contains an unpaired surrogate character at index " + i);
                    }
                }
            }
        }
        if (nonAscii && checker != null && !checker.canEncode(value)) {
            throw refuse(column, header, "contains a character that cannot be encoded in " + charset.name());
        }
        boolean edgeSpace = syntax.trimSpace() && n > 0
                && (syntax.isTrimmable(value.charAt(0)) || Character.isWhitespace(value.charAt(n - 1)));
        boolean bom = n > 0 && value.charAt(0) == '\uFEFF' && column == 0 && rowsWritten == 0;
        if (!special && n > 0 && !edgeSpace && !bom && !nullIf.contains(value)) {
            line.append(value);
            return;
        }
        if (syntax.hasQuote()) {
            appendQuoted(value);
            return;
        }
        // no quote character: escapes only
        if (edgeSpace) {
            throw refuse(column, header, "starts or ends with whitespace, which trimSpace removes and a format "
                    + "without a quote character cannot protect");
        }
        if (bom) {
            throw refuse(column, header, "starts with U+FEFF, which a reader drops at the start of a file");
        }
        int start = line.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == delimiter || c == escape) {
                line.append((char) escape).append(c);
            } else if (c == '\n') {
                line.append((char) escape).append('n');
            } else if (c == '\r') {
                line.append((char) escape).append('r');
            } else {
                line.append(c);
            }
        }
        int written = line.length() - start;
        if (written == 0 && ((!header && emptyUnquotedIsNull) || emptyLineVanishes)) {
            line.setLength(start);
            throw refuse(column, header, "is the empty string, which a format without a quote character writes as "
                    + "an empty field, and that " + (emptyLineVanishes ? "is a skipped blank line here"
                    : "reads as NULL"));
        }
        if (!header) {
            for (String marker : nullIf) {
                if (marker.length() == written && line.indexOf(marker, start) == start) {
                    line.setLength(start);
                    throw refuse(column, false, "equals the nullIf marker '" + marker + "', which a format without "
                            + "a quote character cannot write as a string");
                }
            }
        }
    }

    private void appendQuoted(String value) {
        char quote = (char) syntax.quote();
        int escape = syntax.escape();
        char quoteEscape = escape == CsvSyntax.NONE ? quote : (char) escape;
        line.append(quote);
        int n = value.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == quote || c == escape) {
                line.append(value, from, i).append(c == quote ? quoteEscape : (char) escape).append(c);
                from = i + 1;
            }
        }
        line.append(value, from, n).append(quote);
    }

    /** Whether {@code marker} written unquoted reads back as an unquoted field with exactly that raw text. */
    private boolean canStandUnquoted(String marker) {
        if (marker.isEmpty()) {
            return !emptyLineVanishes;
        }
        if (syntax.trimSpace() && (syntax.isTrimmable(marker.charAt(0))
                || Character.isWhitespace(marker.charAt(marker.length() - 1)))) {
            return false;
        }
        if (marker.charAt(0) == syntax.quote() || marker.charAt(0) == '\uFEFF') {
            return false;
        }
        for (int i = 0; i < marker.length(); i++) {
            char c = marker.charAt(i);
            if (c == syntax.delimiter() || c == '\r' || c == '\n') {
                return false;
            }
            if (c == syntax.escape()) {
                if (i + 1 == marker.length()) {
                    return false; // it would escape the delimiter or line break after it
                }
                i++;
            }
        }
        return checker == null || checker.canEncode(marker);
    }

    private IllegalArgumentException refuse(int column, boolean header, String problem) {
        String where = header ? "column name " + (column + 1) : "value of column " + (column + 1) + " in record "
                + (records + 1);
        line.setLength(0);
        return new IllegalArgumentException("the " + where + " " + problem + " (file " + file + ")");
    }

    private static ConnectorException ioError(Path file, String doing, IOException e) {
        return ConnectorException.builder(ErrorType.IO_ERROR, doing + " the CSV file failed: " + e.getMessage())
                .file(file).cause(e).build();
    }

    private void closeQuietly() {
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            // the original failure is reported
        }
    }

    private static void closeQuietly(OutputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // the original failure is reported
            }
        }
    }
}
