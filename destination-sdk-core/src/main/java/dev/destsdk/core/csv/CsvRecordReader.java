package dev.destsdk.core.csv;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Streams the records of one CSV data file as its {@link CsvFileFormat} says (header rows, delimiter, quote,
 * escape, trimming, blank lines, NULL markers, encoding, gzip). Memory does not grow with the file.
 *
 * <p>Bad input (a ragged row, an unterminated quote, a wrong column count against the header, bytes invalid in the
 * encoding) raises a {@link dev.destsdk.core.error.ConnectorException} of type VALIDATION_ERROR naming the file, the
 * line and the column. Not thread-safe; close it.
 */
public final class CsvRecordReader implements AutoCloseable {
    // TODO(issue 2): implementation on commons-csv
    private CsvRecordReader() {
    }

    /**
     * Opens a file and reads its header rows.
     *
     * @param file the data file; not null
     * @param format its format; not null
     * @param expectedColumns the column count every record must have, or -1 to take it from the header (or from
     *     the first record when {@code skipHeader} is 0)
     * @return the reader, positioned before the first data record
     */
    public static CsvRecordReader open(Path file, CsvFileFormat format, int expectedColumns) {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the column names of the first header row; empty when {@code skipHeader} is 0 */
    public List<String> header() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the next record, or empty at the end of the file */
    public Optional<CsvRow> next() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
    }
}
