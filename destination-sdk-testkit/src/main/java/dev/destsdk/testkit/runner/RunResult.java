package dev.destsdk.testkit.runner;

import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened in one successful run of a pipeline: the files the runner wrote, the requests it sent, the
 * destination's answers, and what the destination routed to the record processors and the progress callback.
 *
 * @param dataDirectory the run's local data path holding the files; not null
 * @param sync the run's syncTime and syncId; not null
 * @param sourceObject the source object; not null
 * @param mapping the mapping passed to stage and load (mapped object, last applied object); not null
 * @param stageRequest the stage request sent; not null
 * @param stageResponse the destination's stage answer; not null
 * @param loadRequest the load request sent (its load mode, table handling and flags as resolved); not null
 * @param loadResponse the destination's load answer; not null
 * @param successFiles the {@code success_part_*} files written (or found in the spec's data directory), in part
 *     order; unmodifiable
 * @param errorFiles the {@code error_part_*} files written, in part order; unmodifiable
 * @param rowsWritten rows written to success files; 0 when the spec named existing files
 * @param errorRowsWritten rows written to error files
 * @param errorRecords records the destination sent to the error record processor; unmodifiable
 * @param successRecords records the destination sent to the success record processor; unmodifiable
 * @param progressEvents progress events in arrival order; unmodifiable
 */
public record RunResult(
        Path dataDirectory,
        SyncContext sync,
        ObjectMetadata sourceObject,
        MetadataMapping mapping,
        StageRequest stageRequest,
        StageResponse stageResponse,
        LoadRequest loadRequest,
        LoadResponse loadResponse,
        List<Path> successFiles,
        List<Path> errorFiles,
        long rowsWritten,
        long errorRowsWritten,
        List<Map<String, Object>> errorRecords,
        List<Map<String, Object>> successRecords,
        List<ProgressEvent> progressEvents) {

    /** Validates and copies the components. */
    public RunResult {
        Objects.requireNonNull(dataDirectory, "dataDirectory is null");
        Objects.requireNonNull(sync, "sync is null");
        Objects.requireNonNull(sourceObject, "sourceObject is null");
        Objects.requireNonNull(mapping, "mapping is null");
        Objects.requireNonNull(stageRequest, "stageRequest is null");
        Objects.requireNonNull(stageResponse, "stageResponse is null");
        Objects.requireNonNull(loadRequest, "loadRequest is null");
        Objects.requireNonNull(loadResponse, "loadResponse is null");
        successFiles = List.copyOf(successFiles);
        errorFiles = List.copyOf(errorFiles);
        errorRecords = copyRecords(errorRecords);
        successRecords = copyRecords(successRecords);
        progressEvents = List.copyOf(progressEvents);
    }

    private static List<Map<String, Object>> copyRecords(List<Map<String, Object>> records) {
        List<Map<String, Object>> copy = new ArrayList<>(records.size());
        for (Map<String, Object> r : records) {
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(r)));
        }
        return Collections.unmodifiableList(copy);
    }

    /** @return the target object {@code mapToTargetObject} returned for this run */
    public ObjectMetadata mappedObject() {
        return mapping.mappedMergedSourceMetadata();
    }

    /** @return whether this was the pipeline's first run for the object (no previously applied mapping) */
    public boolean isFirstRun() {
        return mapping.isFirstRun();
    }

    /** @return a one-line summary for logs and a {@code main}'s output */
    public String summary() {
        return "sync " + sync.syncId() + ": " + sourceObject.getName() + " -> "
                + mappedObject().getFormattedFullyQualifiedName().orElse(mappedObject().getName()) + ", "
                + loadRequest.loadMode() + (isFirstRun() ? " (first run)" : "") + ", wrote " + rowsWritten
                + " row(s) in " + successFiles.size() + " file(s) and " + errorRowsWritten + " error row(s); stage: "
                + stageResponse.message() + "; load: " + loadResponse.message();
    }
}
