package dev.destsdk.file.format;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.file.store.ObjectOutput;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Typed Parquet files through parquet-java with no Hadoop jar at runtime: the writer gets a plain configuration,
 * this module's own codec factory ({@code ParquetCodecs}) and a direct {@link WriteSupport} over {@code Object[]}
 * rows. Types: see {@link ParquetSchemas}. Dictionary encoding is on, except for UUID columns (random ids never
 * repeat, so a dictionary there is pure hashing cost until parquet-java falls back to plain encoding). Memory per open writer is about one row group (default 32 MiB, so that
 * two writers fit in a 256 MiB heap) plus one page. Immutable and thread-safe.
 *
 * @param codec the compression codec: UNCOMPRESSED, SNAPPY, ZSTD or GZIP
 * @param zstdLevel the ZSTD level (1..22), used with ZSTD
 * @param rowGroupSize the target row group size in bytes
 * @param pageSize the target page size in bytes
 */
public record ParquetFormat(CompressionCodecName codec, int zstdLevel, long rowGroupSize, int pageSize)
        implements FormatWriterFactory {
    /** The default row group size: 32 MiB. */
    public static final long DEFAULT_ROW_GROUP_SIZE = 32L << 20;

    /** Validates the components. */
    public ParquetFormat {
        Objects.requireNonNull(codec, "codec is null");
        switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD, GZIP -> { }
            default -> throw new IllegalArgumentException("Parquet codec " + codec + " is not supported; use"
                    + " UNCOMPRESSED, SNAPPY, ZSTD or GZIP");
        }
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("zstdLevel must be 1..22: " + zstdLevel);
        }
        if (rowGroupSize < 1 << 20 || pageSize < 1 << 10) {
            throw new IllegalArgumentException("rowGroupSize must be at least 1 MiB and pageSize at least 1 KiB");
        }
    }

    /**
     * @param codec the codec
     * @return Parquet with that codec, ZSTD level 3, 32 MiB row groups and 1 MiB pages
     */
    public static ParquetFormat of(CompressionCodecName codec) {
        return new ParquetFormat(codec, 3, DEFAULT_ROW_GROUP_SIZE, 1 << 20);
    }

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public FormatWriter open(ObjectOutput output, FileSchema schema) throws IOException {
        Objects.requireNonNull(output, "output is null");
        Objects.requireNonNull(schema, "schema is null");
        ParquetCodecs codecs = new ParquetCodecs(zstdLevel);
        try {
            Builder builder = new Builder(new StoreOutputFile(output), schema)
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(codecs)
                    .withCompressionCodec(codec)
                    .withRowGroupSize(rowGroupSize)
                    .withPageSize(pageSize)
                    .withDictionaryEncoding(true)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
            for (FileColumn c : schema.columns()) {
                if (c.type() == CanonicalType.UUID) {
                    // random 128-bit ids do not repeat: a dictionary only costs hashing until it falls back
                    builder = builder.withDictionaryEncoding(c.name(), false);
                }
            }
            ParquetWriter<Object[]> writer = builder.build();
            return new Writer(writer, output, codecs, name());
        } catch (IOException | RuntimeException e) {
            codecs.release();
            output.abort();
            throw e;
        }
    }

    private static final class Writer implements FormatWriter {
        private final ParquetWriter<Object[]> writer;
        private final ObjectOutput output;
        private final ParquetCodecs codecs;
        private final String format;
        private long rows;
        private boolean done;

        Writer(ParquetWriter<Object[]> writer, ObjectOutput output, ParquetCodecs codecs, String format) {
            this.writer = writer;
            this.output = output;
            this.codecs = codecs;
            this.format = format;
        }

        @Override
        public void write(Object[] row) throws IOException {
            writer.write(row);
            rows++;
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public long estimatedSize() {
            return writer.getDataSize();
        }

        @Override
        public WrittenFile finish() throws IOException {
            try {
                writer.close();
                output.close();
                done = true;
                return new WrittenFile(output.key(), format, rows, output.position(),
                        Optional.of(writer.getFooter()));
            } catch (IOException | RuntimeException e) {
                abort();
                throw e;
            } finally {
                codecs.release();
            }
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            output.abort();
            codecs.release();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final FileSchema schema;

        Builder(OutputFile file, FileSchema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new ParquetRowWriteSupport(schema);
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return new ParquetRowWriteSupport(schema);
        }
    }

    /** Adapts an {@link ObjectOutput} to parquet-java's output file; the writer's close does not publish it. */
    private record StoreOutputFile(ObjectOutput output) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return stream();
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return stream();
        }

        private PositionOutputStream stream() {
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return output.position();
                }

                @Override
                public void write(int b) throws IOException {
                    output.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    output.write(b, off, len);
                }

                @Override
                public void close() {
                    // published by FormatWriter.finish(), not by parquet-java's close
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return output.key();
        }
    }
}
