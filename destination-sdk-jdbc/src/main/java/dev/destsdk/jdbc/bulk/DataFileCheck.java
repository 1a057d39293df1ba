package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.IOException;
import java.util.List;

/**
 * Reads a data file through the SDK's {@link ValueRules} without loading it, for loaders whose database reads the
 * file itself (a CSV reader given a path) or binds values one by one, so that every connector refuses the same
 * files: the file is streamed once, checked, and forgotten. Stateless.
 */
public final class DataFileCheck {

    private DataFileCheck() {
    }

    /**
     * What a checked file holds.
     *
     * @param records the data records (header rows and skipped blank lines not counted)
     * @param largestRecord the largest record's size in bytes
     * @param quotedCarriageReturn whether a quoted value holds a carriage return
     */
    public record Checked(long records, long largestRecord, boolean quotedCarriageReturn) {
    }

    /**
     * Streams the file through the checks: byte-level ({@link CsvPassThrough#checkOnly}, which produces no output)
     * when the format allows, else record by record ({@link CsvTranscoder}, its output dropped).
     *
     * @param file the data file; not null
     * @param rules the checks; not null
     * @param cancellation the job's signal; not null
     * @return what the file holds
     * @throws ConnectorException VALIDATION_ERROR naming the file, line, record and column of the first bad input;
     *     IO_ERROR when the file cannot be read; CANCELLED
     */
    public static Checked check(LoadFile file, ValueRules rules, CancellationSignal cancellation) {
        CsvChunkStream stream = CsvPassThrough.supports(file.format())
                ? CsvPassThrough.checkOnly(file, rules, cancellation)
                : new CsvTranscoder(file, rules, CsvOutput.EMPTY_IS_NULL, List.of(), List.of(), cancellation);
        try (CsvChunkStream in = stream) {
            while (in.advance()) {
                // each call checks the next piece of the file; nothing is copied out
            }
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "reading the data file failed: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
        cancellation.checkCancellation("checking " + file.displayName());
        stream.throwIfFailed(file);
        return new Checked(stream.records(), stream.largestRecord(), stream.hasQuotedCarriageReturn());
    }
}
