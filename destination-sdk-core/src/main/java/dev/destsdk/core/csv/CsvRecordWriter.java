package dev.destsdk.core.csv;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes CSV data files in a given {@link CsvFileFormat} such that {@link CsvRecordReader} reads back exactly the
 * values written: NULL as the format represents it (an empty unquoted field or the first {@code nullIf} marker), the
 * empty string quoted, values containing delimiters, quotes or line breaks quoted and escaped. Not thread-safe.
 */
public final class CsvRecordWriter implements AutoCloseable {
    // TODO(issue 2): implementation on commons-csv
    private CsvRecordWriter() {
    }

    /**
     * Creates (or replaces) a file and writes its header rows: the column names, and for {@code skipHeader == 2} a
     * second row of column names.
     *
     * @param file the file; not null
     * @param format the format; not null
     * @param columns the column names; not null
     * @return the writer
     * @throws IllegalArgumentException when the format cannot represent NULL distinctly from every value written
     */
    public static CsvRecordWriter create(Path file, CsvFileFormat format, List<String> columns) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Writes one record.
     *
     * @param values the values in column order, null for NULL; size must equal the column count
     */
    public void write(List<String> values) {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return records written so far */
    public long recordsWritten() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
    }
}
