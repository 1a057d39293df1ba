package dev.destsdk.iceberg.internal;

import dev.destsdk.file.format.ParquetCodecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.parquet.ParquetValueReader;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetMetricsCallback;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the rows of a Parquet data or delete file as Iceberg {@link Record}s projected on a schema (by field id:
 * columns a file lacks read as NULL, int and float columns read as a promoted long or double), with no Hadoop class.
 *
 * <p>Iceberg's {@code Parquet.read(...).build()} and parquet-java's {@code ParquetReadOptions.builder()} both create
 * parquet-java's Hadoop codec factory, which loads Hadoop classes even when another factory is set afterwards. This
 * reader builds the read options through their package-private constructor (reflection, checked once) with the file
 * module's {@link ParquetCodecs} (zstd-jni, snappy-java, {@code java.util.zip}), opens parquet-java's {@link ParquetFileReader} on the
 * file's Iceberg {@link InputFile}, and decodes rows with Iceberg's own {@link GenericParquetReaders} (part of
 * iceberg-parquet, Hadoop-free). Memory: one row group of the projected columns at a time. An iterator is for one
 * thread; close it.
 */
public final class ParquetRows {
    private static final Constructor<ParquetReadOptions> OPTIONS = optionsConstructor();

    private ParquetRows() {
    }

    /**
     * @param file the file; not null
     * @param projection the columns to read, matched by field id; not null
     * @return the rows, in file order; each row is a new record
     */
    public static CloseableIterable<Record> read(InputFile file, Schema projection) {
        return new CloseableIterable<>() {
            private final java.util.List<Rows> open = new java.util.ArrayList<>();

            @Override
            public CloseableIterator<Record> iterator() {
                Rows rows = new Rows(file, projection);
                open.add(rows);
                return rows;
            }

            @Override
            public void close() throws IOException {
                for (Rows r : open) {
                    r.close();
                }
            }
        };
    }

    /** @return read options with this class's codec factory and no Hadoop part */
    static ParquetReadOptions options() {
        try {
            return OPTIONS.newInstance(false, true, true, true, true, false, true, false, false, FilterCompat.NOOP,
                    ParquetMetadataConverter.NO_FILTER, new ParquetCodecs(3), new HeapByteBufferAllocator(),
                    8 << 20, new HashMap<String, String>(), null, null, new PlainParquetConfiguration());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create parquet-java's read options", e);
        }
    }

    private static Constructor<ParquetReadOptions> optionsConstructor() {
        try {
            Constructor<ParquetReadOptions> c = ParquetReadOptions.class.getDeclaredConstructor(boolean.class,
                    boolean.class, boolean.class, boolean.class, boolean.class, boolean.class, boolean.class,
                    boolean.class, boolean.class, FilterCompat.Filter.class,
                    ParquetMetadataConverter.MetadataFilter.class, CompressionCodecFactory.class,
                    ByteBufferAllocator.class, int.class, Map.class, FileDecryptionProperties.class,
                    ParquetMetricsCallback.class, ParquetConfiguration.class);
            c.setAccessible(true);
            return c;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("this parquet-java version has no ParquetReadOptions constructor of"
                    + " 1.18's shape; the Hadoop-free reader needs it (check the parquet-java upgrade)", e);
        }
    }

    private static final class Rows implements CloseableIterator<Record> {
        private final ParquetFileReader reader;
        private final ParquetValueReader<Record> values;
        private final String location;
        private long remaining;
        private boolean closed;

        Rows(InputFile file, Schema projection) {
            this.location = file.location();
            try {
                this.reader = new ParquetFileReader(new ParquetInput(file), options());
                MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
                MessageType projected = ParquetSchemaUtil.pruneColumns(fileSchema, projection);
                reader.setRequestedSchema(projected);
                this.values = GenericParquetReaders.buildReader(projection, projected);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Parquet file " + location, e);
            }
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            try {
                while (remaining == 0) {
                    PageReadStore pages = reader.readNextRowGroup();
                    if (pages == null) {
                        close();
                        return false;
                    }
                    values.setPageSource(pages);
                    remaining = pages.getRowCount();
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Parquet file " + location, e);
            }
        }

        @Override
        public Record next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            remaining--;
            return values.read(null);
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                reader.close();
            }
        }
    }

    /** parquet-java's input over an Iceberg input file (shared with {@link ParquetKeys}). */
    record ParquetInput(InputFile file) implements org.apache.parquet.io.InputFile {
        @Override
        public long getLength() {
            return file.getLength();
        }

        @Override
        public SeekableInputStream newStream() {
            org.apache.iceberg.io.SeekableInputStream in = file.newStream();
            return new DelegatingSeekableInputStream(in) {
                @Override
                public long getPos() throws IOException {
                    return in.getPos();
                }

                @Override
                public void seek(long pos) throws IOException {
                    in.seek(pos);
                }
            };
        }
    }
}
