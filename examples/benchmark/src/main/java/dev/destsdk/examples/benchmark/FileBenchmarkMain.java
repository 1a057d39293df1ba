package dev.destsdk.examples.benchmark;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRecordWriter;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.SchemaStrategy;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.examples.benchmark.data.BenchSchema;
import dev.destsdk.examples.benchmark.data.Dataset;
import dev.destsdk.examples.benchmark.data.DatasetStore;
import dev.destsdk.examples.benchmark.harness.HeapMonitor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The file-destination benchmark (issue 7): CSV → Parquet (ZSTD) of the benchmark's initial-load file split into 4
 * data parts, through the filesystem connector on the local store and on an S3-compatible server (s3proxy, in the
 * parent JVM on 127.0.0.1), against DuckDB's own {@code COPY (SELECT … FROM read_csv(… explicit types …)) TO
 * '….parquet' (FORMAT parquet, COMPRESSION zstd)} on the same files, in the same run. Each run is a fresh child JVM
 * with {@code -Xmx256m}; the report gives wall time (median, min, max) and peak heap. Never runs in CI.
 *
 * <p>Usage: {@code java -cp destsdk-benchmark.jar dev.destsdk.examples.benchmark.FileBenchmarkMain
 * [--rows=2000000] [--runs=3] [--data=bench-data] [--heap=256m]}. The Markdown report goes to standard output.
 */
public final class FileBenchmarkMain {
    private static final long SEED = 42;
    private static final int PARTS = 4;
    private static final String ACCESS = "bench";
    private static final String SECRET = "bench-secret";
    private static final List<String> SCENARIOS = List.of("duckdb-copy-parquet", "sdk-parquet-local",
            "sdk-parquet-s3");

    private FileBenchmarkMain() {
    }

