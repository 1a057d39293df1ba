package dev.destsdk.iceberg;

import static dev.destsdk.iceberg.IcebergHarness.cursor;
import static dev.destsdk.iceberg.IcebergHarness.field;
import static dev.destsdk.iceberg.IcebergHarness.key;
import static dev.destsdk.iceberg.IcebergHarness.row;
import static dev.destsdk.iceberg.IcebergHarness.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.runner.Pipeline;
import dev.destsdk.testkit.runner.RunResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
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
        RunResult second = h.run(p, h.spec(src, LoadMode.MERGE, "s2").rows(List.of(row(2L, "B"), row(4L, "D"),
                row(2L, "BB"))));
        assertThat(h.rows("m2", "id", "v")).containsExactly(row(1L, "a"), row(2L, "BB"), row(3L, "c"),
                row(4L, "D"));
        assertCounts(second, 2, 1, 1, 0);
        RunResult third = h.run(p, h.spec(src, LoadMode.MERGE, "s3").rows(List.of(row(1L, "A"))));
        assertThat(h.rows("m2", "id", "v")).containsExactly(row(1L, "A"), row(2L, "BB"), row(3L, "c"),
                row(4L, "D"));
        assertCounts(third, 1, 0, 1, 0);
    }

    /**
     * A MERGE reports what it did to the table's rows as the warehouse destinations do: loaded = inserted +
     * updated (rows written), deleted = rows of the table hard-deleted; a key marked deleted that the table does not
     * hold counts nowhere. A two-column key (text and number), rows of the table in several files (the count reads
     * only those whose key range overlaps the batch's), and rows of an earlier MERGE in delete files.
     */
    @Test
    void mergeCountsInsertedUpdatedAndHardDeletedRowsAgainstTheRowsOfTheTable() {
        ObjectMetadata src = source("mc", key("region", CanonicalType.STRING), key("id", CanonicalType.LONG),
                cursor("seq", CanonicalType.INTEGER), field("v", CanonicalType.STRING),
                field("_supa_deleted", CanonicalType.BOOLEAN));
        Pipeline p = h.pipeline();
        RunResult first = h.run(p, h.spec(src, LoadMode.MERGE, "s1").rowsPerFile(2).rows(List.of(
                row("eu", 1L, 1, "a", false), row("eu", 2L, 1, "b", false), row("us", 1L, 1, "c", false),
                row("us", 2L, 1, "d", false), row("zz", 9L, 1, "far", false), row("eu", 1L, 2, "a2", false))));
        assertCounts(first, 5, 5, 0, 0);
        RunResult soft = h.run(p, h.spec(src, LoadMode.MERGE, "s2").rows(List.of(
                row("eu", 2L, 2, "b2", false), row("us", 1L, 2, "c", true), row("ap", 1L, 1, "new", false))));
        assertCounts(soft, 3, 1, 2, 0);
        RunResult hard = h.run(p, h.spec(src, LoadMode.MERGE, "s3").hardDeletes(true).rows(List.of(
                row("eu", 1L, 3, "a3", false), row("us", 2L, 3, "d", true), row("us", 1L, 3, "c", true),
                row("xx", 5L, 1, "never", true), row("ap", 2L, 1, "new2", false), row("ap", 2L, 0, "older", true))));
        assertThat(h.rows("mc", "region", "id", "v", "_supa_deleted")).containsExactly(
                row("ap", 1L, "new", false), row("ap", 2L, "new2", false), row("eu", 1L, "a3", false),
                row("eu", 2L, "b2", false), row("zz", 9L, "far", false));
        assertCounts(hard, 2, 1, 1, 2);
    }

    private static void assertCounts(RunResult run, long loaded, long inserted, long updated, long deleted) {
        var r = run.loadResponse();
        assertThat(List.of(r.rowsLoaded(), r.rowsInserted(), r.rowsUpdated(), r.rowsDeleted()))
                .as("loaded, inserted, updated, deleted: %s", r.message())
                .containsExactly(loaded, inserted, updated, deleted);
    }

    @Test
    void softDeletesKeepTheMarkedRowAndHardDeletesRemoveIt() {
        ObjectMetadata src = source("m3", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING),
                field("_supa_deleted", CanonicalType.BOOLEAN));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.MERGE, "s1").rows(List.of(row(1L, "a", false), row(2L, "b", false),
                row(3L, "c", false))));
        RunResult soft = h.run(p, h.spec(src, LoadMode.MERGE, "s2").rows(List.of(row(2L, "b", true))));
        assertThat(h.rows("m3", "id", "_supa_deleted")).containsExactly(row(1L, false), row(2L, true),
                row(3L, false));
        assertCounts(soft, 1, 0, 1, 0);
        RunResult hard = h.run(p, h.spec(src, LoadMode.MERGE, "s3").hardDeletes(true).rows(List.of(
                row(3L, "c", true), row(4L, "d", false))));
        assertThat(h.rows("m3", "id", "_supa_deleted")).containsExactly(row(1L, false), row(2L, true),
                row(4L, false));
        assertCounts(hard, 1, 1, 0, 1);
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

    @Test
    void newColumnsAndAllowedWideningsAreCommittedWithTheData() {
        ObjectMetadata v1 = source("e1", key("id", CanonicalType.INTEGER), field("amount", CanonicalType.FLOAT),
                field("price", CanonicalType.DECIMAL, 10, 2));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(v1, LoadMode.APPEND, "s1").rows(List.of(row(1, 1.5f, new BigDecimal("1.25")))));
        long first = h.table("e1").currentSnapshot().snapshotId();
        int schemaBefore = h.table("e1").schema().schemaId();
        ObjectMetadata v2 = source("e2", key("id", CanonicalType.LONG), field("amount", CanonicalType.DOUBLE),
                field("price", CanonicalType.DECIMAL, 14, 2), field("note", CanonicalType.STRING))
                .toBuilder().name("e1").build();
        h.run(p, h.spec(v2, LoadMode.APPEND, "s2").rows(List.of(row(5_000_000_000L, 2.25d,
                new BigDecimal("123456789012.34"), "new"))));
        Table t = h.table("e1");
        assertThat(t.schema().findType("id")).isEqualTo(Types.LongType.get());
        assertThat(t.schema().findType("amount")).isEqualTo(Types.DoubleType.get());
        assertThat(t.schema().findType("price")).isEqualTo(Types.DecimalType.of(14, 2));
        assertThat(t.schema().findType("note")).isEqualTo(Types.StringType.get());
        // the schema change and the data are one snapshot on top of the first
        assertThat(t.currentSnapshot().parentId()).isEqualTo(first);
        assertThat(t.currentSnapshot().schemaId()).isNotEqualTo(schemaBefore);
        assertThat(h.rows("e1", "id", "amount", "price", "note")).containsExactly(
                row(1L, 1.5d, new BigDecimal("1.25"), null),
                row(5_000_000_000L, 2.25d, new BigDecimal("123456789012.34"), "new"));
    }

    @Test
    void aTypeChangeIcebergCannotApplyIsRefusedNamingTableColumnAndTypes() {
        ObjectMetadata v1 = source("n1", key("id", CanonicalType.LONG), field("qty", CanonicalType.INTEGER),
                field("price", CanonicalType.DECIMAL, 10, 2));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(v1, LoadMode.APPEND, "s1").rows(List.of(row(1L, 3, new BigDecimal("1.25")))));
        long snapshot = h.table("n1").currentSnapshot().snapshotId();
        // int -> double widens in the SDK's type hierarchy, but not in Iceberg
        ObjectMetadata toDouble = source("n1", key("id", CanonicalType.LONG), field("qty", CanonicalType.DOUBLE),
                field("price", CanonicalType.DECIMAL, 10, 2));
        assertRefused(() -> h.run(p, h.spec(toDouble, LoadMode.APPEND, "s2").rows(List.of(row(2L, 1.5d,
                new BigDecimal("1.00"))))), "qty", "int", "double");
        // a decimal whose scale grows is not a precision increase
        ObjectMetadata scale = source("n1", key("id", CanonicalType.LONG), field("qty", CanonicalType.INTEGER),
                field("price", CanonicalType.DECIMAL, 12, 4));
        assertRefused(() -> h.run(p, h.spec(scale, LoadMode.APPEND, "s3").rows(List.of(row(2L, 1,
                new BigDecimal("1.0000"))))), "price", "decimal(10, 2)", "decimal(");
        // a new pipeline that does not remember the mapped object meets the table's own schema at stage time
        ObjectMetadata text = source("n1", key("id", CanonicalType.STRING), field("qty", CanonicalType.INTEGER),
                field("price", CanonicalType.DECIMAL, 10, 2));
        assertRefused(() -> h.run(h.pipeline(), h.spec(text, LoadMode.APPEND, "s4").rows(List.of(row("x", 1,
                new BigDecimal("1.00"))))), "id", "long", "string");
        Table t = h.table("n1");
        assertThat(t.currentSnapshot().snapshotId()).isEqualTo(snapshot);
        assertThat(t.schema().findType("qty")).isEqualTo(Types.IntegerType.get());
        assertThat(h.rows("n1", "id", "qty")).containsExactly(row(1L, 3));
        assertThat(h.unreferencedObjects("n1")).isEmpty();
    }

    private void assertRefused(Runnable run, String column, String from, String to) {
        Throwable t = catchThrowable(run::run);
        assertThat(t).isInstanceOf(ConnectorException.class);
        ConnectorException e = (ConnectorException) t;
        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.SCHEMA_EVOLUTION_ERROR);
        assertThat(e.getMessage()).contains("n1", "column " + column, from, to);
    }

    private IcebergHarness partitioned(String name, String... fields) throws Exception {
        h.close();
        h = new IcebergHarness(IcebergDestinationConfig.sqlite(createStore(dir.resolve(name)), "wh",
                dir.resolve(name + ".db")).withOptions(IcebergTableOptions.DEFAULT.withPartitioning(
                List.of(fields))), dir.resolve("work-" + name));
        return h;
    }

    /** The partition path of every live data file, and whether any delete file is left. */
    private static List<String> partitions(Table t) throws IOException {
        t.refresh();
        List<String> partitions = new java.util.ArrayList<>();
        try (var tasks = t.newScan().planFiles()) {
            tasks.forEach(task -> partitions.add(t.specs().get(task.file().specId())
                    .partitionToPath(task.file().partition())));
        }
        partitions.sort(null);
        return partitions;
    }

    @Test
    void mergeIntoATableByTrackingColumnsReachesRowsOfEarlierSyncs() throws Exception {
        partitioned("p", "day(_supa_synced)", "identity(_supa_job_id)");
        ObjectMetadata src = source("p1", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.APPEND, "s1").rows(List.of(row(1L, "a"))));
        h.run(p, h.spec(src, LoadMode.APPEND, "s2").rows(List.of(row(2L, "b"))));
        Table t = h.table("p1");
        assertThat(t.spec().fields()).extracting(f -> f.transform().toString()).containsExactly("day",
                "identity");
        assertThat(partitions(t)).containsExactly("_supa_synced_day=2024-03-05/_supa_job_id=s1",
                "_supa_synced_day=2024-03-05/_supa_job_id=s2");
        // the earlier row of key 1 is in partition s1; the MERGE's rows go to s3: its equality deletes are global
        h.run(p, h.spec(src, LoadMode.MERGE, "s3").rows(List.of(row(1L, "A"), row(3L, "c"), row(1L, "AA"))));
        assertThat(h.rows("p1", "id", "v")).containsExactly(row(1L, "AA"), row(2L, "b"), row(3L, "c"));
        t.refresh();
        assertThat(t.specs().values()).anyMatch(org.apache.iceberg.PartitionSpec::isUnpartitioned);
        assertThat(t.spec().isPartitioned()).as("the default spec stays partitioned").isTrue();
        assertThat(h.unreferencedObjects("p1")).isEmpty();
    }

    @Test
    void mergeIntoATablePartitionedByADataColumnMovesAKeyWhosePartitionChanges() throws Exception {
        partitioned("r", "identity(region)", "bucket(4, id)");
        ObjectMetadata src = source("r1", key("id", CanonicalType.LONG), field("region", CanonicalType.STRING),
                cursor("n", CanonicalType.INTEGER));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.MERGE, "s1").rowsPerFile(2).rows(List.of(row(1L, "eu", 1), row(2L, "us", 1),
                row(3L, "eu", 1), row(4L, "ap", 1))));
        Table t = h.table("r1");
        assertThat(partitions(t)).allSatisfy(path -> assertThat(path).matches("region=(eu|us|ap)/id_bucket=[0-3]"));
        assertThat(partitions(t).stream().map(path -> path.substring(0, path.indexOf('/'))).distinct())
                .containsExactlyInAnyOrder("region=eu", "region=us", "region=ap");
        // key 1 moves from eu to us, key 2 moves to ap and back to us within the batch (cursor decides), key 4 stays
        h.run(p, h.spec(src, LoadMode.MERGE, "s2").rowsPerFile(2).rows(List.of(row(1L, "us", 2), row(2L, "ap", 2),
                row(2L, "us", 3), row(5L, "eu", 2))));
        assertThat(h.rows("r1", "id", "region", "n")).containsExactly(row(1L, "us", 2), row(2L, "us", 3),
                row(3L, "eu", 1), row(4L, "ap", 1), row(5L, "eu", 2));
        // rows are in the partition of their region, whichever file the stage wrote them to
        t.refresh();
        try (var tasks = t.newScan().planFiles()) {
            for (var task : tasks) {
                String path = t.specs().get(task.file().specId()).partitionToPath(task.file().partition());
                assertThat(task.file().recordCount()).isPositive();
                assertThat(path).startsWith("region=");
            }
        }
        try (var tasks = t.newScan().filter(org.apache.iceberg.expressions.Expressions.equal("region", "us"))
                .planFiles()) {
            List<String> usFiles = new java.util.ArrayList<>();
            tasks.forEach(task -> usFiles.add(t.specs().get(task.file().specId())
                    .partitionToPath(task.file().partition())));
            assertThat(usFiles).isNotEmpty().allSatisfy(path -> assertThat(path).startsWith("region=us/"));
        }
        assertThat(h.unreferencedObjects("r1")).isEmpty();
    }

    private static java.time.OffsetDateTime ts(String instant) {
        return java.time.OffsetDateTime.parse(instant);
    }

    @Test
    void everyTransformPartitionsByTheColumnsValues() throws Exception {
        partitioned("x", "hour(ts)", "month(d)", "truncate(2, code)", "bucket(3, code)", "identity(id)");
        ObjectMetadata src = source("x1", key("id", CanonicalType.LONG), field("ts", CanonicalType.TIMESTAMP_TZ),
                field("d", CanonicalType.DATE), field("code", CanonicalType.STRING));
        h.run(h.pipeline(), h.spec(src, LoadMode.APPEND, "s1").rows(List.of(
                row(1L, ts("2024-01-02T03:04:05Z"), LocalDate.parse("2024-05-06"), "abc"),
                row(2L, ts("2024-01-02T04:00:00Z"), LocalDate.parse("2024-05-30"), "abd"),
                row(3L, ts("2023-12-31T23:59:59Z"), LocalDate.parse("2024-06-01"), "xy"))));
        List<String> paths = partitions(h.table("x1"));
        assertThat(paths).hasSize(3);
        assertThat(paths).anySatisfy(path -> assertThat(path).matches("ts_hour=2024-01-02-03/d_month=2024-05/"
                + "code_trunc=ab/code_bucket=[0-2]/id=1"));
        assertThat(paths).anySatisfy(path -> assertThat(path).matches("ts_hour=2024-01-02-04/d_month=2024-05/"
                + "code_trunc=ab/code_bucket=[0-2]/id=2"));
        assertThat(paths).anySatisfy(path -> assertThat(path).matches("ts_hour=2023-12-31-23/d_month=2024-06/"
                + "code_trunc=xy/code_bucket=[0-2]/id=3"));
        assertThat(h.rows("x1", "id")).containsExactly(row(1L), row(2L), row(3L));
    }

    @Test
    void aTransformTheColumnsTypeDoesNotAllowIsAConfigurationErrorNamingColumnAndTransform() throws Exception {
        ObjectMetadata src = source("q1", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING),
                field("d", CanonicalType.DATE));
        String[][] cases = {
            {"day(v)", "column v", "transform day", "string"},
            {"hour(d)", "column d", "transform hour", "date"},
            {"truncate(4, d)", "column d", "transform truncate", "date"},
            {"bucket(0, id)", "bucket count", "bucket(0, id)", "positive"},
            {"identity(nope)", "column nope", "does not have", "identity(nope)"},
            {"week(d)", "transform week", "unknown", "week(d)"},
            {"day(3, d)", "day(3, d)", "only a column", "transform day"},
            {"day(d);month(d)", "month(d)", "cannot be added", "redundant"},
        };
        int n = 0;
        for (String[] c : cases) {
            partitioned("q" + n++, c[0].split(";"));
            Throwable t = catchThrowable(() -> h.run(h.pipeline(), h.spec(src, LoadMode.APPEND, "s1").rows(
                    List.of(row(1L, "a", LocalDate.parse("2024-01-01"))))));
            assertThat(t).as(c[0]).isInstanceOf(ConnectorException.class);
            assertThat(((ConnectorException) t).getErrorType()).as(c[0]).isEqualTo(ErrorType.CONFIGURATION_ERROR);
            assertThat(t.getMessage()).as(c[0]).contains(c[1], c[2], c[3], "q1");
            assertThat(h.exists("q1")).as(c[0]).isFalse();
        }
    }

    @Test
    void mergeWithoutAKeyIsRefused() {
        ObjectMetadata src = source("k0", field("v", CanonicalType.STRING));
        Throwable t = catchThrowable(() -> h.run(h.pipeline(), h.spec(src, LoadMode.MERGE, "s1").rows(
                List.of(row("a")))));
        assertThat(t).isInstanceOf(ConnectorException.class).hasMessageContaining("primary key");
        assertThat(h.exists("k0")).isFalse();
    }

    @Test
    void aMergeOfZeroRowsLeavesTheRowsAndWritesNoDeleteFile() throws IOException {
        ObjectMetadata src = source("z1", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.APPEND, "s1").rows(List.of(row(1L, "a"))));
        h.run(p, h.spec(src, LoadMode.MERGE, "s2").rows(List.of()));
        assertThat(h.rows("z1", "id", "v")).containsExactly(row(1L, "a"));
        assertThat(h.lastSummary("z1")).containsEntry(IcebergTableCommitter.SYNC_ID_PROPERTY, "s2")
                .doesNotContainKey("added-delete-files");
        assertThat(h.unreferencedObjects("z1")).isEmpty();
    }
}
