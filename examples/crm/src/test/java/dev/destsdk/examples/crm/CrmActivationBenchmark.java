package dev.destsdk.examples.crm;

import dev.destsdk.activation.ActivationLimits;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordWriter;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.testkit.fakeapi.FakeApiSettings;
import dev.destsdk.testkit.fakeapi.FakeCrmServer;
import dev.destsdk.testkit.fakeapi.FakeObjectType;
import dev.destsdk.testkit.fakeapi.FakeProperty;
import dev.destsdk.testkit.fakeapi.RequestLogEntry;
import dev.destsdk.testkit.fakeapi.StoredRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The activation benchmark (never run by {@code mvn verify}): {@code -Drecords} (default 100,000) contacts upserted
 * through {@link CrmDestination} into the in-process fake CRM API limited to 20 calls per 1-second window and 100
 * records per call (a ceiling of 2,000 records/s), with 2% of the records failing the API's validation and 5% of the
 * calls answered 429 or 5xx; then a change-only second sync with 1% of the records changed. Prints records/s against
 * the ceiling, lost/duplicated records, peak heap, and the second sync's wall time and calls. Run it in a JVM with
 * {@code -Xmx256m}; the command is in docs/BENCHMARKS.md.
 */
public final class CrmActivationBenchmark {
    private CrmActivationBenchmark() {
    }

