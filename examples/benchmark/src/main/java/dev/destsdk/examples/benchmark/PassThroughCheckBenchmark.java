package dev.destsdk.examples.benchmark;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.bulk.CsvPassThrough;
import dev.destsdk.jdbc.bulk.ValueRules;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures what the SDK's value checks cost on the pass-through path: the same generated file (the benchmark's
 * column mix: key, strings, decimal, integer, timestamp, boolean, date) read through {@link CsvPassThrough} without
 * checks (the baseline, as before issue 9) and with {@link ValueRules}, alternating, in one JVM. Not run in CI.
 *
 * <p>Run: {@code mvn -q -pl examples/benchmark -am package -DskipTests && java -cp
 * examples/benchmark/target/destsdk-benchmark.jar dev.destsdk.examples.benchmark.PassThroughCheckBenchmark
 * [rows=2000000] [runs=3]}
 */
public final class PassThroughCheckBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(PassThroughCheckBenchmark.class);

    private PassThroughCheckBenchmark() {
    }

    /**
     * @param args rows, then runs
     * @throws IOException when the temporary file cannot be written
     */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<ColumnDef> columns = List.of(
                column("id", CanonicalType.LONG, false), column("name", CanonicalType.STRING, true),
                column("email", CanonicalType.STRING, true), column("amount", CanonicalType.DECIMAL, true),
                column("qty", CanonicalType.INTEGER, true), column("created", CanonicalType.TIMESTAMP_TZ, true),
                column("active", CanonicalType.BOOLEAN, true), column("day", CanonicalType.DATE, true),
                column("note", CanonicalType.STRING, true));
        Path file = Files.createTempFile("destsdk-check-bench", ".csv");
        try {
            write(file, rows);
            long bytes = Files.size(file);
            LOG.info("file: {} rows, {} MB", rows, bytes >> 20);
            ValueRules rules = new ValueRules(columns, CsvFileFormat.DEFAULT, String::equals);
            read(file, null, columns.size());
            read(file, rules, columns.size());
            for (int run = 1; run <= runs; run++) {
                double plain = read(file, null, columns.size());
                double checked = read(file, rules, columns.size());
                LOG.info("run {}: unchecked {} MB/s, checked {} MB/s, ratio {}", run,
                        String.format("%.0f", bytes / plain / (1 << 20)),
                        String.format("%.0f", bytes / checked / (1 << 20)), String.format("%.2f", checked / plain));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static ColumnDef column(String name, CanonicalType type, boolean nullable) {
        ColumnType t = type == CanonicalType.DECIMAL ? ColumnType.of(type, 12, 2) : ColumnType.of(type);
        return new ColumnDef(name, t, type.name(), nullable, Optional.empty());
    }

    private static void write(Path file, int rows) throws IOException {
        Random random = new Random(1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,name,email,amount,qty,created,active,day,note\n");
            for (int i = 0; i < rows; i++) {
                w.write(i + ",\"Name " + random.nextInt(100_000) + "\",user" + i + "@example.com,"
                        + random.nextInt(1_000_000) / 100.0 + "," + random.nextInt(1000) + ",2024-0"
                        + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T1" + random.nextInt(10) + ":3"
                        + random.nextInt(10) + ":00.123456Z," + random.nextBoolean() + ",2024-05-2"
                        + random.nextInt(10) + "," + (random.nextInt(5) == 0 ? "" : "\"a note, quoted \"\"x\"\"\"")
                        + "\n");
            }
        }
    }

    /** @return seconds to read the whole file through the pass-through */
    private static double read(Path file, ValueRules rules, int fields) throws IOException {
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(file);
             CsvPassThrough pass = rules == null
                     ? new CsvPassThrough(in, CsvFileFormat.DEFAULT, fields, "", List.of())
                     : new CsvPassThrough(in, CsvFileFormat.DEFAULT, rules, "", List.of())) {
            pass.transferTo(OutputStream.nullOutputStream());
            pass.throwIfFailed(dev.destsdk.jdbc.bulk.LoadFile.of(file, CsvFileFormat.DEFAULT));
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
