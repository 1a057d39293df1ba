package dev.destsdk.file.catalog;

import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.ObjectInfo;
import dev.destsdk.file.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TableCatalog} kept beside the data, in the same store: each table's state (definition, partitions and
 * their files) is one JSON document per version, {@code <table>/_catalog/v0000000001.json}, {@code v0000000002.json},
 * …; the highest version is the current state. A change reads the current version, computes the next state and
 * stores it with a conditional put ({@link ObjectStore#putIfAbsent}); when another writer stored that version first,
 * it reads again and retries, so concurrent changes never lose each other. A reader (a query engine, the testkit)
 * lists {@code _catalog/}, reads the highest version and reads exactly the files it names: the data of a load
 * becomes visible in the single put of its version. Every version is kept: deleting old ones would let a writer
 * that stalled through many commits store a number that was used before, and readers would never see its change
 * (compacting the history safely, e.g. behind a pointer object, is left for later). Thread-safe.
 */
public final class FileTableCatalog implements TableCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(FileTableCatalog.class);
    private static final int MAX_ATTEMPTS = 20;

    private final ObjectStore store;
    private final PathLayout layout;

    /**
     * @param store the store holding the data; not null
     * @param layout the layout of the data; not null
     */
    public FileTableCatalog(ObjectStore store, PathLayout layout) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.layout = Objects.requireNonNull(layout, "layout is null");
    }

    @Override
    public Optional<CatalogTable> loadTable(TableId id) throws IOException {
        for (int attempt = 1; ; attempt++) {
            List<ObjectInfo> versions = versions(id);
            if (versions.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(read(versions.get(versions.size() - 1).key()));
            } catch (NoSuchFileException e) {
                // removed after our listing (by hand, or a table dropped meanwhile): list again
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private CatalogTable read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return CatalogJson.read(in.readAllBytes());
        }
    }

    private List<ObjectInfo> versions(TableId id) throws IOException {
        String prefix = layout.catalogPrefix(id);
        List<ObjectInfo> out = new ArrayList<>();
        for (ObjectInfo o : store.list(prefix)) {
            String name = o.key().substring(prefix.length());
            if (name.matches("v\\d{10}\\.json")) {
                out.add(o);
            }
        }
        return out;
    }

    private String versionKey(TableId id, long version) {
        return layout.catalogPrefix(id) + String.format("v%010d.json", version);
    }

    @Override
    public void createOrUpdateTable(TableDefinition definition) throws IOException {
        change(definition.id(), current -> new CatalogTable(definition,
                current == null ? List.of() : current.partitions(), 0), true);
    }

    @Override
    public void addPartitions(TableId id, List<CatalogPartition> partitions) throws IOException {
        change(id, current -> {
            Map<Map<String, String>, CatalogPartition> byValues = new LinkedHashMap<>();
            current.partitions().forEach(p -> byValues.put(p.values(), p));
            partitions.forEach(p -> byValues.put(p.values(), p));
            return new CatalogTable(current.definition(), new ArrayList<>(byValues.values()), 0);
        }, false);
    }

    @Override
    public void replacePartitions(TableId id, List<CatalogPartition> partitions) throws IOException {
        change(id, current -> new CatalogTable(current.definition(), partitions, 0), false);
    }

    @Override
    public List<TableId> listTables(String database) throws IOException {
        String prefix = layout.databasePrefix(database);
        List<TableId> out = new ArrayList<>();
        for (ObjectInfo o : store.list(prefix)) {
            String[] rest = o.key().substring(prefix.length()).split("/");
            if (rest.length == 3 && rest[1].equals(PathLayout.CATALOG_DIR)) {
                TableId id = new TableId(database, rest[0]);
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        }
        out.sort((a, b) -> a.table().compareTo(b.table()));
        return out;
    }

    private void change(TableId id, UnaryOperator<CatalogTable> next, boolean mayCreate) throws IOException {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<ObjectInfo> versions = versions(id);
            CatalogTable current = null;
            long version = 0;
            if (!versions.isEmpty()) {
                try {
                    current = read(versions.get(versions.size() - 1).key());
                } catch (NoSuchFileException e) {
                    // removed after our listing: list again
                    continue;
                }
                version = current.version();
            } else if (!mayCreate) {
                throw new IllegalStateException("table " + id + " is not registered in the catalog");
            }
            CatalogTable changed = next.apply(current);
            CatalogTable stored = new CatalogTable(changed.definition(), changed.partitions(), version + 1);
            if (store.putIfAbsent(versionKey(id, version + 1), CatalogJson.write(stored))) {
                return;
            }
            LOG.debug("catalog version {} of {} was written concurrently; retrying", version + 1, id);
        }
        throw new IOException("catalog of " + id + " changed concurrently " + MAX_ATTEMPTS + " times in a row");
    }
}