    /**
     * @param args none
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("records", 100_000);
        int perWindow = 20;
        FakeObjectType contacts = FakeObjectType.of("contacts", FakeProperty.uniqueId("email"),
                FakeProperty.of("firstname", FakeProperty.Type.STRING).asRequired(),
                FakeProperty.of("score", FakeProperty.Type.NUMBER), FakeProperty.reference("company", "companies"));
        FakeObjectType companies = FakeObjectType.of("companies", FakeProperty.uniqueId("domain"));
        Path dir = Files.createTempDirectory("crm-bench");
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong liveHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        used += pool.getUsage().getUsed();
                    }
                }
                peakHeap.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try (FakeCrmServer api = FakeCrmServer.start(FakeApiSettings.defaults().withToken("bench-token")
                .withRateLimit(perWindow, Duration.ofSeconds(1), FakeApiSettings.RateLimitSignal.HTTP_429)
                .withFaults(42, 0.025, 0.025, 0, 0, 0, false)
                .withTimings(Duration.ofMillis(100), 0.5, Duration.ofSeconds(5), Duration.ZERO), companies, contacts)) {
            api.seed("companies", Map.of("domain", "acme.com"));
            CrmConfig config = CrmConfig.of(api.baseUri(), ApiToken.of("bench-token"))
                    .withLimits(ActivationLimits.defaults().withBatch(100, 1 << 20).withMaxInFlight(4)
                            .withRateLimit(perWindow, Duration.ofSeconds(1))
                            .withRetries(5, Duration.ofMillis(100), Duration.ofSeconds(5)))
                    .withStateDirectory(dir.resolve("state"));
            ObjectMetadata target = ObjectMetadata.builder("customers")
                    .fields(List.of(field("mail", "email"), field("first", "firstname"), field("score", "score"),
                            FieldMetadata.builder("domain", CanonicalType.STRING).activationTargetField("company")
                                    .activationLookup(Map.of("parent_object_api_name", "companies",
                                            "parent_match_field", "domain")).build()))
                    .activationTarget(Map.of("object_api_name", "contacts"))
                    .selectedMergeKeys(List.of("email"))
                    .activationBehaviour(Map.of("operation", "UPSERT", "change_only", true)).build();
            Set<Integer> invalid = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if (i % 50 == 25) {
                    invalid.add(i); // 2%: a parent that does not exist, refused by the API
                }
            }
            System.out.printf("records=%d, window=%d calls/s, batch=100, ceiling=%d records/s, -Xmx=%d MiB%n", n,
                    perWindow, perWindow * 100, Runtime.getRuntime().maxMemory() >> 20);
            Run first = run(config, target, dir.resolve("sync1"), n, invalid, i -> "F" + i);
            long calls1 = api.batchRequests().size();
            Map<String, Long> outcomes1 = outcomes(api.batchRequests());
            List<StoredRecord> stored = api.records("contacts");
            Set<String> storedMails = new HashSet<>();
            stored.forEach(r -> storedMails.add(r.get("email")));
            double rate = (first.success + first.failed) / first.seconds;
            System.out.printf("sync 1: %.1f s, %.0f records/s = %.1f%% of the ceiling; %d succeeded, %d failed; "
                    + "%d calls %s; API holds %d records (%s); routed twice: %d%n", first.seconds, rate,
                    100 * rate / (perWindow * 100), first.success, first.failed, calls1, outcomes1, stored.size(),
                    storedMails.size() == first.success && first.success + first.failed == n ? "exact" : "MISMATCH",
                    first.duplicates);
            api.clearLog();
            Run second = run(config, target, dir.resolve("sync2"), n, invalid, i -> i % 100 == 3 ? "G" + i : "F" + i);
            List<RequestLogEntry> calls2 = api.batchRequests();
            System.out.printf("sync 2 (change-only, 1%% changed): %.1f s; %d calls carrying %d records; %d "
                    + "succeeded, %d failed%n", second.seconds, calls2.size(),
                    calls2.stream().mapToInt(RequestLogEntry::inputs).sum(), second.success, second.failed);
            System.gc();
            liveHeap.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        sampler.interrupt();
        System.out.printf("peak heap used: %d MiB (sampled every 20 ms, garbage included); live heap after a full GC "
                + "with the fake API still holding its records: %d MiB%n", peakHeap.get() >> 20, liveHeap.get() >> 20);
    }

    private record Run(double seconds, long success, long failed, long duplicates) { }

    private static Run run(CrmConfig config, ObjectMetadata target, Path data, int n, Set<Integer> invalid,
                           java.util.function.IntFunction<String> first) throws Exception {
        Files.createDirectories(data);
        try (CsvRecordWriter w = CsvRecordWriter.create(data.resolve("success_part_00000.csv"), CsvFileFormat.DEFAULT,
                List.of("mail", "first", "score", "domain"))) {
            for (int i = 0; i < n; i++) {
                w.write(Arrays.asList("b" + i + "@bench.io", first.apply(i), String.valueOf(i),
                        invalid.contains(i) ? "missing.org" : "acme.com"));
            }
        }
        LongAdder success = new LongAdder();
        LongAdder failed = new LongAdder();
        Set<String> seen = new HashSet<>();
        AtomicLong duplicates = new AtomicLong();
        try (CrmDestination d = new CrmDestination(config)) {
            ObjectMetadata mapped = d.mapToTargetObject(target, NamespaceRules.defaults(), java.util.Optional.empty());
            long t0 = System.nanoTime();
            LoadResponse r = d.load(LoadRequest.builder(new SyncContext(Instant.now(), "bench"),
                            MetadataMapping.firstRun(mapped), data)
                    .loadMode(LoadMode.MERGE).destinationTableHandling(DestinationTableHandling.MERGE)
                    .schemaEvolutionMode(SchemaEvolutionMode.BLOCK_ALL)
                    .successRecordProcessor(rec -> {
                        success.increment();
                        if (!seen.add(String.valueOf(rec.get("mail")))) {
                            duplicates.incrementAndGet();
                        }
                    })
                    .errorRecordProcessor(rec -> {
                        failed.increment();
                        if (!seen.add(String.valueOf(rec.get("mail")))) {
                            duplicates.incrementAndGet();
                        }
                    }).build());
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (r.rowsLoaded() != success.sum() || r.rowsFailed() != failed.sum()) {
                throw new IllegalStateException("LoadResponse " + r + " does not match the processors");
            }
            return new Run(seconds, success.sum(), failed.sum(), duplicates.get());
        }
    }

    private static Map<String, Long> outcomes(List<RequestLogEntry> calls) {
        Map<String, Long> m = new java.util.TreeMap<>();
        calls.forEach(c -> m.merge(c.outcome(), 1L, Long::sum));
        return m;
    }

    private static FieldMetadata field(String name, String target) {
        return FieldMetadata.builder(name, CanonicalType.STRING).activationTargetField(target).build();
    }
}
