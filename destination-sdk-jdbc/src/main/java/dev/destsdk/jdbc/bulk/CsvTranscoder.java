package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.error.ConnectorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An input stream that reads a data file record by record with {@link CsvRecordReader} (honouring its
 * {@link dev.destsdk.core.csv.CsvFileFormat}) and produces the same records as {@link CsvOutput} CSV, optionally
 * converting values per column (e.g. base64 binaries to the database's hex form). Holds at most one buffer of
 * records in memory.
 *
 * <p>Bad input found while reading (a ragged record, an unterminated quote) and cancellation end the stream early
 * instead of failing it, because some drivers close the connection when a local-infile stream throws. The loader
 * therefore must call {@link #throwIfFailed(LoadFile)} (and check cancellation) after its statement returns, and before
 * interpreting a database error about the truncated input. Not thread-safe.
 */
public final class CsvTranscoder extends CsvChunkStream {
    private static final int TARGET_BUFFER = 1 << 16;
    private static final int CANCEL_CHECK_INTERVAL = 1024;

    private final CsvRecordReader reader;
    private final CsvOutput out;
    private final List<UnaryOperator<String>> converters;
    private final CancellationSignal cancellation;
    private final StringBuilder text = new StringBuilder(TARGET_BUFFER + 1024);
    private boolean eof;
    private long records;
    private boolean valuesHaveLineBreaks;
    private final String suffix;
    private final ValueRules rules;

    /**
     * Opens the file.
     *
     * @param file the data file; not null
     * @param columns the number of columns every record has
     * @param out the output CSV; not null
     * @param converters per column, a conversion of non-NULL values, or null for none; empty list for none at all
     * @param cancellation the job's signal; not null
     * @throws ConnectorException when the file cannot be opened or its header is invalid
     */
    public CsvTranscoder(LoadFile file, int columns, CsvOutput out, List<UnaryOperator<String>> converters,
                         CancellationSignal cancellation) {
        this(file, columns, out, converters, List.of(), cancellation);
    }

    /**
     * Opens the file, appending constant values to every record.
     *
     * @param file the data file; not null
     * @param columns the number of columns every record has
     * @param out the output CSV; not null
     * @param converters per column, a conversion of non-NULL values, or null for none; empty list for none at all
     * @param constants values appended (quoted) to every record after the file's values, e.g. the sync's tracking
     *     values; not null, may be empty
     * @param cancellation the job's signal; not null
     * @throws ConnectorException when the file cannot be opened or its header is invalid
     */
    public CsvTranscoder(LoadFile file, int columns, CsvOutput out, List<UnaryOperator<String>> converters,
                         List<String> constants, CancellationSignal cancellation) {
        this(file, columns, null, out, converters, constants, cancellation);
    }

    /**
     * Opens the file, checking it with the SDK's {@link ValueRules} (header names, every non-NULL value's canonical
     * form, the record size) before values are converted; the first failure ends the stream early and is reported
     * by {@link #throwIfFailed}.
     *
     * @param file the data file; not null
     * @param rules the checks; not null
     * @param out the output CSV; not null
     * @param converters per column, a conversion of non-NULL values, or null for none; empty list for none at all
     * @param constants values appended (quoted) to every record; not null, may be empty
     * @param cancellation the job's signal; not null
     * @throws ConnectorException when the file cannot be opened
     */
    public CsvTranscoder(LoadFile file, ValueRules rules, CsvOutput out, List<UnaryOperator<String>> converters,
                         List<String> constants, CancellationSignal cancellation) {
        this(file, Objects.requireNonNull(rules, "rules is null").fields(), rules, out, converters, constants,
                cancellation);
    }

    private CsvTranscoder(LoadFile file, int columns, ValueRules rules, CsvOutput out,
                          List<UnaryOperator<String>> converters, List<String> constants,
                          CancellationSignal cancellation) {
        this.rules = rules;
        this.out = Objects.requireNonNull(out, "out is null");
        this.converters = new ArrayList<>(Objects.requireNonNull(converters, "converters is null"));
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation is null");
        StringBuilder sb = new StringBuilder();
        for (String c : Objects.requireNonNull(constants, "constants is null")) {
            sb.append(out.delimiter());
            appendQuoted(sb, Objects.requireNonNull(c, "a constant is null"));
        }
        this.suffix = sb.toString();
        if (rules != null && CsvPassThrough.supports(file.format())) {
            // The byte-level checks first, so that a file fails here exactly as it fails on the pass-through path
            // (the reader below reports some bad input in its own words, without column names)
            try {
                DataFileCheck.check(file, rules, cancellation);
            } catch (ConnectorException e) {
                if (e.getErrorType() == dev.destsdk.core.error.ErrorType.CANCELLED) {
                    throw e;
                }
                fail(e);
                eof = true;
            }
        }
        if (eof) {
            this.reader = null;
            return;
        }
        this.reader = CsvRecordReader.open(file.path(), file.format(), columns);
        if (rules != null && rules.checksHeader()) {
            List<String> header = reader.header();
            if (header.isEmpty()) {
                fail(rules.missingHeader());
                eof = true;
            } else {
                rules.header(header, 1).ifPresent(failure -> {
                    fail(failure);
                    eof = true;
                });
            }
        }
    }

    /** @return records transcoded so far */
    @Override
    public long records() {
        return records;
    }

    /**
     * @return whether every output line so far is one record (no value contained a line break), so a database's
     *     line number in the output is the record number
     */
    public boolean linesAreRecords() {
        return !valuesHaveLineBreaks;
    }

    @Override
    protected boolean nextChunk() throws IOException {
        if (eof) {
            return false;
        }
        fill();
        return true;
    }

    private void fill() throws IOException {
        text.setLength(0);
        try {
            while (text.length() < TARGET_BUFFER) {
                if (records % CANCEL_CHECK_INTERVAL == 0 && cancellation.isCancelled()) {
                    eof = true;
                    break;
                }
                Optional<CsvRow> row = reader.next();
                if (row.isEmpty()) {
                    eof = true;
                    break;
                }
                if (rules != null) {
                    Optional<ConnectorException> bad = rules.row(row.get());
                    long size = size(row.get());
                    recordSize(size);
                    if (bad.isEmpty() && size > ValueRules.MAX_RECORD_BYTES) {
                        bad = Optional.of(rules.tooLarge(row.get().lineNumber(), row.get().recordNumber(), 0));
                    }
                    if (bad.isPresent()) {
                        fail(bad.get());
                        eof = true;
                        break;
                    }
                }
                append(row.get());
                records++;
            }
        } catch (ConnectorException e) {
            fail(e);
            eof = true;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        setChunk(bytes, bytes.length);
    }

    /** The record's size: its values' characters, a lower bound of its bytes. */
    private static long size(CsvRow row) {
        long n = 0;
        for (String v : row.values()) {
            n += v == null ? 0 : v.length();
        }
        return n;
    }

    private void append(CsvRow row) {
        List<String> values = row.values();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(out.delimiter());
            }
            String v = values.get(i);
            if (v == null) {
                text.append(out.nullToken());
                continue;
            }
            UnaryOperator<String> converter = i < converters.size() ? converters.get(i) : null;
            if (converter != null) {
                v = converter.apply(v);
            }
            if (appendQuoted(text, v)) {
                valuesHaveLineBreaks = true;
            }
        }
        text.append(suffix).append('\n');
    }

    /** Appends the value quoted, quotes doubled; returns whether it holds a line break. */
    private boolean appendQuoted(StringBuilder sb, String v) {
        boolean lineBreak = false;
        sb.append(out.quote());
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c == out.quote()) {
                sb.append(c);
            } else if (c == '\n' || c == '\r') {
                lineBreak = true;
            }
            sb.append(c);
        }
        sb.append(out.quote());
        return lineBreak;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
