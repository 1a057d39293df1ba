package dev.destsdk.iceberg.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.io.InputFile;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.IntStatistics;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads the key columns of a Parquet data or delete file as compact byte keys, one row at a time, with
 * parquet-java's column readers and no row objects; and the positions of a position delete file. For counting what
 * a MERGE matches, where a {@link ParquetRows} record per row cost more than the rest of the commit.
 *
 * <h2>Keys</h2>
 * Columns are matched by field id (a column the file lacks reads as NULL). Each row's key is encoded into one reused
 * {@link Key}: per column a tag and the value in a canonical form, so that the values Iceberg's readers take as
 * equal encode equally whatever the file's physical type: int and long (and a column widened from one to the
 * other), dates, times and timestamps as a long in Iceberg's unit (a file's MILLIS times and timestamps are scaled
 * to micros), float and double as the double's bits, a decimal as its unscaled value's shortest two's complement
 * (the scale is the column's, which Iceberg never changes), strings, binaries, fixed and UUIDs as their bytes, an
 * INT96 timestamp as micros (when it has no sub-microsecond part; else as its raw bytes, equal to no micros value).
 *
 * <h2>Pruning</h2>
 * Before a row group is read, the caller's {@link RowGroupTest} sees the row group's min/max statistics of each
 * signed integral key column; when it answers that no key of interest lies in that range, the row group is skipped
 * unread (row positions still count its rows). Memory: one row group's chunk of the key columns at a time. Not
 * thread-safe: one call, one thread; calls on different threads are independent.
 */
public final class ParquetKeys {
    /** The tag of a NULL value. */
    public static final byte NULL_TAG = 0;
    /** The tag of a long (integers, dates, times, timestamps): 8 bytes follow. */
    public static final byte LONG_TAG = 1;
    /** The tag of a boolean: 1 byte follows. */
    public static final byte BOOLEAN_TAG = 2;
    /** The tag of a float or double: the double's 8 bytes follow. */
    public static final byte DOUBLE_TAG = 3;
    /** The tag of a decimal: a 4-byte length and its unscaled value's shortest two's complement follow. */
    public static final byte DECIMAL_TAG = 4;
    /** The tag of bytes (strings as UTF-8, binary, fixed, UUID): a 4-byte length and the bytes follow. */
    public static final byte BYTES_TAG = 5;
    /** The tag of an INT96 timestamp with a sub-microsecond part: its 12 bytes follow. */
    public static final byte INT96_TAG = 6;

    private static final int FILE_PATH_ID = MetadataColumns.DELETE_FILE_PATH.fieldId();
    private static final int POS_ID = MetadataColumns.DELETE_FILE_POS.fieldId();
    private static final long UNIX_EPOCH_JULIAN_DAY = 2_440_588L;

    private ParquetKeys() {
    }

    /** Decides, from a row group's statistics, whether to read it. */
    @FunctionalInterface
    public interface RowGroupTest {
        /** Reads every row group. */
        RowGroupTest ALL = (column, min, max) -> true;

        /**
         * @param column the key column, as an index into the field ids {@link #read} was given
         * @param min the row group's least non-NULL value of that column, canonical (micros for times)
         * @param max its greatest
         * @return false when no key of interest has a value of that column in {@code [min, max]} (the row group
         *     is skipped), true when one may
         */
        boolean mayHold(int column, long min, long max);
    }

    /** Receives each row's key. */
    @FunctionalInterface
    public interface KeyAction {
        /**
         * @param position the row's position in the file (counting skipped row groups)
         * @param key the row's key, valid during this call only (it is reused for the next row); not null
         * @throws IOException when the action fails
         */
        void accept(long position, Key key) throws IOException;
    }

    /**
     * What a {@link #read} did, for the caller's log.
     *
     * @param rowGroupsRead row groups read
     * @param rowGroupsSkipped row groups the test skipped
     * @param rows rows read
     */
    public record Stats(long rowGroupsRead, long rowGroupsSkipped, long rows) {
    }

    /**
     * A row's key: the encoded bytes of every key column, and each column's value where it is a long. One instance
     * is reused row after row; copy what you keep. Not thread-safe.
     */
    public static final class Key {
        private byte[] bytes = new byte[64];
        private int length;
        private final int[] starts;
        private final long[] longs;

        /**
         * @param columns the number of key columns
         */
        public Key(int columns) {
            starts = new int[columns];
            longs = new long[columns];
        }

        /** @return the encoded key's buffer (valid up to {@link #length()}) */
        public byte[] bytes() {
            return bytes;
        }

        /** @return the encoded key's length */
        public int length() {
            return length;
        }

        /**
         * @param column a key column
         * @return its tag: {@code 0} for NULL, {@code 1} for a long (see {@link #longValue}), other values for the
         *     other forms
         */
        public byte tag(int column) {
            return bytes[starts[column]];
        }

        /**
         * @param column a key column whose {@link #tag} is a long
         * @return its value
         */
        public long longValue(int column) {
            return longs[column];
        }

        /**
         * @param column a key column whose value is a decimal or bytes
         * @return the value's bytes (for a decimal, the unscaled value's two's complement), copied
         */
        public byte[] valueBytes(int column) {
            int at = starts[column] + 1;
            int n = ByteBuffer.wrap(bytes, at, 4).getInt();
            return Arrays.copyOfRange(bytes, at + 4, at + 4 + n);
        }

        /**
         * Loads a key encoded earlier (e.g. kept in a key table).
         *
         * @param encoded the buffer; not null
         * @param offset where the key starts
         * @param size its length
         */
        public void decode(byte[] encoded, int offset, int size) {
            ensure(size);
            System.arraycopy(encoded, offset, bytes, 0, size);
            length = size;
            int at = 0;
            for (int c = 0; c < starts.length; c++) {
                starts[c] = at;
                byte tag = bytes[at++];
                switch (tag) {
                    case NULL_TAG -> { }
                    case LONG_TAG -> {
                        longs[c] = ByteBuffer.wrap(bytes, at, 8).getLong();
                        at += 8;
                    }
                    case BOOLEAN_TAG -> at += 1;
                    case DOUBLE_TAG -> at += 8;
                    case DECIMAL_TAG, BYTES_TAG -> at += 4 + ByteBuffer.wrap(bytes, at, 4).getInt();
                    case INT96_TAG -> at += 12;
                    default -> throw new IllegalArgumentException("not an encoded key: tag " + tag);
                }
            }
        }

        void reset() {
            length = 0;
        }

        void putNull(int column) {
            ensure(1);
            starts[column] = length;
            bytes[length++] = NULL_TAG;
        }

        void putLong(int column, long v) {
            ensure(9);
            starts[column] = length;
            longs[column] = v;
            bytes[length++] = LONG_TAG;
            for (int s = 56; s >= 0; s -= 8) {
                bytes[length++] = (byte) (v >>> s);
            }
        }

        void putBoolean(int column, boolean v) {
            ensure(2);
            starts[column] = length;
            bytes[length++] = BOOLEAN_TAG;
            bytes[length++] = (byte) (v ? 1 : 0);
        }

        void putDouble(int column, double v) {
            putLong(column, Double.doubleToLongBits(v));
            bytes[starts[column]] = DOUBLE_TAG;
        }

        /** The unscaled value of a decimal held in a long, as its shortest two's complement. */
        void putDecimal(int column, long unscaled) {
            int n = (64 - Long.numberOfLeadingZeros(unscaled ^ (unscaled >> 63))) / 8 + 1;
            header(column, DECIMAL_TAG, n);
            for (int i = n - 1; i >= 0; i--) {
                bytes[length++] = (byte) (unscaled >>> (8 * i));
            }
        }

        /** The unscaled value of a decimal held in big-endian two's complement bytes, without its sign padding. */
        void putDecimal(int column, Binary unscaled) {
            ByteBuffer b = unscaled.toByteBuffer();
            int from = b.position();
            int end = b.limit();
            if (from == end) {
                putDecimal(column, 0L);
                return;
            }
            while (end - from > 1 && ((b.get(from) == 0 && b.get(from + 1) >= 0)
                    || (b.get(from) == -1 && b.get(from + 1) < 0))) {
                from++;
            }
            header(column, DECIMAL_TAG, end - from);
            b.get(from, bytes, length, end - from);
            length += end - from;
        }

        void putBytes(int column, Binary value) {
            ByteBuffer b = value.toByteBuffer();
            int n = b.remaining();
            header(column, BYTES_TAG, n);
            b.get(b.position(), bytes, length, n);
            length += n;
        }

        void putInt96(int column, Binary value) {
            ByteBuffer b = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int at = b.position();
            long nanosOfDay = b.getLong(at);
            long julianDay = b.getInt(at + 8);
            if (nanosOfDay % 1000 == 0) {
                putLong(column, TimeUnit.DAYS.toMicros(julianDay - UNIX_EPOCH_JULIAN_DAY) + nanosOfDay / 1000);
                return;
            }
            ensure(13);
            starts[column] = length;
            bytes[length++] = INT96_TAG;
            b.get(at, bytes, length, 12);
            length += 12;
        }

        private void header(int column, byte tag, int n) {
            ensure(5 + n);
            starts[column] = length;
            bytes[length++] = tag;
            bytes[length++] = (byte) (n >>> 24);
            bytes[length++] = (byte) (n >>> 16);
            bytes[length++] = (byte) (n >>> 8);
            bytes[length++] = (byte) n;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    /**
     * Reads the keys of every row of a file (NULL keys included), in file order.
     *
     * @param file the file; not null
     * @param fieldIds the key columns' field ids, in key order; not empty
     * @param test which row groups to read; not null
     * @param action receives each row's key
     * @return what was read
     * @throws IOException when the file cannot be read or has a key column of a nested or repeated type, or the
     *     action fails
     * @throws IllegalArgumentException when a field id is given twice
     */
    public static Stats read(InputFile file, int[] fieldIds, RowGroupTest test, KeyAction action) throws IOException {
        if (Arrays.stream(fieldIds).distinct().count() != fieldIds.length) {
            throw new IllegalArgumentException("a key column is named twice: " + Arrays.toString(fieldIds));
        }
        try (ParquetFileReader reader = new ParquetFileReader(new ParquetRows.ParquetInput(file),
                ParquetRows.options())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            Column[] columns = new Column[fieldIds.length];
            List<Type> requested = new ArrayList<>();
            for (int c = 0; c < fieldIds.length; c++) {
                Type t = field(schema, fieldIds[c]);
                if (t == null) {
                    continue;
                }
                if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                    throw new IOException("the key column " + t.getName() + " (field id " + fieldIds[c] + ") of "
                            + file.location() + " is not a single primitive value");
                }
                requested.add(t);
                columns[c] = new Column(t.asPrimitiveType(), schema.getColumnDescription(new String[] {t.getName()}));
            }
            Key key = new Key(fieldIds.length);
            if (requested.isEmpty()) {
                // no key column in the file: every row's key is NULL
                long rows = reader.getRecordCount();
                for (long r = 0; r < rows; r++) {
                    key.reset();
                    for (int c = 0; c < columns.length; c++) {
                        key.putNull(c);
                    }
                    action.accept(r, key);
                }
                return new Stats(0, 0, rows);
            }
            MessageType projection = new MessageType(schema.getName(), requested);
            reader.setRequestedSchema(projection);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<BlockMetaData> blocks = reader.getRowGroups();
            long position = 0;
            long read = 0;
            long skipped = 0;
            long rows = 0;
            for (int b = 0; b < blocks.size(); b++) {
                BlockMetaData block = blocks.get(b);
                if (!mayHold(block, columns, test)) {
                    position += block.getRowCount();
                    skipped++;
                    continue;
                }
                PageReadStore pages = reader.readRowGroup(b);
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, IgnoreValues.INSTANCE, projection,
                        createdBy);
                ColumnReader[] readers = new ColumnReader[columns.length];
                for (int c = 0; c < columns.length; c++) {
                    readers[c] = columns[c] == null ? null : store.getColumnReader(columns[c].descriptor);
                }
                long n = pages.getRowCount();
                for (long r = 0; r < n; r++) {
                    key.reset();
                    for (int c = 0; c < columns.length; c++) {
                        if (readers[c] == null) {
                            key.putNull(c);
                        } else {
                            columns[c].put(readers[c], key, c);
                        }
                    }
                    action.accept(position + r, key);
                }
                position += n;
                rows += n;
                read++;
            }
            return new Stats(read, skipped, rows);
        }
    }

    /**
     * Reads a position delete file into bit sets of deleted positions by data file location.
     *
     * @param file the position delete file; not null
     * @param out receives the positions; not null
     * @throws IOException when the file cannot be read, lacks a column, holds a NULL or a position beyond 2^31
     */
    public static void positions(InputFile file, Map<String, BitSet> out) throws IOException {
        try (ParquetFileReader reader = new ParquetFileReader(new ParquetRows.ParquetInput(file),
                ParquetRows.options())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            Type path = field(schema, FILE_PATH_ID);
            Type pos = field(schema, POS_ID);
            if (path == null || pos == null) {
                throw new IOException("the position delete file " + file.location() + " has no "
                        + (path == null ? MetadataColumns.DELETE_FILE_PATH.name()
                        : MetadataColumns.DELETE_FILE_POS.name()) + " column");
            }
            MessageType projection = new MessageType(schema.getName(), List.of(path, pos));
            reader.setRequestedSchema(projection);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            Binary last = null;
            BitSet current = null;
            long row = 0;
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, IgnoreValues.INSTANCE, projection,
                        createdBy);
                ColumnReader paths = store.getColumnReader(projection.getColumnDescription(
                        new String[] {path.getName()}));
                ColumnReader positions = store.getColumnReader(projection.getColumnDescription(
                        new String[] {pos.getName()}));
                for (long r = pages.getRowCount(); r > 0; r--, row++) {
                    if (isNull(paths) || isNull(positions)) {
                        throw new IOException("the position delete file " + file.location() + " has a NULL at row "
                                + row);
                    }
                    Binary p = paths.getBinary();
                    long at = positions.getLong();
                    paths.consume();
                    positions.consume();
                    if (at < 0 || at > Integer.MAX_VALUE) {
                        throw new IOException("position " + at + " at row " + row + " of " + file.location()
                                + " is negative or beyond 2^31 rows");
                    }
                    if (!p.equals(last)) {
                        last = p.copy();
                        current = out.computeIfAbsent(p.toStringUsingUTF8(), k -> new BitSet());
                    }
                    current.set((int) at);
                }
            }
        }
    }

    private static boolean isNull(ColumnReader r) {
        return r.getCurrentDefinitionLevel() < r.getDescriptor().getMaxDefinitionLevel();
    }

    /** @return the top-level field with that id, or null */
    private static Type field(MessageType schema, int id) {
        for (Type t : schema.getFields()) {
            if (t.getId() != null && t.getId().intValue() == id) {
                return t;
            }
        }
        return null;
    }

    private static boolean mayHold(BlockMetaData block, Column[] columns, RowGroupTest test) {
        for (int c = 0; c < columns.length; c++) {
            Column column = columns[c];
            if (column == null || !column.prunable) {
                continue;
            }
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                if (chunk.getPath().equals(column.path)) {
                    Statistics<?> s = chunk.getStatistics();
                    if (s == null || s.isEmpty() || !s.hasNonNullValue()) {
                        break;
                    }
                    long min;
                    long max;
                    if (s instanceof IntStatistics i) {
                        min = i.getMin();
                        max = i.getMax();
                    } else if (s instanceof LongStatistics l) {
                        min = l.getMin();
                        max = l.getMax();
                    } else {
                        break;
                    }
                    try {
                        min = Math.multiplyExact(min, column.scale);
                        max = Math.multiplyExact(max, column.scale);
                    } catch (ArithmeticException e) {
                        break;
                    }
                    if (!test.mayHold(c, min, max)) {
                        return false;
                    }
                    break;
                }
            }
        }
        return true;
    }

    /** How one key column of one file is read. */
    private static final class Column {
        private final ColumnDescriptor descriptor;
        private final org.apache.parquet.hadoop.metadata.ColumnPath path;
        private final int maxDefinition;
        private final PrimitiveType.PrimitiveTypeName physical;
        private final boolean decimal;
        private final boolean unsigned;
        private final long scale;
        private final boolean prunable;

        Column(PrimitiveType type, ColumnDescriptor descriptor) {
            this.descriptor = descriptor;
            this.path = org.apache.parquet.hadoop.metadata.ColumnPath.get(descriptor.getPath());
            this.maxDefinition = descriptor.getMaxDefinitionLevel();
            this.physical = type.getPrimitiveTypeName();
            LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
            this.decimal = a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
            this.unsigned = a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned();
            boolean millis = a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t
                    && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS
                    || a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                    && ts.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS;
            this.scale = millis ? 1000 : 1;
            this.prunable = !decimal && !unsigned && (physical == PrimitiveType.PrimitiveTypeName.INT32
                    || physical == PrimitiveType.PrimitiveTypeName.INT64);
        }

        /** Encodes the reader's current value into the key and moves the reader to the next row. */
        void put(ColumnReader r, Key key, int c) {
            if (r.getCurrentDefinitionLevel() < maxDefinition) {
                key.putNull(c);
                r.consume();
                return;
            }
            switch (physical) {
                case INT32 -> {
                    int v = r.getInteger();
                    if (decimal) {
                        key.putDecimal(c, v);
                    } else {
                        key.putLong(c, (unsigned ? Integer.toUnsignedLong(v) : v) * scale);
                    }
                }
                case INT64 -> {
                    long v = r.getLong();
                    if (decimal) {
                        key.putDecimal(c, v);
                    } else {
                        key.putLong(c, v * scale);
                    }
                }
                case BOOLEAN -> key.putBoolean(c, r.getBoolean());
                case FLOAT -> key.putDouble(c, r.getFloat());
                case DOUBLE -> key.putDouble(c, r.getDouble());
                case INT96 -> key.putInt96(c, r.getBinary());
                case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                    if (decimal) {
                        key.putDecimal(c, r.getBinary());
                    } else {
                        key.putBytes(c, r.getBinary());
                    }
                }
                default -> throw new IllegalStateException("Parquet type " + physical);
            }
            r.consume();
        }
    }

    /** The record converter parquet-java's column readers ask for; values are read from the readers instead. */
    private static final class IgnoreValues extends GroupConverter {
        static final IgnoreValues INSTANCE = new IgnoreValues();
        private static final PrimitiveConverter NONE = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return NONE;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
