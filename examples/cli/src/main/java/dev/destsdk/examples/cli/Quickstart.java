package dev.destsdk.examples.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.MetadataJson;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.SchemaStrategy;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.SqlScriptRequest;
import dev.destsdk.core.spi.SqlScriptResponse;
import dev.destsdk.core.spi.SqlScriptResultProcessor;
import dev.destsdk.examples.crm.ApiToken;
import dev.destsdk.examples.crm.CrmConfig;
import dev.destsdk.examples.crm.CrmDestination;
import dev.destsdk.testkit.fakeapi.FakeApiSettings;
import dev.destsdk.testkit.fakeapi.FakeCrmServer;
import dev.destsdk.testkit.fakeapi.FakeObjectType;
import dev.destsdk.testkit.fakeapi.FakeProperty;
import dev.destsdk.testkit.fakeapi.StoredRecord;
import dev.destsdk.testkit.runner.LocalPipelineRunner;
import dev.destsdk.testkit.runner.Pipeline;
import dev.destsdk.testkit.runner.RunResult;
import dev.destsdk.testkit.runner.RunSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quickstart: two syncs of a small shop (customers and orders) through the testkit's {@link LocalPipelineRunner}
 * into four destinations, the way an executor drives them:
 * <ul>
 *   <li>DuckDB (embedded file): MERGE; the second sync updates rows, hard-deletes one customer and one order, and
 *       adds the column {@code tier} (schema evolution);</li>
 *   <li>Parquet files on the local disk: APPEND, one partition per sync ({@code sync_id=...});</li>
 *   <li>an Iceberg table with its embedded catalog (SQLite): MERGE on both syncs, hard deletes on the second;</li>
 *   <li>the CRM connector against the fake CRM API started in-process: customers as contacts, UPSERT by email,
 *       change-only: the second sync sends only changed customers, one of which the API refuses (an unknown
 *       lifecycle stage).</li>
 * </ul>
 * Then it prints a summary table, where each output lies and a command to look at it.
 */
final class Quickstart {
    private static final String TOKEN = "quickstart-token";
    private static final Instant T1 = Instant.parse("2026-01-01T18:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-02T18:00:00Z");

    /**
     * One line of the summary: one destination, one sync, both tables.
     *
     * @param destination the destination
     * @param sync 1 or 2
     * @param mode the load mode
     * @param loaded rows written (inserted or updated)
     * @param merged of those, rows that replaced an existing row
     * @param deleted rows removed by hard deletes
     * @param failed rows refused (error record processor)
     * @param requests HTTP requests sent (CRM), -1 for other destinations
     * @param time wall time
     */
    record Line(String destination, int sync, String mode, long loaded, long merged, long deleted, long failed,
                long requests, Duration time) {
    }

    /**
     * What the quickstart did.
     *
     * @param lines the summary lines
     * @param duckdbFile the DuckDB database
     * @param lakeDirectory the Parquet root
     * @param icebergDirectory the Iceberg warehouse
     * @param crmRecords the fake API's contacts after both syncs
     */
    record Outcome(List<Line> lines, Path duckdbFile, Path lakeDirectory, Path icebergDirectory,
                   List<StoredRecord> crmRecords) {
    }

    private Quickstart() {
    }

    private static final ObjectMetadata CUSTOMERS = ObjectMetadata.builder("customers").schema("shop")
            .addField(FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build())
            .addField(FieldMetadata.builder("email", CanonicalType.STRING).activationTargetField("email").build())
            .addField(FieldMetadata.builder("name", CanonicalType.STRING).activationTargetField("firstname").build())
            .addField(FieldMetadata.builder("country", CanonicalType.STRING).activationTargetField("country").build())
            .addField(FieldMetadata.builder("stage", CanonicalType.STRING).activationTargetField("lifecyclestage")
                    .build())
            .addField(FieldMetadata.builder("updated_at", CanonicalType.TIMESTAMP).cursorField(true).build())
            .addField(FieldMetadata.builder("_supa_deleted", CanonicalType.BOOLEAN).build())
            .build();
    /** The second sync's customers: a new column. */
    private static final ObjectMetadata CUSTOMERS_2 = CUSTOMERS.toBuilder()
            .addField(FieldMetadata.builder("tier", CanonicalType.STRING).build()).build();
    private static final ObjectMetadata ORDERS = ObjectMetadata.builder("orders").schema("shop")
            .addField(FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build())
            .addField(FieldMetadata.builder("customer_id", CanonicalType.LONG).build())
            .addField(FieldMetadata.builder("amount", CanonicalType.DECIMAL).precision(10).scale(2).build())
            .addField(FieldMetadata.builder("status", CanonicalType.STRING).build())
            .addField(FieldMetadata.builder("ordered_at", CanonicalType.TIMESTAMP).cursorField(true).build())
            .addField(FieldMetadata.builder("_supa_deleted", CanonicalType.BOOLEAN).build())
            .build();
    private static final NamespaceRules RULES = NamespaceRules.builder()
            .schemaStrategy(SchemaStrategy.SOURCE_SCHEMA).build();

