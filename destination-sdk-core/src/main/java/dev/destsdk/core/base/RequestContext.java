package dev.destsdk.core.base;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.ProgressReporter;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.files.DataFiles;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.sync.SyncMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link AbstractDestination} derives once from a stage or load request and hands to the kind's engine: the
 * CSV format, the sync metadata, the target object, the cancellation signal, a progress reporter, and the
 * {@code success_part_*} data files.
 *
 * @param <R> the request type
 *
 * <p>One context serves one request on the thread that called {@code stage} or {@code load}; the data-file listing
 * is computed on first use and kept. Never null-valued.
 */
public abstract sealed class RequestContext<R> permits StageContext, LoadContext {
    private final R request;
    private final String destinationName;
    private final MetadataMapping mapping;
    private final Path localDataPath;
    private final CsvFileFormat format;
    private final SyncMetadata syncMetadata;
    private final CancellationSignal cancellation;
    private final ProgressReporter progress;
    private List<Path> dataFiles;

    RequestContext(R request, String destinationName, MetadataMapping mapping, Path localDataPath,
                   CsvFileFormat format, SyncMetadata syncMetadata, CancellationSignal cancellation,
                   ProgressReporter progress) {
        this.request = Objects.requireNonNull(request, "request is null");
        this.destinationName = Objects.requireNonNull(destinationName, "destinationName is null");
        this.mapping = Objects.requireNonNull(mapping, "mapping is null");
        this.localDataPath = Objects.requireNonNull(localDataPath, "localDataPath is null");
        this.format = Objects.requireNonNull(format, "format is null");
        this.syncMetadata = Objects.requireNonNull(syncMetadata, "syncMetadata is null");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation is null");
        this.progress = Objects.requireNonNull(progress, "progress is null");
    }

    /** @return the request as the executor sent it */
    public final R request() {
        return request;
    }

    /** @return the destination's name, for messages */
    public final String destinationName() {
        return destinationName;
    }

    /** @return the object's metadata mapping */
    public final MetadataMapping mapping() {
        return mapping;
    }

    /** @return the mapped target object ({@code mappedMergedSourceMetadata}): names and types to write */
    public final ObjectMetadata target() {
        return mapping.mappedMergedSourceMetadata();
    }

    /** @return the directory the executor wrote the data files to */
    public final Path localDataPath() {
        return localDataPath;
    }

    /** @return the data files' CSV format */
    public final CsvFileFormat format() {
        return format;
    }

    /** @return the sync time and id with the tracking columns that carry them */
    public final SyncMetadata syncMetadata() {
        return syncMetadata;
    }

    /** @return the job's cancellation signal: check it in every loop and wait */
    public final CancellationSignal cancellation() {
        return cancellation;
    }

    /** @return the reporter for this request's phase ({@code "stage"} or {@code "load"}) */
    public final ProgressReporter progress() {
        return progress;
    }

    /**
     * The {@code success_part_*} files under the local data path, in part order ({@code error_part_*} files are
     * never included). Listed on first call.
     *
     * @return the files; empty when the executor wrote none
     * @throws ConnectorException IO_ERROR when the directory cannot be read, VALIDATION_ERROR when it does not exist
     */
    public final List<Path> dataFiles() {
        if (dataFiles == null) {
            dataFiles = DataFiles.successFiles(localDataPath, format);
        }
        return dataFiles;
    }

    /**
     * Checks cancellation before a step that handles one file of {@link #dataFiles()}.
     *
     * @param step what is about to happen, e.g. {@code "upload"}; not null
     * @param index the 0-based file index
     * @throws ConnectorException CANCELLED when the job is cancelled
     */
    public final void checkCancellation(String step, int index) {
        cancellation.checkCancellation(progress.phase() + ": " + step + " file " + (index + 1) + " of "
                + dataFiles().size());
    }
}
