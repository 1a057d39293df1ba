package dev.destsdk.iceberg.internal;

import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.format.FileSchema;
import dev.destsdk.file.format.FormatWriter;
import dev.destsdk.file.format.FormatWriterFactory;
import dev.destsdk.file.format.WrittenFile;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.iceberg.IcebergTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.DateTimeUtil;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Writes Iceberg {@link Record}s (as {@link ParquetRows} reads them) into new Parquet data files of a table, one
 * file per partition of the spec at a time, through the file module's Parquet writer (field ids from the schema),
 * rolling over at a target size, and describes them as Iceberg {@link DataFile}s with the footers' column
 * statistics. At most {@value #MAX_OPEN} files are open at once (about one row group each); when a row of another
 * partition comes, the oldest open file is finished. Either {@link #finish()} or {@link #abort()} ends it;
 * {@link #written()} lists every object it created, finished or not, for clean-up. Not thread-safe.
 */
public final class PartitionedFileWriter {
    /** Open files at most. */
    public static final int MAX_OPEN = 4;

    private final ObjectStore store;
    private final FormatWriterFactory parquet;
    private final String keyPrefix;
    private final Function<String, String> location;
    private final Schema schema;
    private final PartitionSpec spec;
    private final FileSchema fileSchema;
    private final long targetSize;
    private final MetricsConfig metrics;
    private final PartitionKey key;
    private final Map<StructLike, Open> open = new LinkedHashMap<>();
    private final List<DataFile> done = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private final Object[] row;
    private int sequence;

    private record Open(StructLike partition, FormatWriter writer, String key) {
    }

    /**
     * @param store where the files go; not null
     * @param parquet the Parquet writer factory; not null
     * @param keyPrefix the key prefix of the new files (a directory ending in {@code /} plus a name stem); not null
     * @param location a key's location as the table knows it; not null
     * @param schema the rows' schema (the table's current one); not null
     * @param spec the table's spec the files are written for; not null
     * @param targetSize roll over to a new file at this many bytes
     * @param metrics the table's metrics configuration; not null
     */
    public PartitionedFileWriter(ObjectStore store, FormatWriterFactory parquet, String keyPrefix,
                                 Function<String, String> location, Schema schema, PartitionSpec spec,
                                 long targetSize, MetricsConfig metrics) {
        this.store = store;
        this.parquet = parquet;
        this.keyPrefix = keyPrefix;
        this.location = location;
        this.schema = schema;
        this.spec = spec;
        this.targetSize = targetSize;
        this.metrics = metrics;
        List<FileColumn> columns = new ArrayList<>();
        for (Types.NestedField f : schema.columns()) {
            columns.add(IcebergTypes.fileColumn(f));
        }
        this.fileSchema = new FileSchema(columns);
        this.key = new PartitionKey(spec, schema);
        this.row = new Object[columns.size()];
    }

    /**
     * @param record a row of the schema; not null
     * @throws IOException when the store fails
     */
    public void write(Record record) throws IOException {
        Open file;
        if (spec.isPartitioned()) {
            key.partition(new Internal(record, schema));
            file = open.get(key);
            if (file == null) {
                file = open(key.copy());
            }
        } else {
            file = open.isEmpty() ? open(null) : open.values().iterator().next();
        }
        for (int i = 0; i < row.length; i++) {
            row[i] = fileValue(record.get(i));
        }
        file.writer().write(row);
        if (file.writer().estimatedSize() >= targetSize) {
            finish(file);
        }
    }

    private Open open(StructLike partition) throws IOException {
        if (open.size() >= MAX_OPEN) {
            finish(open.values().iterator().next());
        }
        String k = keyPrefix + String.format("%05d", sequence++) + "." + parquet.extension();
        created.add(k);
        Open o = new Open(partition, parquet.open(store.create(k), fileSchema), k);
        open.put(partition, o);
        return o;
    }

    private void finish(Open file) throws IOException {
        open.remove(file.partition());
        WrittenFile w = file.writer().finish();
        ParquetMetadata footer = (ParquetMetadata) w.footer().orElseThrow(() -> new IllegalStateException(
                "the Parquet writer gave no footer for " + w.key()));
        List<Long> offsets = new ArrayList<>();
        for (BlockMetaData block : footer.getBlocks()) {
            offsets.add(block.getStartingPos());
        }
        offsets.sort(Long::compare);
        DataFiles.Builder b = DataFiles.builder(spec)
                .withPath(location.apply(w.key()))
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(w.bytes())
                .withMetrics(ParquetUtil.footerMetrics(footer, Stream.empty(), metrics))
                .withSplitOffsets(offsets);
        if (file.partition() != null) {
            b.withPartition(file.partition());
        }
        done.add(b.build());
    }

    /**
     * Finishes every open file.
     *
     * @return the data files written, in order
     * @throws IOException when the store fails
     */
    public List<DataFile> finish() throws IOException {
        while (!open.isEmpty()) {
            finish(open.values().iterator().next());
        }
        return List.copyOf(done);
    }

    /** Aborts the open files; finished ones stay (see {@link #written()}). Never throws. */
    public void abort() {
        for (Open o : open.values()) {
            o.writer().abort();
        }
        open.clear();
    }

    /** @return the keys of every file this writer created (finished, aborted or open) */
    public List<String> written() {
        return List.copyOf(created);
    }

    /** A value as the file module's writer takes it, from what Iceberg's generic reader gives. */
    private static Object fileValue(Object v) {
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof ByteBuffer b) {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            return bytes;
        }
        return v;
    }

    /** A record with Iceberg's internal representation of its values, for partition transforms. */
    private record Internal(Record record, Schema schema) implements StructLike {
        @Override
        public int size() {
            return record.size();
        }

        @Override
        public <T> T get(int pos, Class<T> javaClass) {
            Object v = record.get(pos);
            Object internal;
            if (v instanceof LocalDate d) {
                internal = DateTimeUtil.daysFromDate(d);
            } else if (v instanceof LocalTime t) {
                internal = DateTimeUtil.microsFromTime(t);
            } else if (v instanceof LocalDateTime t) {
                internal = DateTimeUtil.microsFromTimestamp(t);
            } else if (v instanceof OffsetDateTime t) {
                internal = DateTimeUtil.microsFromTimestamptz(t);
            } else {
                internal = v;
            }
            return javaClass.cast(internal);
        }

        @Override
        public <T> void set(int pos, T value) {
            throw new UnsupportedOperationException("read-only");
        }
    }
}
