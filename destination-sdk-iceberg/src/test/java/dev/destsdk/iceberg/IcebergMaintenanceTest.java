package dev.destsdk.iceberg;

import static dev.destsdk.iceberg.IcebergHarness.field;
import static dev.destsdk.iceberg.IcebergHarness.key;
import static dev.destsdk.iceberg.IcebergHarness.row;
import static dev.destsdk.iceberg.IcebergHarness.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.testkit.runner.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

class IcebergMaintenanceTest extends LocalIcebergCase {
    @Test
    void expiresSnapshotsCompactsManifestsAndRemovesOnlyAgedOrphans() throws Exception {
        ObjectMetadata src = source("mt", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.APPEND, "s1").rows(List.of(row(1L, "a"), row(2L, "b"))));
        h.run(p, h.spec(src, LoadMode.OVERWRITE, "s2").rows(List.of(row(3L, "c"))));
        for (int i = 0; i < 4; i++) {
            h.run(p, h.spec(src, LoadMode.MERGE, "m" + i).rows(List.of(row(3L, "c" + i), row(10L + i, "n" + i))));
        }
        List<List<Object>> rows = h.rows("mt", "id", "v");
        Table t = h.table("mt");
        Path tableDir = LocalFileIO.path(t.location());
        // a file of the first (replaced) snapshot: only expired history references it
        Path replaced;
        try (var s = Files.walk(tableDir.resolve("year=2024"))) {
            replaced = s.filter(f -> f.toString().contains("sync_id=s1") && f.toString().endsWith(".parquet"))
                    .findFirst().orElseThrow();
        }
        Path agedOrphan = tableDir.resolve("year=2024/month=01/day=01/hour=00/sync_id=crashed/part-00000.parquet");
        Files.createDirectories(agedOrphan.getParent());
        Files.write(agedOrphan, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(agedOrphan, FileTime.from(Instant.now().minus(Duration.ofDays(10))));
        Path freshStage = tableDir.resolve("year=2024/month=01/day=01/hour=00/sync_id=running/part-00000.parquet");
        Files.createDirectories(freshStage.getParent());
        Files.write(freshStage, new byte[] {4, 5, 6});

        IcebergMaintenance.Result r = new IcebergMaintenance(h.destination.icebergCommitter())
                .run(new TableId("default", "mt"), Instant.now().plusSeconds(1), 1, Duration.ofDays(3));

        t.refresh();
        assertThat(r.snapshotsExpired()).isEqualTo(5);
        assertThat(r.manifestsAfter()).isLessThan(r.manifestsBefore());
        assertThat(r.orphansDeleted()).isEqualTo(1);
        assertThat(h.rows("mt", "id", "v")).containsExactlyElementsOf(rows);
        assertThat(replaced).doesNotExist();
        assertThat(agedOrphan).doesNotExist();
        assertThat(freshStage).exists();
        Files.delete(freshStage);
        assertThat(h.unreferencedObjects("mt")).isEmpty();
    }

    private static java.math.BigDecimal dec(String text) {
        return new java.math.BigDecimal(text);
    }

    private static int[] files(Table t) throws java.io.IOException {
        t.refresh();
        java.util.Set<String> deletes = new java.util.HashSet<>();
        int data = 0;
        try (var tasks = t.newScan().planFiles()) {
            for (var task : tasks) {
                data++;
                task.deletes().forEach(d -> deletes.add(d.location()));
            }
        }
        return new int[] {data, deletes.size()};
    }

