package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.csv.BinaryFormat;
import dev.destsdk.core.csv.CanonicalText;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.dialect.ColumnDef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checks every data file gets on its way to any database, whatever that database's own reader would accept, so
 * that every connector loads or refuses the same files (see {@link CanonicalText} for the values):
 * <ul>
 *   <li>each non-NULL value is in its column's canonical text form, and NOT NULL columns (keys) hold no NULL;</li>
 *   <li>with header rows declared, the file has one, and its names are the source field names in order (a name
 *       matches a column when it is the column's name or the identifier policy maps it to that name);</li>
 *   <li>a record is at most {@link #MAX_RECORD_BYTES} bytes.</li>
 * </ul>
 * Failures are VALIDATION_ERROR {@link ConnectorException}s naming the line, the record and the column, and quote
 * at most {@link CanonicalText#EXCERPT} characters of the value; the loader adds the file.
 *
 * <p>Immutable and thread-safe, except for the {@link KeyOrder} it may report accepted keys to (see
 * {@link #ValueRules(List, CsvFileFormat, HeaderMatcher, Optional)}), which follows one load's files in order.
 */
public final class ValueRules {
    /**
     * The largest record (its bytes in the file, without the line break) any connector loads: 32 MiB. A larger one
     * is refused rather than handed to a reader that might drop it.
     */
    public static final long MAX_RECORD_BYTES = 32L << 20;

    private final List<ColumnDef> columns;
    private final BinaryFormat binary;
    private final boolean header;
    private final HeaderMatcher matcher;
    private final boolean[] parsed;
    /** Each column's {@link CanonicalText#isCertainlyCanonical} test. */
    private final CanonicalText.FastCheck[] fastChecks;
    /** Where accepted keys go; null for nowhere. */
    private final KeyOrder keyOrder;
    private final int keyColumn;

    /**
     * Whether a header name stands for a column.
     */
    @FunctionalInterface
    public interface HeaderMatcher {
        /**
         * @param headerName the name in the file's header; not null
         * @param column the column's final name; not null
         * @return whether the header names that column
         */
        boolean matches(String headerName, String column);
    }

    /**
     * @param columns the file's columns in file order; not null
     * @param format the file's format (binary form, header rows); not null
     * @param matcher decides whether a header name is a column's; not null
     */
    public ValueRules(List<ColumnDef> columns, CsvFileFormat format, HeaderMatcher matcher) {
        this(columns, format, matcher, Optional.empty());
    }

    /**
     * @param columns the file's columns in file order; not null
     * @param format the file's format (binary form, header rows); not null
     * @param matcher decides whether a header name is a column's; not null
     * @param keyOrder receives every key value the checks accept, in file order (so a load can tell that no key
     *     repeats); not null, may be empty
     */
    public ValueRules(List<ColumnDef> columns, CsvFileFormat format, HeaderMatcher matcher,
                      Optional<KeyOrder> keyOrder) {
        this.keyOrder = keyOrder.orElse(null);
        this.keyColumn = keyOrder.map(KeyOrder::column).orElse(-1);
        this.columns = List.copyOf(columns);
        this.binary = format.binaryFormat();
        this.header = format.skipHeader() > 0;
        this.matcher = Objects.requireNonNull(matcher, "matcher is null");
        this.parsed = new boolean[this.columns.size()];
        this.fastChecks = new CanonicalText.FastCheck[parsed.length];
        for (int i = 0; i < parsed.length; i++) {
            ColumnDef c = this.columns.get(i);
            parsed[i] = c.canonicalType() != CanonicalType.STRING || !c.nullable();
            fastChecks[i] = CanonicalText.fastCheck(c.canonicalType(), c.type().precision().orElse(-1),
                    c.type().scale().orElse(0));
        }
    }

    /**
     * @param target the bulk load target; not null
     * @param format the file's format; not null
     * @return the rules for a file loaded into that target
     */
    public static ValueRules of(BulkLoadTarget target, CsvFileFormat format) {
        return new ValueRules(target.fileColumns(), format, target.headerMatcher(), target.keyOrder());
    }

    /** @return the number of fields every record has */
    public int fields() {
        return columns.size();
    }

    /** @return whether the file must start with a header row whose names are checked */
    public boolean checksHeader() {
        return header;
    }

    /**
     * @param column 0-based column
     * @return whether the column's values must be looked at (every type but STRING, whose values only must not hold
     *     a NUL character; and every NOT NULL column, such as a key)
     */
    public boolean parses(int column) {
        return column < parsed.length && parsed[column];
    }

    /**
     * Checks a non-NULL value.
     *
     * @param column 0-based column
     * @param text the value; not null
     * @param line the physical line the record starts on
     * @param record the 1-based data record
     * @return the failure, if the value is not canonical
     */
    public Optional<ConnectorException> value(int column, String text, long line, long record) {
        Optional<ConnectorException> failure = check(column, text, line, record);
        if (column == keyColumn && failure.isEmpty()) {
            keyOrder.accept(text);
        }
        return failure;
    }

    private Optional<ConnectorException> check(int column, String text, long line, long record) {
        ColumnDef c = columns.get(column);
        Optional<String> problem = CanonicalText.problem(c.canonicalType(), c.type().precision(), c.type().scale(),
                binary, text);
        return problem.map(p -> ConnectorException.builder(ErrorType.VALIDATION_ERROR, "line " + line + ", record "
                        + record + ", column " + c.name() + ": the value '" + CanonicalText.excerpt(text) + "' " + p)
                .line(line).record(record).column(c.name()).build());
    }

    /**
     * Checks a non-NULL value given as UTF-8 bytes: the common canonical values are accepted without building a
     * string; anything else is decided by {@link #value(int, String, long, long)}.
     *
     * @param column 0-based column
     * @param bytes the value's bytes; not null
     * @param length how many of them, from index 0
     * @param line the physical line the record starts on
     * @param record the 1-based data record
     * @return the failure, if the value is not canonical
     */
    public Optional<ConnectorException> value(int column, byte[] bytes, int length, long line, long record) {
        return value(column, bytes, 0, length, line, record);
    }

    /**
     * Checks a non-NULL value given as UTF-8 bytes inside a larger array (a reader's buffer), as
     * {@link #value(int, byte[], int, long, long)} does.
     *
     * @param column 0-based column
     * @param bytes holds the value's bytes; not null; not kept
     * @param offset where the value begins in {@code bytes}
     * @param length how many bytes it has
     * @param line the physical line the record starts on
     * @param record the 1-based data record
     * @return the failure, if the value is not canonical
     */
    public Optional<ConnectorException> value(int column, byte[] bytes, int offset, int length, long line,
                                              long record) {
        Optional<ConnectorException> failure = check(column, bytes, offset, length, line, record);
        if (column == keyColumn && failure.isEmpty()) {
            keyAccepted(bytes, offset, length);
        }
        return failure;
    }

    /**
     * Checks a non-NULL value as {@link #value(int, byte[], int, int, long, long)} does, without passing a key
     * value on to the key order: for a caller that checks a whole record before it takes it, then passes the key
     * with {@link #keyAccepted}.
     *
     * @param column 0-based column
     * @param bytes holds the value's bytes; not null; not kept
     * @param offset where the value begins in {@code bytes}
     * @param length how many bytes it has
     * @param line the physical line the record starts on
     * @param record the 1-based data record
     * @return the failure, if the value is not canonical
     */
    public Optional<ConnectorException> check(int column, byte[] bytes, int offset, int length, long line,
                                              long record) {
        if (fastChecks[column].test(bytes, offset, length)) {
            return Optional.empty();
        }
        return check(column, new String(bytes, offset, length, StandardCharsets.UTF_8), line, record);
    }

    /**
     * @param column 0-based column
     * @return the column's quick test ({@link CanonicalText#fastCheck}): a value it accepts is canonical; one it
     *     refuses is decided by {@link #check(int, byte[], int, int, long, long)}
     */
    public CanonicalText.FastCheck fastCheck(int column) {
        return fastChecks[column];
    }

    /** @return the column whose values go to the key order, if any (see {@link KeyOrder}) */
    public OptionalInt keyColumn() {
        return keyColumn < 0 ? OptionalInt.empty() : OptionalInt.of(keyColumn);
    }

    /**
     * Passes a record's key value to the key order, for a record whose values {@link #check(int, byte[], int, int,
     * long, long)} accepted; once per record, in file order.
     *
     * @param bytes holds the key value's bytes; not null; not kept
     * @param offset where the value begins in {@code bytes}
     * @param length how many bytes it has
     * @throws IllegalStateException when there is no key column
     */
    public void keyAccepted(byte[] bytes, int offset, int length) {
        if (keyColumn < 0) {
            throw new IllegalStateException("these rules have no key column");
        }
        if (fastChecks[keyColumn].test(bytes, offset, length)) {
            keyOrder.accept(bytes, offset, length);
        } else {
            keyOrder.accept(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }
    }

    /**
     * Checks a NULL value: refused in a NOT NULL column (the key columns).
     *
     * @param column 0-based column
     * @param line the physical line the record starts on
     * @param record the 1-based data record
     * @return the failure, if the column is NOT NULL
     */
    public Optional<ConnectorException> nullValue(int column, long line, long record) {
        ColumnDef c = columns.get(column);
        if (c.nullable()) {
            return Optional.empty();
        }
        return Optional.of(ConnectorException.builder(ErrorType.VALIDATION_ERROR, "line " + line + ", record "
                        + record + ", column " + c.name() + ": a record has a NULL primary key; every record needs a"
                        + " key: fix the source rows or the key fields")
                .line(line).record(record).column(c.name()).build());
    }

    /**
     * Checks every value of a parsed record.
     *
     * @param row the record; not null
     * @return the first failure, if any
     */
    public Optional<ConnectorException> row(CsvRow row) {
        List<String> values = row.values();
        for (int i = 0; i < values.size() && i < columns.size(); i++) {
            String v = values.get(i);
            Optional<ConnectorException> bad = v == null ? nullValue(i, row.lineNumber(), row.recordNumber())
                    : value(i, v, row.lineNumber(), row.recordNumber());
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    /**
     * Checks the header row's names.
     *
     * @param names the names in the file's first header row; not null
     * @param line the physical line of the header row (1 unless blank lines come first)
     * @return the failure naming the first column that differs, if any
     */
    public Optional<ConnectorException> header(List<String> names, long line) {
        for (int i = 0; i < Math.max(names.size(), columns.size()); i++) {
            String expected = i < columns.size() ? columns.get(i).name() : null;
            String found = i < names.size() ? names.get(i) : null;
            if (expected == null || found == null || !matcher.matches(found, expected)) {
                String column = expected != null ? expected : found;
                String detail = "line " + line + ": the header row does not match the object's fields: field " + (i + 1)
                        + (expected == null ? " is not a field of the object" : " should be " + expected)
                        + (found == null ? " but the header ends" : ", the header names '"
                        + CanonicalText.excerpt(found) + "'")
                        + "; write the header with the source field names in order";
                return Optional.of(ConnectorException.builder(ErrorType.VALIDATION_ERROR, detail).line(line)
                        .column(column).build());
            }
        }
        return Optional.empty();
    }

    /**
     * A record that breaks the CSV rules every connector applies (a quote inside an unquoted field, a NUL byte, an
     * unterminated quote, a byte order mark).
     *
     * @param what what is wrong, in the SDK's terms; not null
     * @param line the physical line the record starts on
     * @param record the 1-based data record, 0 for a header row
     * @param column the 0-based column
     * @return the failure
     */
    public ConnectorException badRecord(String what, long line, long record, int column) {
        String name = columns.get(Math.min(Math.max(column, 0), columns.size() - 1)).name();
        ConnectorException.Builder b = ConnectorException.builder(ErrorType.VALIDATION_ERROR, "line " + line
                + (record > 0 ? ", record " + record : "") + ", column " + name + ": " + what).line(line).column(name);
        return (record > 0 ? b.record(record) : b).build();
    }

    /**
     * @return the failure of a file with header rows declared whose header is missing (an empty file)
     */
    public ConnectorException missingHeader() {
        return ConnectorException.builder(ErrorType.VALIDATION_ERROR, "line 1: the file has no header row, but its"
                + " format declares one; write the header, or declare skip_header 0").line(1)
                .column(columns.get(0).name()).build();
    }

    /**
     * @param line the physical line the record starts on
     * @param record the 1-based data record
     * @param column the 0-based column being read when the record grew too large
     * @return the failure of a record larger than {@link #MAX_RECORD_BYTES}
     */
    public ConnectorException tooLarge(long line, long record, int column) {
        String name = columns.get(Math.min(Math.max(column, 0), columns.size() - 1)).name();
        return ConnectorException.builder(ErrorType.VALIDATION_ERROR, "line " + line + ", record " + record
                + ", column " + name + ": the record is larger than " + (MAX_RECORD_BYTES >> 20) + " MiB, the"
                + " largest record the SDK loads; split the value or leave it out").line(line).record(record)
                .column(name).build();
    }
}
