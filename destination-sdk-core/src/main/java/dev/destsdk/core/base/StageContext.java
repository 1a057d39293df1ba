package dev.destsdk.core.base;

import dev.destsdk.core.control.ProgressReporter;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.sync.SyncMetadata;

/**
 * The context of one {@code stage} call, built by {@link AbstractDestination#stage} after it validated the request.
 * See {@link RequestContext} for what it holds; its progress phase is {@code "stage"}.
 */
public final class StageContext extends RequestContext<StageRequest> {

    StageContext(String destinationName, StageRequest request, CsvFileFormat format, SyncMetadata syncMetadata,
                 ProgressReporter progress) {
        super(request, destinationName, request.mapping(), request.localDataPath(), format, syncMetadata,
                request.cancellation(), progress);
    }
}
