package dev.destsdk.testkit.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordWriter;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.testkit.inspect.ObjectRef;
import dev.destsdk.testkit.inspect.RowOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelPipelineRunnerTest {

    @TempDir
    Path work;

    private static ObjectMetadata table(String name) {
        return ObjectMetadata.builder(name).schema("s")
                .addField(FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build())
                .addField(FieldMetadata.builder("v", CanonicalType.STRING).build())
                .build();
    }

    private static RunSpec spec(String name, int rows) {
        RunSpec.Builder b = RunSpec.builder(table(name)).loadMode(LoadMode.MERGE);
        for (int i = 1; i <= rows; i++) {
            b.addRow((long) i, name + i);
        }
        return b.build();
    }

    @Test
    void eachTableLoadsOnItsOwnDestinationAndAFailureDoesNotStopTheOthers() {
        List<InMemoryDestination> created = Collections.synchronizedList(new ArrayList<>());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // Both workers must be inside load at the same time to pass the latch: proves two tables load at once.
        CountDownLatch together = new CountDownLatch(2);
        AtomicInteger ends = new AtomicInteger();
        List<RunSpec> specs = List.of(spec("a", 3),
                spec("b", 2).toBuilder().loadMode(LoadMode.OVERWRITE).build(),   // refused: not declared
                spec("c", 4));
        List<ParallelPipelineRunner.TableRun> runs = new ParallelPipelineRunner(() -> {
            InMemoryDestination d = new InMemoryDestination();
            created.add(d);
            return d;
        }, work, 2).run(specs, new ParallelPipelineRunner.Listener() {
            @Override
            public void onProgress(int index, ProgressEvent event) {
                threads.add(Thread.currentThread().getName());
                if (event.status() == ProgressEvent.Status.ENDED && index != 1) {
                    together.countDown();
                    try {
                        together.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void onEnd(ParallelPipelineRunner.TableRun run) {
                ends.incrementAndGet();
            }
        });

        assertThat(together.getCount()).isZero();
        assertThat(threads).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("destsdk-table-"));
        assertThat(ends).hasValue(3);
        assertThat(created).hasSize(3);
        assertThat(runs).extracting(ParallelPipelineRunner.TableRun::index).containsExactly(0, 1, 2);
        assertThat(runs).extracting(ParallelPipelineRunner.TableRun::succeeded).containsExactly(true, false, true);
        assertThat(runs.get(1).failure().orElseThrow().getErrorType()).isEqualTo(ErrorType.UNSUPPORTED_OPERATION);
        assertThat(runs.get(0).result().orElseThrow().loadResponse().rowsLoaded()).isEqualTo(3);
        assertThat(runs.get(2).result().orElseThrow().loadResponse().rowsLoaded()).isEqualTo(4);
        // Each destination holds exactly its own table's rows.
        List<Long> counts = new ArrayList<>();
        for (InMemoryDestination d : created) {
            counts.add(d.tables.values().stream().mapToLong(t -> t.rows().size()).sum());
        }
        assertThat(counts).containsExactlyInAnyOrder(3L, 0L, 4L);
    }

    @Test
    void aSpecCanLoadTheExistingFilesOfADirectoryAsTheyAre() throws IOException {
        Path dir = Files.createDirectories(work.resolve("given"));
        for (int part = 0; part < 2; part++) {
            try (CsvRecordWriter w = CsvRecordWriter.create(dir.resolve("success_part_0000" + part + ".csv"),
                    CsvFileFormat.DEFAULT, List.of("id", "v"))) {
                w.write(List.of(String.valueOf(part * 2 + 1), "x"));
                w.write(List.of(String.valueOf(part * 2 + 2), "y"));
            }
        }
        InMemoryDestination destination = new InMemoryDestination();
        RunResult result = new LocalPipelineRunner(destination, work.resolve("runs")).runOnce(
                RunSpec.builder(table("t")).dataDirectory(dir).loadMode(LoadMode.APPEND).build());
        assertThat(result.dataDirectory()).isEqualTo(dir);
        assertThat(result.successFiles()).hasSize(2);
        assertThat(result.rowsWritten()).isZero();
        assertThat(result.loadRequest().zeroRows()).isFalse();
        assertThat(new InMemoryInspector(destination).read(ObjectRef.of(result.mappedObject()), RowOrder.by("id"))
                .values("id")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(Files.exists(work.resolve("runs"))).as("nothing written for a spec with files").isTrue();
        try (var listing = Files.walk(work.resolve("runs"))) {
            assertThat(listing.filter(Files::isRegularFile)).isEmpty();
        }
        assertThatThrownBy(() -> RunSpec.builder(table("t")).dataDirectory(dir).addRow(1L, "x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }
}
