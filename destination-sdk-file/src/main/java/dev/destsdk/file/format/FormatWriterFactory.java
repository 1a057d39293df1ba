package dev.destsdk.file.format;

import dev.destsdk.file.store.ObjectOutput;
import java.io.IOException;

/**
 * A data-file format: Parquet, JSON Lines, CSV, or another one a connector adds as one class. Stateless and
 * thread-safe; each {@link #open} returns a writer for one thread.
 */
public interface FormatWriterFactory {

    /** @return the format's name as catalogs know it, e.g. {@code parquet}, {@code json}, {@code csv} */
    String name();

    /** @return the file name extension without a leading dot, e.g. {@code parquet} or {@code jsonl.gz} */
    String extension();

    /**
     * Opens a writer on a new object.
     *
     * @param output where the bytes go; the writer closes it on {@link FormatWriter#finish()} and aborts it on
     *     {@link FormatWriter#abort()}; not null
     * @param schema the file's columns; not null
     * @return the writer
     * @throws IOException when the store fails
     */
    FormatWriter open(ObjectOutput output, FileSchema schema) throws IOException;
}
