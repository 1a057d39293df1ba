package dev.destsdk.core.base;

import dev.destsdk.core.control.ProgressReporter;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.sync.SyncMetadata;

/**
 * The context of one {@code load} call, built by {@link AbstractDestination#load} after it checked the request
 * against the declared capabilities. See {@link RequestContext} for what it holds; its progress phase is
 * {@code "load"}. The load mode, table handling, evolution mode, flags, stage location and record processors are
 * read from {@link #request()}.
 */
public final class LoadContext extends RequestContext<LoadRequest> {

    LoadContext(String destinationName, LoadRequest request, CsvFileFormat format, SyncMetadata syncMetadata,
                ProgressReporter progress) {
        super(request, destinationName, request.mapping(), request.localDataPath(), format, syncMetadata,
                request.cancellation(), progress);
    }
}
