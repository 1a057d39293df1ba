package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A data file's bytes as a database's native CSV reader must see them, produced by a byte-level rewrite that keeps
 * the bytes of every value as they are: far cheaper than parsing and re-writing each record
 * ({@link CsvTranscoder}), and the way the bulk loaders pass a file through to COPY, LOAD DATA or a CSV reader.
 *
 * <p>What the output holds, for a file whose format {@link #supports} accepts:
 * <ul>
 *   <li>no header rows: the format's {@code skipHeader} records are dropped, so line {@code n} of the output is
 *       data record {@code n};</li>
 *   <li>no blank lines when the format skips them (a line break directly after another, outside a quoted field);
 *       when it does not, a blank line stays a record of one empty field;</li>
 *   <li>every record ends with {@code \n}: CR, CRLF and LF end a record outside quoted fields; line breaks inside
 *       quoted fields are copied unchanged;</li>
 *   <li>NULL as the reader's {@code nullToken}: an unquoted field the format reads as NULL ({@code emptyFieldAsNull},
 *       {@code nullIf}) is written as the unquoted token, and an unquoted field that is a value but equals the
 *       token is written quoted, so that "unquoted token" means NULL and nothing else. When the format's NULL rule is
 *       already exactly that, fields are not looked at;</li>
 *   <li>the given constant values (e.g. the sync's tracking values) appended to every record as quoted fields.</li>
 * </ul>
 * Delimiter and quote are the format's. As PostgreSQL's COPY does, every quote character outside a quoted field
 * opens one and inside closes it (a doubled quote closes and reopens it), so that the record boundaries found here
 * are the ones the database finds.
 *
 * <p>The stream reads the file with {@link DataFileStreams#open} (gunzipped, ending once the job is cancelled) and
 * holds two buffers; memory does not grow with the file. Not thread-safe; close it.
 */
public final class CsvPassThrough extends InputStream {
    private static final int BUFFER = 1 << 16;
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final InputStream in;
    private final byte delimiter;
    private final byte quote;
    private final boolean dropBlankLines;
    private final byte[] suffix;
    private final boolean rewriteNulls;
    private final byte[][] nullTexts;
    private final byte[] token;
    private final byte[] quotedToken;
    private final byte[] emptyValue;
    private final int fieldLimit;
    private final int reserve;
    private final int expectedFields;

    private final byte[] input = new byte[BUFFER];
    private int inputLength;
    private int inputPosition;
    private final byte[] output;
    private int outputLength;
    private int outputPosition;
    private boolean inputEnded;
    private boolean ended;

    private long headerRecordsLeft;
    private boolean inQuote;
    private boolean lineStart = true;
    private boolean afterCr;
    private boolean dropping;
    private boolean fieldStart = true;
    private boolean buffering;
    private final byte[] field;
    private int fieldLength;
    private int fields;
    private long records;
    private ConnectorException failure;

    /**
     * Opens the file.
     *
     * @param file the data file, in a format {@link #supports} accepts; not null
     * @param nullToken what an unquoted NULL field holds for the reader, e.g. {@code ""} (PostgreSQL, DuckDB) or
     *     {@code NULL} (MariaDB); without the delimiter, quote and line breaks; not null
     * @param constants values appended to every record as quoted fields, in order; not null, may be empty
     * @param cancellation the job's signal: the stream ends once it fires; not null
     * @throws IllegalArgumentException when the format is not supported or the token is not writable
     * @throws dev.destsdk.core.error.ConnectorException IO_ERROR when the file cannot be opened
     */
    public CsvPassThrough(LoadFile file, String nullToken, List<String> constants, CancellationSignal cancellation) {
        this(file, 0, nullToken, constants, cancellation);
    }

    /**
     * Opens the file, checking that every data record has {@code fields} fields: a record with more or fewer ends
     * the stream early (as cancellation does) and is reported by {@link #throwIfFailed}, because a database reader
     * that maps fields to variables (MariaDB's LOAD DATA) would not notice it.
     *
     * @param file the data file, in a format {@link #supports} accepts; not null
     * @param fields the number of fields every data record has; 0 for no check
     * @param nullToken what an unquoted NULL field holds for the reader; not null
     * @param constants values appended to every record as quoted fields, in order; not null, may be empty
     * @param cancellation the job's signal: the stream ends once it fires; not null
     * @throws IllegalArgumentException when the format is not supported or the token is not writable
     * @throws dev.destsdk.core.error.ConnectorException IO_ERROR when the file cannot be opened
     */
    public CsvPassThrough(LoadFile file, int fields, String nullToken, List<String> constants,
                          CancellationSignal cancellation) {
        this(DataFileStreams.open(Objects.requireNonNull(file, "file is null"),
                Objects.requireNonNull(cancellation, "cancellation is null")), file.format(), fields, nullToken,
                constants);
    }

    /**
     * Rewrites an already opened (uncompressed) stream; for tests and callers that open the bytes themselves.
     *
     * @param in the file's bytes; not null; closed by {@link #close()}
     * @param format the bytes' format, one {@link #supports} accepts; not null
     * @param nullToken what an unquoted NULL field holds for the reader; not null
     * @param constants values appended to every record as quoted fields; not null
     * @throws IllegalArgumentException when the format is not supported or the token is not writable
     */
    public CsvPassThrough(InputStream in, CsvFileFormat format, String nullToken, List<String> constants) {
        this(in, format, 0, nullToken, constants);
    }

    /**
     * Rewrites an already opened (uncompressed) stream, checking the number of fields of every data record.
     *
     * @param in the file's bytes; not null; closed by {@link #close()}
     * @param format the bytes' format, one {@link #supports} accepts; not null
     * @param fields the number of fields every data record has; 0 for no check
     * @param nullToken what an unquoted NULL field holds for the reader; not null
     * @param constants values appended to every record as quoted fields; not null
     * @throws IllegalArgumentException when the format is not supported or the token is not writable
     */
    public CsvPassThrough(InputStream in, CsvFileFormat format, int fields, String nullToken, List<String> constants) {
        this.in = Objects.requireNonNull(in, "in is null");
        if (fields < 0) {
            throw new IllegalArgumentException("fields must not be negative, got " + fields);
        }
        this.expectedFields = fields;
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(nullToken, "nullToken is null");
        Objects.requireNonNull(constants, "constants is null");
        if (!supports(format)) {
            throw new IllegalArgumentException("format not supported for pass-through: " + format);
        }
        if (!writable(nullToken, format)) {
            throw new IllegalArgumentException("the NULL token must not hold the delimiter, quote or a line break");
        }
        this.delimiter = (byte) format.fieldDelimiter();
        this.quote = (byte) format.quote().orElseThrow().charValue();
        this.dropBlankLines = format.skipBlankLines();
        this.headerRecordsLeft = format.skipHeader();
        this.suffix = suffix(constants, (char) delimiter, (char) quote);
        Set<String> nulls = nullTexts(format);
        this.rewriteNulls = !nulls.equals(Set.of(nullToken));
        List<byte[]> texts = new ArrayList<>();
        int limit = nullToken.getBytes(StandardCharsets.UTF_8).length;
        for (String n : nulls) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            texts.add(b);
            limit = Math.max(limit, b.length);
        }
        this.nullTexts = texts.toArray(new byte[0][]);
        this.token = nullToken.getBytes(StandardCharsets.UTF_8);
        this.quotedToken = (quoteChar() + nullToken + quoteChar()).getBytes(StandardCharsets.UTF_8);
        this.emptyValue = new byte[] {quote, quote};
        this.fieldLimit = limit;
        this.field = new byte[limit + 1];
        // The most one input byte can add to the output: a pending field written quoted, the constants and LF.
        this.reserve = limit + 3 + suffix.length + 1;
        this.output = new byte[BUFFER + reserve];
    }

    private String quoteChar() {
        return String.valueOf((char) quote);
    }

    /**
     * Whether a format can be passed through: UTF-8, no trimming, a quote character with quotes escaped by doubling
     * (no other escape character), delimiter and quote single ASCII characters other than line breaks, and NULL
     * markers without the delimiter, quote or line breaks.
     *
     * @param format the format; not null
     * @return true when {@link CsvPassThrough} rewrites it exactly
     */
    public static boolean supports(CsvFileFormat format) {
        if (!format.encoding().equals(StandardCharsets.UTF_8) || format.trimSpace() || format.quote().isEmpty()) {
            return false;
        }
        char q = format.quote().get();
        char d = format.fieldDelimiter();
        if (format.escape().isPresent() && format.escape().get() != q) {
            return false;
        }
        if (!ascii(q) || !ascii(d) || q == d) {
            return false;
        }
        return format.nullIf().stream().allMatch(m -> writable(m, format));
    }

    private static boolean ascii(char c) {
        return c > 0 && c < 0x80 && c != '\n' && c != '\r';
    }

    private static boolean writable(String text, CsvFileFormat format) {
        return text.indexOf(format.fieldDelimiter()) < 0 && text.indexOf(format.quote().orElseThrow()) < 0
                && text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
    }

    /**
     * @param format a format; not null
     * @return the texts an unquoted field has when the format reads it as NULL ({@code ""} for
     *     {@code emptyFieldAsNull}, then the {@code nullIf} markers)
     */
    public static Set<String> nullTexts(CsvFileFormat format) {
        Set<String> nulls = new LinkedHashSet<>();
        if (format.emptyFieldAsNull()) {
            nulls.add("");
        }
        nulls.addAll(format.nullIf());
        return nulls;
    }

    private static byte[] suffix(List<String> constants, char delimiter, char quote) {
        StringBuilder sb = new StringBuilder();
        for (String c : constants) {
            Objects.requireNonNull(c, "a constant is null");
            sb.append(delimiter).append(quote);
            for (int i = 0; i < c.length(); i++) {
                char ch = c.charAt(i);
                if (ch == quote) {
                    sb.append(quote);
                }
                sb.append(ch);
            }
            sb.append(quote);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the data records written so far (header rows and skipped blank lines not counted) */
    public long records() {
        return records;
    }

    /** @return the bad record that ended the stream early, if any */
    public Optional<ConnectorException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Throws the failure that ended the stream early, if any: a record with the wrong number of fields.
     *
     * @param file the file, named in the error; not null
     * @throws ConnectorException VALIDATION_ERROR naming the file and record
     */
    public void throwIfFailed(LoadFile file) {
        if (failure != null) {
            throw file.attribute(failure);
        }
    }

    @Override
    public int read() throws IOException {
        if (!ensure()) {
            return -1;
        }
        return output[outputPosition++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!ensure()) {
            return -1;
        }
        int n = Math.min(len, outputLength - outputPosition);
        System.arraycopy(output, outputPosition, b, off, n);
        outputPosition += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean ensure() throws IOException {
        while (outputPosition >= outputLength) {
            if (ended || failure != null) {
                return false;
            }
            outputPosition = 0;
            outputLength = 0;
            if (inputPosition >= inputLength) {
                if (inputEnded) {
                    finish();
                    ended = true;
                    continue;
                }
                int n = in.read(input, 0, input.length);
                if (n < 0) {
                    inputEnded = true;
                    continue;
                }
                inputLength = n;
                inputPosition = 0;
            }
            rewrite();
        }
        return true;
    }

    /** Rewrites input bytes until the input chunk is used up or the output buffer is full. */
    private void rewrite() {
        final byte[] src = input;
        final byte[] dst = output;
        final int end = inputLength;
        final int limit = dst.length - reserve;
        int i = inputPosition;
        int o = outputLength;
        while (i < end && o < limit && failure == null) {
            byte c = src[i];
            if (inQuote) {
                // Copy up to and including the closing quote.
                int stop = Math.min(end, i + (limit - o));
                int j = i;
                while (j < stop && src[j] != quote) {
                    j++;
                }
                boolean closed = j < stop;
                if (closed) {
                    j++;
                    inQuote = false;
                }
                if (!dropping) {
                    System.arraycopy(src, i, dst, o, j - i);
                    o += j - i;
                }
                i = j;
                continue;
            }
            if (afterCr) {
                afterCr = false;
                if (c == LF) {
                    i++;
                    continue;
                }
            }
            if (c == LF || c == CR) {
                afterCr = c == CR;
                i++;
                if (lineStart) {
                    if (dropBlankLines) {
                        continue;
                    }
                    startRecord();
                }
                o = endField(dst, o);
                o = endRecord(dst, o);
                continue;
            }
            if (lineStart) {
                startRecord();
            }
            if (c == delimiter) {
                o = endField(dst, o);
                if (!dropping) {
                    dst[o++] = c;
                }
                fieldStart = true;
                fields++;
                i++;
                continue;
            }
            if (c == quote) {
                if (buffering) {
                    o = flushField(dst, o);
                }
                fieldStart = false;
                inQuote = true;
                if (!dropping) {
                    dst[o++] = c;
                }
                i++;
                continue;
            }
            if (fieldStart) {
                fieldStart = false;
                if (rewriteNulls) {
                    buffering = true;
                    fieldLength = 0;
                }
            }
            if (buffering) {
                if (fieldLength < fieldLimit) {
                    field[fieldLength++] = c;
                    i++;
                    continue;
                }
                o = flushField(dst, o);
            }
            // Copy the rest of an unquoted field.
            int stop = Math.min(end, i + (limit - o));
            int j = i;
            while (j < stop) {
                byte x = src[j];
                if (x == delimiter || x == quote || x == LF || x == CR) {
                    break;
                }
                j++;
            }
            if (!dropping) {
                System.arraycopy(src, i, dst, o, j - i);
                o += j - i;
            }
            i = j;
        }
        inputPosition = i;
        outputLength = o;
    }

    private void startRecord() {
        lineStart = false;
        fieldStart = true;
        fields = 1;
        dropping = headerRecordsLeft > 0;
    }

    /** Ends the current field: decides a buffered unquoted field (or an empty one) against the NULL rule. */
    private int endField(byte[] dst, int o) {
        if (!rewriteNulls) {
            return o;
        }
        if (fieldStart) {
            fieldStart = false;
            fieldLength = 0;
            buffering = true;
        }
        if (!buffering) {
            return o;
        }
        buffering = false;
        if (dropping) {
            return o;
        }
        byte[] replacement = null;
        if (isNullText()) {
            replacement = token;
        } else if (equalsField(token)) {
            replacement = fieldLength == 0 ? emptyValue : quotedToken;
        }
        if (replacement == null) {
            System.arraycopy(field, 0, dst, o, fieldLength);
            return o + fieldLength;
        }
        System.arraycopy(replacement, 0, dst, o, replacement.length);
        return o + replacement.length;
    }

    /** Writes a buffered field prefix that can no longer be a NULL marker or the token. */
    private int flushField(byte[] dst, int o) {
        buffering = false;
        if (dropping) {
            return o;
        }
        System.arraycopy(field, 0, dst, o, fieldLength);
        return o + fieldLength;
    }

    private boolean isNullText() {
        for (byte[] n : nullTexts) {
            if (equalsField(n)) {
                return true;
            }
        }
        return false;
    }

    private boolean equalsField(byte[] text) {
        if (text.length != fieldLength) {
            return false;
        }
        for (int k = 0; k < fieldLength; k++) {
            if (text[k] != field[k]) {
                return false;
            }
        }
        return true;
    }

    private int endRecord(byte[] dst, int o) {
        lineStart = true;
        fieldStart = true;
        if (dropping) {
            dropping = false;
            headerRecordsLeft--;
            return o;
        }
        if (expectedFields > 0 && fields != expectedFields) {
            failure = ConnectorException.builder(ErrorType.VALIDATION_ERROR, "record " + (records + 1) + " has "
                    + fields + " field(s), expected " + expectedFields + "; fix the file or the object's fields")
                    .record(records + 1).build();
            return o;
        }
        System.arraycopy(suffix, 0, dst, o, suffix.length);
        o += suffix.length;
        dst[o++] = LF;
        records++;
        return o;
    }

    /** At the end of the input: ends a last record that has no line break. */
    private void finish() {
        int o = outputLength;
        if (!lineStart) {
            inQuote = false;
            o = endField(output, o);
            o = endRecord(output, o);
        }
        outputLength = o;
    }
}
