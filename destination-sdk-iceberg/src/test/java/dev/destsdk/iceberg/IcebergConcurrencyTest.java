package dev.destsdk.iceberg;

import static dev.destsdk.iceberg.IcebergHarness.field;
import static dev.destsdk.iceberg.IcebergHarness.key;
import static dev.destsdk.iceberg.IcebergHarness.row;
import static dev.destsdk.iceberg.IcebergHarness.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.file.store.LocalObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.util.SnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two loads commit into one table at the same time: both read the same table version, the catalog accepts the
 * first commit and refuses the second, which Iceberg re-applies on the new version; both batches end up applied
 * exactly once.
 */
class IcebergConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void twoConcurrentMergesIntoOneTableAreBothAppliedOnce() throws Exception {
        RacingFileIO io = new RacingFileIO(new LocalFileIO());
        Path lake = dir.resolve("lake");
        String warehouse = lake.toUri() + "wh";
        ObjectMetadata src = source("race", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING));
        List<IcebergHarness> harnesses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (JdbcCatalog jdbc = IcebergCatalogs.sqlite("destsdk", dir.resolve("catalog.db"), warehouse, () -> io)) {
            SharedCatalog shared = new SharedCatalog(jdbc);
            for (int i = 0; i < 3; i++) {
                harnesses.add(new IcebergHarness(IcebergDestinationConfig.sqlite(new LocalObjectStore(lake), "wh",
                        dir.resolve("unused.db")).withCatalog(w -> shared), dir.resolve("work-" + i)));
            }
            IcebergHarness base = harnesses.get(0);
            base.run(base.pipeline(), base.spec(src, LoadMode.APPEND, "s0").rows(List.of(row(1L, "a"),
                    row(2L, "b"), row(3L, "c"))));
            io.race(2);
            IcebergHarness a = harnesses.get(1);
            IcebergHarness b = harnesses.get(2);
            Future<?> fa = pool.submit(() -> a.run(a.pipeline(), a.spec(src, LoadMode.MERGE, "sa").rows(List.of(
                    row(1L, "A"), row(10L, "a10")))));
            Future<?> fb = pool.submit(() -> b.run(b.pipeline(), b.spec(src, LoadMode.MERGE, "sb").rows(List.of(
                    row(2L, "B"), row(20L, "b20")))));
            fa.get(120, TimeUnit.SECONDS);
            fb.get(120, TimeUnit.SECONDS);
            assertThat(io.raced()).as("both commits wrote their metadata against the same version").isTrue();
            assertThat(io.metadataWrites()).as("metadata versions written: two first attempts and a retry")
                    .isGreaterThanOrEqualTo(3);
            assertThat(base.rows("race", "id", "v")).containsExactly(row(1L, "A"), row(10L, "a10"), row(2L, "B"),
                    row(20L, "b20"), row(3L, "c"));
            Table t = base.table("race");
            List<String> syncs = new ArrayList<>();
            for (Snapshot s : SnapshotUtil.ancestorsOf(t.currentSnapshot().snapshotId(), t::snapshot)) {
                syncs.add(s.summary().get(IcebergTableCommitter.SYNC_ID_PROPERTY));
            }
            assertThat(syncs).containsExactlyInAnyOrder("s0", "sa", "sb");
        } finally {
            pool.shutdownNow();
            harnesses.forEach(IcebergHarness::close);
        }
    }

    /**
     * Holds each thread's first metadata write until the given number of threads are there, so their commits are
     * based on the same table version; counts metadata writes.
     */
    private static final class RacingFileIO implements FileIO {
        private static final long serialVersionUID = 1L;
        private final FileIO delegate;
        private final Set<Thread> waited = ConcurrentHashMap.newKeySet();
        private final AtomicInteger metadataWrites = new AtomicInteger();
        private volatile CyclicBarrier barrier;
        private volatile boolean raced;

        RacingFileIO(FileIO delegate) {
            this.delegate = delegate;
        }

        void race(int parties) {
            metadataWrites.set(0);
            barrier = new CyclicBarrier(parties, () -> raced = true);
        }

        boolean raced() {
            return raced;
        }

        int metadataWrites() {
            return metadataWrites.get();
        }

        @Override
        public InputFile newInputFile(String location) {
            return delegate.newInputFile(location);
        }

        @Override
        public OutputFile newOutputFile(String location) {
            if (location.endsWith(".metadata.json")) {
                metadataWrites.incrementAndGet();
                CyclicBarrier b = barrier;
                if (b != null && waited.add(Thread.currentThread())) {
                    try {
                        b.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } catch (BrokenBarrierException | TimeoutException e) {
                        throw new IllegalStateException("the other commit never came", e);
                    }
                }
            }
            return delegate.newOutputFile(location);
        }

        @Override
        public void deleteFile(String location) {
            delegate.deleteFile(location);
        }

        @Override
        public Map<String, String> properties() {
            return delegate.properties();
        }
    }
}
