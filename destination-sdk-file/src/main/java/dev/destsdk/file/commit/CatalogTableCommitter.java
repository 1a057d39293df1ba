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
 */
public final class CatalogTableCommitter implements TableCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogTableCommitter.class);

    private final ObjectStore store;
    private final TableCatalog catalog;
    private final PathLayout layout;

    /**
     * @param store the store holding the files; not null
     * @param catalog the catalog to publish in; not null
     * @param layout the path layout; not null
     */
    public CatalogTableCommitter(ObjectStore store, TableCatalog catalog, PathLayout layout) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.catalog = Objects.requireNonNull(catalog, "catalog is null");
        this.layout = Objects.requireNonNull(layout, "layout is null");
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
        List<CatalogFile> files = request.dataFiles().stream()
                .map(f -> new CatalogFile(f.key(), f.rows(), f.bytes())).toList();
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
     * <p>Everything below the table's prefix but its catalog and the files its partitions name.
     */
    @Override
    public int removeOrphans(TableId table) throws IOException {
        Set<String> live = new HashSet<>(committedFiles(table));
        String catalogPrefix = layout.catalogPrefix(table);
        List<String> orphans = new ArrayList<>();
        for (ObjectInfo o : store.list(layout.tablePrefix(table))) {
            if (!live.contains(o.key()) && !o.key().startsWith(catalogPrefix)) {
                orphans.add(o.key());
            }
        }
        store.delete(orphans);
        return orphans.size();
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
