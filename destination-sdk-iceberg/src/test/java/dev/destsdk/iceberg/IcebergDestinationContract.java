package dev.destsdk.iceberg;

import static dev.destsdk.iceberg.IcebergHarness.cursor;
import static dev.destsdk.iceberg.IcebergHarness.field;
import static dev.destsdk.iceberg.IcebergHarness.key;
import static dev.destsdk.iceberg.IcebergHarness.row;
import static dev.destsdk.iceberg.IcebergHarness.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.runner.Pipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Iceberg destination does on any store: every load mode on a first run and on an existing table, MERGE
 * semantics, retries, read back with Iceberg's generic reader. Subclasses give the store.
 */
abstract class IcebergDestinationContract {
    @TempDir
    Path dir;
    IcebergHarness h;

    /**
     * @param dir a fresh temporary directory of the case
     * @return the store the case writes to
     * @throws Exception when it cannot be created
     */
    abstract ObjectStore createStore(Path dir) throws Exception;

    @BeforeEach
    void open() throws Exception {
        h = new IcebergHarness(IcebergDestinationConfig.sqlite(createStore(dir), "wh", dir.resolve("catalog.db")),
                dir.resolve("work"));
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void appendCreatesTheTableThenAddsASecondSnapshot() {
        ObjectMetadata src = source("orders", key("id", CanonicalType.LONG), field("name", CanonicalType.STRING));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.APPEND, "s1").rows(List.of(row(1L, "a"), row(2L, "b"))));
        assertThat(h.rows("orders", "id", "name")).containsExactly(row(1L, "a"), row(2L, "b"));
        h.run(p, h.spec(src, LoadMode.APPEND, "s2").rows(List.of(row(3L, "c"))));
        assertThat(h.rows("orders", "id", "name")).containsExactly(row(1L, "a"), row(2L, "b"), row(3L, "c"));
        Table t = h.table("orders");
        assertThat(t.currentSnapshot().summary()).containsEntry(IcebergTableCommitter.SYNC_ID_PROPERTY, "s2")
                .containsEntry(IcebergTableCommitter.LOAD_MODE_PROPERTY, "APPEND");
        assertThat(t.snapshots()).hasSize(2);
        assertThat(((HasTableOperations) t).operations().current().formatVersion()).isEqualTo(2);
        assertThat(t.location()).isEqualTo(h.store.describe().replaceAll("/$", "") + "/wh/default/orders");
    }

    @Test
    void mergeDeduplicatesTheBatchByKeyAndCursorOnAFirstRun() {
        ObjectMetadata src = source("m1", key("id", CanonicalType.LONG), cursor("seq", CanonicalType.INTEGER),
                field("v", CanonicalType.STRING));
        h.run(h.pipeline(), h.spec(src, LoadMode.MERGE, "s1").rowsPerFile(2).rows(List.of(
                row(1L, 5, "a"), row(1L, 7, "b"), row(1L, 6, "c"), row(2L, null, "x"), row(2L, null, "y"),
                row(3L, 1, "only"))));
        assertThat(h.rows("m1", "id", "seq", "v")).containsExactly(row(1L, 7, "b"), row(2L, null, "y"),
                row(3L, 1, "only"));
        assertThat(h.lastSummary("m1")).containsEntry(IcebergTableCommitter.LOAD_MODE_PROPERTY, "MERGE");
    }

    @Test
    void mergeIntoAnExistingTableReplacesRowsByKey() {
        ObjectMetadata src = source("m2", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.APPEND, "s1").rows(List.of(row(1L, "a"), row(2L, "b"), row(3L, "c"))));
        h.run(p, h.spec(src, LoadMode.MERGE, "s2").rows(List.of(row(2L, "B"), row(4L, "D"), row(2L, "BB"))));
        assertThat(h.rows("m2", "id", "v")).containsExactly(row(1L, "a"), row(2L, "BB"), row(3L, "c"),
                row(4L, "D"));
        h.run(p, h.spec(src, LoadMode.MERGE, "s3").rows(List.of(row(1L, "A"))));
        assertThat(h.rows("m2", "id", "v")).containsExactly(row(1L, "A"), row(2L, "BB"), row(3L, "c"),
                row(4L, "D"));
    }

    @Test
    void softDeletesKeepTheMarkedRowAndHardDeletesRemoveIt() {
        ObjectMetadata src = source("m3", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING),
                field("_supa_deleted", CanonicalType.BOOLEAN));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.MERGE, "s1").rows(List.of(row(1L, "a", false), row(2L, "b", false),
                row(3L, "c", false))));
        h.run(p, h.spec(src, LoadMode.MERGE, "s2").rows(List.of(row(2L, "b", true))));
        assertThat(h.rows("m3", "id", "_supa_deleted")).containsExactly(row(1L, false), row(2L, true),
                row(3L, false));
        h.run(p, h.spec(src, LoadMode.MERGE, "s3").hardDeletes(true).rows(List.of(row(3L, "c", true),
                row(4L, "d", false))));
        assertThat(h.rows("m3", "id", "_supa_deleted")).containsExactly(row(1L, false), row(2L, true),
                row(4L, false));
    }

    @Test
    void overwriteAndTruncateReplaceRowsAndDeletesInOneSnapshot() {
        ObjectMetadata src = source("o1", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.APPEND, "s1").rows(List.of(row(1L, "a"), row(2L, "b"))));
        h.run(p, h.spec(src, LoadMode.MERGE, "s2").rows(List.of(row(2L, "B"))));
        long beforeOverwrite = h.table("o1").currentSnapshot().snapshotId();
        h.run(p, h.spec(src, LoadMode.OVERWRITE, "s3").rows(List.of(row(9L, "z"))));
        assertThat(h.rows("o1", "id", "v")).containsExactly(row(9L, "z"));
        Table t = h.table("o1");
        assertThat(t.currentSnapshot().parentId()).isEqualTo(beforeOverwrite);
        try (var tasks = t.newScan().planFiles()) {
            assertThat(tasks).allSatisfy(task -> assertThat(task.deletes()).isEmpty()).hasSize(1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // the replaced snapshot stays readable until it expires
        assertThat(h.rowsAt("o1", beforeOverwrite, "id", "v")).containsExactly(row(1L, "a"), row(2L, "B"));
        h.run(p, h.spec(src, LoadMode.TRUNCATE_AND_LOAD, "s4").rows(List.of(row(7L, "q"), row(8L, "r"))));
        assertThat(h.rows("o1", "id", "v")).containsExactly(row(7L, "q"), row(8L, "r"));
    }

    @Test
    void overwriteOnAFirstRunCreatesTheTable() {
        ObjectMetadata src = source("o2", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING));
        h.run(h.pipeline(), h.spec(src, LoadMode.TRUNCATE_AND_LOAD, "s1").rows(List.of(row(1L, "a"))));
        assertThat(h.rows("o2", "id", "v")).containsExactly(row(1L, "a"));
    }

    @Test
    void aRetriedLoadWithTheSameSyncIdAddsNothing() {
        ObjectMetadata src = source("r1", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.APPEND, "s1").rows(List.of(row(1L, "a"), row(2L, "b"))));
        long snapshot = h.table("r1").currentSnapshot().snapshotId();
        var again = h.run(p, h.spec(src, LoadMode.APPEND, "s1").rows(List.of(row(1L, "a"), row(2L, "b"))));
        assertThat(again.loadResponse().rowsLoaded()).isZero();
        assertThat(h.rows("r1", "id", "v")).containsExactly(row(1L, "a"), row(2L, "b"));
        assertThat(h.table("r1").currentSnapshot().snapshotId()).isEqualTo(snapshot);
    }
}