    @Test
    void compactionRewritesSmallFilesAndFoldsDeletesInOneCommitWithTheSameRows() throws Exception {
        ObjectMetadata src = source("cp", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING),
                field("amount", CanonicalType.DECIMAL, 10, 2));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.APPEND, "s1").rowsPerFile(2).rows(List.of(row(1L, "a", dec("1.00")),
                row(2L, "b", dec("2.00")), row(3L, "c", dec("3.00")), row(4L, "d", dec("4.00")),
                row(5L, "e", dec("5.00")))));
        for (int i = 0; i < 3; i++) {
            // each MERGE adds equality deletes for its keys and position deletes for the key it repeats
            h.run(p, h.spec(src, LoadMode.MERGE, "m" + i).rowsPerFile(1).rows(List.of(
                    row(2L, "b" + i, dec("2.5" + i)), row(10L + i, "n" + i, dec("1.00")),
                    row(2L, "bb" + i, dec("2.0" + i)))));
        }
        // a column added later: older files lack it
        ObjectMetadata wider = source("cp", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING),
                field("amount", CanonicalType.DECIMAL, 10, 2), field("note", CanonicalType.STRING));
        h.run(p, h.spec(wider, LoadMode.APPEND, "s2").rows(List.of(row(20L, "t", dec("9.99"), "late"))));
        Table t = h.table("cp");
        List<List<Object>> before = h.rows("cp", "id", "v", "amount", "note");
        long snapshotBefore = t.currentSnapshot().snapshotId();
        int[] filesBefore = files(t);
        assertThat(filesBefore[0]).isGreaterThan(8);
        assertThat(filesBefore[1]).isGreaterThan(2);

        IcebergMaintenance.Compaction c = new IcebergMaintenance(h.destination.icebergCommitter())
                .compact(new TableId("default", "cp"), 64L << 20);

        t.refresh();
        int[] filesAfter = files(t);
        assertThat(filesAfter).containsExactly(1, 0);
        assertThat(c.dataFilesBefore()).isEqualTo(filesBefore[0]);
        assertThat(c.dataFilesAfter()).isEqualTo(1);
        assertThat(c.deleteFilesAfter()).isZero();
        assertThat(c.dataFilesRewritten()).isEqualTo(filesBefore[0]);
        assertThat(h.rows("cp", "id", "v", "amount", "note")).containsExactlyElementsOf(before);
        assertThat(before).contains(row(2L, "bb2", new java.math.BigDecimal("2.02"), null),
                row(20L, "t", new java.math.BigDecimal("9.99"), "late"));
        // one commit, a replace; the snapshot before still reads the same rows from the old files
        assertThat(t.currentSnapshot().parentId()).isEqualTo(snapshotBefore);
        assertThat(t.currentSnapshot().operation()).isEqualTo("replace");
        assertThat(h.rowsAt("cp", snapshotBefore, "id", "v", "amount", "note")).containsExactlyElementsOf(before);
        assertThat(t.currentSnapshot().summary()).containsEntry("total-records", String.valueOf(before.size()));
        assertThat(h.unreferencedObjects("cp")).isEmpty();
        // a second run finds nothing to do; a MERGE after the compaction applies to the compacted rows
        IcebergMaintenance.Compaction again = new IcebergMaintenance(h.destination.icebergCommitter())
                .compact(new TableId("default", "cp"), 64L << 20);
        assertThat(again.dataFilesRewritten()).isZero();
        assertThat(h.table("cp").currentSnapshot().operation()).isEqualTo("replace");
        h.run(p, h.spec(wider, LoadMode.MERGE, "m9").rows(List.of(row(1L, "A", dec("1.50"), "x"))));
        assertThat(h.rows("cp", "id", "v")).contains(row(1L, "A")).doesNotContain(row(1L, "a"))
                .hasSize(before.size());
    }

    @Test
    void compactionOfAPartitionedTableKeepsEachPartitionsRows() throws Exception {
        h.close();
        h = new IcebergHarness(IcebergDestinationConfig.sqlite(new dev.destsdk.file.store.LocalObjectStore(
                dir.resolve("plake")), "wh", dir.resolve("p.db")).withOptions(IcebergTableOptions.DEFAULT
                .withPartitioning(List.of("identity(region)"))), dir.resolve("pwork"));
        ObjectMetadata src = source("pc", key("id", CanonicalType.LONG), field("region", CanonicalType.STRING));
        Pipeline p = h.pipeline();
        for (int i = 0; i < 3; i++) {
            h.run(p, h.spec(src, LoadMode.MERGE, "m" + i).rows(List.of(row((long) i, "eu"), row(10L + i, "us"),
                    row(0L, i % 2 == 0 ? "us" : "eu"))));
        }
        List<List<Object>> before = h.rows("pc", "id", "region");
        Table t = h.table("pc");
        assertThat(files(t)[0]).isGreaterThan(2);
        new IcebergMaintenance(h.destination.icebergCommitter()).compact(new TableId("default", "pc"), 64L << 20);
        assertThat(files(t)).containsExactly(2, 0);
        assertThat(h.rows("pc", "id", "region")).containsExactlyElementsOf(before);
        assertThat(partitionsOf(t)).containsExactly("region=eu", "region=us");
        assertThat(h.unreferencedObjects("pc")).isEmpty();
    }

    private static List<String> partitionsOf(Table t) throws java.io.IOException {
        List<String> out = new java.util.ArrayList<>();
        try (var tasks = t.newScan().planFiles()) {
            tasks.forEach(task -> out.add(t.specs().get(task.file().specId()).partitionToPath(task.file()
                    .partition())));
        }
        out.sort(null);
        return out;
    }
}
