package dev.destsdk.file.internal;

import dev.destsdk.core.csv.CsvByteReader;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.file.FileTableLayout;
import dev.destsdk.file.convert.ValueParser;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.format.FormatWriter;
import dev.destsdk.file.format.FormatWriterFactory;
import dev.destsdk.file.format.WrittenFile;
import dev.destsdk.file.layout.PartitionValues;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.ObjectOutput;
import dev.destsdk.file.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Converts one {@code success_part_*} CSV data file into target-format parts: reads it with the SDK's
 * {@link CsvRecordReader} in the request's {@link CsvFileFormat}, parses each value strictly, adds the tracking
 * values, and writes parts of at most about the target size under deterministic keys. A value that does not parse
 * is a VALIDATION_ERROR naming file, line, record and column. Cancellation is checked every 1,024 rows and before
 * each part a store uploads. On any failure the part being written is aborted and
 * the finished parts are reported to {@code onWritten} before the failure propagates, so the caller can delete
 * them. Used by one thread at a time; the cancellation check it is given may stop it from another.
 */
public final class DataFileConverter {
    private static final int CHECK_EVERY = 1024;

    private final ObjectStore store;
    private final FormatWriterFactory formats;
    private final PathLayout layout;
    private final FileTableLayout table;
    private final PartitionValues partition;
    private final CsvFileFormat csv;
    private final long targetFileSize;
    private final Instant synced;
    private final String jobId;
    private final Runnable checkCancelled;
    private final java.util.function.UnaryOperator<String> stagedKey;

    /**
     * @param store the store
     * @param formats the target format
     * @param layout the path layout
     * @param table the table layout
     * @param partition the sync's partition
     * @param csv the data files' format
     * @param targetFileSize the roll-over size
     * @param synced the synced tracking value
     * @param jobId the job id tracking value
     * @param checkCancelled throws when the job is cancelled or another conversion failed
     * @param stagedKey where a part with a given published key is written during the stage
     */
    public DataFileConverter(ObjectStore store, FormatWriterFactory formats, PathLayout layout, FileTableLayout table,
                             PartitionValues partition, CsvFileFormat csv, long targetFileSize, Instant synced,
                             String jobId, Runnable checkCancelled,
                             java.util.function.UnaryOperator<String> stagedKey) {
        this.store = store;
        this.formats = formats;
        this.layout = layout;
        this.table = table;
        this.partition = partition;
        this.csv = csv;
        this.targetFileSize = targetFileSize;
        this.synced = synced;
        this.jobId = jobId;
        this.checkCancelled = checkCancelled;
        this.stagedKey = stagedKey;
    }

    /**
     * Converts one data file.
     *
     * @param file the data file
     * @param index its 0-based index among the request's data files (fixes its part numbers)
     * @param onWritten receives each finished part, as soon as it is finished
     * @return the rows read
     */
    public long convert(Path file, int index, Consumer<WrittenFile> onWritten) {
        return convert(file, index, onWritten, null);
    }

    /** Sees every row a conversion writes (for a MERGE's key index). Called by the converting thread. */
    @FunctionalInterface
    public interface RowObserver {
        /**
         * @param row the row as written (reused after the call)
         * @param fileKey the key of the data file it went to
         * @param position its 0-based position in that file
         * @param order its load order: the data file's index, then its line
         */
        void written(Object[] row, String fileKey, long position, long order);
    }

