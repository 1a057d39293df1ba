package dev.destsdk.examples.benchmark;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.examples.benchmark.data.BenchColumn;
import dev.destsdk.examples.benchmark.data.BenchSchema;
import dev.destsdk.jdbc.bulk.CsvPassThrough;
import dev.destsdk.jdbc.bulk.ValueRules;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the steady-state cost of the SDK's checks on a data file of the warehouse benchmark's schema, as the
 * DuckDB loader runs them beside DuckDB's own read: {@link CsvPassThrough#checkOnly} over the whole file, several
 * passes in one JVM, so that later passes run fully compiled code. Not run in CI.
 *
 * <p>Run, with a data set the warehouse benchmark generated: {@code mvn -q -pl examples/benchmark -am package
 * -DskipTests && java -cp examples/benchmark/target/destsdk-benchmark.jar
 * dev.destsdk.examples.benchmark.CheckOnlyBenchmark bench-data/load-n2000000-s42/success_part_00000.csv [passes=6]}
 */
public final class CheckOnlyBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(CheckOnlyBenchmark.class);

    private CheckOnlyBenchmark() {
    }

    /**
     * @param args the data file (the benchmark's columns, its CSV format), then the number of passes
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: CheckOnlyBenchmark <data file> [passes]");
        }
        Path file = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        List<ColumnDef> columns = BenchSchema.COLUMNS.stream().map(CheckOnlyBenchmark::column).toList();
        ValueRules rules = new ValueRules(columns, CsvFileFormat.DEFAULT, String::equals);
        long bytes = Files.size(file);
        for (int pass = 1; pass <= passes; pass++) {
            long started = System.nanoTime();
            long records;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                 CsvPassThrough check = CsvPassThrough.checkOnly(in, CsvFileFormat.DEFAULT, rules)) {
                while (check.advance()) {
                    // one 64 KiB input buffer checked per step
                }
                if (check.failure().isPresent()) {
                    throw check.failure().get();
                }
                records = check.records();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.info("pass {}: {} records in {} s, {} MB/s", pass, records, String.format("%.2f", seconds),
                    String.format("%.0f", bytes / seconds / 1e6));
        }
    }

    private static ColumnDef column(BenchColumn c) {
        ColumnType type = c.precision().isPresent()
                ? ColumnType.of(c.type(), c.precision().get(), c.scale().orElse(0)) : ColumnType.of(c.type());
        return new ColumnDef(c.name(), type, c.type().name(), c.nullable(), Optional.empty());
    }
}
