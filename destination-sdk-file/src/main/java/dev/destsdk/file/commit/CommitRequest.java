package dev.destsdk.file.commit;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.file.catalog.TableDefinition;
import dev.destsdk.file.format.WrittenFile;
import dev.destsdk.file.layout.PartitionValues;
import java.util.List;
import java.util.Objects;

/**
 * What a load asks a {@link TableCommitter} to publish: the files one sync wrote for one table, in one partition,
 * with the load mode to apply.
 *
 * @param definition the table's definition after this load (columns, format, location); not null
 * @param partition the sync's partition; not null
 * @param dataFiles the data files the stage wrote; not null, possibly empty (a load of zero rows)
 * @param deleteFiles row-level delete files (for committers that {@link TableCommitter#supportsRowDeltas()}, MERGE
 *     only); not null, empty for every other load
 * @param loadMode the load mode, one the committer declared; not null
 * @param sync the sync's time and id, for idempotency (a committer finds an earlier commit of the same sync id);
 *     not null
 * @param keyColumns the primary-key columns, for MERGE; not null, possibly empty
 * @param cancellation the load's cancellation: a committer doing long work before its atomic step (rewriting files,
 *     reading the table) checks it and stops with the CANCELLED error, nothing published; not null
 */
public record CommitRequest(TableDefinition definition, PartitionValues partition, List<WrittenFile> dataFiles,
                            List<RowDeleteFile> deleteFiles, LoadMode loadMode, SyncContext sync,
                            List<String> keyColumns, CancellationSignal cancellation) {
    /** Validates the components and copies the lists. */
    public CommitRequest {
        Objects.requireNonNull(definition, "definition is null");
        Objects.requireNonNull(partition, "partition is null");
        dataFiles = List.copyOf(Objects.requireNonNull(dataFiles, "dataFiles is null"));
        deleteFiles = List.copyOf(Objects.requireNonNull(deleteFiles, "deleteFiles is null"));
        Objects.requireNonNull(loadMode, "loadMode is null");
        Objects.requireNonNull(sync, "sync is null");
        keyColumns = List.copyOf(Objects.requireNonNull(keyColumns, "keyColumns is null"));
        Objects.requireNonNull(cancellation, "cancellation is null");
    }

    /**
     * A request that is never cancelled (for tools and tests without a job).
     *
     * @param definition see the record
     * @param partition see the record
     * @param dataFiles see the record
     * @param deleteFiles see the record
     * @param loadMode see the record
     * @param sync see the record
     * @param keyColumns see the record
     */
    public CommitRequest(TableDefinition definition, PartitionValues partition, List<WrittenFile> dataFiles,
                         List<RowDeleteFile> deleteFiles, LoadMode loadMode, SyncContext sync,
                         List<String> keyColumns) {
        this(definition, partition, dataFiles, deleteFiles, loadMode, sync, keyColumns, CancellationSignal.never());
    }

    /** @return the rows of the data files */
    public long rows() {
        return dataFiles.stream().mapToLong(WrittenFile::rows).sum();
    }
}