    /**
     * Converts one data file and tells an observer where each row went.
     *
     * @param file the data file
     * @param index its 0-based index among the request's data files (fixes its part numbers)
     * @param onWritten receives each finished part, as soon as it is finished
     * @param observer sees every written row; null for none
     * @return the rows read
     */
    public long convert(Path file, int index, Consumer<WrittenFile> onWritten, RowObserver observer) {
        ValueParser parser = new ValueParser(csv);
        FileColumn[] columns = table.schema().columns().toArray(new FileColumn[0]);
        int dataColumns = table.dataColumns();
        Object[] row = new Object[columns.length];
        row[table.syncedIndex()] = synced;
        row[table.jobIdIndex()] = jobId;
        if (table.deletedIndex() >= 0) {
            row[table.deletedIndex()] = Boolean.FALSE;
        }
        FormatWriter writer = null;
        String writerKey = null;
        int rollOver = 0;
        long rows = 0;
        try (Records reader = Records.open(file, csv, dataColumns)) {
            while (reader.next()) {
                for (int c = 0; c < dataColumns; c++) {
                    try {
                        row[c] = reader.value(parser, columns[c], c);
                    } catch (ValueParser.InvalidValueException e) {
                        throw invalid(file, reader.line(), reader.record(), columns[c], reader.text(c),
                                e.getMessage());
                    }
                }
                if (writer == null) {
                    writerKey = stagedKey.apply(layout.dataKey(table.table(), partition, index, rollOver,
                            formats.extension()));
                    ObjectOutput output = store.create(writerKey);
                    output.checkBeforeEachPart(checkCancelled);
                    writer = formats.open(output, table.schema());
                }
                if (observer != null) {
                    observer.written(row, writerKey, writer.rows(), ((long) index << 40) | rows);
                }
                writer.write(row);
                rows++;
                if (rows % CHECK_EVERY == 0) {
                    checkCancelled.run();
                    if (writer.estimatedSize() >= targetFileSize) {
                        onWritten.accept(writer.finish());
                        writer = null;
                        rollOver++;
                    }
                }
            }
            if (writer != null) {
                onWritten.accept(writer.finish());
                writer = null;
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (writer != null) {
                writer.abort();
            }
        }
    }

    private ConnectorException invalid(Path file, long line, long record, FileColumn column, String text,
                                       String reason) {
        String excerpt = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        excerpt = excerpt.replaceAll("\\p{Cntrl}", "?");
        return ConnectorException.builder(ErrorType.VALIDATION_ERROR, "the value '" + excerpt + "' of column "
                        + column.name() + " " + reason)
                .object(table.table().toString())
                .file(file)
                .line(line)
                .record(record)
                .column(column.name())
                .build();
    }

    /**
     * The records of a data file: scanned as bytes by {@link CsvByteReader} when the format allows (UTF-8, quotes
     * doubled, no trimming), else read by {@link CsvRecordReader}; both read the same values.
     */
    private interface Records extends AutoCloseable {
        static Records open(Path file, CsvFileFormat format, int columns) {
            if (CsvByteReader.supports(format)) {
                CsvByteReader r = CsvByteReader.open(file, format, columns);
                return new Records() {
                    @Override
                    public boolean next() {
                        return r.next();
                    }

                    @Override
                    public String text(int field) {
                        return r.text(field);
                    }

                    @Override
                    public Object value(ValueParser parser, FileColumn column, int field) {
                        if (r.isNull(field)) {
                            return null;
                        }
                        return parser.parse(column, r.bytes(field), r.start(field), r.end(field));
                    }

                    @Override
                    public long line() {
                        return r.lineNumber();
                    }

                    @Override
                    public long record() {
                        return r.recordNumber();
                    }

                    @Override
                    public void close() {
                        r.close();
                    }
                };
            }
            CsvRecordReader r = CsvRecordReader.open(file, format, columns);
            return new Records() {
                private CsvRow row;

                @Override
                public boolean next() {
                    Optional<CsvRow> next = r.next();
                    row = next.orElse(null);
                    return row != null;
                }

                @Override
                public String text(int field) {
                    return row.get(field);
                }

                @Override
                public long line() {
                    return row.lineNumber();
                }

                @Override
                public long record() {
                    return row.recordNumber();
                }

                @Override
                public void close() {
                    r.close();
                }
            };
        }

        boolean next();

        String text(int field);

        /** The field's typed value; null for NULL. */
        default Object value(ValueParser parser, FileColumn column, int field) {
            return parser.parse(column, text(field));
        }

        long line();

        long record();

        @Override
        void close();
    }
}