    /**
     * @param args see the class documentation
     * @throws Exception when the benchmark fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        if (opts.containsKey("child")) {
            child(opts);
            return;
        }
        long rows = Long.parseLong(opts.getOrDefault("rows", "2000000"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "3"));
        String heap = opts.getOrDefault("heap", "256m");
        Path data = Path.of(opts.getOrDefault("data", "bench-data")).toAbsolutePath();
        Dataset dataset = new DatasetStore(data).initialLoad(rows, SEED);
        Path parts = split(dataset, data.resolve("file-parts-n" + rows + "-s" + SEED));
        System.err.printf("data: %,d rows in %d parts under %s%n", rows, PARTS, parts);
        S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        Map<String, List<long[]>> results = new LinkedHashMap<>();
        try {
            for (int round = 0; round <= runs; round++) {
                List<String> order = new ArrayList<>(SCENARIOS);
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String scenario : order) {
                    Path out = Files.createTempDirectory(data, "file-bench-out");
                    String bucket = "bench-" + round + "-" + scenario.replace('-', 'x');
                    if (scenario.endsWith("s3")) {
                        createBucket(endpoint, bucket);
                    }
                    long[] r = runChild(heap, scenario, parts, out, endpoint, bucket);
                    deleteTree(out);
                    System.err.printf("%s %s: %.2f s, peak heap %d MiB, %,d rows, %,d bytes%n",
                            round == 0 ? "warm-up" : "run " + round, scenario, r[0] / 1000.0, r[1] >> 20, r[2], r[3]);
                    if (round > 0) {
                        results.computeIfAbsent(scenario, k -> new ArrayList<>()).add(r);
                    }
                }
            }
        } finally {
            proxy.stop();
        }
        System.out.println(report(rows, runs, heap, dataset, results));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, got " + a);
            }
            opts.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return opts;
    }

    /** Splits the data file into {@value #PARTS} data parts at record boundaries, once (kept while complete). */
    private static Path split(Dataset dataset, Path dir) throws IOException {
        Path done = dir.resolve("_complete");
        if (Files.exists(done)) {
            return dir;
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        long perPart = (dataset.rows() + PARTS - 1) / PARTS;
        List<String> columns = BenchSchema.columnNames();
        CsvRecordWriter writer = null;
        long n = 0;
        int part = 0;
        try (CsvRecordReader reader = CsvRecordReader.open(dataset.file(), CsvFileFormat.DEFAULT)) {
            Optional<CsvRow> row;
            while ((row = reader.next()).isPresent()) {
                if (writer == null || n == perPart) {
                    if (writer != null) {
                        writer.close();
                    }
                    writer = CsvRecordWriter.create(dir.resolve(String.format("success_part_%05d.csv", part++)),
                            CsvFileFormat.DEFAULT, columns);
                    n = 0;
                }
                writer.write(row.get().values());
                n++;
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        Files.writeString(done, "ok");
        return dir;
    }

    private static void createBucket(String endpoint, String bucket) {
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS, SECRET))).build()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    private static long[] runChild(String heap, String scenario, Path parts, Path out, String endpoint,
                                   String bucket) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                FileBenchmarkMain.class.getName(), "--child=" + scenario, "--parts=" + parts, "--out=" + out,
                "--endpoint=" + endpoint, "--bucket=" + bucket);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException(scenario + " failed (exit " + exit + ")");
        }
        String[] f = result.split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])};
    }

    /** One measured run in this (child) JVM; prints {@code RESULT millis peakHeap rows bytes}. */
    private static void child(Map<String, String> opts) throws Exception {
        String scenario = opts.get("child");
        Path parts = Path.of(opts.get("parts"));
        Path out = Path.of(opts.get("out"));
        HeapMonitor heap = HeapMonitor.start();
        long t0 = System.nanoTime();
        long rows;
        if (scenario.equals("duckdb-copy-parquet")) {
            rows = duckdb(parts, out);
        } else {
            Map<String, String> config = new LinkedHashMap<>();
            if (scenario.endsWith("s3")) {
                config.put("store", "s3");
                config.put("bucket", opts.get("bucket"));
                config.put("endpoint", opts.get("endpoint"));
                config.put("access_key_id", ACCESS);
                config.put("secret_access_key", SECRET);
            } else {
                config.put("store", "local");
                config.put("path", out.toString());
            }
            config.put("format", "parquet");
            config.put("compression", "zstd");
            config.put("threads", "2");
            rows = sdk(config, parts);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        HeapMonitor.HeapFigures figures = heap.stop();
        long bytes;
        try (Stream<Path> files = Files.walk(out)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.println("RESULT " + millis + " " + figures.peakUsed() + " " + rows + " " + bytes);
    }

    private static long sdk(Map<String, String> config, Path parts) {
        SyncContext sync = new SyncContext(Instant.parse("2024-06-01T12:00:00Z"), "bench-1");
        NamespaceRules rules = NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema("bench")
                .build();
        try (Destination d = DestinationFactory.find("filesystem").create(config)) {
            ObjectMetadata target = d.mapToTargetObject(BenchSchema.sourceObject("bench_load"), rules,
                    Optional.empty());
            MetadataMapping mapping = MetadataMapping.firstRun(target);
            StageResponse staged = d.stage(new StageRequest(sync, mapping, parts, CsvFileFormat.DEFAULT,
                    CancellationSignal.never(), e -> { }));
            LoadResponse loaded = d.load(LoadRequest.builder(sync, mapping, parts).fileFormat(CsvFileFormat.DEFAULT)
                    .stageLocation(staged.stageLocation().orElseThrow()).loadMode(LoadMode.APPEND).build());
            return loaded.rowsLoaded();
        }
    }

    private static long duckdb(Path parts, Path out) throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(parts)) {
            s.filter(p -> p.getFileName().toString().startsWith("success_part_")).sorted()
                    .forEach(p -> files.add("'" + p + "'"));
        }
        String columns = "{'id': 'BIGINT', 'updated_at': 'TIMESTAMP', 'qty': 'INTEGER', 'amount': 'DECIMAL(18,4)',"
                + " 'score': 'DOUBLE', 'active': 'BOOLEAN', 'birth_date': 'DATE', 'created_at': 'TIMESTAMPTZ',"
                + " 'code': 'VARCHAR', 'description': 'VARCHAR', 'ref': 'UUID', 'note': 'VARCHAR'}";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            return s.executeUpdate("COPY (SELECT * FROM read_csv([" + String.join(", ", files) + "], header = true,"
                    + " auto_detect = false, delim = ',', quote = '\"', escape = '\"', nullstr = '',"
                    + " allow_quoted_nulls = false, columns = " + columns + ")) TO '" + out.resolve("duck.parquet")
                    + "' (FORMAT parquet, COMPRESSION zstd)");
        }
    }

    private static String report(long rows, int runs, String heap, Dataset dataset,
                                 Map<String, List<long[]>> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "CSV → Parquet (ZSTD), %,d rows (%,d bytes) in %d data parts; %d runs"
                + " after 1 warm-up, each in a fresh JVM with -Xmx%s%n%n", rows, dataset.bytes(), PARTS, runs, heap));
        b.append("| scenario | wall median (min–max) | peak heap | output bytes | vs DuckDB |\n|---|---|---|---|---|\n");
        double base = median(results.get("duckdb-copy-parquet"));
        for (Map.Entry<String, List<long[]>> e : results.entrySet()) {
            List<long[]> r = e.getValue();
            double med = median(r);
            long min = r.stream().mapToLong(x -> x[0]).min().orElse(0);
            long max = r.stream().mapToLong(x -> x[0]).max().orElse(0);
            long peak = r.stream().mapToLong(x -> x[1]).max().orElse(0);
            b.append(String.format(Locale.ROOT, "| %s | %.2f s (%.2f–%.2f) | %d MiB | %,d | %.2f× |%n", e.getKey(),
                    med / 1000, min / 1000.0, max / 1000.0, peak >> 20, r.get(0)[3], med / base));
        }
        return b.toString();
    }

    private static double median(List<long[]> runs) {
        long[] t = runs.stream().mapToLong(x -> x[0]).sorted().toArray();
        return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2.0;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
