package dev.destsdk.iceberg.internal;

import dev.destsdk.file.format.ParquetCodecs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Parquet files of any flat schema from rows of physical values (Integer, Long, Boolean, Float, Double,
 * Binary; null for NULL), so that tests can produce what other writers produce (INT96, MILLIS units, narrower
 * physical types), with a row count per row group. No Hadoop.
 */
final class RawParquet {
    private RawParquet() {
    }

    static void write(Path file, MessageType schema, int rowsPerGroup, List<Object[]> rows) throws IOException {
        ParquetCodecs codecs = new ParquetCodecs(3);
        OutputFile out = new LocalOutputFile(file);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(out)
                .withType(schema)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(codecs)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupRowCountLimit(rowsPerGroup)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (Object[] r : rows) {
                SimpleGroup g = new SimpleGroup(schema);
                for (int i = 0; i < r.length; i++) {
                    Object v = r[i];
                    if (v instanceof Integer x) {
                        g.add(i, x.intValue());
                    } else if (v instanceof Long x) {
                        g.add(i, x.longValue());
                    } else if (v instanceof Boolean x) {
                        g.add(i, x.booleanValue());
                    } else if (v instanceof Float x) {
                        g.add(i, x.floatValue());
                    } else if (v instanceof Double x) {
                        g.add(i, x.doubleValue());
                    } else if (v instanceof Binary x) {
                        g.add(i, x);
                    } else if (v != null) {
                        throw new IllegalArgumentException("not a physical value: " + v);
                    }
                }
                w.write(g);
            }
        } finally {
            codecs.release();
        }
    }
}
