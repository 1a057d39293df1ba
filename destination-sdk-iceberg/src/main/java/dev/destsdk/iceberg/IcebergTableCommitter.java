package dev.destsdk.iceberg;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.commit.CommitRequest;
import dev.destsdk.file.commit.CommitResult;
import dev.destsdk.file.commit.RowDeleteFile;
import dev.destsdk.file.commit.TableCommitter;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.format.FileSchema;
import dev.destsdk.file.format.FormatWriterFactory;
import dev.destsdk.file.format.WrittenFile;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.iceberg.internal.AttemptFileIO;
import dev.destsdk.iceberg.internal.ParquetFooters;
import dev.destsdk.iceberg.internal.PartitionSpecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits what a file destination staged as one Apache Iceberg snapshot per load, through any Iceberg
 * {@link Catalog} (the catalog is the hook: {@link IcebergCatalogs#sqlite} and {@link IcebergCatalogs#postgres} give
 * a {@code JdbcCatalog}; Glue, Nessie or a REST catalog is another {@code Catalog}). Namespace = the mapped schema,
 * table = the mapped table, table location = the file layout's table prefix in the store.
 *
 * <h2>A commit</h2>
 * <ol>
 *   <li>The table is loaded, or created (format version 2, the configured partitioning) in the same transaction as
 *       the data, so a failed first load leaves no table.</li>
 *   <li>If a snapshot's summary holds this sync id ({@value #SYNC_ID_PROPERTY}), the load was committed before (a
 *       retry): nothing is added.</li>
 *   <li>New columns are added and allowed widenings applied ({@link IcebergTypes}) in the same transaction; a
 *       narrowing or any other type change is refused before anything is committed.</li>
 *   <li>Each staged Parquet file is registered with its footer's column statistics
 *       ({@code ParquetUtil.footerMetrics}); its field ids must be the table's (else another writer changed the
 *       schema since the stage: a retryable error). When the spec partitions by a data column (not only by the
 *       sync's constant tracking columns), the staged files are read back and written again, one file per
 *       partition, leaving out the rows the stage's position deletes hide (checking the load's cancellation
 *       before each file and every 1,024 rows); the staged files are deleted after the commit.</li>
 *   <li>APPEND appends; OVERWRITE and TRUNCATE_AND_LOAD replace every data and delete file in one overwrite
 *       snapshot (older snapshots stay readable until expired); MERGE commits the new rows with the stage's
 *       equality deletes (the batch's keys) and position deletes (rows superseded within the batch, and hard-deleted
 *       rows when the load asks for hard deletes) as one row delta, counting first which of the batch's keys the
 *       table holds ({@link MergeCounts}: rows updated and hard-deleted). In a partitioned table the equality
 *       deletes are registered with the table's unpartitioned spec (added beside the default one on first use), which makes
 *       them global: they reach a key's earlier row in whatever partition it is.</li>
 *   <li>The transaction commits atomically in the catalog. When another writer won the race, Iceberg re-applies
 *       the changes on the new table state; when its retries are used up, the whole commit is attempted again
 *       ({@link IcebergTableOptions#commitAttempts()}), each attempt first looking for its sync id.</li>
 *   <li>An attempt that fails (other than with an unknown commit state) deletes what it wrote: the manifests and
 *       manifest lists of the snapshots it staged, the files the catalog's {@link AttemptFileIO} saw it create
 *       (catalogs from {@link IcebergCatalogs} have one; the attempt's manifest writing runs on its recording
 *       executor), and rewritten data files.</li>
 * </ol>
 *
 * <p>No Hadoop: files are read (footers, rows) and metadata written through the catalog's {@code FileIO}
 * ({@link LocalFileIO} or Iceberg's {@code S3FileIO}). Thread-safe: loads into different tables, and concurrent
 * loads into one table, are serialised by the catalog's optimistic commits.
 */
public final class IcebergTableCommitter implements TableCommitter {
    /** Snapshot summary key holding the sync id of the load that committed the snapshot. */
    public static final String SYNC_ID_PROPERTY = "destsdk.sync-id";
    /** Snapshot summary key holding the sync time (ISO-8601 instant) of that load. */
    public static final String SYNC_TIME_PROPERTY = "destsdk.sync-time";
    /** Snapshot summary key holding the load mode. */
    public static final String LOAD_MODE_PROPERTY = "destsdk.load-mode";

    private static final Logger LOG = LoggerFactory.getLogger(IcebergTableCommitter.class);

    private final Catalog catalog;
    private final String storeRoot;
    private final String tablesRoot;
    private final IcebergTableOptions options;
    private final TrackingColumns tracking;
    private final String codec;
    private final ObjectStore store;
    private final FormatWriterFactory parquet;
    private final long targetFileSize;

    /**
     * @param catalog the catalog; its FileIO must read and write the store's locations; not null
     * @param storeRoot the location of the object store's root ({@code ObjectStore.describe()}, e.g.
     *     {@code file:///data/lake/} or {@code s3://bucket/prefix/}); a data file's location is this plus its key
     * @param tablesRoot the path layout's root below the store root ({@code PathLayout.root()}), empty or ending in
     *     {@code /}
     * @param options partitioning, table properties, commit attempts; not null
     * @param tracking the tracking column names; not null
     * @param codec the Parquet codec name of the staged files, recorded as the table's write codec; not null
     * @param store the store the staged files are in, where files rewritten by partition or by compaction go; not
     *     null
     * @param parquet the Parquet writer for rewritten files; not null
     * @param targetFileSize the size rewritten files roll over at, in bytes; positive
     */
    public IcebergTableCommitter(Catalog catalog, String storeRoot, String tablesRoot, IcebergTableOptions options,
                                 TrackingColumns tracking, String codec, ObjectStore store,
                                 FormatWriterFactory parquet, long targetFileSize) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is null");
        String root = Objects.requireNonNull(storeRoot, "storeRoot is null");
        this.storeRoot = root.endsWith("/") ? root : root + "/";
        this.tablesRoot = Objects.requireNonNull(tablesRoot, "tablesRoot is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.tracking = Objects.requireNonNull(tracking, "tracking is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.parquet = Objects.requireNonNull(parquet, "parquet is null");
        if (targetFileSize < 1) {
            throw new IllegalArgumentException("targetFileSize must be positive: " + targetFileSize);
        }
        this.targetFileSize = targetFileSize;
    }

    /** @return the store the table files are in */
    ObjectStore store() {
        return store;
    }

    /** @return the Parquet writer of rewritten files */
    FormatWriterFactory parquet() {
        return parquet;
    }

    /** @return the size rewritten files roll over at */
    long targetFileSize() {
        return targetFileSize;
    }

    /** @return the catalog */
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public Set<LoadMode> loadModes() {
        return EnumSet.of(LoadMode.APPEND, LoadMode.OVERWRITE, LoadMode.TRUNCATE_AND_LOAD, LoadMode.MERGE);
    }

    @Override
    public boolean supportsRowDeltas() {
        return true;
    }

    @Override
    public String fileLocation(String key) {
        return storeRoot + key;
    }

    /**
     * @param location a location inside the store
     * @return its key, or empty for a location outside the store
     */
    public Optional<String> keyOf(String location) {
        return location.startsWith(storeRoot) ? Optional.of(location.substring(storeRoot.length()))
                : Optional.empty();
    }

    /**
     * @param id a table
     * @return its Iceberg identifier: namespace = database, name = table
     */
    public static TableIdentifier identifier(TableId id) {
        return TableIdentifier.of(Namespace.of(id.database()), id.table());
    }

    /**
     * @param id a table
     * @return the table, or empty when the catalog does not have it
     */
    public Optional<Table> load(TableId id) {
        try {
            return Optional.of(catalog.loadTable(identifier(id)));
        } catch (NoSuchTableException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- columns

    /**
     * The schema a stage writes its files with: each column gets the field id the table has for it, or will give
     * it when the load adds it (computed without changing the table). A type change Iceberg cannot apply is refused
     * here, before anything is written.
     *
     * @param table the table; not null
     * @param schema the stage's columns; not null
     * @return the same columns with field ids
     * @throws ConnectorException SCHEMA_EVOLUTION_ERROR for a type change Iceberg cannot apply
     */
    public FileSchema withFieldIds(TableId table, FileSchema schema) {
        Schema target = targetSchema(table, load(table).map(Table::schema), schema);
        List<FileColumn> columns = new ArrayList<>();
        for (FileColumn c : schema.columns()) {
            columns.add(c.withFieldId(target.findField(c.name()).fieldId()));
        }
        return new FileSchema(columns);
    }

    @Override
    public void checkColumnChange(TableId table, FileColumn before, FileColumn after) {
        IcebergTypes.checkChange(table.toString(), after.name(), IcebergTypes.type(before), IcebergTypes.type(after));
    }

    /**
     * The table's schema after a load of these columns: the current one with new columns added (optional) and
     * allowed widenings applied, or a fresh one for a new table. Computed without committing.
     */
    private static Schema targetSchema(TableId id, Optional<Schema> current, FileSchema columns) {
        if (current.isEmpty()) {
            return IcebergTypes.newSchema(columns);
        }
        Schema schema = current.get();
        List<Types.NestedField> fields = new ArrayList<>(schema.columns());
        int next = schema.highestFieldId() + 1;
        for (FileColumn c : columns.columns()) {
            Type.PrimitiveType wanted = IcebergTypes.type(c);
            Types.NestedField existing = schema.findField(c.name());
            if (existing == null) {
                fields.add(Types.NestedField.optional(next++, c.name(), wanted));
                continue;
            }
            Type.PrimitiveType now = existing.type().asPrimitiveType();
            IcebergTypes.checkChange(id.toString(), c.name(), now, wanted);
            if (!now.equals(wanted) && IcebergTypes.canChange(now, wanted)) {
                fields.set(fields.indexOf(existing), Types.NestedField.of(existing.fieldId(),
                        existing.isOptional(), existing.name(), wanted, existing.doc()));
            }
        }
        return new Schema(fields);
    }

    /** Applies the target schema's additions and widenings to a table inside a transaction. */
    private static void evolve(Transaction tx, Schema current, Schema target) {
        UpdateSchema update = null;
        for (Types.NestedField f : target.columns()) {
            Types.NestedField existing = current.findField(f.fieldId());
            if (existing == null) {
                update = update == null ? tx.updateSchema() : update;
                update.addColumn(f.name(), f.type());
            } else if (!existing.type().equals(f.type())) {
                update = update == null ? tx.updateSchema() : update;
                update.updateColumn(f.name(), f.type().asPrimitiveType());
            }
        }
        if (update != null) {
            update.commit();
        }
    }

    // ---------------------------------------------------------------- commit

    @Override
    public CommitResult commit(CommitRequest request) throws IOException {
        if (!loadModes().contains(request.loadMode())) {
            throw new IllegalArgumentException("load mode " + request.loadMode() + " is not supported");
        }
        if (request.loadMode() != LoadMode.MERGE && !request.deleteFiles().isEmpty()) {
            throw new IllegalArgumentException("delete files are committed by MERGE only");
        }
        TableId id = request.definition().id();
        CommitFailedException last = null;
        for (int attempt = 1; attempt <= options.commitAttempts(); attempt++) {
            try {
                return attempt(request);
            } catch (CommitFailedException | AlreadyExistsException e) {
                last = e instanceof CommitFailedException c ? c : new CommitFailedException(e, "table created");
                LOG.info("commit of sync {} into {} lost a race (attempt {} of {}): {}", request.sync().syncId(), id,
                        attempt, options.commitAttempts(), e.getMessage());
            }
        }
        throw ConnectorException.builder(ErrorType.IO_ERROR, "the commit of sync " + request.sync().syncId()
                        + " into Iceberg table " + id + " lost " + options.commitAttempts() + " races with other"
                        + " writers; nothing was committed, retry the load")
                .object(id.toString()).retryable(true).cause(last).build();
    }

    private CommitResult attempt(CommitRequest request) throws IOException {
        TableId id = request.definition().id();
        TableIdentifier ident = identifier(id);
        Optional<Table> existing = load(id);
        if (existing.isPresent() && findCommit(existing.get(), request.sync().syncId()).isPresent()) {
            LOG.info("sync {} is already committed in {}; nothing added", request.sync().syncId(), id);
            return new CommitResult(0, 0, 0);
        }
        Schema target = targetSchema(id, existing.map(Table::schema), request.definition().schema());
        Transaction tx;
        Table table;
        if (existing.isPresent()) {
            table = existing.get();
            tx = table.newTransaction();
            evolve(tx, table.schema(), target);
        } else {
            ensureNamespace(ident.namespace());
            PartitionSpec spec = PartitionSpecs.parse(options.partitioning(), target, id.toString());
            Map<String, String> props = new HashMap<>(options.tableProperties());
            props.put(TableProperties.FORMAT_VERSION, "2");
            props.put(TableProperties.PARQUET_COMPRESSION, codec.toLowerCase(java.util.Locale.ROOT));
            tx = catalog.buildTable(ident, target)
                    .withPartitionSpec(spec)
                    .withLocation(storeRoot + tablesRoot + id.database() + "/" + id.table())
                    .withProperties(props)
                    .createTransaction();
            table = tx.table();
        }
        Attempt attempt = new Attempt(tx, existing.map(t -> snapshotIds(t)).orElse(Set.of()),
                request.sync().syncId());
        try (AttemptFileIO.Recording recording = AttemptFileIO.begin()) {
            attempt.recording = recording;
            try {
                return commitIn(request, table, attempt);
            } catch (CommitStateUnknownException e) {
                // the catalog may hold the commit: its files must stay
                throw e;
            } catch (RuntimeException | IOException e) {
                attempt.cleanUp(id, recording.created());
                throw e;
            }
        }
    }

    private CommitResult commitIn(CommitRequest request, Table table, Attempt attempt) throws IOException {
        Transaction tx = attempt.tx;
        Schema schema = tx.table().schema();
        PartitionSpec spec = tx.table().spec();
        MetricsConfig metrics = MetricsConfig.forTable(tx.table());
        List<DataFile> data = new ArrayList<>();
        List<RowDeleteFile> staged = request.deleteFiles();
        long rows = request.rows();
        long hidden = 0;
        if (spec.isPartitioned() && !PartitionSpecs.bySyncConstants(spec, Set.of(tracking.synced(),
                tracking.jobId()))) {
            // the stage wrote files across partitions: rewrite them by partition, dropping the rows the stage's
            // position deletes hide (superseded in the batch, hard-deleted), so that only equality deletes remain
            StagedRewrite rewrite = new StagedRewrite(this, tx.table(), metrics);
            attempt.rewrite = rewrite;
            data.addAll(rewrite.rewrite(request.dataFiles(), staged, request.cancellation()));
            staged = staged.stream().filter(d -> d.kind().isEquality()).toList();
            rows = rewrite.rows();
        } else {
            StructLike partition = partition(spec, schema, request.sync());
            for (WrittenFile f : request.dataFiles()) {
                data.add(dataFile(tx.table(), spec, partition, metrics, f, schema));
            }
        }
        List<DeleteFile> deletes = new ArrayList<>();
        for (RowDeleteFile d : staged) {
            if (d.kind().isEquality()) {
                // equality deletes of a partitioned table are global (registered with its unpartitioned spec):
                // the earlier row of a key may be in any partition
                PartitionSpec global = spec.isPartitioned() ? PartitionSpecs.unpartitioned(tx) : spec;
                deletes.add(deleteFile(tx.table(), global, null, d, schema));
            } else {
                deletes.add(deleteFile(tx.table(), spec, partition(spec, schema, request.sync()), d, schema));
                hidden += d.file().rows();
            }
        }
        long before = Optional.ofNullable(table.currentSnapshot()).map(s -> totalRecords(s)).orElse(0L);
        long replaced = 0;
        MergeCounts.Counts matched = MergeCounts.Counts.NONE;
        switch (request.loadMode()) {
            case APPEND -> {
                AppendFiles append = attempt.bind(tx.newAppend());
                data.forEach(append::appendFile);
                summarize(append, request).commit();
            }
            case OVERWRITE, TRUNCATE_AND_LOAD -> {
                OverwriteFiles overwrite = attempt.bind(tx.newOverwrite()
                        .overwriteByRowFilter(Expressions.alwaysTrue()));
                data.forEach(overwrite::addFile);
                summarize(overwrite, request).commit();
                replaced = before;
            }
            case MERGE -> {
                // the stage passes the hard-deleted rows' position deletes only when the load hard-deletes
                boolean hardDeletes = request.deleteFiles().stream()
                        .anyMatch(d -> d.kind() == RowDeleteFile.Kind.POSITION_HARD_DELETED);
                matched = MergeCounts.count(table, schema, request.deleteFiles(), request.keyColumns(),
                        hardDeletes, this::fileLocation, () -> request.cancellation().checkCancellation(
                                "MERGE count of " + request.definition().id()));
                RowDelta delta = attempt.bind(tx.newRowDelta());
                data.forEach(delta::addRows);
                deletes.forEach(delta::addDeletes);
                summarize(delta, request).commit();
            }
            default -> throw new IllegalArgumentException("load mode " + request.loadMode());
        }
        tx.commitTransaction();
        if (attempt.rewrite != null) {
            attempt.rewrite.deleteReplaced(request.dataFiles(), request.deleteFiles());
        }
        return new CommitResult(rows - hidden, replaced, 0, matched.updated(), matched.deleted());
    }

    private static Set<Long> snapshotIds(Table table) {
        Set<Long> ids = new java.util.HashSet<>();
        table.snapshots().forEach(s -> ids.add(s.snapshotId()));
        return ids;
    }

    /**
     * One commit attempt: its transaction, and what it wrote, so that a failed attempt removes its own files (the
     * manifests and manifest lists of the snapshots it staged, the files a rewrite wrote) and nothing of another
     * writer.
     */
    private final class Attempt {
        private final Transaction tx;
        private final Set<Long> before;
        private final String syncId;
        private StagedRewrite rewrite;
        private AttemptFileIO.Recording recording;

        /** Runs the update's manifest scanning and writing as part of this attempt (recorded). */
        <T extends SnapshotUpdate<T>> T bind(T update) {
            ExecutorService executor = recording.executor();
            return update.scanManifestsWith(executor).writeManifestsWith(executor,
                    org.apache.iceberg.util.ThreadPools.WORKER_THREAD_POOL_SIZE);
        }

        Attempt(Transaction tx, Set<Long> before, String syncId) {
            this.tx = tx;
            this.before = before;
            this.syncId = syncId;
        }

        /**
         * Deletes the files of this attempt; never throws (the failure matters more).
         *
         * @param created what the attempt's thread created through the catalog's FileIO (when it is an
         *     {@link AttemptFileIO})
         */
        void cleanUp(TableId id, List<String> created) {
            FileIO io = tx.table().io();
            Set<String> committed = new java.util.HashSet<>();
            try {
                Optional<Table> now = load(id);
                if (now.isPresent() && findCommit(now.get(), syncId).isPresent()) {
                    LOG.info("the failed commit of sync {} into {} is in the table; its files stay", syncId, id);
                    return;
                }
                now.ifPresent(t -> {
                    t.snapshots().forEach(s -> committed.add(s.manifestListLocation()));
                    if (t instanceof org.apache.iceberg.HasTableOperations ops) {
                        committed.add(ops.operations().current().metadataFileLocation());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("cannot re-read {} after a failed commit; its files are left: {}", id, e.toString());
                return;
            }
            List<String> files = new ArrayList<>(created.stream().filter(f -> !committed.contains(f)).toList());
            try {
                for (Snapshot s : tx.table().snapshots()) {
                    if (before.contains(s.snapshotId()) || s.manifestListLocation() == null
                            || committed.contains(s.manifestListLocation())) {
                        continue;
                    }
                    for (ManifestFile m : s.allManifests(io)) {
                        if (m.snapshotId() != null && m.snapshotId() == s.snapshotId() && !files.contains(m.path())) {
                            files.add(m.path());
                        }
                    }
                    if (!files.contains(s.manifestListLocation())) {
                        files.add(s.manifestListLocation());
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("cannot list the staged snapshots of the failed commit into {}", id, e);
            }
            for (String f : files) {
                try {
                    io.deleteFile(f);
                } catch (RuntimeException e) {
                    LOG.warn("cannot delete {} of the failed commit into {}: {}", f, id, e.toString());
                }
            }
            if (rewrite != null) {
                rewrite.deleteWritten();
            }
            if (!files.isEmpty()) {
                LOG.info("removed {} metadata file(s) of the failed commit into {}", files.size(), id);
            }
        }
    }

    private static long totalRecords(Snapshot s) {
        String total = s.summary().get("total-records");
        return total == null ? 0 : Long.parseLong(total);
    }

    private static <T extends SnapshotUpdate<T>> T summarize(T update, CommitRequest request) {
        return update.set(SYNC_ID_PROPERTY, request.sync().syncId())
                .set(SYNC_TIME_PROPERTY, request.sync().syncTime().toString())
                .set(LOAD_MODE_PROPERTY, request.loadMode().name());
    }

    private void ensureNamespace(Namespace namespace) {
        if (catalog instanceof SupportsNamespaces ns && !ns.namespaceExists(namespace)) {
            try {
                ns.createNamespace(namespace);
            } catch (AlreadyExistsException e) {
                // created concurrently
            }
        }
    }

    /** The partition of the sync's files when the spec's sources are tracking columns, constant within a sync. */
    private StructLike partition(PartitionSpec spec, Schema schema, SyncContext sync) {
        if (!spec.isPartitioned()) {
            return null;
        }
        Object[] values = new Object[schema.columns().size()];
        List<Types.NestedField> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name();
            if (name.equals(tracking.synced())) {
                values[i] = Math.addExact(Math.multiplyExact(sync.syncTime().getEpochSecond(), 1_000_000L),
                        sync.syncTime().getNano() / 1000);
            } else if (name.equals(tracking.jobId())) {
                values[i] = sync.syncId();
            }
        }
        PartitionKey key = new PartitionKey(spec, schema);
        key.partition(new ArrayRow(values));
        return key;
    }

    private DataFile dataFile(Table table, PartitionSpec spec, StructLike partition, MetricsConfig metricsConfig,
                              WrittenFile f, Schema schema) throws IOException {
        String location = fileLocation(f.key());
        ParquetMetadata footer = ParquetFooters.read(table.io().newInputFile(location));
        checkFieldIds(table.name(), location, footer.getFileMetaData().getSchema(), schema);
        Metrics metrics = ParquetUtil.footerMetrics(footer, Stream.empty(), metricsConfig);
        DataFiles.Builder b = DataFiles.builder(spec)
                .withPath(location)
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(f.bytes())
                .withMetrics(metrics)
                .withSplitOffsets(splitOffsets(footer));
        if (partition != null) {
            b.withPartition(partition);
        }
        return b.build();
    }

    private DeleteFile deleteFile(Table table, PartitionSpec spec, StructLike partition, RowDeleteFile d,
                                  Schema schema) throws IOException {
        String location = fileLocation(d.file().key());
        ParquetMetadata footer = ParquetFooters.read(table.io().newInputFile(location));
        Metrics metrics = ParquetUtil.footerMetrics(footer, Stream.empty(), MetricsConfig.getDefault());
        FileMetadata.Builder b = FileMetadata.deleteFileBuilder(spec);
        if (d.kind().isEquality()) {
            checkFieldIds(table.name(), location, footer.getFileMetaData().getSchema(), schema);
            int[] ids = d.columns().stream().mapToInt(c -> schema.findField(c).fieldId()).toArray();
            b.ofEqualityDeletes(ids);
        } else {
            b.ofPositionDeletes();
        }
        b.withPath(location).withFormat(FileFormat.PARQUET).withFileSizeInBytes(d.file().bytes())
                .withMetrics(metrics).withRecordCount(d.file().rows());
        if (partition != null) {
            b.withPartition(partition);
        }
        return b.build();
    }

    private static List<Long> splitOffsets(ParquetMetadata footer) {
        List<Long> offsets = new ArrayList<>();
        for (BlockMetaData block : footer.getBlocks()) {
            offsets.add(block.getStartingPos());
        }
        offsets.sort(Long::compare);
        return offsets;
    }

    /** Every column of the file must carry the table's field id for its name (the stage asked for it). */
    private static void checkFieldIds(String table, String location, MessageType file, Schema schema) {
        for (org.apache.parquet.schema.Type t : file.getFields()) {
            Types.NestedField f = schema.findField(t.getName());
            Integer fileId = t.getId() == null ? null : t.getId().intValue();
            if (f == null || fileId == null || f.fieldId() != fileId) {
                throw ConnectorException.builder(ErrorType.SCHEMA_EVOLUTION_ERROR, "the staged file " + location
                                + " has column " + t.getName() + " with field id " + fileId + ", but Iceberg table "
                                + table + " has " + (f == null ? "no such column" : "field id " + f.fieldId())
                                + ": another writer changed the table's schema after the stage; stage and load"
                                + " again")
                        .object(table).column(t.getName()).retryable(true).build();
            }
        }
    }

    // ---------------------------------------------------------------- state

    /**
     * @param table a table
     * @param syncId a sync id
     * @return the snapshot a load of that sync id committed, if the current snapshot or one of its ancestors (not
     *     yet expired) is one; a snapshot rolled back out of the table's lineage does not count
     */
    public static Optional<Snapshot> findCommit(Table table, String syncId) {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return Optional.empty();
        }
        for (Snapshot s : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
            if (syncId.equals(s.summary().get(SYNC_ID_PROPERTY))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean isCommitted(TableId table, SyncContext sync) {
        return load(table).flatMap(t -> findCommit(t, sync.syncId())).isPresent();
    }

    @Override
    public List<String> committedFiles(TableId table) throws IOException {
        Optional<Table> t = load(table);
        if (t.isEmpty() || t.get().currentSnapshot() == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = t.get().newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                keyOf(task.file().location()).ifPresent(keys::add);
                for (DeleteFile d : task.deletes()) {
                    keyOf(d.location()).ifPresent(keys::add);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return keys.stream().distinct().sorted().toList();
    }

    /**
     * Removes nothing: an Iceberg table may have several writers at once (their commits are serialised by the
     * catalog), so an object no snapshot references may be another writer's stage in progress. Unreferenced files
     * are removed by {@link IcebergMaintenance#removeOrphanFiles}, which only takes files older than a given age.
     *
     * @param table the table
     * @return 0
     */
    @Override
    public int removeOrphans(TableId table) {
        return 0;
    }

    /** A row of values by position, for computing partition values. */
    private record ArrayRow(Object[] values) implements StructLike {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public <T> T get(int pos, Class<T> javaClass) {
            return javaClass.cast(values[pos]);
        }

        @Override
        public <T> void set(int pos, T value) {
            values[pos] = value;
        }
    }
}
