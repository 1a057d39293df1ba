package dev.destsdk.file.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.format.FileSchema;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.file.store.ObjectInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTableCatalogTest {
    @TempDir
    Path dir;

    private static CatalogPartition partition(String syncId, String key, long rows) {
        return new CatalogPartition(Map.of("sync_id", syncId), "lake/s/t/sync_id=" + syncId + "/",
                List.of(new CatalogFile(key, rows, 10)));
    }

    @Test
    void eachChangeIsANewVersionAndAPartitionOfTheSameSyncIsReplaced() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        FileTableCatalog catalog = new FileTableCatalog(store, new PathLayout("lake"));
        TableId id = new TableId("s", "t");
        assertThat(catalog.loadTable(id)).isEmpty();
        assertThatThrownBy(() -> catalog.addPartitions(id, List.of())).isInstanceOf(IllegalStateException.class);
        catalog.createOrUpdateTable(new TableDefinition(id, new FileSchema(List.of(FileColumn.of("a",
                CanonicalType.LONG))), "parquet", "lake/s/t/", List.of("sync_id")));
        catalog.addPartitions(id, List.of(partition("s1", "k1", 3)));
        catalog.addPartitions(id, List.of(partition("s2", "k2", 4)));
        catalog.addPartitions(id, List.of(partition("s1", "k1b", 5)));
        CatalogTable t = catalog.loadTable(id).orElseThrow();
        assertThat(t.version()).isEqualTo(4);
        assertThat(t.partitions()).extracting(p -> p.files().get(0).key()).containsExactly("k1b", "k2");
        assertThat(t.rows()).isEqualTo(9);
        catalog.replacePartitions(id, List.of(partition("s3", "k3", 1)));
        assertThat(catalog.listPartitions(id)).extracting(CatalogPartition::values)
                .containsExactly(Map.of("sync_id", "s3"));
        assertThat(catalog.listTables("s")).containsExactly(id);
        assertThat(store.list("lake/s/t/_catalog/")).extracting(ObjectInfo::key).last()
                .isEqualTo("lake/s/t/_catalog/v0000000005.json");
    }

    @Test
    void concurrentWritersNeverLoseEachOthersPartitions() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        FileTableCatalog catalog = new FileTableCatalog(store, new PathLayout("lake"));
        TableId id = new TableId("s", "t");
        catalog.createOrUpdateTable(new TableDefinition(id, new FileSchema(List.of(FileColumn.of("a",
                CanonicalType.LONG))), "parquet", "lake/s/t/", List.of("sync_id")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    catalog.addPartitions(id, List.of(partition("s" + n, "k" + n, 1)));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(catalog.listPartitions(id)).hasSize(12);
        assertThat(catalog.loadTable(id).orElseThrow().version()).isEqualTo(13);
    }
}
