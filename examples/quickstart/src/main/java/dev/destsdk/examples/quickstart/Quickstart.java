package dev.destsdk.examples.quickstart;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.SchemaStrategy;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SqlScriptRequest;
import dev.destsdk.core.spi.SqlScriptResponse;
import dev.destsdk.core.spi.SqlScriptResultProcessor;
import dev.destsdk.testkit.runner.LocalPipelineRunner;
import dev.destsdk.testkit.runner.Pipeline;
import dev.destsdk.testkit.runner.RunResult;
import dev.destsdk.testkit.runner.RunSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The quickstart: plays a pipeline executor against the embedded DuckDB destination. It loads a {@code customers}
 * table (as {@code crm.qs_customers}: source schema kept, pipeline prefix {@code qs_}) (first run creates it), then merges a second batch that updates one customer twice (the later cursor value
 * wins), adds one, and soft-deletes one; then it prints the table.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples/quickstart -am test-compile exec:java}; pass a directory as the first
 * argument to keep the database file there (default: a new temporary directory).
 */
public final class Quickstart {

    private Quickstart() {
    }

    /**
     * Entry point.
     *
     * @param args optional: the working directory
     * @throws IOException when the working directory cannot be created
     */
    public static void main(String[] args) throws IOException {
        Path work = args.length > 0 ? Files.createDirectories(Path.of(args[0]))
                : Files.createTempDirectory("destsdk-quickstart");
        List<List<Object>> table = run(work, System.out);
        System.out.println("crm.qs_customers now holds " + table.size() + " rows; database: " + work.resolve("quickstart.duckdb"));
    }

    /**
     * Runs the two loads and returns the final table's rows ordered by id.
     *
     * @param work the working directory (database, stage and data files go there)
     * @param out where the walk-through is printed
     * @return the rows of {@code crm.qs_customers} ordered by id: id, email, name, balance, updated_at, _supa_deleted
     */
    static List<List<Object>> run(Path work, PrintStream out) {
        ObjectMetadata customers = ObjectMetadata.builder("customers")
                .schema("crm")
                .addField(FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build())
                .addField(FieldMetadata.builder("email", CanonicalType.STRING).build())
                .addField(FieldMetadata.builder("name", CanonicalType.STRING).build())
                .addField(FieldMetadata.builder("balance", CanonicalType.DECIMAL).precision(12).scale(2).build())
                .addField(FieldMetadata.builder("updated_at", CanonicalType.TIMESTAMP).cursorField(true).build())
                .addField(FieldMetadata.builder("_supa_deleted", CanonicalType.BOOLEAN).build())
                .build();

        // Keep the source's schema (crm) and prefix table names with the pipeline's prefix.
        NamespaceRules naming = NamespaceRules.builder()
                .schemaStrategy(SchemaStrategy.SOURCE_SCHEMA)
                .tablePrefix("qs_")
                .build();
        Map<String, String> config = Map.of(
                "path", work.resolve("quickstart.duckdb").toString(),
                "stage_dir", work.resolve("stage").toString());
        try (Destination duckdb = DestinationFactory.find("duckdb").create(config)) {
            Pipeline pipeline = new LocalPipelineRunner(duckdb, work.resolve("runs")).newPipeline();

            RunResult first = pipeline.run(RunSpec.builder(customers)
                    .namespaceRules(naming)
                    .loadMode(LoadMode.MERGE)
                    .syncTime(Instant.parse("2026-01-01T00:00:00Z"))
                    .syncId("quickstart-1")
                    .addRow(1L, "ada@example.com", "Ada", new BigDecimal("10.00"), ts("2026-01-01T00:00"), false)
                    .addRow(2L, "grace@example.com", "Grace", new BigDecimal("20.50"), ts("2026-01-01T00:00"), false)
                    .addRow(3L, "edsger@example.com", "Edsger", null, ts("2026-01-01T00:00"), false)
                    .build());
            out.println("run 1: " + first.summary());

            RunResult second = pipeline.run(RunSpec.builder(customers)
                    .namespaceRules(naming)
                    .loadMode(LoadMode.MERGE)
                    .syncTime(Instant.parse("2026-01-02T00:00:00Z"))
                    .syncId("quickstart-2")
                    // Two versions of customer 1 in one batch: the higher cursor (updated_at) wins.
                    .addRow(1L, "ada@example.org", "Ada L.", new BigDecimal("15.00"), ts("2026-01-02T09:00"), false)
                    .addRow(1L, "ada@old.example", "Ada (stale)", new BigDecimal("0.00"), ts("2026-01-02T08:00"), false)
                    .addRow(3L, "edsger@example.com", "Edsger", null, ts("2026-01-02T00:00"), true)
                    .addRow(4L, "barbara@example.com", "Barbara", new BigDecimal("7.25"), ts("2026-01-02T00:00"), false)
                    .build());
            out.println("run 2: " + second.summary());

            return printTable(duckdb, second.mappedObject(), out);
        }
    }

    private static List<List<Object>> printTable(Destination destination, ObjectMetadata mapped, PrintStream out) {
        String table = destination.getFullyQualifiedTableName(mapped.getCatalog(), mapped.getSchema(), mapped.getName());
        String sql = "SELECT id, email, name, balance, updated_at, _supa_deleted FROM " + table + " ORDER BY id";
        List<List<Object>> rows = new ArrayList<>();
        SqlScriptResponse response = destination.executeSqlScript(new SqlScriptRequest(sql,
                new SqlScriptResultProcessor() {
                    @Override
                    public void onResultStart(int index, List<String> columns) {
                        out.println(String.join(" | ", columns));
                    }

                    @Override
                    public void onRow(int index, List<Object> values) {
                        rows.add(new ArrayList<>(values));
                        out.println(values.stream().map(String::valueOf).reduce((a, b) -> a + " | " + b).orElse(""));
                    }
                }, CancellationSignal.never(), ProgressCallback.none()));
        if (!response.success()) {
            throw new IllegalStateException("query failed: " + response.errorMessage().orElse("?"));
        }
        return rows;
    }

    private static LocalDateTime ts(String text) {
        return LocalDateTime.parse(text);
    }
}
