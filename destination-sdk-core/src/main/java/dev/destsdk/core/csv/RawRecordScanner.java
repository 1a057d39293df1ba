package dev.destsdk.core.csv;

import java.util.Arrays;

/**
 * Re-reads the raw text of one record from a {@link HistoryReader}, following the same lexical rules as commons-csv's
 * lexer, to learn what commons-csv does not expose: whether each field was quoted, its raw (unescaped-before) text,
 * the physical lines the record spans, and where exactly a malformed record goes wrong.
 *
 * <p>It runs only off the hot path: for a record holding a value that may be a NULL marker, and to locate an error.
 * One instance is reused; the results of {@link #scan} stay valid until the next call. Not thread-safe.
 */
final class RawRecordScanner {

    /** What a scan found. */
    enum Outcome {
        /** A complete record. */
        RECORD,
        /** Only blank lines (when skipped) up to the end of the input: no record. */
        NO_RECORD,
        /** The input ends inside a quoted field. */
        UNTERMINATED_QUOTE,
        /** A character other than whitespace, a delimiter or a line break follows a closing quote. */
        TEXT_AFTER_QUOTE,
        /** The input ends right after an escape character. */
        ESCAPE_AT_END,
        /** The decoded text ends before the record does (bad bytes or a read failure follow). */
        TEXT_ENDS
    }

    private final CsvSyntax syntax;
    private HistoryReader text;

    private Outcome outcome;
    private int blankLines;
    private int lineBreaks;
    private long end;
    private int fieldCount;
    private boolean[] quoted = new boolean[16];
    private long[] rawStart = new long[16];
    private long[] rawEnd = new long[16];
    private int problemField;
    private long problemPosition;
    private int problemLineBreaks;
    private int quoteStartLineBreaks;
    private long recordStart;

    RawRecordScanner(CsvSyntax syntax) {
        this.syntax = syntax;
    }

    /**
     * Scans the record whose text (including any blank lines before it) starts at {@code position}, which must be
     * the start of a line.
     *
     * @param source the decoded text
     * @param position absolute character position
     * @return the outcome
     */
    Outcome scan(HistoryReader source, long position) {
        this.text = source;
        blankLines = 0;
        lineBreaks = 0;
        fieldCount = 0;
        problemField = -1;
        problemPosition = -1;
        problemLineBreaks = 0;
        long pos = position;
        int c = source.charAt(pos);
        if (syntax.skipBlankLines()) {
            while (c == '\r' || c == '\n') {
                pos = afterLineBreak(pos, c);
                blankLines++;
                c = source.charAt(pos);
            }
        }
        recordStart = pos;
        if (c == HistoryReader.END) {
            end = pos;
            return outcome = Outcome.NO_RECORD;
        }
        if (c == HistoryReader.UNAVAILABLE) {
            return fail(Outcome.TEXT_ENDS, pos);
        }
        while (true) {
            if (syntax.trimSpace()) {
                while (c != '\r' && c != '\n' && syntax.isTrimmable(c)) {
                    c = source.charAt(++pos);
                }
            }
            int field = fieldCount++;
            ensureCapacity(fieldCount);
            if (c == syntax.quote()) {
                quoted[field] = true;
                rawStart[field] = pos;
                quoteStartLineBreaks = lineBreaks;
                pos = scanQuoted(pos + 1);
                if (pos < 0) {
                    return outcome;
                }
                c = source.charAt(pos);
                // after the closing quote: whitespace, then a delimiter, a line break or the end
                while (true) {
                    if (c == syntax.delimiter()) {
                        rawEnd[field] = pos;
                        c = source.charAt(++pos);
                        break;
                    }
                    if (c == HistoryReader.END) {
                        rawEnd[field] = pos;
                        end = pos;
                        return outcome = Outcome.RECORD;
                    }
                    if (c == '\r' || c == '\n') {
                        rawEnd[field] = pos;
                        end = afterLineBreak(pos, c);
                        lineBreaks++;
                        return outcome = Outcome.RECORD;
                    }
                    if (c == HistoryReader.UNAVAILABLE) {
                        return fail(Outcome.TEXT_ENDS, pos);
                    }
                    if (!Character.isWhitespace((char) c)) {
                        return fail(Outcome.TEXT_AFTER_QUOTE, pos);
                    }
                    c = source.charAt(++pos);
                }
                continue;
            }
            quoted[field] = false;
            rawStart[field] = pos;
            while (true) {
                if (c == syntax.delimiter() || c == '\r' || c == '\n' || c == HistoryReader.END) {
                    long fieldEnd = pos;
                    if (syntax.trimSpace()) {
                        while (fieldEnd > rawStart[field] && Character.isWhitespace((char) source.charAt(fieldEnd - 1))) {
                            fieldEnd--;
                        }
                    }
                    rawEnd[field] = fieldEnd;
                    break;
                }
                if (c == HistoryReader.UNAVAILABLE) {
                    return fail(Outcome.TEXT_ENDS, pos);
                }
                if (c == syntax.escape()) {
                    int next = source.charAt(pos + 1);
                    if (next == HistoryReader.END) {
                        return fail(Outcome.ESCAPE_AT_END, pos);
                    }
                    if (next == HistoryReader.UNAVAILABLE) {
                        return fail(Outcome.TEXT_ENDS, pos + 1);
                    }
                    countEscapedBreak(pos + 1, next);
                    pos += 2;
                } else {
                    pos++;
                }
                c = source.charAt(pos);
            }
            if (c == syntax.delimiter()) {
                c = source.charAt(++pos);
                continue;
            }
            if (c == HistoryReader.END) {
                end = pos;
            } else {
                if (isNewBreak(pos, c)) {
                    lineBreaks++;
                }
                end = afterLineBreak(pos, c);
            }
            return outcome = Outcome.RECORD;
        }
    }