    /**
     * Runs both syncs into every destination and prints the walk-through.
     *
     * @param work the working directory (created when missing)
     * @param out where the summary goes
     * @param bars whether to draw progress bars (on a terminal) or print plain lines
     * @return what happened
     */
    static Outcome run(Path work, PrintStream out, boolean bars) {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot create " + work + ": " + e.getMessage())
                    .cause(e).build();
        }
        List<List<String>> customers1 = rows("sync1/customers.csv");
        List<List<String>> orders1 = rows("sync1/orders.csv");
        List<List<String>> customers2 = rows("sync2/customers.csv");
        List<List<String>> orders2 = rows("sync2/orders.csv");
        long allRows = customers1.size() + orders1.size() + customers2.size() + orders2.size();
        out.println("destsdk quickstart: 2 syncs of shop.customers and shop.orders (" + allRows + " rows) into"
                + " DuckDB, Parquet files, Iceberg and a CRM API; work directory " + work);
        List<Line> lines = new ArrayList<>();

        Path duckdbFile = work.resolve("quickstart.duckdb");
        try (Destination duckdb = DestinationFactory.find("duckdb").create(Map.of("path", duckdbFile.toString(),
                "stage_dir", work.resolve("duckdb-stage").toString()))) {
            lines.addAll(twoSyncs("DuckDB", duckdb, work, out, bars, LoadMode.MERGE, true,
                    customers1, orders1, customers2, orders2, null));
        }
        Path lake = work.resolve("lake");
        try (Destination files = DestinationFactory.find("filesystem").create(Map.of("path", lake.toString(),
                "format", "parquet"))) {
            lines.addAll(twoSyncs("Parquet files", files, work, out, bars, LoadMode.APPEND, false,
                    customers1, orders1, customers2, orders2, null));
        }
        Path iceberg = work.resolve("iceberg");
        try (Destination lakeTable = Destinations.create("iceberg", Map.of("path", iceberg.toString()))) {
            lines.addAll(twoSyncs("Iceberg", lakeTable, work, out, bars, LoadMode.MERGE, true,
                    customers1, orders1, customers2, orders2, null));
        }
        List<StoredRecord> contacts;
        try (FakeCrmServer api = FakeCrmServer.start(FakeApiSettings.defaults().withToken(TOKEN),
                FakeObjectType.of("contacts", FakeProperty.uniqueId("email"),
                        FakeProperty.of("firstname", FakeProperty.Type.STRING),
                        FakeProperty.of("country", FakeProperty.Type.STRING),
                        FakeProperty.enumeration("lifecyclestage", "lead", "customer")));
             Destination crm = new CrmDestination(CrmConfig.of(api.baseUri(), ApiToken.of(TOKEN))
                     .withLimits(Destinations.quickstartLimits()).withStateDirectory(work.resolve("crm-state")))) {
            lines.addAll(twoSyncs("CRM API", crm, work, out, bars, LoadMode.MERGE, false,
                    customers1, null, customers2, null, api));
            contacts = api.records("contacts");
        }
        Path contactsFile = work.resolve("crm-contacts.json");
        writeContacts(contacts, contactsFile);

