package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CanonicalText;
import dev.destsdk.core.csv.CsvBytes;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 *
 * <p>{@link #checkOnly} makes a stream that runs the same checks and produces no output, for a loader whose database
 * reads the file itself. The scan skips ordinary bytes eight at a time and checks a value where it
 * lies in the input buffer; a value cut by the buffer's end is copied first.
 */
public final class CsvPassThrough extends CsvChunkStream {
    private static final int BUFFER = 1 << 16;
    private static final MethodHandle CHECK_FIELD;

    static {
        try {
            CHECK_FIELD = MethodHandles.lookup().findVirtual(CsvPassThrough.class, "checkField",
                    MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final InputStream in;
    /** Whether no output is produced (only the checks run): nothing is copied, {@link #output} stays empty. */
    private final boolean checkOnly;
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
    /** The longest of {@link #nullTexts}. */
    private final int nullTextLimit;
    private final int reserve;
    private final int expectedFields;
    /** The checks every value, header and record gets; null for none. */
    private final ValueRules rules;

    /** Byte classes outside quoted fields: ordinary bytes are copied in runs without a look at each one. */
    private static final byte ORDINARY = 0;
    private static final byte DELIMITER = 1;
    private static final byte QUOTE = 2;
    private static final byte LINE_FEED = 3;
    private static final byte CARRIAGE_RETURN = 4;
    private static final byte NUL = 5;
    /** A byte of a multi-byte UTF-8 sequence (0x80 and above), checked when values are checked. */
    private static final byte HIGH = 6;

    private final byte[] classes = new byte[256];
    /** Byte classes inside quoted fields, when values are checked: ORDINARY, QUOTE, LINE_FEED or NUL. */
    private final byte[] quotedClasses = new byte[256];
    /** Finds the next byte that is not ORDINARY in {@link #classes}, eight bytes at a time. */
    private final ByteFinder plainFinder;
    /** Finds the next byte that ends a run inside a quoted field: see {@link #quotedClasses}, or the quote alone. */
    private final ByteFinder quotedFinder;
    /** The input buffer, with room after its {@value #BUFFER} bytes for the fast path's reads ({@link PaddedScan}). */
    private final byte[] input = new byte[BUFFER + PaddedScan.PADDING];
    /** {@link #CHECK_FIELD}, in an instance field so that the JIT does not inline it: see {@link #checkFieldOutOfLine}. */
    private final MethodHandle checkFieldHandle = CHECK_FIELD;
    private int inputLength;
    private int inputPosition;
    private final byte[] output;
    private int outputLength;
    private boolean inputEnded;
    private boolean carry;
    private boolean ended;

    private long headerRecordsLeft;
    private boolean inQuote;
    private boolean lineStart = true;
    private boolean afterCr;
    private boolean dropping;
    private boolean fieldStart = true;
    private boolean buffering;
    private int fieldBegin;
    private int fields;
    private long records;

    /** The absolute position of {@code input[0]} in the (uncompressed) file. */
    private long base;
    /** The physical line at the current position, 1-based; counted when values are checked. */
    private long line = 1;
    private long recordLine = 1;
    private long recordStart;
    private boolean fieldQuoted;
    private boolean quoteClosed;
    private boolean capture;
    private byte[] captured = new byte[64];
    private int capturedLength;
    /**
     * Where the captured text begins in {@link #input} while it is still one slice of it, not copied (the usual
     * case: a value that is one run of bytes within this input buffer); -1 once it is copied to {@link #captured},
     * or when there is none.
     */
    private int sliceBegin = -1;
    private int sliceEnd;
    private List<String> headerNames;
    private boolean bomChecked;
    private boolean headerSeen;
    /** Where a UTF-8 sequence cut by the buffer's end begins; -1 for none. */
    private int carryAt = -1;

    /**
     * Whether {@link #wholeRecords} may run: values are checked, and the rewrite changes nothing inside or after a
     * record (no NULL markers to rewrite, no constants to append), so a record the fast path accepts is copied as
     * it is.
     */
    private final boolean fastPath;
    /** The positions in {@link #input} of each field's value, begin and end, for {@link #wholeRecords}. */
    private final int[] bounds;
    /** Per field, for {@link #wholeRecords}: 0 unquoted, 1 quoted, 2 quoted with doubled quotes inside. */
    private final byte[] quoting;
    /** Per column, what {@link #wholeRecords} does with a value: {@link #SKIP} ... {@link #FUSED}. */
    private final byte[] columnWork;
    /** Per column, its values' quick test, for {@link #FUSED} columns. */
    private final CanonicalText.FastCheck[] columnTests;
    /** The column whose values go to the rules' key order; -1 for none. */
    private final int keyColumn;
    /** A column whose values are not looked at: nullable STRING. */
    private static final byte SKIP = 0;
    /** A column that refuses NULL and takes any other text (NOT NULL STRING): only the NULL check runs. */
    private static final byte NOT_NULL = 1;
    /** A column whose values are checked. */
    private static final byte CHECKED = 2;
    /**
     * A checked column whose quick test accepts only plain bytes, none of them the delimiter or quote, and none of
     * the format's NULL texts.
     */
    private static final byte FUSED = 3;
    /**
     * The fast path is tried only at a record start from here on in {@link #input}: after it gave a record up, the
     * general scan reads that record first.
     */
    private int fastFrom;
    /** {@link #wholeRecord}'s answer for a record that may go on past the input's end. */
    private static final int CUT = -2;
    /** Whether the record at which {@link #wholeRecords} stopped last may go on past the input's end. */
    private boolean cutRecord;
    /** The records {@link #wholeRecords} took. */
    private long fastRecords;
    /** The line feeds inside quoted fields of the record {@link #wholeRecord} took last. */
    private int recordLineFeeds;

    /** Where the bytes not yet copied to the output begin, in {@link #input}, during {@link #rewrite()}. */
    private int from;
    /** The output position during {@link #rewrite()}. */
    private int out;

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
                Objects.requireNonNull(cancellation, "cancellation is null")), file.format(), fields, null, nullToken,
                constants, false);
    }

    /**
     * Opens the file and checks it as it passes with the SDK's {@link ValueRules}: the field count of every record,
     * every non-NULL value's canonical form, the header row's names, the record size, and the CSV rules every
     * connector applies (no quote inside an unquoted field or text after a closing quote, no NUL byte, no
     * unterminated quote, no byte order mark). The first failure ends the stream early (as cancellation does) and
     * is reported by {@link #throwIfFailed}.
     *
     * @param file the data file, in a format {@link #supports} accepts; not null
     * @param rules the checks; not null
     * @param nullToken what an unquoted NULL field holds for the reader; not null
     * @param constants values appended to every record as quoted fields, in order; not null, may be empty
     * @param cancellation the job's signal: the stream ends once it fires; not null
     * @throws IllegalArgumentException when the format is not supported or the token is not writable
     * @throws dev.destsdk.core.error.ConnectorException IO_ERROR when the file cannot be opened
     */
    public CsvPassThrough(LoadFile file, ValueRules rules, String nullToken, List<String> constants,
                          CancellationSignal cancellation) {
        this(DataFileStreams.open(Objects.requireNonNull(file, "file is null"),
                Objects.requireNonNull(cancellation, "cancellation is null")), file.format(),
                Objects.requireNonNull(rules, "rules is null").fields(), rules, nullToken, constants, false);
    }

    /**
     * Rewrites an already opened (uncompressed) stream, checking it with the SDK's {@link ValueRules}.
     *
     * @param in the file's bytes; not null; closed by {@link #close()}
     * @param format the bytes' format, one {@link #supports} accepts; not null
     * @param rules the checks; not null
     * @param nullToken what an unquoted NULL field holds for the reader; not null
     * @param constants values appended to every record as quoted fields; not null
     * @throws IllegalArgumentException when the format is not supported or the token is not writable
     */
    public CsvPassThrough(InputStream in, CsvFileFormat format, ValueRules rules, String nullToken,
                          List<String> constants) {
        this(in, format, Objects.requireNonNull(rules, "rules is null").fields(), rules, nullToken, constants, false);
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
        this(in, format, fields, null, nullToken, constants, false);
    }

    /**
     * Opens the file to check it with the SDK's {@link ValueRules} and produce nothing: the same checks, failures,
     * {@link #records()}, {@link #largestRecord()}, {@link #hasQuotedCarriageReturn()} and
     * {@link #firstCarriageReturnLineEnd()} as the checking constructors, but no rewritten output (no byte is
     * copied), for a loader whose database reads the file itself. Read it with {@link #advance()}, which goes one
     * input buffer (64 KiB) further per call, until it returns false; then {@link #throwIfFailed}. ({@code read}
     * works too but returns -1 only once the whole file is checked, producing no byte.)
     *
     * @param file the data file, in a format {@link #supports} accepts; not null
     * @param rules the checks; not null
     * @param cancellation the job's signal: the stream ends once it fires; not null
     * @return the stream, which the caller closes
     * @throws IllegalArgumentException when the format is not supported
     * @throws dev.destsdk.core.error.ConnectorException IO_ERROR when the file cannot be opened
     */
    public static CsvPassThrough checkOnly(LoadFile file, ValueRules rules, CancellationSignal cancellation) {
        Objects.requireNonNull(rules, "rules is null");
        return new CsvPassThrough(DataFileStreams.open(Objects.requireNonNull(file, "file is null"),
                Objects.requireNonNull(cancellation, "cancellation is null")), file.format(), rules.fields(), rules,
                "", List.of(), true);
    }

    /**
     * Checks an already opened (uncompressed) stream and produces nothing, as {@link #checkOnly(LoadFile,
     * ValueRules, CancellationSignal)} does.
     *
     * @param in the file's bytes; not null; closed by {@link #close()}
     * @param format the bytes' format, one {@link #supports} accepts; not null
     * @param rules the checks; not null
     * @return the stream, which the caller closes
     * @throws IllegalArgumentException when the format is not supported
     */
    public static CsvPassThrough checkOnly(InputStream in, CsvFileFormat format, ValueRules rules) {
        Objects.requireNonNull(rules, "rules is null");
        return new CsvPassThrough(in, format, rules.fields(), rules, "", List.of(), true);
    }

    private CsvPassThrough(InputStream in, CsvFileFormat format, int fields, ValueRules rules, String nullToken,
                           List<String> constants, boolean checkOnly) {
        this.checkOnly = checkOnly;
        this.rules = rules;
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
        // with no output, there is nothing to rewrite
        this.rewriteNulls = !checkOnly && !nulls.equals(Set.of(nullToken));
        List<byte[]> texts = new ArrayList<>();
        int limit = nullToken.getBytes(StandardCharsets.UTF_8).length;
        for (String n : nulls) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            texts.add(b);
            limit = Math.max(limit, b.length);
        }
        this.nullTexts = texts.toArray(new byte[0][]);
        this.nullTextLimit = texts.stream().mapToInt(b -> b.length).max().orElse(-1);
        this.token = nullToken.getBytes(StandardCharsets.UTF_8);
        this.quotedToken = (quoteChar() + nullToken + quoteChar()).getBytes(StandardCharsets.UTF_8);
        this.emptyValue = new byte[] {quote, quote};
        this.fieldLimit = limit;
        // The most one event can add to the output beyond the input bytes it consumes: a field replaced by the
        // quoted token, the constants and a line feed.
        this.reserve = limit + 3 + suffix.length + 1;
        this.output = checkOnly ? new byte[0] : new byte[2 * BUFFER + 2 * reserve + 2];
        // Delimiters matter only to NULL markers and the field count; otherwise they are copied like any byte.
        classes[delimiter & 0xff] = rewriteNulls || fields > 0 || rules != null ? DELIMITER : ORDINARY;
        classes[quote & 0xff] = QUOTE;
        classes[LF] = LINE_FEED;
        classes[CR] = CARRIAGE_RETURN;
        if (rules != null) {
            classes[0] = NUL;
            quotedClasses[quote & 0xff] = QUOTE;
            quotedClasses[LF] = LINE_FEED;
            quotedClasses[0] = NUL;
            quotedClasses[CR] = CARRIAGE_RETURN;
            for (int b = 0x80; b < 0x100; b++) {
                classes[b] = HIGH;
                quotedClasses[b] = HIGH;
            }
        }
        this.plainFinder = ByteFinder.of(classes);
        byte[] quoteOnly = new byte[256];
        quoteOnly[quote & 0xff] = QUOTE;
        this.quotedFinder = ByteFinder.of(rules != null ? quotedClasses : quoteOnly);
        this.fastPath = rules != null && !rewriteNulls && suffix.length == 0 && fields > 0
                && fields == rules.fields();
        this.bounds = new int[fastPath ? 2 * fields : 0];
        this.quoting = new byte[fastPath ? fields : 0];
        this.keyColumn = rules != null ? rules.keyColumn().orElse(-1) : -1;
        this.columnWork = new byte[fastPath ? fields : 0];
        this.columnTests = new CanonicalText.FastCheck[columnWork.length];
        boolean plainSeparators = !CanonicalText.isPlain(delimiter) && !CanonicalText.isPlain(quote);
        for (int f = 0; f < columnWork.length; f++) {
            CanonicalText.FastCheck test = rules.fastCheck(f);
            columnTests[f] = test;
            columnWork[f] = !rules.parses(f) ? SKIP
                    : test.acceptsAllButNul() && f != keyColumn ? NOT_NULL
                    : test.acceptsOnlyPlain() && plainSeparators && !acceptsNullText(test) ? FUSED
                    : CHECKED;
        }
    }

    /** Whether a test accepts one of the texts the format reads as NULL (then NULL must be looked for first). */
    private boolean acceptsNullText(CanonicalText.FastCheck test) {
        for (byte[] n : nullTexts) {
            if (test.test(n, 0, n.length)) {
                return true;
            }
        }
        return false;
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
        return CsvBytes.isByteScannable(format) && format.nullIf().stream().allMatch(m -> writable(m, format));
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
    @Override
    public long records() {
        return records;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    protected boolean nextChunk() throws IOException {
        if (ended || failed()) {
            return false;
        }
        outputLength = 0;
        if (!inputEnded && (inputPosition >= inputLength || carry)) {
            // keep the bytes not yet rewritten (a field that may be a NULL marker) and read after them
            copySlice();
            int rest = inputLength - inputPosition;
            base += inputPosition;
            System.arraycopy(input, inputPosition, input, 0, rest);
            inputLength = rest;
            inputPosition = 0;
            fastFrom = 0;
            carry = false;
            int n = in.read(input, rest, BUFFER - rest);
            if (n < 0) {
                inputEnded = true;
            } else {
                inputLength += n;
            }
        }
        if (rules != null && !bomChecked && (inputLength >= 3 || inputEnded)) {
            bomChecked = true;
            if (inputLength >= 3 && (input[0] & 0xff) == 0xEF && (input[1] & 0xff) == 0xBB
                    && (input[2] & 0xff) == 0xBF) {
                fail(rules.badRecord("the file starts with a byte order mark; write data files in UTF-8 without"
                        + " one", 1, 0, 0));
                return false;
            }
        }
        rewrite();
        setChunk(output, outputLength);
        return true;
    }

    /**
     * Rewrites the input bytes from {@link #inputPosition}: bytes that stay as they are are copied in runs, and only
     * the places that change (header and blank lines, CR, a NULL field, a record's end when constants are appended)
     * are handled one by one. Stops at the end of the input, before an event whose output might not fit, or
     * before a field that may still turn out to be a NULL marker when the input ends in it (that field is read again
     * with more input: {@link #carry}).
     */
    private void rewrite() {
        final byte[] src = input;
        final byte[] k = classes;
        final int end = inputLength;
        final boolean checkRoom = rewriteNulls || suffix.length > 0;
        int i = inputPosition;
        from = i;
        out = outputLength;
        if (afterCr && i < end) {
            afterCr = false;
            if (src[i] == LF) {
                i++;
                from = i;
            }
        }
        while (i < end) {
            if (lineStart && fastPath && i >= fastFrom && headerRecordsLeft == 0) {
                i = wholeRecords(src, i, end);
                if (i >= end) {
                    break;
                }
                if (cutRecord && i > 0 && !inputEnded) {
                    // the record goes on past the buffer: read it again from the buffer's start, with more input
                    flush(i);
                    carry = true;
                    inputPosition = i;
                    outputLength = out;
                    return;
                }
                // a record the fast path gave up: the general scan below reads it
                fastFrom = i + 1;
            }
            if (inQuote) {
                int j = i;
                if (rules == null) {
                    j = quotedFinder.next(src, j, end);
                } else {
                    final byte[] qk = quotedClasses;
                    int wait = -1;
                    while (j < end) {
                        j = quotedFinder.next(src, j, end);
                        if (j >= end) {
                            break;
                        }
                        byte qc = qk[src[j] & 0xff];
                        if (qc == ORDINARY) {
                            j++;
                        } else if (qc == LINE_FEED) {
                            line++;
                            j++;
                        } else if (qc == CARRIAGE_RETURN) {
                            quotedCarriageReturn();
                            j++;
                        } else if (qc == NUL && dropping) {
                            // header rows hold names, which the identifier policy maps; only values refuse NUL
                            j++;
                        } else if (qc == HIGH) {
                            int n = utf8Length(src, j, end);
                            if (n > 0) {
                                j += n;
                            } else {
                                wait = n;
                                break;
                            }
                        } else {
                            break;
                        }
                    }
                    if (wait == -1 && j < end && (src[j] & 0x80) != 0) {
                        if (capture) {
                            keep(src, i, j);
                        }
                        fail(notUtf8());
                        stop(j);
                        return;
                    }
                    if (wait == 0 && inputEnded) {
                        fail(notUtf8());
                        stop(j);
                        return;
                    }
                    if (wait == 0) {
                        // a sequence cut by the buffer's end: read it again with more input
                        if (capture) {
                            keep(src, i, j);
                        }
                        flush(j);
                        carry = true;
                        inputPosition = j;
                        outputLength = out;
                        return;
                    }
                    if (capture) {
                        keep(src, i, j);
                    }
                    if (j < end && src[j] == 0) {
                        fail(rules.badRecord("a value holds a NUL byte, which values must not hold", recordLine,
                                dropping ? 0 : records + 1, fields - 1));
                        stop(j);
                        return;
                    }
                }
                if (j == end) {
                    i = end;
                    break;
                }
                inQuote = false;
                quoteClosed = true;
                i = j + 1;
                continue;
            }
            byte c = src[i];
            byte cl = k[c & 0xff];
            if (cl == HIGH) {
                int n = utf8Length(src, i, end);
                if (n < 0) {
                    if (lineStart) {
                        startRecord(i);
                    }
                    fail(notUtf8());
                    stop(i);
                    return;
                }
                if (n == 0) {
                    // a sequence cut by the buffer's end: read it again with more input
                    carryAt = i;
                    break;
                }
                cl = ORDINARY;
            }
            if (cl == NUL) {
                if (lineStart) {
                    startRecord(i);
                }
                if (dropping) {
                    // header rows hold names, which the identifier policy maps; only values refuse NUL
                    cl = ORDINARY;
                }
            }
            if (cl == ORDINARY) {
                if (lineStart) {
                    startRecord(i);
                }
                if (quoteClosed && rules != null) {
                    fail(rules.badRecord("text follows the closing quote of a quoted field; quote the whole value"
                            + " and double the quotes inside it", recordLine, dropping ? 0 : records + 1, fields - 1));
                    stop(i);
                    return;
                }
                int run = i;
                if (fieldStart) {
                    fieldStart = false;
                    if (rewriteNulls) {
                        buffering = true;
                        fieldBegin = i;
                    }
                }
                // a multi-byte UTF-8 sequence (already checked) is consumed whole
                i += c < 0 && rules != null ? utf8Length(src, i, end) : 1;
                i = ordinaryRun(src, i, end);
                if (capture) {
                    keep(src, run, i);
                }
                if (buffering && i - fieldBegin > fieldLimit) {
                    buffering = false;
                }
                continue;
            }
            // room for this event and, after it, for the input's last record
            if (checkRoom && out + (end - from) + 2 * reserve + 1 > output.length) {
                break;
            }
            if (cl == NUL) {
                if (lineStart) {
                    startRecord(i);
                }
                fail(rules.badRecord("a value holds a NUL byte, which values must not hold", recordLine,
                        dropping ? 0 : records + 1, fields - 1));
                stop(i);
                return;
            }
            if (cl == QUOTE) {
                if (lineStart) {
                    startRecord(i);
                }
                if (rules != null) {
                    if (fieldStart) {
                        fieldQuoted = true;
                    } else if (quoteClosed) {
                        // a doubled quote inside a quoted field
                        if (capture) {
                            keep(src, i, i + 1);
                        }
                    } else {
                        fail(rules.badRecord("a quote inside an unquoted field; quote the whole value and double"
                                + " the quotes inside it", recordLine, dropping ? 0 : records + 1, fields - 1));
                        stop(i);
                        return;
                    }
                    quoteClosed = false;
                }
                buffering = false;
                fieldStart = false;
                inQuote = true;
                i++;
                continue;
            }
            if (cl == DELIMITER) {
                if (lineStart) {
                    startRecord(i);
                }
                endField(i);
                checkFieldOutOfLine();
                if (failed()) {
                    stop(i);
                    return;
                }
                fields++;
                fieldStart = true;
                beginField();
                i++;
                continue;
            }
            // a line break outside quotes
            boolean cr = cl == CARRIAGE_RETURN;
            if (cr) {
                carriageReturnLineEnd(line);
            }
            if (lineStart) {
                if (dropBlankLines) {
                    flush(i);
                    i = skipLineBreak(src, i, end, cr);
                    line++;
                    from = i;
                    continue;
                }
                startRecord(i);
            }
            endField(i);
            checkFieldOutOfLine();
            boolean wasDropping = dropping;
            if (!failed()) {
                endRecord(i, cr);
            }
            if (failed()) {
                inputPosition = i;
                outputLength = out;
                return;
            }
            i = skipLineBreak(src, i, end, cr);
            line++;
            if (cr || wasDropping) {
                // the CR was written as LF; a header line is left out with its line break
                from = i;
            }
        }
        if (carryAt >= 0) {
            int at = carryAt;
            carryAt = -1;
            if (inputEnded) {
                if (lineStart) {
                    startRecord(at);
                }
                fail(notUtf8());
                stop(at);
                return;
            }
            if (buffering) {
                at = rewindField();
            }
            flush(at);
            carry = true;
            inputPosition = at;
            outputLength = out;
            return;
        }
        if (i >= end && inputEnded) {
            finish(end);
            return;
        }
        if (rules != null && !lineStart && !dropping && base + i - recordStart > ValueRules.MAX_RECORD_BYTES) {
            fail(rules.tooLarge(recordLine, records + 1, fields - 1));
            stop(i);
            return;
        }
        if (buffering) {
            // a field that may still be a NULL marker: read it again, with more input when the input ran out
            carry = i >= end;
            i = rewindField();
        }
        flush(i);
        inputPosition = i;
        outputLength = out;
    }

    /**
     * The fast path for the usual records: checks whole records that lie in {@code src[i, end)} one after another,
     * from the start of a record, and returns where the first record begins that it does not take (or {@code end}).
     *
     * <p>It takes a record only when the record is plain: it ends with LF within the input, has the expected number
     * of fields, no CR, no NUL, valid UTF-8, every quoted field closed right before a delimiter or the line feed,
     * and every checked value passes. Anything else (a blank line, a header row, bad input, a record cut by the
     * buffer's end) is left to the general scan in {@link #rewrite()}, which reads it from its first byte, so
     * failures and their messages come from one place. Until it takes a record, the fast path changes no state: the
     * value checks it runs have no effect ({@link ValueRules#check(int, byte[], int, int, long, long)}), and the key
     * value goes to the key order once the record is taken.
     *
     * <p>A field of a {@link #FUSED} column is first read as its type's {@link CanonicalText.FastCheck} expects:
     * the field ends at the first delimiter (or, for the last field, line feed), and when the test accepts the text
     * before it, that text is the field, since it holds only plain bytes and none of them ends a field or opens a
     * quote. Otherwise the field is scanned as any other. So most typed values are read once, by their test.
     *
     * <p>Why: the general scan keeps its state in fields of this object and goes through several calls for every
     * field. Here the state lives in locals for a whole buffer of records (docs/BENCHMARKS.md).
     */
    private int wholeRecords(byte[] src, int i, int end) {
        long lineNow = line;
        long recordsNow = records;
        long largest = 0;
        int start = i;
        cutRecord = false;
        while (start < end) {
            int p = wholeRecord(src, start, end, lineNow, recordsNow + 1);
            if (p < 0) {
                cutRecord = p == CUT;
                break;
            }
            largest = Math.max(largest, p - 1 - start);
            recordsNow++;
            lineNow += 1 + recordLineFeeds;
            start = p;
        }
        fastRecords += recordsNow - records;
        records = recordsNow;
        line = lineNow;
        recordSize(largest);
        return start;
    }

    /** @return the records {@link #wholeRecords} took so far (the rest were read by the general scan); for tests */
    long fastRecords() {
        return fastRecords;
    }

    /**
     * One record for {@link #wholeRecords}: a method of its own, called once per record, so that the JIT compiles it
     * once as a whole method instead of several times on the stack of a long-running loop (on-stack replacement).
     *
     * <p>Fields are found by the delimiter, quote and line feed alone ({@link PaddedScan}, which reads up to eight
     * bytes past {@code end}: {@link #input} has room for that): a multi-byte UTF-8 character never holds an ASCII
     * byte, so it cannot hide one of them. The scans note CR, NUL, bytes from 0x80 and line feeds inside quotes as
     * they pass; a field with one is checked once more by {@link PaddedScan#lineFeedsIfClean}. A field of a
     * {@link #FUSED} column whose test accepted it holds only plain bytes, none of them rare.
     *
     * @return where the next record begins, after this one's line feed; -1 when the fast path does not take the
     *     record, {@link #CUT} when the record may go on past {@code end} (nothing changed then);
     *     {@link #recordLineFeeds} holds the line feeds inside its quoted fields
     */
    private int wholeRecord(byte[] src, int start, int end, long lineNow, long record) {
        final int n = expectedFields;
        final byte q = quote;
        final byte d = delimiter;
        final long pd = PaddedScan.pattern(d);
        final long pq = PaddedScan.pattern(q);
        final long plf = PaddedScan.pattern(LF);
        final int[] b = bounds;
        final byte[] quoted = quoting;
        final byte[] work = columnWork;
        final CanonicalText.FastCheck[] tests = columnTests;
        final ValueRules r = rules;
        int p = start;
        int lineFeeds = 0;
        if (src[p] == LF) {
            return -1;
        }
        for (int f = 0; f < n; f++) {
            boolean last = f == n - 1;
            byte want = last ? LF : d;
            byte w = work[f];
            if (w == FUSED && src[p] != q) {
                int e = PaddedScan.find(src, p, end, last ? plf : pd);
                if (e < end && tests[f].test(src, p, e - p)) {
                    b[2 * f] = p;
                    b[2 * f + 1] = e;
                    quoted[f] = 0;
                    p = e + 1;
                    continue;
                }
                // not certainly canonical (or cut by the buffer's end): scanned and checked as any field
            }
            byte kind = 0;
            if (p < end && src[p] == q) {
                kind = 1;
                p++;
                b[2 * f] = p;
                int rare = 0;
                while (true) {
                    int found = PaddedScan.findQuoteNotingRare(src, p, end, pq);
                    rare |= found;
                    p = found & PaddedScan.POSITION;
                    if (p + 1 >= end) {
                        // no closing quote, or none known to be one, within the buffer
                        return CUT;
                    }
                    if (src[p + 1] != q) {
                        break;
                    }
                    kind = 2;
                    p += 2;
                }
                b[2 * f + 1] = p;
                if ((rare & PaddedScan.RARE) != 0) {
                    int inside = PaddedScan.lineFeedsIfClean(src, b[2 * f], p);
                    if (inside < 0) {
                        return -1;
                    }
                    lineFeeds += inside;
                }
                p++;
            } else {
                b[2 * f] = p;
                int found = PaddedScan.findAnyNotingRare(src, p, end, pd, pq, plf);
                p = found & PaddedScan.POSITION;
                if (p >= end) {
                    return CUT;
                }
                b[2 * f + 1] = p;
                if ((found & PaddedScan.RARE) != 0 && PaddedScan.lineFeedsIfClean(src, b[2 * f], p) < 0) {
                    return -1;
                }
            }
            quoted[f] = kind;
            if (src[p] != want) {
                return -1;
            }
            p++;
            if (w == SKIP) {
                continue;
            }
            int begin = b[2 * f];
            int length = b[2 * f + 1] - begin;
            Optional<ConnectorException> bad;
            if (kind == 0 && isNullBytes(src, begin, length)) {
                bad = r.nullValue(f, lineNow, record);
            } else if (w == NOT_NULL) {
                // any text but NUL, which the pass over the record refuses
                continue;
            } else if (kind == 2) {
                if (f == keyColumn) {
                    return -1;
                }
                // the value without its doubled quotes
                length = unescape(src, begin, length);
                bad = r.check(f, captured, 0, length, lineNow, record);
            } else {
                bad = r.check(f, src, begin, length, lineNow, record);
            }
            if (bad.isPresent()) {
                return -1;
            }
        }
        int key = keyColumn;
        if (key >= 0) {
            r.keyAccepted(src, b[2 * key], b[2 * key + 1] - b[2 * key]);
        }
        recordLineFeeds = lineFeeds;
        return p;
    }

    /**
     * Copies a quoted field's text, whose quotes are all doubled, to {@link #captured} with each pair as one quote.
     *
     * @return the value's length in {@link #captured}
     */
    private int unescape(byte[] src, int begin, int length) {
        if (captured.length < length) {
            captured = java.util.Arrays.copyOf(captured, Math.max(captured.length * 2, length));
        }
        byte[] to = captured;
        int n = 0;
        for (int k = begin, end = begin + length; k < end; k++) {
            byte c = src[k];
            to[n++] = c;
            if (c == quote) {
                k++;
            }
        }
        return n;
    }

    /**
     * Returns the end of the run of ordinary bytes (and, when values are checked, valid multi-byte UTF-8 sequences
     * whole in the input) that starts at {@code i}: where the next byte the rewrite looks at is, or {@code end}.
     */
    private int ordinaryRun(byte[] src, int i, int end) {
        final ByteFinder finder = plainFinder;
        final boolean checked = rules != null;
        while (true) {
            i = finder.next(src, i, end);
            if (i >= end || !checked || src[i] >= 0) {
                return i;
            }
            int n = utf8Length(src, i, end);
            if (n <= 0) {
                // not UTF-8, or cut by the input's end: the caller looks at it
                return i;
            }
            i += n;
        }
    }

    /** Goes back to the start of a field that may still be a NULL marker, to read it again; returns where. */
    private int rewindField() {
        buffering = false;
        fieldStart = true;
        capturedLength = 0;
        sliceBegin = -1;
        return fieldBegin;
    }

    /** At the end of the input: ends a last record that has no line break, and the stream. */
    private void finish(int end) {
        if (rules != null && inQuote && !failed()) {
            fail(rules.badRecord("the file ends inside a quoted field (an unterminated quote)", recordLine,
                    dropping ? 0 : records + 1, fields - 1));
        }
        if (!lineStart && !failed()) {
            inQuote = false;
            endField(end);
            checkField();
        }
        if (!lineStart && !failed()) {
            endRecord(end, false);
            if (!failed()) {
                flush(end);
                lineFeed();
            }
        } else if (!failed()) {
            flush(end);
        }
        if (rules != null && rules.checksHeader() && headerRecordsLeft > 0 && !failed()) {
            fail(rules.missingHeader());
        }
        inputPosition = end;
        outputLength = out;
        ended = true;
    }

    @Override
    protected ConnectorException unreadable(IOException e) {
        ConnectorException plain = super.unreadable(e);
        if (rules == null) {
            return plain;
        }
        return rules.badRecord("the compressed file ends early or is corrupt (" + e.getMessage() + "); write the"
                + " file again", lineStart ? line : recordLine, records + 1, lineStart ? 0 : fields - 1);
    }

    private ConnectorException notUtf8() {
        return rules.badRecord("a value is not valid UTF-8; write data files in UTF-8", recordLine,
                dropping ? 0 : records + 1, fields - 1);
    }

    private static int utf8Length(byte[] src, int i, int end) {
        return CsvBytes.utf8Length(src, i, end);
    }

    /** Ends the rewrite at {@code i} after a failure: the output holds what was copied before. */
    private void stop(int i) {
        inputPosition = i;
        outputLength = out;
    }

    /**
     * Appends bytes of the current field (in {@link #input}) to the captured text: the first run is only noted, as a
     * slice of the input, and copied when a second run that does not follow it directly comes, or before the input
     * buffer is refilled ({@link #copySlice()}).
     */
    private void keep(byte[] src, int begin, int end) {
        if (sliceBegin >= 0) {
            if (begin == sliceEnd) {
                sliceEnd = end;
                return;
            }
            copySlice();
        } else if (capturedLength == 0) {
            sliceBegin = begin;
            sliceEnd = end;
            return;
        }
        append(src, begin, end);
    }

    /** Copies the captured text's slice of the input to {@link #captured} (the input is about to change). */
    private void copySlice() {
        if (sliceBegin >= 0) {
            int begin = sliceBegin;
            sliceBegin = -1;
            append(input, begin, sliceEnd);
        }
    }

    private void append(byte[] src, int begin, int end) {
        int n = end - begin;
        if (capturedLength + n > captured.length) {
            captured = java.util.Arrays.copyOf(captured, Math.max(captured.length * 2, capturedLength + n));
        }
        System.arraycopy(src, begin, captured, capturedLength, n);
        capturedLength += n;
    }

    /** Starts a field: decides whether its text is captured (checked values, header names). */
    private void beginField() {
        if (rules == null) {
            return;
        }
        fieldQuoted = false;
        quoteClosed = false;
        capturedLength = 0;
        sliceBegin = -1;
        capture = dropping ? headerNames != null : rules.parses(fields - 1);
    }

    /**
     * Runs {@link #checkField()} for a field whose text is captured, through {@link #checkFieldHandle}: a method
     * handle held in an instance field is not a constant to the JIT, so C2 cannot inline the call, and the value
     * checks ({@link ValueRules}, {@code CanonicalText}) stay out of {@link #rewrite()}'s compiled code.
     *
     * <p>Inlined, they made {@code rewrite()} the largest method C2 compiled in a load: about 60 kB of machine code,
     * compiled twice (on-stack replacement, then whole) at 0.5–1 s of CPU each. On 2 cores that CPU was taken from
     * the database beside the check. Out of line, each compiles once on its own: 0.5 s less CPU and 0.25 s less wall
     * time per fresh JVM for a 428 MB file (docs/BENCHMARKS.md). The call itself costs a few nanoseconds per checked
     * field.
     */
    private void checkFieldOutOfLine() {
        if (!capture) {
            return;
        }
        try {
            checkFieldHandle.invokeExact(this);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            // checkField() declares no checked exception
            throw new IllegalStateException(t);
        }
    }

    /** Checks the field that just ended: a header name is kept, a non-NULL value checked. */
    private void checkField() {
        if (!capture) {
            return;
        }
        capture = false;
        byte[] text = captured;
        int begin = 0;
        int length = capturedLength;
        if (sliceBegin >= 0) {
            text = input;
            begin = sliceBegin;
            length = sliceEnd - sliceBegin;
        }
        if (dropping) {
            headerNames.add(new String(text, begin, length, StandardCharsets.UTF_8));
            return;
        }
        Optional<ConnectorException> bad = !fieldQuoted && isNullBytes(text, begin, length)
                ? rules.nullValue(fields - 1, recordLine, records + 1)
                : rules.value(fields - 1, text, begin, length, recordLine, records + 1);
        if (bad.isPresent()) {
            fail(bad.get());
        }
    }

    private boolean isNullBytes(byte[] text, int begin, int length) {
        if (length > nullTextLimit) {
            return false;
        }
        for (byte[] n : nullTexts) {
            if (n.length == length && java.util.Arrays.equals(n, 0, n.length, text, begin, begin + length)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the position after a line break at {@code i}: CRLF is one break; a CR at the end sets afterCr. */
    private int skipLineBreak(byte[] src, int i, int end, boolean cr) {
        if (!cr) {
            return i + 1;
        }
        if (i + 1 < end) {
            return src[i + 1] == LF ? i + 2 : i + 1;
        }
        afterCr = true;
        return i + 1;
    }

    /** Copies the input bytes from {@link #from} up to {@code to} to the output, unless in a dropped header row. */
    private void flush(int to) {
        if (!dropping && to > from && !checkOnly) {
            System.arraycopy(input, from, output, out, to - from);
            out += to - from;
        }
        from = to;
    }

    private void emit(byte[] bytes) {
        if (checkOnly) {
            return;
        }
        System.arraycopy(bytes, 0, output, out, bytes.length);
        out += bytes.length;
    }

    private void lineFeed() {
        if (!checkOnly) {
            output[out++] = LF;
        }
    }

    private void startRecord(int i) {
        lineStart = false;
        fieldStart = true;
        fields = 1;
        if (headerRecordsLeft > 0) {
            flush(i);
            dropping = true;
            if (rules != null && rules.checksHeader() && !headerSeen) {
                headerSeen = true;
                headerNames = new ArrayList<>();
            }
        }
        recordLine = line;
        recordStart = base + i;
        beginField();
    }

    /** Ends the field that ends at {@code i}: decides a short unquoted field (or an empty one) by the NULL rule. */
    private void endField(int i) {
        if (!rewriteNulls) {
            return;
        }
        int begin;
        if (fieldStart) {
            begin = i;
        } else if (buffering) {
            begin = fieldBegin;
        } else {
            return;
        }
        fieldStart = false;
        buffering = false;
        if (dropping) {
            return;
        }
        int length = i - begin;
        byte[] replacement = null;
        if (isNullText(begin, length)) {
            replacement = token;
        } else if (equalsText(token, begin, length)) {
            replacement = length == 0 ? emptyValue : quotedToken;
        }
        if (replacement != null) {
            flush(begin);
            emit(replacement);
            from = i;
        }
    }

    private boolean isNullText(int begin, int length) {
        for (byte[] n : nullTexts) {
            if (equalsText(n, begin, length)) {
                return true;
            }
        }
        return false;
    }

    private boolean equalsText(byte[] text, int begin, int length) {
        if (text.length != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (text[k] != input[begin + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ends the record whose line break is at {@code i} (or the input's end): a header row is dropped; a data
     * record gets the constants and an LF (its CR, if it ended with one, is not copied).
     */
    private void endRecord(int i, boolean cr) {
        lineStart = true;
        fieldStart = true;
        if (dropping) {
            from = i;
            dropping = false;
            headerRecordsLeft--;
            if (headerNames != null) {
                rules.header(headerNames, recordLine).ifPresent(this::fail);
                headerNames = null;
            }
            return;
        }
        if (expectedFields > 0 && fields != expectedFields) {
            flush(i);
            ConnectorException.Builder b = ConnectorException.builder(ErrorType.VALIDATION_ERROR, "record "
                    + (records + 1) + " has " + fields + " field(s), expected " + expectedFields
                    + "; fix the file or the object's fields").record(records + 1);
            if (rules != null) {
                b = rules.badRecord("the record has " + fields + " field(s), expected " + expectedFields
                        + "; fix the file or the object's fields", recordLine, records + 1,
                        fields < expectedFields ? fields : expectedFields - 1).toBuilder();
            }
            fail(b.build());
            return;
        }
        if (rules != null) {
            long size = base + i - recordStart;
            if (size > ValueRules.MAX_RECORD_BYTES) {
                fail(rules.tooLarge(recordLine, records + 1, fields - 1));
                return;
            }
            recordSize(size);
        }
        records++;
        if (suffix.length > 0 || cr) {
            flush(i);
            emit(suffix);
            if (cr) {
                lineFeed();
            }
        }
    }
}
