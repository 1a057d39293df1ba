package dev.destsdk.iceberg.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.SeekableInputStream;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Reads the footer of a Parquet file through Iceberg's {@link InputFile} (two ranged reads: the tail, then the
 * footer), without parquet-java's file reader, which needs Hadoop. Stateless.
 */
public final class ParquetFooters {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private ParquetFooters() {
    }

    /**
     * @param file a Parquet file; not null
     * @return its footer
     * @throws IOException when it cannot be read or is not a Parquet file
     */
    public static ParquetMetadata read(InputFile file) throws IOException {
        long length = file.getLength();
        if (length < 12) {
            throw new IOException(file.location() + " is too short to be a Parquet file (" + length + " bytes)");
        }
        try (SeekableInputStream in = file.newStream()) {
            byte[] tail = new byte[8];
            in.seek(length - 8);
            readFully(in, tail);
            for (int i = 0; i < 4; i++) {
                if (tail[4 + i] != MAGIC[i]) {
                    throw new IOException(file.location() + " is not a Parquet file (no PAR1 at its end)");
                }
            }
            int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (footerLength <= 0 || footerLength > length - 12) {
                throw new IOException(file.location() + " has a corrupt footer length " + footerLength);
            }
            byte[] footer = new byte[footerLength];
            in.seek(length - 8 - footerLength);
            readFully(in, footer);
            return new ParquetMetadataConverter().readParquetMetadata(new ByteArrayInputStream(footer),
                    ParquetMetadataConverter.NO_FILTER);
        }
    }

    private static void readFully(SeekableInputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            off += n;
        }
    }
}