        out.println();
        TextTable summary = new TextTable(List.of("destination", "sync", "mode", "loaded", "merged", "deleted",
                "failed", "requests", "time"));
        for (Line l : lines) {
            summary.add(List.of(l.destination(), l.sync(), l.mode(), l.loaded(), l.merged(), l.deleted(), l.failed(),
                    l.requests() < 0 ? "-" : l.requests(), LoadCommand.seconds(l.time())));
        }
        summary.print(out);
        out.println();
        printCustomers(duckdbFile, work, out);
        out.println();
        out.println("Where the output lies, and a command to look at it:");
        out.println("  DuckDB    " + duckdbFile);
        out.println("            ./destsdk sql -d duckdb -s path=" + duckdbFile
                + " \"SELECT * FROM shop.customers ORDER BY id\"");
        out.println("  Parquet   " + lake.resolve("shop") + "  (year=/month=/day=/hour=/sync_id= partitions)");
        out.println("            ./destsdk sql -d duckdb \"SELECT * FROM read_parquet('" + lake
                + "/shop/customers/**/*.parquet', hive_partitioning = true) ORDER BY sync_id, id\"");
        out.println("  Iceberg   " + iceberg + "  (catalog: " + iceberg.resolve("catalog.db") + ")");
        out.println("            find " + iceberg + " -name '*.metadata.json' | sort | tail -2");
        out.println("  CRM API   " + contacts.size() + " contacts, saved to " + contactsFile
                + " (the fake API stopped with the quickstart)");
        out.println("            cat " + contactsFile);
        return new Outcome(lines, duckdbFile, lake, iceberg, contacts);
    }

    private static List<Line> twoSyncs(String name, Destination destination, Path work, PrintStream out,
                                       boolean bars, LoadMode mode, boolean hardDeletes,
                                       List<List<String>> customers1, List<List<String>> orders1,
                                       List<List<String>> customers2, List<List<String>> orders2,
                                       FakeCrmServer api) {
        boolean crm = api != null;
        long total = customers1.size() + customers2.size() + (crm ? 0 : orders1.size() + orders2.size());
        Pipeline pipeline = new LocalPipelineRunner(destination, work.resolve("runs")).newPipeline();
        List<Line> lines = new ArrayList<>();
        try (Progress progress = Progress.start(name, total, out, bars)) {
            for (int sync = 1; sync <= 2; sync++) {
                long start = System.nanoTime();
                int requestsBefore = crm ? api.requestLog().size() : 0;
                ObjectMetadata customers = crm ? activation(sync == 1 ? CUSTOMERS : CUSTOMERS_2)
                        : sync == 1 ? CUSTOMERS : CUSTOMERS_2;
                List<RunResult> results = new ArrayList<>();
                results.add(run(pipeline, progress, spec(customers, sync == 1 ? customers1 : customers2, sync, mode,
                        hardDeletes && sync == 2)));
                if (!crm) {
                    results.add(run(pipeline, progress, spec(ORDERS, sync == 1 ? orders1 : orders2, sync, mode,
                            hardDeletes && sync == 2)));
                }
                long loaded = 0;
                long merged = 0;
                long deleted = 0;
                long failed = 0;
                for (RunResult r : results) {
                    LoadResponse l = r.loadResponse();
                    loaded += l.rowsLoaded();
                    merged += l.rowsUpdated();
                    deleted += l.rowsDeleted();
                    failed += l.rowsFailed();
                }
                String modeText = crm ? "UPSERT" + (sync == 2 ? " change-only" : "") : mode.name()
                        + (hardDeletes && sync == 2 ? " + deletes" : "");
                lines.add(new Line(name, sync, modeText, loaded, merged, deleted, failed,
                        crm ? api.requestLog().size() - requestsBefore : -1,
                        Duration.ofNanos(System.nanoTime() - start)));
            }
            Line last = lines.get(1);
            progress.finish("done: sync 2 loaded " + last.loaded() + ", merged " + last.merged() + ", deleted "
                    + last.deleted() + ", failed " + last.failed());
        }
        return lines;
    }

    private static RunResult run(Pipeline pipeline, Progress progress, RunSpec spec) {
        RunResult r = pipeline.run(spec, progress::update);
        progress.stepDone(spec.rowCount());
        return r;
    }

    private static RunSpec spec(ObjectMetadata source, List<List<String>> rows, int sync, LoadMode mode,
                                boolean hardDeletes) {
        return RunSpec.builder(source).textRows(rows).namespaceRules(RULES).loadMode(mode).hardDeletes(hardDeletes)
                .syncTime(sync == 1 ? T1 : T2).syncId("quickstart-" + sync).build();
    }

    /** The customers as an activation source: contacts upserted by email, change-only. */
    private static ObjectMetadata activation(ObjectMetadata customers) {
        return customers.toBuilder()
                .activationTarget(Map.of("object_api_name", "contacts", "name", "contacts",
                        "fully_qualified_name", "contacts"))
                .selectedMergeKeys(List.of("email"))
                .activationBehaviour(Map.of("operation", "UPSERT", "change_only", true))
                .build();
    }

    private static void printCustomers(Path duckdbFile, Path work, PrintStream out) {
        try (Destination duckdb = DestinationFactory.find("duckdb").create(Map.of("path", duckdbFile.toString(),
                "stage_dir", work.resolve("duckdb-stage").toString()))) {
            TextTable[] table = new TextTable[1];
            SqlScriptResponse r = duckdb.executeSqlScript(new SqlScriptRequest(
                    "SELECT id, email, name, stage, tier, updated_at FROM shop.customers ORDER BY id",
                    new SqlScriptResultProcessor() {
                        @Override
                        public void onResultStart(int index, List<String> columns) {
                            table[0] = new TextTable(columns);
                        }

                        @Override
                        public void onRow(int index, List<Object> values) {
                            table[0].add(values);
                        }
                    }, CancellationSignal.never(), ProgressCallback.none()));
            if (r.success() && table[0] != null) {
                out.println("shop.customers in DuckDB after the second sync (tier: the column it added):");
                table[0].print(out);
            }
        }
    }

    private static void writeContacts(List<StoredRecord> contacts, Path file) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (StoredRecord r : contacts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("version", r.version());
            m.put("properties", r.properties());
            json.add(m);
        }
        try {
            Files.writeString(file, MetadataJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot write " + file + ": " + e.getMessage())
                    .cause(e).build();
        }
    }

    /** Reads a shipped CSV (no quoting in the dataset): header skipped, empty text is NULL. */
    static List<List<String>> rows(String resource) {
        InputStream in = Quickstart.class.getResourceAsStream("/quickstart/" + resource);
        if (in == null) {
            throw new IllegalStateException("quickstart data missing from the jar: " + resource);
        }
        List<List<String>> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(Arrays.stream(line.split(",", -1)).map(v -> v.isEmpty() ? null : v).toList());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return rows;
    }

}
