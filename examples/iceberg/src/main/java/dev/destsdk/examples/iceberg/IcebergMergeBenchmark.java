package dev.destsdk.examples.iceberg;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordWriter;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.format.ParquetFormat;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.examples.filesystem.FileSystemDestination;
import dev.destsdk.file.FileWriteOptions;
import dev.destsdk.iceberg.IcebergDestination;
import dev.destsdk.iceberg.IcebergDestinationConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.iceberg.Snapshot;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MERGE into an Iceberg table through the SDK, beside a plain Parquet APPEND of the same batch, in one run on the
 * local store. Never run in CI.
 *
 * <ol>
 *   <li>generates {@code -Dbench.baseRows} rows (default 20,000; the documented run uses 2,000,000) and a batch of
 *       {@code -Dbench.batchRows} rows (default 5,000; documented 500,000) of which half update existing keys and
 *       half are new, as CSV data files in 4 parts each (12 columns, key {@code id}, cursor {@code updated_at});</li>
 *   <li>loads the base rows into an Iceberg table (APPEND; reported, not compared);</li>
 *   <li>{@code -Dbench.rounds} times (default 1), in this order in odd rounds and in reverse order in even
 *       rounds: timed plain Parquet APPEND of the batch through the filesystem example's connector (the file
 *       catalog); timed Iceberg APPEND of the batch into a new table (the Iceberg commit's own cost); timed Iceberg
 *       MERGE of the batch into the base table (dedup index, equality and position deletes, one row-delta
 *       commit).</li>
 * </ol>
 * Each phase reports wall time, the process's CPU time (all threads; less sensitive than wall time to other work on
 * the machine) and the peak heap (sum of the heap pools' peaks, reset before the phase). Run with
 * {@code -Xmx256m}; the runtime class path has no Hadoop jar.
 */
public final class IcebergMergeBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergMergeBenchmark.class);
    private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");
    private static final int PARTS = 4;

    private IcebergMergeBenchmark() {
    }

    /**
     * @param args optional work directory (default: a new temporary directory, deleted at the end)
     * @throws Exception when a phase fails
     */
    public static void main(String[] args) throws Exception {
        int baseRows = Integer.getInteger("bench.baseRows", 20_000);
        int batchRows = Integer.getInteger("bench.batchRows", 5_000);
        Path work = args.length > 0 ? Files.createDirectories(Path.of(args[0]))
                : Files.createTempDirectory("destsdk-iceberg-bench");
        LOG.info("base {} rows, batch {} rows ({} updates), work {}, max heap {} MiB", baseRows, batchRows,
                batchRows / 2, work, Runtime.getRuntime().maxMemory() >> 20);
        ObjectMetadata source = source();
        Path base = generate(work.resolve("base"), source, 0, baseRows, baseRows, 1);
        Path batch = generate(work.resolve("batch"), source, 1, batchRows, baseRows, 2);
        List<String> results = new ArrayList<>();
        try (IcebergDestination iceberg = new IcebergDestination(IcebergDestinationConfig.sqlite(
                new LocalObjectStore(work.resolve("lake")), "wh", work.resolve("catalog.db")))) {
            results.add(phase("Iceberg APPEND of the base rows (setup)", iceberg, source, "target", base,
                    LoadMode.APPEND, "base"));
            int rounds = Integer.getInteger("bench.rounds", 1);
            try (Destination plain = new FileSystemDestination(new LocalObjectStore(work.resolve("plain")),
                    ParquetFormat.of(CompressionCodecName.ZSTD), new PathLayout("lake"), FileWriteOptions.DEFAULT)) {
                for (int r = 1; r <= rounds; r++) {
                    List<Runnable> order = new ArrayList<>();
                    int round = r;
                    order.add(() -> results.add(phase("round " + round + ": plain Parquet APPEND of the batch", plain,
                            source, "plain_" + round, batch, LoadMode.APPEND, "batch-" + round)));
                    order.add(() -> results.add(phase("round " + round + ": Iceberg APPEND of the batch", iceberg,
                            source, "fresh_" + round, batch, LoadMode.APPEND, "batch-" + round)));
                    order.add(() -> results.add(phase("round " + round + ": Iceberg MERGE of the batch", iceberg,
                            source, "target", batch, LoadMode.MERGE, "merge-" + round)));
                    if (round % 2 == 0) {
                        java.util.Collections.reverse(order);
                    }
                    order.forEach(Runnable::run);
                }
            }
            Snapshot s = iceberg.icebergCommitter().load(new TableId("default", "target")).orElseThrow()
                    .currentSnapshot();
            Map<String, String> summary = s.summary();
            results.add(String.format(Locale.ROOT, "MERGE snapshot: added-records=%s added-equality-deletes=%s"
                            + " added-position-deletes=%s total-records=%s total-equality-deletes=%s",
                    summary.get("added-records"), summary.get("added-equality-deletes"),
                    summary.get("added-position-deletes"), summary.get("total-records"),
                    summary.get("total-equality-deletes")));
        } finally {
            if (args.length == 0) {
                delete(work);
            }
        }
        results.forEach(r -> LOG.info("RESULT {}", r));
    }

    private static ObjectMetadata source() {
        List<FieldMetadata> fields = List.of(
                FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).build(),
                FieldMetadata.builder("updated_at", CanonicalType.TIMESTAMP_TZ).cursorField(true).build(),
                FieldMetadata.builder("name", CanonicalType.STRING).build(),
                FieldMetadata.builder("email", CanonicalType.STRING).build(),
                FieldMetadata.builder("amount", CanonicalType.DECIMAL).precision(12).scale(2).build(),
                FieldMetadata.builder("qty", CanonicalType.INTEGER).build(),
                FieldMetadata.builder("score", CanonicalType.DOUBLE).build(),
                FieldMetadata.builder("active", CanonicalType.BOOLEAN).build(),
                FieldMetadata.builder("created", CanonicalType.DATE).build(),
                FieldMetadata.builder("note", CanonicalType.STRING).build(),
                FieldMetadata.builder("seen_at", CanonicalType.TIMESTAMP).build(),
                FieldMetadata.builder("code", CanonicalType.STRING).build());
        return ObjectMetadata.builder("bench").schema("default").fields(fields).build();
    }

    /**
     * Writes {@code rows} rows in {@link #PARTS} data files. Batch rows (batch = 1): even rows update key
     * {@code (i * 7919) % baseRows} (spread over the table), odd rows are new keys from {@code baseRows} on.
     */
    private static Path generate(Path dir, ObjectMetadata source, int batch, int rows, int baseRows, int version)
            throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(42 + batch);
        List<String> header = source.getFieldNames();
        int perPart = (rows + PARTS - 1) / PARTS;
        int i = 0;
        for (int part = 0; part < PARTS; part++) {
            try (CsvRecordWriter w = CsvRecordWriter.create(dir.resolve(String.format("success_part_%05d.csv",
                    part)), CsvFileFormat.DEFAULT, header)) {
                for (int n = 0; n < perPart && i < rows; n++, i++) {
                    long id = batch == 0 ? i : (i % 2 == 0 ? (i * 7919L) % baseRows : baseRows + i);
                    w.write(List.of(Long.toString(id), "2024-05-" + String.format("%02d", 1 + version)
                                    + "T10:00:00.123456+00:00", "name-" + id + "-v" + version,
                            "user" + id + "@example.com", (random.nextInt(1_000_000) / 100) + "."
                                    + String.format("%02d", random.nextInt(100)),
                            Integer.toString(random.nextInt(1000)), Double.toString(random.nextDouble()),
                            Boolean.toString(random.nextBoolean()), "2023-" + String.format("%02d",
                                    1 + random.nextInt(12)) + "-15",
                            "note " + Long.toHexString(random.nextLong()), "2024-01-01T00:00:" + String.format(
                                    "%02d", random.nextInt(60)), "C" + random.nextInt(50)));
                }
            }
        }
        return dir;
    }

    private static String phase(String name, Destination destination, ObjectMetadata source, String table,
                                Path data, LoadMode mode, String syncId) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long startCpu = processCpuNanos();
        ObjectMetadata named = source.toBuilder().name(table).build();
        ObjectMetadata mapped = destination.mapToTargetObject(named, NamespaceRules.defaults(), Optional.empty());
        MetadataMapping mapping = new MetadataMapping(mapped, Optional.empty(), Optional.empty());
        SyncContext sync = new SyncContext(T0.plusSeconds(syncId.hashCode() & 0xffff), syncId);
        StageResponse staged = destination.stage(new StageRequest(sync, mapping, data, CsvFileFormat.DEFAULT,
                CancellationSignal.never(), event -> { }));
        LoadResponse loaded = destination.load(LoadRequest.builder(sync, mapping, data)
                .stageLocation(staged.stageLocation().orElseThrow()).loadMode(mode).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - startCpu) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
        String line = String.format(Locale.ROOT, "%-50s %7.2f s wall, %7.2f s CPU, peak heap %4d MiB, %s", name,
                seconds, cpu, peak, loaded.message());
        LOG.info(line);
        return line;
    }

    /** @return the CPU time of the whole process (every thread, GC included), or 0 where the JVM cannot tell */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
