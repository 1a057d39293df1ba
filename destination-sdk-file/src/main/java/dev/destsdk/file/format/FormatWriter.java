package dev.destsdk.file.format;

import java.io.IOException;

/**
 * Writes rows of one data file. Created by {@link FormatWriterFactory#open}; rows go in with {@link #write}; then
 * exactly one of {@link #finish()} (the file is published in the store and described) or {@link #abort()} (nothing
 * is left in the store).
 *
 * <p>Not thread-safe: one thread writes one file. Memory is bounded by the format (for Parquet, one row group).
 */
public interface FormatWriter {

    /**
     * @param row one value per column of the schema, of the types {@link FileColumn} lists, null for NULL; the array
     *     may be reused by the caller after the call
     * @throws IOException when the store fails
     */
    void write(Object[] row) throws IOException;

    /** @return rows written so far */
    long rows();

    /**
     * @return the file's size so far, including what is buffered and not yet flushed (estimated for compressed
     *     buffers); the engine rolls over to a new file when this reaches its target size
     */
    long estimatedSize();

    /**
     * Finishes and publishes the file.
     *
     * @return what was written
     * @throws IOException when the store fails; the file is then aborted
     */
    WrittenFile finish() throws IOException;

    /** Discards the file; never throws. Does nothing after {@link #finish()}. */
    void abort();
}
