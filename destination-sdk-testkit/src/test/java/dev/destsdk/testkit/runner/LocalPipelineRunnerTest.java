package dev.destsdk.testkit.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.testkit.inspect.InspectedTable;
import dev.destsdk.testkit.inspect.ObjectRef;
import dev.destsdk.testkit.inspect.RowOrder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPipelineRunnerTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00.123456789Z");
    private static final ObjectMetadata CUSTOMERS = ObjectMetadata.builder("Customers").schema("crm")
            .addField(FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build())
            .addField(FieldMetadata.builder("Name", CanonicalType.STRING).build())
            .addField(FieldMetadata.builder("balance", CanonicalType.DECIMAL).precision(10).scale(2).build())
            .addField(FieldMetadata.builder("since", CanonicalType.DATE).build())
            .build();

    @TempDir
    Path work;

    private InMemoryDestination destination;
    private InMemoryInspector inspector;
    private LocalPipelineRunner runner;

    @BeforeEach
    void setUp() {
        destination = new InMemoryDestination();
        inspector = new InMemoryInspector(destination);
        runner = new LocalPipelineRunner(destination, work.resolve("pipelines"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RunSpec.Builder customers(int rows) {
        RunSpec.Builder b = RunSpec.builder(CUSTOMERS);
        for (int i = 1; i <= rows; i++) {
            b.addRow((long) i, "name " + i, new BigDecimal(i + ".50"), LocalDate.of(2020, 1, i));
        }
        return b;
    }

    @Test
    void firstRunWritesNumberedPartsWithTheSourceHeaderAndLoadsOnlySuccessFiles() throws IOException {
        RunResult result = runner.runOnce(customers(5).rowsPerFile(2).loadMode(LoadMode.APPEND)
                .addErrorRow(ErrorRow.of("bad balance", "6", "six", "abc", null))
                .addErrorRow(ErrorRow.of("bad date", "7", "seven", "1.00", "2020-13-45"))
                .addErrorRow(ErrorRow.of("bad id", "x", "eight", "1.00", null))
                .build());

        assertThat(result.successFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("success_part_00000.csv", "success_part_00001.csv", "success_part_00002.csv");
        assertThat(result.errorFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("error_part_00000.csv", "error_part_00001.csv");
        assertThat(result.successFiles()).allSatisfy(p -> assertThat(p.getParent()).isEqualTo(result.dataDirectory()));
        try (Stream<Path> listing = Files.list(result.dataDirectory())) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "error_part_00000.csv", "error_part_00001.csv", "success_part_00000.csv",
                    "success_part_00001.csv", "success_part_00002.csv");
        }
        assertThat(Files.readAllLines(result.successFiles().get(0), StandardCharsets.UTF_8).get(0))
                .isEqualTo("id,Name,balance,since");
        assertThat(readAll(result.successFiles().get(0))).containsExactly(
                Arrays.asList("1", "name 1", "1.50", "2020-01-01"), Arrays.asList("2", "name 2", "2.50", "2020-01-02"));
        assertThat(readAll(result.successFiles().get(2))).hasSize(1);
        assertThat(header(result.errorFiles().get(0))).containsExactly("id", "Name", "balance", "since", "_ERROR");
        assertThat(readAll(result.errorFiles().get(0)).get(0)).containsExactly("6", "six", "abc", null, "bad balance");

        // The destination read exactly the success files, and got exactly the five rows.
        assertThat(destination.filesRead).containsExactlyElementsOf(result.successFiles());
        assertThat(destination.headersRead).allSatisfy(h -> assertThat(h).containsExactly("id", "Name", "balance",
                "since"));
        InspectedTable table = inspector.read(ObjectRef.of(result.mappedObject()), RowOrder.by("id"));
        assertThat(table.values("id")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(table.values("balance")).containsExactly(new BigDecimal("1.50"), new BigDecimal("2.50"),
                new BigDecimal("3.50"), new BigDecimal("4.50"), new BigDecimal("5.50"));
        assertThat(result.rowsWritten()).isEqualTo(5);
        assertThat(result.errorRowsWritten()).isEqualTo(3);
        assertThat(result.loadResponse().rowsLoaded()).isEqualTo(5);
        assertThat(result.stageResponse().isNoOp()).isTrue();
        assertThat(result.loadRequest().stageLocation()).isEmpty();
    }

    @Test
    void firstRunHasNoPreviousMappingAndTheSecondRunPassesTheFirstRunsMappedObject() {
        Pipeline pipeline = runner.newPipeline();
        RunResult first = pipeline.run(customers(3).build());
        assertThat(first.isFirstRun()).isTrue();
        assertThat(first.mapping().mappedLastAppliedSourceMetadata()).isEmpty();
        assertThat(destination.mapCalls.get(0).existing()).isEmpty();
        assertThat(pipeline.lastApplied(CUSTOMERS)).hasValue(first.mappedObject());

        RunResult second = pipeline.run(RunSpec.builder(CUSTOMERS)
                .addRow(2L, "renamed", new BigDecimal("9.99"), null)
                .addRow(4L, "new", null, LocalDate.of(2021, 1, 1)).build());
        assertThat(second.isFirstRun()).isFalse();
        assertThat(second.mapping().mappedLastAppliedSourceMetadata()).hasValue(first.mappedObject());
        assertThat(destination.mapCalls.get(1).existing()).hasValue(first.mappedObject());
        assertThat(destination.loadRequests.get(1).mapping().mappedLastAppliedSourceMetadata())
                .hasValue(first.mappedObject());
        assertThat(second.dataDirectory()).isNotEqualTo(first.dataDirectory());
        assertThat(second.dataDirectory().getFileName().toString()).isEqualTo("run-00002");

        // MERGE is the destination's default: key 2 is updated, key 4 inserted.
        assertThat(second.loadRequest().loadMode()).isEqualTo(LoadMode.MERGE);
        assertThat(second.loadResponse().rowsUpdated()).isEqualTo(1);
        assertThat(second.loadResponse().rowsInserted()).isEqualTo(1);
        InspectedTable table = inspector.read(ObjectRef.of(second.mappedObject()), RowOrder.by("id"));
        assertThat(table.project(List.of("id", "Name")).rows()).containsExactly(List.of(1L, "name 1"),
                List.of(2L, "renamed"), List.of(3L, "name 3"), List.of(4L, "new"));
        assertThat(table.values("_supa_job_id")).containsExactly(first.sync().syncId(), second.sync().syncId(),
                first.sync().syncId(), second.sync().syncId());

        // Another pipeline knows nothing: its run is a first run.
        assertThat(runner.newPipeline().run(customers(1).build()).isFirstRun()).isTrue();
    }

    @Test
    void appendKeepsDuplicatesAcrossRuns() {
        Pipeline pipeline = runner.newPipeline();
        pipeline.run(customers(2).loadMode(LoadMode.APPEND).build());
        RunResult again = pipeline.run(customers(2).loadMode(LoadMode.APPEND).build());
        InspectedTable table = inspector.read(ObjectRef.of(again.mappedObject()), RowOrder.by("id"));
        assertThat(table.values("id")).containsExactly(1L, 1L, 2L, 2L);
    }

    @Test
    void optionsAndSyncMetadataReachTheDestination() {
        NamespaceRules rules = NamespaceRules.builder().tablePrefix("crm_").build();
        RunResult result = runner.runOnce(customers(1).namespaceRules(rules)
                .destinationTableHandling(DestinationTableHandling.DROP)
                .schemaEvolutionMode(SchemaEvolutionMode.ALLOW_ALL)
                .hardDeletes(true).syncId("job-42").syncTime(Instant.parse("2024-02-02T00:00:00Z")).build());
        assertThat(result.mappedObject().getName()).isEqualTo("crm_Customers");
        assertThat(destination.mapCalls.get(0).rules()).isEqualTo(rules);
        assertThat(result.loadRequest().destinationTableHandling()).isEqualTo(DestinationTableHandling.DROP);
        assertThat(result.loadRequest().hardDeletes()).isTrue();
        assertThat(result.loadRequest().ddlOnly()).isFalse();
        assertThat(result.loadRequest().zeroRows()).isFalse();
        assertThat(result.sync().syncId()).isEqualTo("job-42");
        assertThat(destination.stageRequests.get(0).sync()).isEqualTo(result.sync());
        assertThat(destination.loadRequests.get(0).sync()).isEqualTo(result.sync());
        assertThat(result.summary()).contains("job-42").contains("crm_Customers").contains("MERGE");
    }

    @Test
    void defaultsComeFromTheDestinationAndTheClock() {
        Pipeline pipeline = runner.newPipeline();
        RunResult result = pipeline.run(customers(1).build());
        assertThat(result.sync().syncTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123456Z"));
        assertThat(result.sync().syncId()).isEqualTo(pipeline.id() + "-run-1");
        assertThat(result.loadRequest().loadMode()).isEqualTo(LoadMode.MERGE);
        assertThat(result.loadRequest().destinationTableHandling()).isEqualTo(DestinationTableHandling.MERGE);
        assertThat(result.loadRequest().schemaEvolutionMode()).isEqualTo(SchemaEvolutionMode.ALLOW_ALL);
        assertThat(result.loadRequest().fileFormat()).isEqualTo(CsvFileFormat.DEFAULT);
        assertThat(pipeline.directory()).isEqualTo(work.resolve("pipelines").resolve(pipeline.id()));
    }

    @Test
    void zeroRowsWritesNoSuccessFileAndSetsTheFlag() {
        RunResult result = runner.runOnce(RunSpec.builder(CUSTOMERS).build());
        assertThat(result.successFiles()).isEmpty();
        assertThat(result.errorFiles()).isEmpty();
        assertThat(result.loadRequest().zeroRows()).isTrue();
        assertThat(inspector.read(ObjectRef.of(result.mappedObject()), RowOrder.any()).rowCount()).isZero();
        assertThat(inspector.exists(ObjectRef.of(result.mappedObject()))).isTrue();
    }

    @Test
    void ddlOnlyIsPassedAndLoadsNothing() {
        RunResult result = runner.runOnce(customers(2).ddlOnly(true).build());
        assertThat(result.successFiles()).hasSize(1);
        assertThat(result.loadRequest().ddlOnly()).isTrue();
        assertThat(destination.filesRead).isEmpty();
        assertThat(inspector.read(ObjectRef.of(result.mappedObject()), RowOrder.any()).rowCount()).isZero();
    }

    @Test
    void textRowsAreWrittenAsGiven() throws IOException {
        RunResult result = runner.runOnce(RunSpec.builder(CUSTOMERS).addTextRow("7", "a,b \"q\"", "0.10", null)
                .loadMode(LoadMode.APPEND).build());
        assertThat(readAll(result.successFiles().get(0))).containsExactly(Arrays.asList("7", "a,b \"q\"", "0.10",
                null));
        InspectedTable table = inspector.read(ObjectRef.of(result.mappedObject()), RowOrder.any());
        assertThat(table.rows().get(0).subList(0, 4)).containsExactly(7L, "a,b \"q\"", new BigDecimal("0.10"), null);
    }

    @Test
    void hardDeletesUseTheDeletedMarkerAsAPlainSourceField() {
        ObjectMetadata source = CUSTOMERS.toBuilder()
                .addField(FieldMetadata.builder("_supa_deleted", CanonicalType.BOOLEAN).build()).build();
        Pipeline pipeline = runner.newPipeline();
        pipeline.run(RunSpec.builder(source).addRow(1L, "a", null, null, false).addRow(2L, "b", null, null, false)
                .build());
        RunResult second = pipeline.run(RunSpec.builder(source).addRow(1L, "a", null, null, true)
                .hardDeletes(true).build());
        assertThat(header(second.successFiles().get(0))).containsExactly("id", "Name", "balance", "since",
                "_supa_deleted");
        assertThat(second.loadResponse().rowsDeleted()).isEqualTo(1);
        assertThat(inspector.read(ObjectRef.of(second.mappedObject()), RowOrder.by("id")).values("id"))
                .containsExactly(2L);
    }

    @Test
    void recordsAndProgressTheDestinationReportsAreCollected() {
        RunResult result = runner.runOnce(RunSpec.builder(CUSTOMERS.toBuilder().fields(List.of(
                        FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).build(),
                        FieldMetadata.builder("Name", CanonicalType.STRING).build())).build())
                .addRow(1L, "ok").addRow(null, "no key").rowsPerFile(1).build());
        assertThat(result.errorRecords()).hasSize(1);
        assertThat(result.errorRecords().get(0)).containsEntry("Name", "no key").containsEntry("id", null)
                .containsKey("_ERROR");
        assertThat(result.successRecords()).containsExactly(java.util.Map.of("_ID", "[1]"));
        assertThat(result.progressEvents()).extracting(ProgressEvent::status).containsExactly(
                ProgressEvent.Status.RUNNING, ProgressEvent.Status.RUNNING, ProgressEvent.Status.ENDED);
        assertThat(result.progressEvents().get(2).filesTotal()).isEqualTo(2);
        assertThat(result.loadResponse().rowsFailed()).isEqualTo(1);
    }

    @Test
    void aFailedLoadLeavesThePipelinesMemoryAlone() {
        Pipeline pipeline = runner.newPipeline();
        assertThatThrownBy(() -> pipeline.run(customers(1).loadMode(LoadMode.OVERWRITE).build()))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.UNSUPPORTED_OPERATION))
                .hasMessage("[UNSUPPORTED_OPERATION] in-memory does not support load mode OVERWRITE");
        assertThat(pipeline.lastApplied(CUSTOMERS)).isEmpty();
        assertThat(pipeline.runCount()).isEqualTo(1);
        assertThat(pipeline.run(customers(1).build()).isFirstRun()).isTrue();
    }

    @Test
    void aPreviousMappedObjectInTheSpecMakesANonFirstRun() {
        ObjectMetadata previous = runner.runOnce(customers(1).build()).mappedObject();
        RunResult result = runner.runOnce(customers(1).previousMappedObject(previous).build());
        assertThat(result.isFirstRun()).isFalse();
        assertThat(destination.mapCalls.get(1).existing()).hasValue(previous);
        Pipeline pipeline = runner.newPipeline();
        pipeline.run(customers(1).build());
        pipeline.forget(CUSTOMERS);
        assertThat(pipeline.run(customers(1).build()).isFirstRun()).isTrue();
    }

    @Test
    void rowsThatDoNotFitTheSourceAreRefusedBeforeTheDestinationIsCalled() {
        assertThatThrownBy(() -> runner.runOnce(RunSpec.builder(CUSTOMERS).addRow(1L, "short row").build()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
                    assertThat(e.getContext().record().getAsLong()).isEqualTo(1);
                })
                .hasMessageContaining("has 2 value(s) but the source object has 4 field(s)");
        assertThatThrownBy(() -> runner.runOnce(RunSpec.builder(CUSTOMERS).addRow(1L, "x", null, null)
                .addRow(2L, "y", "not a decimal", null).build()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.getContext().record().getAsLong()).isEqualTo(2);
                    assertThat(e.getContext().column()).hasValue("balance");
                    assertThat(e.getContext().object()).hasValue("Customers");
                });
        assertThat(destination.mapCalls).isEmpty();
    }

    @Test
    void cancellationStopsTheRunBeforeTheDestinationIsCalled() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertThatThrownBy(() -> runner.runOnce(customers(1).cancellation(token).build()))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.CANCELLED))
                .hasMessageContaining("before mapToTargetObject");
        assertThat(destination.mapCalls).isEmpty();
    }

    @Test
    void specRefusesBothRowKindsAndBadPartSizes() {
        assertThatThrownBy(() -> customers(1).addTextRow("1", "a", null, null).build())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> customers(1).rowsPerFile(0).build()).hasMessageContaining("at least 1");
        RunSpec spec = customers(2).build();
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(spec.rowCount()).isEqualTo(2);
        assertThat(spec.zeroRows()).isEqualTo(Optional.empty());
    }

    static List<String> header(Path file) {
        try (CsvRecordReader reader = CsvRecordReader.open(file, CsvFileFormat.DEFAULT, -1)) {
            return reader.header();
        }
    }

    static List<List<String>> readAll(Path file) {
        List<List<String>> rows = new ArrayList<>();
        try (CsvRecordReader reader = CsvRecordReader.open(file, CsvFileFormat.DEFAULT, -1)) {
            Optional<CsvRow> row;
            while ((row = reader.next()).isPresent()) {
                rows.add(row.get().values());
            }
        }
        return rows;
    }
}
