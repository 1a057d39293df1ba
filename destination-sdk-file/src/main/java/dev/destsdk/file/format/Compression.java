package dev.destsdk.file.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** Whole-file compression of the text formats (JSON Lines, CSV). */
public enum Compression {
    /** No compression. */
    NONE(""),
    /** gzip; the file name gets {@code .gz}. */
    GZIP(".gz");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** @return the file name suffix, e.g. {@code .gz}; empty for NONE */
    public String suffix() {
        return suffix;
    }

    /**
     * @param out the raw stream; not null
     * @return a stream that compresses into {@code out} (the same stream for NONE)
     * @throws IOException when the compressor cannot start
     */
    public OutputStream wrap(OutputStream out) throws IOException {
        return this == GZIP ? new GZIPOutputStream(out, 64 * 1024) : out;
    }
}
