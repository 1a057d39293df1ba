package dev.destsdk.file;

import dev.destsdk.core.base.AbstractDestination;
import dev.destsdk.core.base.LoadContext;
import dev.destsdk.core.base.StageContext;
import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.core.control.ProgressCounts;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.metadata.TypeHierarchy;
import dev.destsdk.core.naming.CaseFolding;
import dev.destsdk.core.naming.IdentifierFormatter;
import dev.destsdk.core.naming.IdentifierKind;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.core.naming.LengthUnit;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.NamingDefaults;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.file.catalog.CatalogTable;
import dev.destsdk.file.catalog.TableCatalog;
import dev.destsdk.file.catalog.TableDefinition;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.commit.CatalogTableCommitter;
import dev.destsdk.file.commit.CommitRequest;
import dev.destsdk.file.commit.CommitResult;
import dev.destsdk.file.commit.TableCommitter;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.format.FileSchema;
import dev.destsdk.file.format.FormatWriterFactory;
import dev.destsdk.file.format.WrittenFile;
import dev.destsdk.file.commit.RowDeleteFile;
import dev.destsdk.file.internal.DataFileConverter;
import dev.destsdk.file.internal.RowDeltaIndex;
import dev.destsdk.file.internal.StagedManifest;
import dev.destsdk.file.layout.PartitionValues;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.ObjectInfo;
import dev.destsdk.file.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of file (data lake) destinations: a connector supplies an {@link ObjectStore}, a
 * {@link FormatWriterFactory} and a {@link TableCatalog} (and optionally a {@link TableCommitter}, e.g. a table
 * format), and this class does the rest. It extends {@link AbstractDestination}, which validates requests, checks
 * them against the declared capabilities, discovers the {@code success_part_*} files and reports progress.
 *
 * <h2>Hooks, in the order a run calls them</h2>
 * <ol>
 *   <li>{@link #objectStore()}, {@link #formatWriters()}, {@link #catalog()}, {@link #pathLayout()},
 *       {@link #tableCommitter()}, {@link #writeOptions()}, {@link #identifierPolicy()}, {@link #namingDefaults()}:
 *       the parts; each may be called many times and must return the same part (create parts in the constructor).
 *       The capabilities follow from the committer: its load modes are declared, nothing else.</li>
 *   <li>{@code mapToTargetObject}: schema and table from {@link NamespaceRules}, made safe by the identifier policy
 *       (lower case {@code [a-z0-9_]}, at most 128 bytes with a hash suffix when cut), so no name can make a key
 *       leave the store's prefix; column names likewise. Column collisions (two source fields on one name, a field
 *       on a tracking or partition column) and object collisions (two source objects on one table of this
 *       destination instance) are VALIDATION_ERRORs before anything is written. Types widen along
 *       {@link TypeHierarchy} against the previously mapped object.</li>
 *   <li>{@code stage}: converts the data files in parallel ({@link FileWriteOptions#threads()}) into parts under
 *       {@link PathLayout#partitionPrefix} (partition from {@code request.syncTime} in UTC and the sync id), rolling
 *       over at {@link FileWriteOptions#targetFileSize()}, then writes the partition's {@code _staged.json}. Nothing
 *       is published: files are written under the committer's {@link TableCommitter#stagedKey} (for plain files a
 *       name readers that list or glob the table skip, moved at commit), and a plain-file stage first writes the
 *       partition's lease so that another writer's orphan clean-up leaves its files alone. Cancellation is checked per file, every 1,024 rows and before each uploaded part. On
 *       failure every part written is deleted (unless the same sync is already published) and unfinished uploads
 *       are aborted.</li>
 *   <li>{@code load}: reads the staged manifest, checks cancellation, and asks the committer to publish the files
 *       with the load mode in one step (for plain files: one catalog version written with a conditional put);
 *       OVERWRITE and TRUNCATE_AND_LOAD delete the old files only after that. A retried load of the same sync id
 *       replaces its earlier copy. On failure the staged files are deleted unless already published.</li>
 * </ol>
 *
 * <p>Threading: one instance serves one stage or load at a time (as {@link AbstractDestination} says); stage uses
 * its own short-lived thread pool, closed before it returns. Nulls: hooks never return null.
 */
public abstract class BaseFileDestination extends AbstractDestination {
    private static final Logger LOG = LoggerFactory.getLogger(BaseFileDestination.class);

    /** The identifier policy of object keys and lake catalogs: lower case, {@code [a-z0-9_]}, 128 bytes. */
    public static final IdentifierPolicy DEFAULT_IDENTIFIER_POLICY = IdentifierPolicy.builder()
            .caseFolding(CaseFolding.LOWER)
            .allowedCharacters("[a-z0-9_]")
            .replacement('_')
            .maxLength(128)
            .lengthUnit(LengthUnit.UTF8_BYTES)
            .quoteString("`")
            .build();

    private final Map<TableId, String> mappedSources = Collections.synchronizedMap(new HashMap<>());
    private volatile TableCommitter defaultCommitter;

    /** For subclasses. */
    protected BaseFileDestination() {
    }

    // ---------------------------------------------------------------- hooks

    /** @return the store the data goes to; the same instance on every call */
    protected abstract ObjectStore objectStore();

    /** @return the target file format; the same instance on every call */
    protected abstract FormatWriterFactory formatWriters();

    /** @return the catalog tables are registered in; the same instance on every call */
    protected abstract TableCatalog catalog();

    /** @return where tables go in the store; by default the store's root */
    protected PathLayout pathLayout() {
        return new PathLayout("");
    }

    /**
     * @return a committer other than the default {@link CatalogTableCommitter} (which publishes through
     *     {@link #catalog()}), e.g. a table format's; empty for the default
     */
    protected Optional<TableCommitter> tableCommitter() {
        return Optional.empty();
    }

    /**
     * The schema the data files are written with, from the one the mapped object gives. A table format changes it
     * here, e.g. Iceberg sets each column's field id ({@link FileColumn#withFieldId}) from its table schema. The
     * names, order and types must stay as given. Called once per stage, before any file is written.
     *
     * @param table the table; not null
     * @param schema the data columns then the tracking columns; not null
     * @return the schema to write; by default {@code schema}
     */
    protected FileSchema dataFileSchema(TableId table, FileSchema schema) {
        return schema;
    }

    /** @return the roll-over size and parallelism; {@link FileWriteOptions#DEFAULT} by default */
    protected FileWriteOptions writeOptions() {
        return FileWriteOptions.DEFAULT;
    }

    /** @return the identifier policy for schema, table and column names; {@link #DEFAULT_IDENTIFIER_POLICY} */
    protected IdentifierPolicy identifierPolicy() {
        return DEFAULT_IDENTIFIER_POLICY;
    }

    /** @return the default schema ({@code default}, as Glue and Hive name it) and no catalog */
    protected NamingDefaults namingDefaults() {
        return new NamingDefaults(Optional.empty(), "default");
    }

    // ---------------------------------------------------------------- capabilities and names

    /** Declares what {@link #capabilities()} gives. */
    @Override
    protected final ConnectorCapabilitiesConfig declareCapabilities() {
        return capabilities().build();
    }

    /**
     * The capabilities the destination declares, as a builder a subclass (a table format) may adjust before they
     * are built, e.g. from its committer. Called once, when the capabilities are first asked for; the engine still
     * applies only what the committer can do, so a subclass that declares more must also make its committer do it.
     * By default: the committer's load modes (default APPEND); table handling MERGE; schema evolution ALLOW_ALL (new
     * columns are added to the table definition; older files lack them and read as NULL); staging required (stage
     * writes the files, load publishes them); hard deletes when the committer supports row deltas; no empty schemas,
     * no SQL.
     *
     * @return a new builder with the defaults; never null
     */
    protected ConnectorCapabilitiesConfigBuilder capabilities() {
        return ConnectorCapabilitiesConfig.builder()
                .loadModes(committer().loadModes())
                .defaultLoadMode(LoadMode.APPEND)
                .destinationTableHandlings(DestinationTableHandling.MERGE)
                .defaultDestinationTableHandling(DestinationTableHandling.MERGE)
                .schemaEvolutionModes(SchemaEvolutionMode.ALLOW_ALL)
                .defaultSchemaEvolutionMode(SchemaEvolutionMode.ALLOW_ALL)
                .canAutoCreateSchema(true)
                .supportsStaging(true)
                .requiresStaging(true)
                .requiresExplicitLoadStep(true)
                .supportsHardDeletes(committer().supportsRowDeltas())
                .canPropagateEmptySchema(false)
                .supportsParallelization(true)
                .supportsSqlScripts(false);
    }

    /** @return the committer in use: {@link #tableCommitter()} or the catalog committer */
    protected final TableCommitter committer() {
        Optional<TableCommitter> custom = tableCommitter();
        if (custom.isPresent()) {
            return custom.get();
        }
        TableCommitter c = defaultCommitter;
        if (c == null) {
            c = new CatalogTableCommitter(objectStore(), catalog(), pathLayout());
            defaultCommitter = c;
        }
        return c;
    }

    @Override
    public final IdentifierFormatter getIdentifierFormatter() {
        return identifierPolicy();
    }

    @Override
    public final String getFullyQualifiedSchemaName(Optional<String> catalog, String schema) {
        return schema;
    }

    @Override
    public final String getFullyQualifiedTableName(Optional<String> catalog, Optional<String> schema, String table) {
        return schema.map(s -> s + "." + table).orElse(table);
    }

    @Override
    public void close() {
        objectStore().close();
    }

    // ---------------------------------------------------------------- map

    @Override
    protected final ObjectMetadata mapObject(ObjectMetadata sourceObject, NamespaceRules namespaceRules,
                                             Optional<ObjectMetadata> existingMappedObject) {
        IdentifierPolicy policy = identifierPolicy();
        String schema = policy.normalize(namespaceRules.schemaName(sourceObject, namingDefaults()),
                IdentifierKind.SCHEMA);
        String table = policy.normalize(namespaceRules.tableName(sourceObject), IdentifierKind.TABLE);
        List<String> raw = sourceObject.getFields().stream()
                .map(f -> namespaceRules.columnName(sourceObject, f)).toList();
        List<String> columns = policy.normalizeAll(raw, IdentifierKind.COLUMN);
        checkReservedColumns(sourceObject, raw, columns);
        List<FieldMetadata> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            FieldMetadata source = sourceObject.getFields().get(i);
            String column = columns.get(i);
            Optional<FieldMetadata> existing = existingMappedObject.flatMap(e -> e.getField(column));
            FieldMetadata.Builder b = source.toBuilder().name(column).formattedName(column);
            if (existing.isPresent()) {
                widen(b, source, existing.get(), table);
                FieldMetadata widened = b.build();
                if (widened.getCanonicalType() != existing.get().getCanonicalType()
                        || !widened.getPrecision().equals(existing.get().getPrecision())
                        || !widened.getScale().equals(existing.get().getScale())) {
                    committer().checkColumnChange(new TableId(schema, table),
                            FileTableLayout.column(existing.get()), FileTableLayout.column(widened));
                }
            }
            fields.add(b.build());
        }
        TableId id = new TableId(schema, table);
        String sourceKey = sourceObject.getSchema().orElse("") + "." + sourceObject.getName();
        String previous = mappedSources.putIfAbsent(id, sourceKey);
        if (previous != null && !previous.equals(sourceKey)) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "source objects " + previous + " and "
                    + sourceKey + " both map to table " + id + "; give one of them another name (table prefix or"
                    + " custom schema)").object(sourceObject.getName()).build();
        }
        return sourceObject.toBuilder()
                .catalog(null)
                .schema(schema)
                .name(table)
                .fields(fields)
                .fullyQualifiedName(id.toString())
                .formattedName(table)
                .formattedFullyQualifiedName(id.toString())
                .build();
    }

    private void checkReservedColumns(ObjectMetadata source, List<String> raw, List<String> columns) {
        TrackingColumns tracking = trackingColumns();
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            boolean tracked = c.equals(tracking.synced()) || c.equals(tracking.jobId());
            if (tracked || PartitionValues.KEYS.contains(c)) {
                throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "column " + raw.get(i) + " of "
                                + source.getName() + " maps to " + c + ", which is a "
                                + (tracked ? "tracking" : "partition") + " column of file destinations; rename the"
                                + " source field")
                        .object(source.getName()).column(raw.get(i)).build();
            }
        }
    }

    private static void widen(FieldMetadata.Builder b, FieldMetadata source, FieldMetadata existing, String table) {
        CanonicalType from = existing.getCanonicalType();
        CanonicalType to = source.getCanonicalType();
        CanonicalType common;
        try {
            common = TypeHierarchy.commonSupertype(from, to);
        } catch (RuntimeException e) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "column " + existing.getName() + " of "
                    + table + " was " + from + " and is now " + to + "; the types have no common supertype")
                    .column(existing.getName()).cause(e).build();
        }
        b.canonicalType(common);
        if (common == CanonicalType.DECIMAL) {
            FileColumn a = FileTableLayout.column(existing);
            FileColumn c = FileTableLayout.column(source.toBuilder().canonicalType(CanonicalType.DECIMAL).build());
            int scale = Math.max(a.scale().orElse(0), c.scale().orElse(0));
            int integer = Math.max(a.precision().getAsInt() - a.scale().orElse(0),
                    c.precision().getAsInt() - c.scale().orElse(0));
            b.precision(Math.min(38, integer + scale)).scale(scale);
        }
    }

    // ---------------------------------------------------------------- stage

    @Override
    protected final StageResponse stageFiles(StageContext context) {
        FileTableLayout mapped = FileTableLayout.of(context.target(), trackingColumns());
        FileTableLayout table = mapped.withSchema(dataFileSchema(mapped.table(), mapped.schema()));
        SyncContext sync = context.request().sync();
        PartitionValues partition = PartitionValues.of(sync);
        PathLayout layout = pathLayout();
        ObjectStore store = objectStore();
        List<Path> files = context.dataFiles();
        try {
            // Committed files are immutable (a table format registered their size and statistics): a retried
            // stage of a committed sync must not write them again; its load then finds the commit.
            if (committer().isCommitted(table.table(), sync)) {
                context.progress().ended(ProgressCounts.NONE, "sync " + sync.syncId() + " is already published");
                return StageResponse.success(layout.stagedManifestKey(table.table(), partition), 0, 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<WrittenFile> written = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable check = () -> {
            context.cancellation().checkCancellation("stage of " + table.table());
            if (failure.get() != null) {
                throw new ConversionStopped();
            }
        };
        TableCommitter committer = committer();
        DataFileConverter converter = new DataFileConverter(store, formatWriters(), layout, table, partition,
                context.format(), writeOptions().targetFileSize(), context.syncMetadata().syncedValue(),
                context.syncMetadata().jobIdValue(), check, committer::stagedKey);
        RowDeltaIndex deltas = rowDeltaIndex(context, table, files);
        DataFileConverter.RowObserver observer = deltas == null ? null : deltas::written;
        AtomicInteger done = new AtomicInteger();
        int threads = Math.max(1, Math.min(writeOptions().threads(), files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "destsdk-file-stage");
            t.setDaemon(true);
            return t;
        });
        try {
            if (committer instanceof CatalogTableCommitter plain) {
                // first: from now on no other writer's clean-up touches this partition
                plain.writeLease(layout.leaseKey(table.table(), partition));
            }
            int orphans = committer.removeOrphans(table.table());
            if (orphans > 0) {
                LOG.info("removed {} unpublished object(s) an earlier sync left below {}", orphans, table.table());
            }
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    try {
                        context.checkCancellation("convert", index);
                        check.run();
                        long rows = converter.convert(files.get(index), index, written::add, observer);
                        context.progress().running(ProgressCounts.files(done.incrementAndGet(), files.size()),
                                "converted " + files.get(index).getFileName());
                        return rows;
                    } catch (ConversionStopped e) {
                        return 0L;
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        throw e;
                    }
                }));
            }
            long rows = 0;
            for (Future<Long> f : futures) {
                rows += await(f);
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            context.cancellation().checkCancellation("stage of " + table.table());
            List<WrittenFile> sorted = new ArrayList<>(written);
            sorted.sort((a, b) -> a.key().compareTo(b.key()));
            List<RowDeleteFile> deletes = List.of();
            if (deltas != null) {
                deletes = deltas.finish(store, formatWriters(), stem -> layout.partitionPrefix(table.table(),
                                partition) + stem + "." + formatWriters().extension(), committer()::fileLocation,
                        () -> context.cancellation().checkCancellation("stage of " + table.table()));
            }
            StagedManifest manifest = new StagedManifest(sync.syncId(), sorted, deletes);
            String manifestKey = layout.stagedManifestKey(table.table(), partition);
            store.put(manifestKey, manifest.toJson());
            context.progress().ended(ProgressCounts.files(files.size(), files.size()).withRows(rows, 0, 0),
                    "staged " + rows + " row(s) in " + sorted.size() + " file(s) under "
                            + layout.partitionPrefix(table.table(), partition));
            return StageResponse.success(manifestKey, sorted.size(), manifest.bytes());
        } catch (IOException e) {
            discard(table.table(), sync, written, partition);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            discard(table.table(), sync, written, partition);
            throw failure.get() != null ? failure.get() : e;
        } finally {
            pool.shutdownNow();
            if (deltas != null) {
                deltas.close();
            }
        }
    }

    /**
     * A key index for MERGE when the committer supports row deltas and the table has a key (the stage does not know
     * the load mode, so a keyed table's stage always prepares the deletes; other modes leave them unused).
     */
    private RowDeltaIndex rowDeltaIndex(StageContext context, FileTableLayout table, List<Path> files) {
        if (!committer().supportsRowDeltas() || table.keyColumns().isEmpty()) {
            return null;
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += f.toFile().length();
        }
        try {
            return new RowDeltaIndex(table, context.target().getCursorField().map(FieldMetadata::getName)
                    .orElse(null), trackingColumns().deleted(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long await(Future<Long> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            // the first failure is kept in the shared reference and rethrown by the caller
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.cancelled("stage (interrupted)");
        }
    }

    /** Thrown inside a conversion when another one failed: stops it quietly. */
    private static final class ConversionStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConversionStopped() {
            super("stopped", null, false, false);
        }
    }

    /**
     * Deletes everything below the sync's partition after a failed stage or load, unless the sync is already
     * published (a failed retry of a published sync must not remove its files). Listing the partition also finds
     * parts whose writer failed after the store accepted them. Never throws: the original failure matters more; what
     * cannot be deleted now is removed by the table's next stage ({@link TableCommitter#removeOrphans}).
     */
    private void discard(TableId table, SyncContext sync, List<WrittenFile> written, PartitionValues partition) {
        try {
            if (committer().isCommitted(table, sync)) {
                LOG.info("sync {} of {} is already published; its files are kept", sync.syncId(), table);
                return;
            }
            List<String> keys = new ArrayList<>(written.stream().map(WrittenFile::key).toList());
            for (ObjectInfo o : objectStore().list(pathLayout().partitionPrefix(table, partition))) {
                if (!keys.contains(o.key())) {
                    keys.add(o.key());
                }
            }
            objectStore().delete(keys);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot delete the files of the failed sync {} of {}: {}", sync.syncId(), table, e.toString());
        }
    }

    // ---------------------------------------------------------------- load

    @Override
    protected final LoadResponse loadFiles(LoadContext context) {
        FileTableLayout table = FileTableLayout.of(context.target(), trackingColumns());
        SyncContext sync = context.request().sync();
        PartitionValues partition = PartitionValues.of(sync);
        String manifestKey = pathLayout().stagedManifestKey(table.table(), partition);
        String location = context.request().stageLocation().orElseThrow();
        if (!location.equals(manifestKey)) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, "stage location " + location + " is not the"
                    + " one stage() returned for " + table.table() + " and sync " + sync.syncId() + " ("
                    + manifestKey + ")");
        }
        TableCommitter committer = committer();
        List<WrittenFile> files = List.of();
        LoadMode mode = context.request().loadMode();
        try {
            Optional<StagedManifest> staged = readManifest(manifestKey);
            if (staged.isEmpty()) {
                return alreadyLoaded(context, table, sync, committer);
            }
            files = staged.get().files();
            List<RowDeleteFile> deletes = new ArrayList<>();
            List<String> unused = new ArrayList<>();
            for (RowDeleteFile d : staged.get().deletes()) {
                boolean use = mode == LoadMode.MERGE && (d.kind() != RowDeleteFile.Kind.POSITION_HARD_DELETED
                        || context.request().hardDeletes());
                if (use) {
                    deletes.add(d);
                } else {
                    unused.add(d.file().key());
                }
            }
            if (mode == LoadMode.MERGE && table.keyColumns().isEmpty()) {
                throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "MERGE into " + table.table()
                        + " needs a primary key: mark the key fields of the source object, or load with APPEND")
                        .object(table.table().toString()).build();
            }
            context.cancellation().checkCancellation("load of " + table.table() + " before the commit");
            TableDefinition definition = definition(table, mode);
            CommitResult result = committer.commit(new CommitRequest(definition, partition, files, deletes,
                    mode, sync, table.keyColumns(), context.cancellation()));
            deleteQuietly(manifestKey);
            deleteQuietly(pathLayout().leaseKey(table.table(), partition));
            unused.forEach(this::deleteQuietly);
            context.progress().ended(ProgressCounts.files(files.size(), files.size())
                            .withRows(result.rowsAdded(), result.rowsAdded(), 0),
                    "published " + result.rowsAdded() + " row(s) in " + files.size() + " file(s)");
            String counts = mode == LoadMode.MERGE ? ": " + result.rowsInserted() + " inserted, "
                    + result.rowsUpdated() + " updated, " + result.rowsDeleted() + " deleted" : "";
            return new LoadResponse(result.rowsAdded(), result.rowsInserted(), result.rowsUpdated(),
                    result.rowsDeleted(), 0, "published " + result.rowsAdded() + " row(s) in " + files.size()
                    + " file(s) into " + table.table() + " (" + mode + counts + ")");
        } catch (IOException e) {
            discard(table.table(), sync, files, partition);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            discard(table.table(), sync, files, partition);
            throw e;
        }
    }

    private LoadResponse alreadyLoaded(LoadContext context, FileTableLayout table, SyncContext sync,
                                       TableCommitter committer) {
        try {
            if (committer.isCommitted(table.table(), sync)) {
                context.progress().ended(ProgressCounts.NONE, "sync " + sync.syncId() + " is already published");
                return LoadResponse.noRows("sync " + sync.syncId() + " is already published in " + table.table());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new ConnectorException(ErrorType.VALIDATION_ERROR, "nothing is staged for " + table.table()
                + " and sync " + sync.syncId() + ": call stage() first");
    }

    private Optional<StagedManifest> readManifest(String key) {
        try (InputStream in = objectStore().open(key)) {
            return Optional.of(StagedManifest.fromJson(in.readAllBytes()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteQuietly(String key) {
        try {
            objectStore().delete(List.of(key));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot delete the staged object {}: {}", key, e.toString());
        }
    }

    /**
     * The table's definition after a load: the load's columns, plus (unless the load replaces the table) the
     * registered columns it does not send, so that older partitions stay described.
     */
    private TableDefinition definition(FileTableLayout table, LoadMode mode) throws IOException {
        List<FileColumn> columns = new ArrayList<>(table.schema().columns());
        if (mode == LoadMode.APPEND) {
            Optional<CatalogTable> existing = catalog().loadTable(table.table());
            if (existing.isPresent()) {
                Map<String, FileColumn> now = new LinkedHashMap<>();
                columns.forEach(c -> now.put(c.name(), c));
                for (FileColumn old : existing.get().definition().schema().columns()) {
                    now.putIfAbsent(old.name(), old);
                }
                columns = new ArrayList<>(now.values());
            }
        }
        return new TableDefinition(table.table(), new FileSchema(columns), formatWriters().name(),
                pathLayout().tablePrefix(table.table()), PartitionValues.KEYS);
    }
}
