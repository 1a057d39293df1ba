package dev.destsdk.iceberg;

import static dev.destsdk.iceberg.IcebergHarness.field;
import static dev.destsdk.iceberg.IcebergHarness.key;
import static dev.destsdk.iceberg.IcebergHarness.row;
import static dev.destsdk.iceberg.IcebergHarness.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.file.FailingObjectStore;
import dev.destsdk.testkit.runner.Pipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures during a MERGE into an existing table, at every store call and at every FileIO call in turn, and
 * cancellation at every check: the table stays at its previous snapshot, with its rows, and nothing unreferenced is
 * left below it; a failure after the commit (clean-up) leaves the merged table.
 */
abstract class IcebergFailureContract {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergFailureContract.class);
    private static final List<List<Object>> EXISTING = List.of(row(1L, "a"), row(2L, "b"), row(3L, "c"));
    private static final List<List<Object>> BATCH = List.of(row(2L, "B"), row(4L, "D"), row(2L, "BB"),
            row(5L, "E"));
    private static final List<List<Object>> MERGED = List.of(row(1L, "a"), row(2L, "BB"), row(3L, "c"),
            row(4L, "D"), row(5L, "E"));

    @TempDir
    Path dir;
    ObjectStore store;
    FailingFileIO io;
    JdbcCatalog jdbc;
    IcebergHarness h;

    /**
     * @param dir the case's temporary directory
     * @return the store the case writes to
     * @throws Exception when it cannot be created
     */
    abstract ObjectStore createStore(Path dir) throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = createStore(dir);
        io = new FailingFileIO(IcebergFileIOs.forStore(store));
        String warehouse = store.describe().replaceAll("/$", "") + "/wh";
        jdbc = IcebergCatalogs.sqlite("destsdk", dir.resolve("catalog.db"), warehouse, () -> io);
        h = new IcebergHarness(config(store), dir.resolve("work"));
    }

    @AfterEach
    void close() throws Exception {
        h.close();
        jdbc.close();
    }

    /** A destination on the store, sharing the test's catalog (and its FileIO). */
    private IcebergDestinationConfig config(ObjectStore s) {
        SharedCatalog shared = new SharedCatalog(jdbc);
        return IcebergDestinationConfig.sqlite(s, "wh", dir.resolve("unused.db")).withCatalog(w -> shared);
    }

    private ObjectMetadata table(String name) {
        return source(name, key("id", CanonicalType.LONG), field("v", CanonicalType.STRING));
    }

    @Test
    void storeFailuresAtEveryCallLeaveThePreviousSnapshot() {
        FailingObjectStore counting = FailingObjectStore.counting(store);
        int calls = probe(new IcebergHarness(config(counting), dir.resolve("w0")), () -> { }, counting::calls,
                "store_probe");
        LOG.info("store calls of a MERGE stage and load: {} {}", calls, counting.callLog());
        assertThat(calls).isGreaterThan(5);
        every(calls, n -> new IcebergHarness(config(new FailingObjectStore(store, n)), dir.resolve("w" + n)),
                n -> { }, "store");
    }

    @Test
    void fileIoFailuresAtEveryCallLeaveThePreviousSnapshot() {
        int calls = probe(new IcebergHarness(config(FailingObjectStore.counting(store)), dir.resolve("w0")),
                () -> io.arm(Integer.MAX_VALUE), io::calls, "io_probe");
        LOG.info("FileIO calls of a MERGE stage and load: {} {}", calls, io.log());
        assertThat(calls).isGreaterThan(5);
        every(calls, n -> new IcebergHarness(config(FailingObjectStore.counting(store)), dir.resolve("w" + n)),
                io::arm, "io");
    }

    private List<String> unfinishedUploads() {
        try {
            return store.listUnfinishedUploads("");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs the MERGE once through a counting destination and returns the number of calls it counted. */
    private int probe(IcebergHarness c, Runnable start, IntSupplier calls, String name) {
        h.run(h.pipeline(), h.spec(table(name), LoadMode.APPEND, "s1").rows(EXISTING));
        int counted;
        try {
            start.run();
            c.run(c.pipeline(), c.spec(table(name), LoadMode.MERGE, "s2").rowsPerFile(2).rows(BATCH));
            counted = calls.getAsInt();
        } finally {
            io.arm(Integer.MAX_VALUE);
            c.close();
        }
        assertThat(h.rows(name, "id", "v")).containsExactlyElementsOf(MERGED);
        return counted;
    }

    private void every(int calls, IntFunction<IcebergHarness> failing, IntConsumer arm, String kind) {
        int failed = 0;
        for (int n = 1; n <= calls; n++) {
            String name = "f_" + kind + "_" + n;
            h.run(h.pipeline(), h.spec(table(name), LoadMode.APPEND, "s1").rows(EXISTING));
            long snapshot = h.table(name).currentSnapshot().snapshotId();
            IcebergHarness f = failing.apply(n);
            Throwable t;
            try {
                arm.accept(n);
                t = catchThrowable(() -> f.run(f.pipeline(), f.spec(table(name), LoadMode.MERGE, "s2")
                        .rowsPerFile(2).rows(BATCH)));
            } finally {
                io.arm(Integer.MAX_VALUE);
                f.close();
            }
            if (t == null) {
                assertThat(h.rows(name, "id", "v")).as("call %s failed after the commit", n)
                        .containsExactlyElementsOf(MERGED);
                continue;
            }
            failed++;
            assertThat(t).as("failure at %s call %s", kind, n).isInstanceOf(ConnectorException.class);
            assertThat(h.table(name).currentSnapshot().snapshotId()).as("snapshot after %s call %s failed", kind, n)
                    .isEqualTo(snapshot);
            assertThat(h.rows(name, "id", "v")).as("rows after %s call %s failed", kind, n)
                    .containsExactlyElementsOf(EXISTING);
            // data and delete files are removed by the failed load, the manifests of its commit by the committer
            assertThat(h.unreferencedObjects(name)).as("unreferenced objects after %s call %s failed: %s", kind, n,
                    t.getMessage()).isEmpty();
            assertThat(unfinishedUploads()).as("unfinished uploads after %s call %s failed", kind, n).isEmpty();
            // a retry of the failed sync applies it once
            h.run(h.pipeline(), h.spec(table(name), LoadMode.MERGE, "s2").rowsPerFile(2).rows(BATCH));
            assertThat(h.rows(name, "id", "v")).as("retry after %s call %s failed", kind, n)
                    .containsExactlyElementsOf(MERGED);
        }
        assertThat(failed).as("runs that failed").isGreaterThan(calls / 2);
    }

    @Test
    void aCommitThatLosesEveryRaceLeavesNoFileOfItsAttempts() throws Exception {
        h.run(h.pipeline(), h.spec(table("lost"), LoadMode.APPEND, "s1").rows(EXISTING));
        long snapshot = h.table("lost").currentSnapshot().snapshotId();
        String prefix = h.destination.icebergCommitter().keyOf(h.table("lost").location()).orElseThrow() + "/";
        List<String> before = store.list(prefix).stream().map(o -> o.key()).toList();
        // the catalog commit of every attempt fails as if another writer had won: manifests and manifest lists
        // were written for each attempt before
        io.failCreates(location -> location.endsWith(".metadata.json"));
        Throwable t;
        try {
            t = catchThrowable(() -> h.run(h.pipeline(), h.spec(table("lost"), LoadMode.MERGE, "s2")
                    .rowsPerFile(2).rows(BATCH)));
        } finally {
            io.failCreates(location -> false);
        }
        assertThat(t).isInstanceOf(ConnectorException.class).hasMessageContaining("lost");
        assertThat(((ConnectorException) t).isRetryable()).isTrue();
        assertThat(io.log()).filteredOn(l -> l.startsWith("conflict ")).hasSizeGreaterThan(1);
        assertThat(h.table("lost").currentSnapshot().snapshotId()).isEqualTo(snapshot);
        assertThat(h.rows("lost", "id", "v")).containsExactlyElementsOf(EXISTING);
        assertThat(store.list(prefix).stream().map(o -> o.key()).toList()).as("objects of the table")
                .containsExactlyInAnyOrderElementsOf(before);
        h.run(h.pipeline(), h.spec(table("lost"), LoadMode.MERGE, "s2").rowsPerFile(2).rows(BATCH));
        assertThat(h.rows("lost", "id", "v")).containsExactlyElementsOf(MERGED);
    }

    @Test
    void cancellationAtEveryCheckLeavesThePreviousSnapshot() {
        h.run(h.pipeline(), h.spec(table("c1"), LoadMode.APPEND, "s1").rows(EXISTING));
        long snapshot = h.table("c1").currentSnapshot().snapshotId();
        int cancelled = 0;
        for (int after = 0; after < 100; after++) {
            CancellationSignal signal = cancelAfter(after);
            Pipeline p = h.pipeline();
            Throwable t = catchThrowable(() -> h.run(p, h.spec(table("c1"), LoadMode.MERGE, "s2").rowsPerFile(2)
                    .rows(BATCH).cancellation(signal)));
            if (t == null) {
                break;
            }
            cancelled++;
            assertCancelledAtThePreviousSnapshot(h, "c1", snapshot, t, after);
        }
        assertThat(cancelled).isGreaterThan(2);
        assertThat(h.rows("c1", "id", "v")).containsExactlyElementsOf(MERGED);
        assertThat(h.unreferencedObjects("c1")).isEmpty();
    }

    /**
     * A MERGE into a table partitioned by a data column rewrites the staged files by partition inside the commit
     * (here one file of more than 1,024 rows), then counts the matched rows: a cancellation at any check there stops
     * the load with CANCELLED, the table at its previous snapshot and no rewritten file left; the retry merges.
     */
    @Test
    void cancellationDuringThePartitionedRewriteAndCountLeavesThePreviousSnapshot() {
        IcebergHarness ph = new IcebergHarness(config(store).withOptions(IcebergTableOptions.DEFAULT
                .withPartitioning(List.of("bucket(4, v)"))), dir.resolve("pwork"));
        try {
            ph.run(ph.pipeline(), ph.spec(table("pc"), LoadMode.APPEND, "s1").rows(EXISTING));
            assertThat(ph.table("pc").spec().isPartitioned()).isTrue();
            long snapshot = ph.table("pc").currentSnapshot().snapshotId();
            List<List<Object>> batch = new ArrayList<>(BATCH);
            List<List<Object>> merged = new ArrayList<>(MERGED);
            for (long i = 100; i < 1200; i++) {
                batch.add(row(i, "n" + i));
                merged.add(row(i, "n" + i));
            }
            merged.sort(java.util.Comparator.comparing(Object::toString));
            List<String> phases = new ArrayList<>();
            for (int after = 0; after < 200; after++) {
                CancellationSignal signal = cancelAfter(after);
                Throwable t = catchThrowable(() -> ph.run(ph.pipeline(), ph.spec(table("pc"), LoadMode.MERGE, "s2")
                        .rowsPerFile(5000).rows(batch).cancellation(signal)));
                if (t == null) {
                    break;
                }
                phases.add(t.getMessage());
                assertCancelledAtThePreviousSnapshot(ph, "pc", snapshot, t, after);
            }
            assertThat(phases).filteredOn(m -> m.contains("rewrite by partition")).as("%s", phases).hasSize(2);
            assertThat(phases).filteredOn(m -> m.contains("MERGE count")).as("%s", phases).isNotEmpty();
            assertThat(ph.rows("pc", "id", "v")).containsExactlyElementsOf(merged);
            assertThat(ph.unreferencedObjects("pc")).isEmpty();
        } finally {
            ph.close();
        }
    }

    /**
     * A cancelled MERGE failed with CANCELLED and left the table at its snapshot, with its rows, and nothing
     * unreferenced but (when the executor cancelled between stage and load) the stage, kept for a retry.
     */
    private static void assertCancelledAtThePreviousSnapshot(IcebergHarness h, String table, long snapshot,
                                                             Throwable t, int after) {
        assertThat(t).isInstanceOf(ConnectorException.class);
        assertThat(((ConnectorException) t).getErrorType()).as(t.getMessage()).isEqualTo(ErrorType.CANCELLED);
        assertThat(h.table(table).currentSnapshot().snapshotId()).isEqualTo(snapshot);
        assertThat(h.rows(table, "id", "v")).containsExactlyElementsOf(EXISTING);
        List<String> left = h.unreferencedObjects(table);
        if (t.getMessage().contains("before load")) {
            assertThat(left).allSatisfy(k -> assertThat(k).contains("/sync_id=s2/"));
        } else {
            assertThat(left).as("cancelled at check %s: %s", after + 1, t.getMessage()).isEmpty();
        }
    }

    /**
     * A signal that turns cancelled at its N+1-th question, through a real {@link CancellationToken} (so actions the
     * destination registered with {@code onCancel} run as they would for a cancelled job).
     */
    private static CancellationSignal cancelAfter(int questions) {
        CancellationToken token = new CancellationToken();
        AtomicInteger asked = new AtomicInteger();
        return new CancellationSignal() {
            @Override
            public boolean isCancelled() {
                if (asked.incrementAndGet() > questions) {
                    token.cancel();
                }
                return token.isCancelled();
            }

            @Override
            public Registration onCancel(Runnable action) {
                return token.onCancel(action);
            }
        };
    }
}
