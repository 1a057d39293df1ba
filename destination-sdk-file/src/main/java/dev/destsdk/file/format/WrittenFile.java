package dev.destsdk.file.format;

import java.util.Objects;
import java.util.Optional;

/**
 * A data file a {@link FormatWriter} finished: where it is, how many rows and bytes it has.
 *
 * @param key the object key in the store; not null
 * @param format the format's name ({@link FormatWriterFactory#name()}); not null
 * @param rows the number of rows
 * @param bytes the size in bytes
 * @param footer the format's own footer when the writer has one and the file was written in this process (for
 *     Parquet an {@code org.apache.parquet.hadoop.metadata.ParquetMetadata}, which a table format can turn into
 *     column statistics); empty otherwise, and always empty after a round trip through a manifest
 */
public record WrittenFile(String key, String format, long rows, long bytes, Optional<Object> footer) {
    /** Validates the components. */
    public WrittenFile {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(footer, "footer is null");
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("rows and bytes must not be negative");
        }
    }

    /**
     * @param key the key
     * @param format the format
     * @param rows the rows
     * @param bytes the bytes
     * @return a written file without footer
     */
    public static WrittenFile of(String key, String format, long rows, long bytes) {
        return new WrittenFile(key, format, rows, bytes, Optional.empty());
    }
}