    /** @return the position after the closing quote, or -1 when the scan failed (outcome set) */
    private long scanQuoted(long from) {
        long pos = from;
        while (true) {
            int c = text.charAt(pos);
            if (c == syntax.quote()) {
                int next = text.charAt(pos + 1);
                if (next == syntax.quote()) {
                    pos += 2;
                    continue;
                }
                if (next == HistoryReader.UNAVAILABLE) {
                    // commons-csv peeks here too: the peek is what failed
                    fail(Outcome.TEXT_ENDS, pos + 1);
                    return -1;
                }
                return pos + 1;
            }
            if (c == syntax.escape()) {
                int next = text.charAt(pos + 1);
                if (next == HistoryReader.END) {
                    fail(Outcome.ESCAPE_AT_END, pos);
                    return -1;
                }
                if (next == HistoryReader.UNAVAILABLE) {
                    fail(Outcome.TEXT_ENDS, pos + 1);
                    return -1;
                }
                countEscapedBreak(pos + 1, next);
                pos += 2;
                continue;
            }
            if (c == HistoryReader.END) {
                fail(Outcome.UNTERMINATED_QUOTE, rawStart[fieldCount - 1]);
                problemLineBreaks = quoteStartLineBreaks;
                return -1;
            }
            if (c == HistoryReader.UNAVAILABLE) {
                fail(Outcome.TEXT_ENDS, pos);
                return -1;
            }
            if (isNewBreak(pos, c)) {
                lineBreaks++;
            }
            pos++;
        }
    }

    private void countEscapedBreak(long position, int c) {
        if (isNewBreak(position, c)) {
            lineBreaks++;
        }
    }

    /** Whether {@code c} at {@code position} starts a new physical line break (an LF after a CR does not). */
    private boolean isNewBreak(long position, int c) {
        return c == '\r' || (c == '\n' && (position == recordStart || text.charAt(position - 1) != '\r'));
    }

    private long afterLineBreak(long pos, int c) {
        if (c == '\r' && text.charAt(pos + 1) == '\n') {
            return pos + 2;
        }
        return pos + 1;
    }

    private Outcome fail(Outcome failure, long position) {
        problemField = Math.max(fieldCount - 1, 0);
        problemPosition = position;
        problemLineBreaks = lineBreaks;
        return outcome = failure;
    }

    private void ensureCapacity(int count) {
        if (count > quoted.length) {
            int size = Math.max(count, quoted.length * 2);
            quoted = Arrays.copyOf(quoted, size);
            rawStart = Arrays.copyOf(rawStart, size);
            rawEnd = Arrays.copyOf(rawEnd, size);
        }
    }

    /** @return the last outcome */
    Outcome outcome() {
        return outcome;
    }

    /** @return blank lines skipped before the record */
    int blankLines() {
        return blankLines;
    }

    /** @return line breaks inside the record, including the one ending it */
    int lineBreaks() {
        return lineBreaks;
    }

    /** @return the position after the record's line break */
    long end() {
        return end;
    }

    /** @return fields seen (for a failed scan: up to and including the failing field) */
    int fieldCount() {
        return fieldCount;
    }

    /**
     * @param field 0-based field
     * @return whether the field was quoted
     */
    boolean quoted(int field) {
        return quoted[field];
    }

    /**
     * @param field 0-based unquoted field
     * @param value the text to compare with
     * @return whether the field's raw text (trimmed when trimming) equals {@code value}
     */
    boolean rawEquals(int field, String value) {
        long start = rawStart[field];
        if (rawEnd[field] - start != value.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (text.charAt(start + i) != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return the 0-based field where a failed scan stopped */
    int problemField() {
        return problemField;
    }

    /** @return the position where a failed scan stopped (for an unterminated quote: the opening quote) */
    long problemPosition() {
        return problemPosition;
    }

    /** @return line breaks between the record's first line and the problem */
    int problemLineBreaks() {
        return problemLineBreaks;
    }
}
