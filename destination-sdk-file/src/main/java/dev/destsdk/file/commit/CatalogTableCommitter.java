package dev.destsdk.file.commit;

import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.file.catalog.CatalogFile;
import dev.destsdk.file.catalog.CatalogPartition;
import dev.destsdk.file.catalog.CatalogTable;
import dev.destsdk.file.catalog.TableCatalog;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.ObjectInfo;
import dev.destsdk.file.store.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes plain data files through a {@link TableCatalog}: APPEND adds the sync's partition (replacing an earlier
 * copy of the same sync id), OVERWRITE and TRUNCATE_AND_LOAD replace all partitions by the sync's one. The catalog
 * change is the single publishing step. Afterwards, files no longer referenced (the replaced partitions, parts of
 * an earlier attempt the retry did not write again) are deleted; a failure there is logged, never a failed load,
 * since the data is published. MERGE is not supported: plain files have no row deltas. Thread-safe.
 *
 * <h2>Staged files and several writers</h2>
 * A stage writes each data file under its staged name ({@link PathLayout#stagedKey}: {@code _part-00000.parquet.staged}
 * beside its published place), which readers that list or glob the table skip; the commit moves the files to their
 * published names, then writes the catalog version. A stage first writes its partition's lease
 * ({@link PathLayout#leaseKey}, holding the time it started), and the load deletes it after the commit. Orphan
 * clean-up ({@link #removeOrphans}) leaves alone every partition whose lease is younger than the lease timeout
 * (default 24 hours), so that two writers loading the same table never delete each other's staged or moved files;
 * a partition without a lease, or with an expired one (its writer died), is cleaned up.
 */
public final class CatalogTableCommitter implements TableCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogTableCommitter.class);

    private final ObjectStore store;
    private final TableCatalog catalog;
    private final PathLayout layout;
    private final java.time.Duration leaseTimeout;
    private final java.time.Clock clock;

    /** The default time after which a stage's lease no longer protects its files: 24 hours. */
    public static final java.time.Duration DEFAULT_LEASE_TIMEOUT = java.time.Duration.ofHours(24);

    /**
     * @param store the store holding the files; not null
     * @param catalog the catalog to publish in; not null
     * @param layout the path layout; not null
     */
    public CatalogTableCommitter(ObjectStore store, TableCatalog catalog, PathLayout layout) {
        this(store, catalog, layout, DEFAULT_LEASE_TIMEOUT, java.time.Clock.systemUTC());
    }

    /**
     * @param store the store holding the files; not null
     * @param catalog the catalog to publish in; not null
     * @param layout the path layout; not null
     * @param leaseTimeout how long a stage's lease protects its partition from orphan clean-up; positive
     * @param clock the clock leases are compared with; not null
     */
    public CatalogTableCommitter(ObjectStore store, TableCatalog catalog, PathLayout layout,
                                 java.time.Duration leaseTimeout, java.time.Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.catalog = Objects.requireNonNull(catalog, "catalog is null");
        this.layout = Objects.requireNonNull(layout, "layout is null");
        this.leaseTimeout = Objects.requireNonNull(leaseTimeout, "leaseTimeout is null");
        if (leaseTimeout.isNegative() || leaseTimeout.isZero()) {
            throw new IllegalArgumentException("leaseTimeout must be positive");
        }
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** Staged under {@link PathLayout#stagedKey}: skipped by readers that list or glob the table. */
    @Override
    public String stagedKey(String publishedKey) {
        return PathLayout.stagedKey(publishedKey);
    }

    @Override
    public Set<LoadMode> loadModes() {
        return EnumSet.of(LoadMode.APPEND, LoadMode.OVERWRITE, LoadMode.TRUNCATE_AND_LOAD);
    }

    @Override
    public CommitResult commit(CommitRequest request) throws IOException {
        if (!loadModes().contains(request.loadMode())) {
            throw new IllegalArgumentException("load mode " + request.loadMode() + " is not supported");
        }
        if (!request.deleteFiles().isEmpty()) {
            throw new IllegalArgumentException("plain files have no row deltas");
        }
        TableId id = request.definition().id();
        Optional<CatalogTable> before = catalog.loadTable(id);
        String location = layout.partitionPrefix(id, request.partition());
        List<CatalogFile> files = new ArrayList<>();
        for (var f : request.dataFiles()) {
            files.add(new CatalogFile(publish(f.key()), f.rows(), f.bytes()));
        }
        CatalogPartition partition = new CatalogPartition(request.partition().asMap(), location, files);
        catalog.createOrUpdateTable(request.definition());
        long replaced;
        if (request.loadMode() == LoadMode.APPEND) {
            replaced = before.stream().flatMap(t -> t.partitions().stream())
                    .filter(p -> p.values().equals(partition.values())).mapToLong(CatalogPartition::rows).sum();
            catalog.addPartitions(id, List.of(partition));
        } else {
            replaced = before.map(CatalogTable::rows).orElse(0L);
            catalog.replacePartitions(id, List.of(partition));
        }
        int deleted = deleteUnreferenced(id);
        return new CommitResult(request.rows(), replaced, deleted);
    }

    /**
     * Moves a staged file to its published key; a retried commit finds it moved already.
     *
     * @return the published key
     */
    private String publish(String key) throws IOException {
        Optional<String> published = PathLayout.publishedKey(key);
        if (published.isEmpty()) {
            return key;
        }
        try {
            store.move(key, published.get());
        } catch (java.nio.file.NoSuchFileException e) {
            if (!store.exists(published.get())) {
                throw e;
            }
        }
        return published.get();
    }

    private int deleteUnreferenced(TableId id) {
        try {
            return removeOrphans(id);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the load of {} is published, but obsolete files could not be deleted (the next load of the"
                    + " table deletes them): {}", id, e.toString());
            return 0;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Everything below the table's prefix but its catalog, the files its partitions name, and the partitions
     * (directories) holding a lease younger than the lease timeout: another writer's stage or load.
     */
    @Override
    public int removeOrphans(TableId table) throws IOException {
        Set<String> live = new HashSet<>(committedFiles(table));
        String catalogPrefix = layout.catalogPrefix(table);
        List<ObjectInfo> all = store.list(layout.tablePrefix(table));
        Set<String> leased = new HashSet<>();
        for (ObjectInfo o : all) {
            if (o.key().endsWith("/" + PathLayout.LEASE) && isLive(o.key())) {
                leased.add(o.key().substring(0, o.key().length() - PathLayout.LEASE.length()));
            }
        }
        List<String> orphans = new ArrayList<>();
        for (ObjectInfo o : all) {
            String dir = o.key().substring(0, o.key().lastIndexOf('/') + 1);
            if (!live.contains(o.key()) && !o.key().startsWith(catalogPrefix) && !leased.contains(dir)) {
                orphans.add(o.key());
            }
        }
        store.delete(orphans);
        return orphans.size();
    }

    /**
     * Writes a partition's lease: its stage or load is running from now on.
     *
     * @param leaseKey the key ({@link PathLayout#leaseKey}); not null
     * @throws IOException when the store fails
     */
    public void writeLease(String leaseKey) throws IOException {
        store.put(leaseKey, clock.instant().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private boolean isLive(String leaseKey) {
        try (java.io.InputStream in = store.open(leaseKey)) {
            java.time.Instant started = java.time.Instant.parse(new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).trim());
            return started.plus(leaseTimeout).isAfter(clock.instant());
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // its load just finished
        } catch (IOException | java.time.format.DateTimeParseException e) {
            LOG.warn("cannot read the lease {} ({}); its partition is left alone", leaseKey, e.toString());
            return true;
        }
    }

    @Override
    public boolean isCommitted(TableId table, SyncContext sync) throws IOException {
        return catalog.listPartitions(table).stream()
                .anyMatch(p -> sync.syncId().equals(p.values().get("sync_id")));
    }

    @Override
    public List<String> committedFiles(TableId table) throws IOException {
        List<String> out = new ArrayList<>();
        for (CatalogPartition p : catalog.listPartitions(table)) {
            p.files().forEach(f -> out.add(f.key()));
        }
        return out;
    }
}
