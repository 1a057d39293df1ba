package dev.destsdk.file.format;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * parquet-java's compression without Hadoop: its default codec factory loads Hadoop's codec classes, this one
 * compresses and decompresses pages with zstd-jni, snappy-java and {@code java.util.zip} (UNCOMPRESSED, SNAPPY, ZSTD,
 * GZIP). Public so that readers (a table format reading its files back) use the same codecs. One instance per writer
 * or reader (a ZSTD context is not thread-safe); {@link #release()} frees the native context.
 */
public final class ParquetCodecs implements CompressionCodecFactory {
    private final int zstdLevel;
    private ZstdCompressCtx zstd;

    /**
     * @param zstdLevel the ZSTD level of compressed pages (1..22); not used for reading
     */
    public ParquetCodecs(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> compressor(codec, b -> b);
            case SNAPPY -> compressor(codec, b -> BytesInput.from(Snappy.compress(b.toByteArray())));
            case ZSTD -> compressor(codec, b -> BytesInput.from(zstd().compress(b.toByteArray())));
            case GZIP -> compressor(codec, b -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    b.writeAllTo(gz);
                }
                return BytesInput.from(out.toByteArray());
            });
            default -> throw new IllegalArgumentException("Parquet codec " + codec + " is not supported; use"
                    + " UNCOMPRESSED, SNAPPY, ZSTD or GZIP");
        };
    }

    private ZstdCompressCtx zstd() {
        if (zstd == null) {
            zstd = new ZstdCompressCtx().setLevel(zstdLevel);
        }
        return zstd;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                byte[] in = bytes.toByteArray();
                return switch (codec) {
                    case UNCOMPRESSED -> BytesInput.from(in);
                    case SNAPPY -> BytesInput.from(Snappy.uncompress(in));
                    case ZSTD -> BytesInput.from(Zstd.decompress(in, uncompressedSize));
                    case GZIP -> {
                        try (GZIPInputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
                            yield BytesInput.from(gz.readAllBytes());
                        }
                    }
                    default -> throw new IOException("Parquet codec " + codec + " is not supported");
                };
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(decompress(BytesInput.from(in), uncompressedSize).toByteArray());
            }

            @Override
            public void release() {
                // nothing held
            }
        };
    }

    @Override
    public void release() {
        if (zstd != null) {
            zstd.close();
            zstd = null;
        }
    }

    private interface Compress {
        BytesInput apply(BytesInput bytes) throws IOException;
    }

    private static BytesInputCompressor compressor(CompressionCodecName codec, Compress compress) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return compress.apply(bytes);
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
                // the factory owns the native context
            }
        };
    }
}
