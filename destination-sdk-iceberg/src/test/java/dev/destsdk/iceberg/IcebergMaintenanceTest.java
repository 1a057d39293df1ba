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
}
