package dev.destsdk.examples.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.iceberg.IcebergDestination;
import dev.destsdk.iceberg.IcebergDestinationConfig;
import dev.destsdk.iceberg.IcebergMaintenance;
import dev.destsdk.iceberg.IcebergTableOptions;
import dev.destsdk.iceberg.internal.ParquetRows;
import dev.destsdk.testkit.fixtures.LoadModeFixtures;
import dev.destsdk.testkit.runner.LocalPipelineRunner;
import dev.destsdk.testkit.runner.Pipeline;
import dev.destsdk.testkit.runner.RunSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Iceberg destination's paths that read Parquet back (a MERGE into a table partitioned by a data column, which
 * rewrites the stage by partition, and compaction) on the connector's own class path, which has no Hadoop jar.
 */
class IcebergWithoutHadoopTest {
    private static final Instant T0 = Instant.parse("2024-03-05T07:08:09Z");

    @TempDir
    Path dir;

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void aPartitionedMergeAndACompactionRunWithNoHadoopClass() throws Exception {
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
                .as("no Hadoop on the connector's class path").isInstanceOf(ClassNotFoundException.class);
        IcebergDestinationConfig config = IcebergDestinationConfig.sqlite(new LocalObjectStore(dir.resolve("lake")),
                "wh", dir.resolve("catalog.db")).withOptions(IcebergTableOptions.DEFAULT.withPartitioning(
                List.of("identity(region)")));
        ObjectMetadata source = LoadModeFixtures.object("orders", List.of(
                FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).build(),
                FieldMetadata.builder("region", CanonicalType.STRING).build(),
                FieldMetadata.builder("n", CanonicalType.INTEGER).cursorField(true).build()));
        try (IcebergDestination destination = new IcebergDestination(config)) {
            Pipeline p = new LocalPipelineRunner(destination, dir.resolve("work")).newPipeline();
            p.run(RunSpec.builder(source).loadMode(LoadMode.MERGE).syncId("s1").syncTime(T0).rowsPerFile(2)
                    .rows(List.of(row(1L, "eu", 1), row(2L, "us", 1), row(3L, "eu", 1))).build());
            p.run(RunSpec.builder(source).loadMode(LoadMode.MERGE).syncId("s2").syncTime(T0.plusSeconds(1))
                    .rowsPerFile(2).rows(List.of(row(1L, "us", 2), row(4L, "ap", 1), row(1L, "ap", 1))).build());
            TableId id = new TableId("default", "orders");
            IcebergMaintenance.Compaction c = new IcebergMaintenance(destination.icebergCommitter())
                    .compact(id, 64L << 20);
            assertThat(c.deleteFilesAfter()).isZero();
            assertThat(c.dataFilesAfter()).isEqualTo(3);

            Table t = destination.icebergCommitter().load(id).orElseThrow();
            List<String> rows = new ArrayList<>();
            try (CloseableIterable<FileScanTask> tasks = t.newScan().planFiles()) {
                for (FileScanTask task : tasks) {
                    assertThat(task.deletes()).as("delete files after the compaction").isEmpty();
                    String partition = t.specs().get(task.file().specId()).partitionToPath(task.file().partition());
                    try (CloseableIterable<Record> records = ParquetRows.read(
                            t.io().newInputFile(task.file().location()), t.schema())) {
                        for (Record r : records) {
                            assertThat(partition).isEqualTo("region=" + r.getField("region"));
                            rows.add(r.getField("id") + " " + r.getField("region") + " " + r.getField("n"));
                        }
                    }
                }
            }
            rows.sort(null);
            assertThat(rows).containsExactly("1 us 2", "2 us 1", "3 eu 1", "4 ap 1");
        }
    }
}
