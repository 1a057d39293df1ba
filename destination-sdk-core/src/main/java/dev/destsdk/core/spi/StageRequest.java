package dev.destsdk.core.spi;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.files.FileFormat;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.sync.SyncContext;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Asks a destination to stage the data files of one object.
 *
 * @param sync the job's syncTime and syncId; not null
 * @param mapping the object's metadata mapping; not null
 * @param localDataPath the directory holding {@code success_part_*} files; not null
 * @param fileFormat the data files' format; not null
 * @param cancellation the job's cancellation signal; not null
 * @param progress where progress goes; not null
 */
public record StageRequest(
        SyncContext sync,
        MetadataMapping mapping,
        Path localDataPath,
        FileFormat fileFormat,
        CancellationSignal cancellation,
        ProgressCallback progress) {

    /** Validates the components. */
    public StageRequest {
        Objects.requireNonNull(sync, "sync is null: syncTime and syncId are required");
        Objects.requireNonNull(mapping, "mapping is null");
        Objects.requireNonNull(localDataPath, "localDataPath is null");
        Objects.requireNonNull(fileFormat, "fileFormat is null");
        Objects.requireNonNull(cancellation, "cancellation is null");
        Objects.requireNonNull(progress, "progress is null");
    }
}
