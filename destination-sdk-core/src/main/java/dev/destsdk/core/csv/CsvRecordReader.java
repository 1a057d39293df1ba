package dev.destsdk.core.csv;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the records of one CSV data file as its {@link CsvFileFormat} says (header rows, delimiter, quote,
 * escape, trimming, blank lines, NULL markers, encoding, gzip). Memory does not grow with the file: it holds the
 * current and the previous record and one decoding chunk.
 *
 * <h2>How a file is read</h2>
 * <ol>
 *   <li>The file is gzip-decompressed when the format says {@code gzip} or its name ends in {@code .gz}.</li>
 *   <li>Bytes are decoded in the format's encoding; malformed or unmappable bytes are an error, never replaced. A
 *       leading byte order mark is dropped for UTF encodings.</li>
 *   <li>Records are split by <a href="https://commons.apache.org/proper/commons-csv/">commons-csv</a>: fields are
 *       separated by the delimiter; a field that starts with the quote character (after leading whitespace when
 *       {@code trimSpace}) is quoted and may hold delimiters and line breaks; inside quotes a quote is doubled or,
 *       when the format has an escape character, escaped. The escape character also resolves {@code \n}, {@code \r},
 *       {@code \t}, {@code \b}, {@code \f} and escapes the delimiter, the quote and itself in unquoted fields. An
 *       escape character equal to the quote character means doubling. Lines may end in LF, CRLF or CR.</li>
 *   <li>{@code trimSpace} removes leading and trailing whitespace ({@link Character#isWhitespace(char)}) of
 *       unquoted fields and whitespace around a quoted field's quotes; a quoted field's content is never trimmed.</li>
 *   <li>{@code skipBlankLines} ignores lines without any character; otherwise such a line is a record with one empty
 *       field.</li>
 *   <li>The first {@code skipHeader} records are header rows; {@link #header()} returns the first one's values.</li>
 * </ol>
 *
 * <h2>NULL and the empty string</h2>
 * A field is NULL when (a) {@code emptyFieldAsNull} is set and the field is empty and unquoted, or (b) the field is
 * unquoted and its raw text, as it stands in the file (escape sequences not resolved, trimmed when {@code trimSpace}),
 * equals one of the {@code nullIf} markers. A quoted field is never NULL, so {@code ""} is the empty string and
 * {@code "\N"} is the two-character string. Comparing raw text means that with escape {@code \} the unquoted field
 * {@code \\N} is the string {@code \N}, as MariaDB's {@code LOAD DATA} reads it. commons-csv reports quoting only for
 * empty fields (in its "strict" quote mode), so for a field whose value may be a marker the reader re-reads that
 * record's raw text, which it keeps for that purpose; records without such a value cost nothing extra.
 *
 * <h2>Errors</h2>
 * Bad input raises a {@link ConnectorException} of type {@link ErrorType#VALIDATION_ERROR} whose context names the
 * file, the physical line on which the bad record starts, the record number (data records, 1-based; absent for a
 * header row) and the column (its header name when there is a header, else its 1-based position): a record with
 * more or fewer fields than expected, a quoted field not closed before the end of the file, text after a closing
 * quote, an escape character at the end of the file, bytes invalid in the encoding, or corrupt gzip data. A file that
 * cannot be read is an {@link ErrorType#IO_ERROR}. After an error the reader is unusable.
 *
 * <p>Not thread-safe; close it.
 */
public final class CsvRecordReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CsvRecordReader.class);

    private final Path file;
    private final String fileName;
    private final CsvFileFormat format;
    private final CsvSyntax syntax;
    private final HistoryReader source;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final RawRecordScanner scanner;

    /** Whether an unquoted empty field is NULL (emptyFieldAsNull, or an empty nullIf marker). */
    private final boolean emptyIsNull;
    /** Whether a null from commons-csv is an unquoted empty field that reads as "" (not a NULL). */
    private final boolean parserNullIsEmpty;
    /** Markers that commons-csv cannot decide (it is told at most one), in their raw form. */
    private final String[] markers;
    /** For each of {@link #markers}: the value commons-csv produces for that raw text, or null if none can match. */
    private final String[] markerValues;
    private final int minMarkerLength;
    private final int maxMarkerLength;

    private List<String> header = List.of();
    private int expectedColumns;
    private String expectedSource;

    private long physicalRecords;
    private long dataRecords;
    private long lastSpanStart = -1;
    private long lastSpanLine;
    private long currentLine;
    private boolean closed;
    private boolean failed;

    private CsvRecordReader(Path file, CsvFileFormat format, int expectedColumns, InputStream in) throws IOException {
        this.file = file;
        this.fileName = file.toString();
        this.format = format;
        this.syntax = CsvSyntax.of(format);
        this.scanner = new RawRecordScanner(syntax);
        this.expectedColumns = expectedColumns;
        this.expectedSource = "as the caller expects";

        List<String> nullIf = format.nullIf();
        String nativeMarker = null;
        if (!format.emptyFieldAsNull() && !syntax.hasEscape() && !nullIf.isEmpty()
                && (nullIf.get(0).isEmpty() || !nullIf.contains(""))) {
            // Without escapes the raw text is the value, so commons-csv's strict null handling decides this marker
            // exactly (quoted: a string; unquoted: NULL). The empty field then reads as "" either way.
            nativeMarker = nullIf.get(0);
        }
        this.emptyIsNull = nativeMarker == null && (format.emptyFieldAsNull() || nullIf.contains(""));
        // with a native marker commons-csv returns null only for that marker; otherwise null is an unquoted empty
        this.parserNullIsEmpty = nativeMarker == null && !emptyIsNull;
        List<String> raw = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String marker : nullIf) {
            if (marker.isEmpty() || marker.equals(nativeMarker) || raw.contains(marker)) {
                continue;
            }
            if (syntax.trimSpace() && (syntax.isTrimmable(marker.charAt(0))
                    || Character.isWhitespace(marker.charAt(marker.length() - 1)))) {
                continue; // trimmed raw text never starts or ends with whitespace: this marker cannot match
            }
            raw.add(marker);
            values.add(syntax.unquotedValue(marker));
        }
        this.markers = raw.toArray(new String[0]);
        this.markerValues = values.toArray(new String[0]);
        this.minMarkerLength = values.stream().mapToInt(String::length).min().orElse(Integer.MAX_VALUE);
        this.maxMarkerLength = values.stream().mapToInt(String::length).max().orElse(-1);

        this.source = new HistoryReader(in, format.encoding());
        CSVFormat csvFormat = CSVFormat.Builder.create()
                .setDelimiter(syntax.delimiter())
                .setQuote(syntax.hasQuote() ? Character.valueOf((char) syntax.quote()) : null)
                .setEscape(syntax.hasEscape() ? Character.valueOf((char) syntax.escape()) : null)
                .setCommentMarker((Character) null)
                .setIgnoreSurroundingSpaces(syntax.trimSpace())
                .setIgnoreEmptyLines(syntax.skipBlankLines())
                .setTrim(false)
                .setTrailingDelimiter(false)
                .setLenientEof(false)
                .setTrailingData(false)
                // strict quote mode: an unquoted empty field reads as null, a quoted one as ""
                .setQuoteMode(QuoteMode.ALL_NON_NULL)
                .setNullString(nativeMarker)
                .get();
        this.parser = CSVParser.builder().setReader(source).setFormat(csvFormat).get();
        this.records = parser.iterator();
    }

    /**
     * Opens a file and reads its header rows.
     *
     * @param file the data file; not null
     * @param format its format; not null
     * @param expectedColumns the column count every record must have, or -1 to take it from the header (or from
     *     the first record when {@code skipHeader} is 0)
     * @return the reader, positioned before the first data record
     * @throws ConnectorException VALIDATION_ERROR when the file does not exist or its header rows are bad, IO_ERROR
     *     when it cannot be read
     * @throws IllegalArgumentException when {@code expectedColumns} is neither -1 nor positive
     */
    public static CsvRecordReader open(Path file, CsvFileFormat format, int expectedColumns) {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(format, "format is null");
        if (expectedColumns != -1 && expectedColumns < 1) {
            throw new IllegalArgumentException("expectedColumns must be -1 or positive, got " + expectedColumns);
        }
        InputStream in = null;
        CsvRecordReader reader = null;
        try {
            in = Files.newInputStream(file);
            if (format.gzip() || file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 64 * 1024);
            }
            reader = new CsvRecordReader(file, format, expectedColumns, in);
            reader.readHeader();
            return reader;
        } catch (NoSuchFileException e) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR,
                    "the data file does not exist; check the path").file(file).cause(e).build();
        } catch (ZipException | EOFException e) {
            closeQuietly(in);
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR,
                    "the file is not valid gzip data (" + e.getMessage() + "); compress it with gzip or set the "
                            + "format's gzip to false and drop the .gz suffix").file(file).cause(e).build();
        } catch (IOException e) {
            closeQuietly(in);
            throw ioError(file, e);
        } catch (RuntimeException e) {
            if (reader != null) {
                reader.close();
            } else {
                closeQuietly(in);
            }
            throw e;
        }
    }

    /**
     * Opens a file whose records must all have as many fields as its header (or, without a header, as its first
     * record).
     *
     * @param file the data file; not null
     * @param format its format; not null
     * @return the reader, positioned before the first data record
     * @throws ConnectorException as {@link #open(Path, CsvFileFormat, int)}
     */
    public static CsvRecordReader open(Path file, CsvFileFormat format) {
        return open(file, format, -1);
    }

    /** @return the column names of the first header row; empty when {@code skipHeader} is 0 or the file is empty */
    public List<String> header() {
        return header;
    }

    /** @return the file being read */
    public Path file() {
        return file;
    }

    /**
     * Reads the next data record. Every record has the expected number of fields; a NULL field is a null element.
     *
     * @return the next record, or empty at the end of the file
     * @throws ConnectorException VALIDATION_ERROR for bad input, IO_ERROR when the file cannot be read
     * @throws IllegalStateException when the reader is closed or failed before
     */
    public Optional<CsvRow> next() {
        CSVRecord record = nextPhysical();
        if (record == null) {
            return Optional.empty();
        }
        dataRecords++;
        String[] values = record.values();
        if (expectedColumns < 0) {
            expectedColumns = values.length;
            expectedSource = "as in the first record";
        }
        if (values.length != expectedColumns) {
            throw fail(raggedRecord(values.length, dataRecords));
        }
        boolean needsRawText = false;
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (value == null) {
                if (parserNullIsEmpty) {
                    values[i] = "";
                }
            } else if (maxMarkerLength >= 0 && value.length() >= minMarkerLength && value.length() <= maxMarkerLength
                    && isMarkerValue(value)) {
                needsRawText = true;
            }
        }
        if (needsRawText) {
            resolveMarkers(record.getCharacterPosition(), values);
        }
        return Optional.of(new CsvRow(fileName, dataRecords, currentLine, Arrays.asList(values)));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            parser.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", fileName, e);
        }
    }

    private void readHeader() {
        int rows = format.skipHeader();
        for (int row = 0; row < rows; row++) {
            CSVRecord record = nextPhysical();
            if (record == null) {
                if (row == 0) {
                    return; // an empty file: no header, no records
                }
                throw fail(ConnectorException.builder(ErrorType.VALIDATION_ERROR,
                        "the file ends after " + row + " header row(s) but the format has " + rows
                                + "; set the format's skipHeader to the number of header rows the file has")
                        .file(fileName).build());
            }
            String[] values = record.values();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    values[i] = "";
                }
            }
            if (row == 0) {
                header = Collections.unmodifiableList(Arrays.asList(values.clone()));
                if (expectedColumns < 0) {
                    expectedColumns = values.length;
                    expectedSource = "as in the header";
                } else if (values.length != expectedColumns) {
                    throw fail(raggedRecord(values.length, -1));
                } else {
                    expectedSource = "as in the header and as the caller expects";
                }
            } else if (values.length != expectedColumns) {
                throw fail(raggedRecord(values.length, -1));
            }
        }
    }

    private CSVRecord nextPhysical() {
        if (closed) {
            throw new IllegalStateException("the reader of " + fileName + " is closed");
        }
        if (failed) {
            throw new IllegalStateException("the reader of " + fileName + " failed before");
        }
        long lineBefore = parser.getCurrentLineNumber();
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            throw fail(locate(e.getCause()));
        }
        long spanStart = record.getCharacterPosition();
        int blankLines = 0;
        if (syntax.skipBlankLines()) {
            long pos = spanStart;
            int c = source.charAt(pos);
            while (c == '\r' || c == '\n') {
                pos += c == '\r' && source.charAt(pos + 1) == '\n' ? 2 : 1;
                blankLines++;
                c = source.charAt(pos);
            }
        }
        lastSpanStart = spanStart;
        lastSpanLine = lineBefore + 1;
        currentLine = lineBefore + 1 + blankLines;
        physicalRecords++;
        source.keepFrom(spanStart);
        return record;
    }

    private boolean isMarkerValue(String value) {
        for (String candidate : markerValues) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Decides the fields whose value equals a marker's value by their raw text and quoting. */
    private void resolveMarkers(long spanStart, String[] values) {
        RawRecordScanner.Outcome outcome = scanner.scan(source, spanStart);
        if (outcome != RawRecordScanner.Outcome.RECORD || scanner.fieldCount() != values.length) {
            throw fail(ConnectorException.builder(ErrorType.INTERNAL_ERROR,
                    "re-reading the record to find NULL markers gave " + outcome + " with " + scanner.fieldCount()
                            + " fields instead of " + values.length + "; please report this with the file")
                    .file(fileName).line(currentLine).record(dataRecords).build());
        }
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (value == null || scanner.quoted(i)) {
                continue;
            }
            for (int m = 0; m < markers.length; m++) {
                if (markerValues[m].equals(value) && scanner.rawEquals(i, markers[m])) {
                    values[i] = null;
                    break;
                }
            }
        }
    }

    private ConnectorException raggedRecord(int found, long recordNumber) {
        int column = found < expectedColumns ? found : expectedColumns;
        String what = recordNumber < 0 ? "header row" : "record";
        String hint = found < expectedColumns
                ? "a field is missing or a line break inside a value is not quoted"
                : "a value contains an unquoted delimiter '" + printable(syntax.delimiter()) + "'";
        ConnectorException.Builder b = ConnectorException.builder(ErrorType.VALIDATION_ERROR,
                        what + " has " + found + (found == 1 ? " field" : " fields") + " but " + expectedColumns
                                + " were expected ("
                                + expectedSource + "); " + hint)
                .file(fileName).line(currentLine).column(columnName(column));
        if (recordNumber >= 0) {
            b.record(recordNumber);
        }
        return b.build();
    }

    /** Turns a parse failure into an error naming the record, line and column, by re-reading the raw text. */
    private ConnectorException locate(Throwable failure) {
        // The parser stopped inside the record after the last one it returned (or, for bad bytes met while
        // peeking past a line break, inside the one after that). Re-read from the last record's start.
        long spanStart = 0;
        long spanLine = 1;
        long physical = physicalRecords;
        RawRecordScanner.Outcome outcome = RawRecordScanner.Outcome.RECORD;
        if (lastSpanStart >= 0) {
            outcome = scanner.scan(source, lastSpanStart);
            spanStart = scanner.end();
            spanLine = lastSpanLine + scanner.blankLines() + scanner.lineBreaks();
        }
        for (int attempt = 0; attempt < 2 && outcome == RawRecordScanner.Outcome.RECORD; attempt++) {
            outcome = scanner.scan(source, spanStart);
            physical++;
            if (outcome == RawRecordScanner.Outcome.RECORD) {
                spanLine += scanner.blankLines() + scanner.lineBreaks();
                spanStart = scanner.end();
            }
        }
        boolean located = outcome != null && outcome != RawRecordScanner.Outcome.RECORD
                && outcome != RawRecordScanner.Outcome.NO_RECORD;
        long recordLine = located ? spanLine + scanner.blankLines() : parser.getCurrentLineNumber();
        String column = located ? columnName(scanner.problemField()) : null;
        long problemLine = located ? recordLine + scanner.problemLineBreaks() : recordLine;
        String at = problemLine != recordLine ? " (at line " + problemLine + ")" : "";

        String detail;
        ErrorType type = ErrorType.VALIDATION_ERROR;
        HistoryReader.BadBytesException badBytes = failure instanceof HistoryReader.BadBytesException bad ? bad
                : source.pendingFailure();
        if (failure instanceof HistoryReader.BadBytesException || (badBytes != null
                && outcome == RawRecordScanner.Outcome.TEXT_ENDS)) {
            detail = (badBytes.unmappable() ? "bytes that cannot be mapped" : "bytes that are not valid")
                    + " in encoding " + badBytes.charset().name() + " at byte offset " + badBytes.byteOffset()
                    + at + "; re-encode the file as " + badBytes.charset().name()
                    + " or set the format's encoding to the file's encoding";
        } else if (failure instanceof ZipException || failure instanceof EOFException) {
            detail = "the gzip data is corrupt or truncated (" + failure.getMessage() + ")" + at
                    + "; write the file again";
        } else if (failure instanceof CSVException && located) {
            detail = switch (outcome) {
                case UNTERMINATED_QUOTE -> "a quoted field"
                        + (problemLine != recordLine ? " starting at line " + problemLine : "")
                        + " is not closed before the end of the file; add the closing quote " + quoteName()
                        + " or double (or escape) quote characters inside the value";
                case TEXT_AFTER_QUOTE -> "the character '" + printable(source.charAt(scanner.problemPosition()))
                        + "' follows a closing quote" + at + "; a quoted field must end at a delimiter or a line "
                        + "break: double (or escape) quote characters inside a quoted value";
                case ESCAPE_AT_END -> "the file ends with the escape character '" + printable(syntax.escape())
                        + "'; escape characters must be followed by the character they escape";
                default -> "the record is malformed: " + failure.getMessage();
            };
        } else if (failure instanceof CSVException) {
            detail = "the record is malformed: " + failure.getMessage();
        } else {
            type = ErrorType.IO_ERROR;
            detail = "reading the file failed: " + failure.getMessage();
        }
        ConnectorException.Builder b = ConnectorException.builder(type, detail).file(fileName).cause(failure)
                .line(recordLine);
        if (physical > format.skipHeader() && located) {
            b.record(physical - format.skipHeader());
        }
        if (column != null) {
            b.column(column);
        }
        return b.build();
    }

    private String columnName(int index) {
        if (index >= 0 && index < header.size() && !header.get(index).isEmpty()) {
            return header.get(index);
        }
        return Integer.toString(index + 1);
    }

    private String quoteName() {
        return "'" + printable(syntax.quote()) + "'";
    }

    private static String printable(int c) {
        return switch (c) {
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            default -> c < 0 ? "?" : String.valueOf((char) c);
        };
    }

    private ConnectorException fail(ConnectorException e) {
        failed = true;
        return e;
    }

    private static ConnectorException ioError(Path file, IOException e) {
        String why = e instanceof AccessDeniedException ? "access denied" : String.valueOf(e.getMessage());
        return ConnectorException.builder(ErrorType.IO_ERROR, "cannot read the data file: " + why)
                .file(file).cause(e).build();
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing to add: the open already failed
            }
        }
    }
}
