package dev.destsdk.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.activation.engine.EngineClock;
import dev.destsdk.activation.engine.EngineRuntime;
import dev.destsdk.core.capability.Feature;
import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.sync.SyncContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseActivationDestinationTest {
    @TempDir
    Path dir;

    /** An in-memory API: upserts by email into a map. */
    static final class MemoryDestination extends BaseActivationDestination {
        final Map<String, Map<String, Object>> records = new HashMap<>();
        final List<WriteBatch> calls = new ArrayList<>();

        MemoryDestination() {
            super(new EngineRuntime(EngineClock.system(), Optional.of(Runnable::run), new SplittableRandom(1)));
        }

        @Override
        public String name() {
            return "memory";
        }

        @Override
        protected ObjectDescription describeObject(String objectName) {
            return ObjectDescription.of(objectName, List.of(
                    new FieldDescription("email", ApiFieldType.STRING, false, true, true, false, true, List.of(),
                            Optional.empty()),
                    FieldDescription.writable("score", ApiFieldType.NUMBER)));
        }

        @Override
        protected synchronized BatchResult writeBatch(WriteBatch batch) {
            calls.add(batch);
            Map<Long, RecordOutcome> out = new HashMap<>();
            for (BatchEntry e : batch.entries()) {
                records.put(e.mergeKeyValues().get(0), e.values());
                out.put(e.correlationId(), new RecordOutcome.Succeeded("id-" + e.mergeKeyValues().get(0)));
            }
            return new BatchResult.PerRecord(out);
        }
    }

    private static ObjectMetadata target(Map<String, Object> behaviour) {
        return ObjectMetadata.builder("src")
                .fields(List.of(FieldMetadata.builder("mail", CanonicalType.STRING).activationTargetField("email")
                        .build(), FieldMetadata.builder("points", CanonicalType.DECIMAL).activationTargetField("score")
                        .build()))
                .activationTarget(Map.of("object_api_name", "contacts")).selectedMergeKeys(List.of("email"))
                .activationBehaviour(behaviour).build();
    }

    private LoadRequest.Builder request(ObjectMetadata target, String csv, List<Map<String, Object>> ok,
                                        List<Map<String, Object>> bad) throws IOException {
        Files.writeString(dir.resolve("success_part_00000.csv"), csv);
        Files.writeString(dir.resolve("error_part_00000.csv"), "mail,points\nnever@x.io,1\n");
        return LoadRequest.builder(new SyncContext(Instant.parse("2026-01-01T00:00:00Z"), "s1"),
                        MetadataMapping.firstRun(target), dir)
                .loadMode(LoadMode.MERGE).destinationTableHandling(DestinationTableHandling.MERGE)
                .schemaEvolutionMode(SchemaEvolutionMode.BLOCK_ALL)
                .successRecordProcessor(r -> ok.add(new java.util.LinkedHashMap<>(r)))
                .errorRecordProcessor(r -> bad.add(new java.util.LinkedHashMap<>(r)));
    }

    @Test
    void loadsSuccessPartsOnlyAndRoutesConversionFailuresWithFileAndRecord() throws IOException {
        MemoryDestination d = new MemoryDestination();
        List<Map<String, Object>> ok = new ArrayList<>();
        List<Map<String, Object>> bad = new ArrayList<>();
        LoadResponse r = d.load(request(target(Map.of()), "mail,points\na@x.io,1\nb@x.io,two\nc@x.io,3\n", ok, bad)
                .build());
        assertThat(d.records).containsOnlyKeys("a@x.io", "c@x.io");
        assertThat(ok).extracting(m -> m.get("_ID")).containsExactly("id-a@x.io", "id-c@x.io");
        assertThat(bad).singleElement().satisfies(m -> assertThat(m.get("_ERROR")).isEqualTo(
                "record 2 of success_part_00000.csv: column points: 'two' is not a valid number for score"));
        assertThat(r.rowsLoaded()).isEqualTo(2);
        assertThat(r.rowsFailed()).isEqualTo(1);
    }

    @Test
    void aMissingColumnIsAValidationErrorNamingFileAndColumnBeforeAnythingIsSent() throws IOException {
        MemoryDestination d = new MemoryDestination();
        assertThatThrownBy(() -> d.load(request(target(Map.of()), "mail,score\na@x.io,1\n", new ArrayList<>(),
                new ArrayList<>()).build())).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
                    assertThat(e.getContext().column()).contains("points");
                    assertThat(e.getContext().file()).hasValueSatisfying(f -> assertThat(f)
                            .endsWith("success_part_00000.csv"));
                });
        assertThat(d.calls).isEmpty();
    }

    @Test
    void changeOnlyWithoutAStateStoreIsAConfigurationError() throws IOException {
        MemoryDestination d = new MemoryDestination();
        assertThatThrownBy(() -> d.load(request(target(Map.of("change_only", true)), "mail,points\na@x.io,1\n",
                new ArrayList<>(), new ArrayList<>()).build()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getErrorType())
                        .isEqualTo(ErrorType.CONFIGURATION_ERROR))
                .hasMessageContaining("change_only");
        assertThat(d.calls).isEmpty();
    }

    @Test
    void zeroRowsSendsNothing() throws IOException {
        MemoryDestination d = new MemoryDestination();
        LoadResponse r = d.load(request(target(Map.of()), "mail,points\n", new ArrayList<>(), new ArrayList<>())
                .zeroRows(true).build());
        assertThat(r.rowsLoaded()).isZero();
        assertThat(d.calls).isEmpty();
    }

    @Test
    void stageIsRefusedAndMappingIsAPassThrough() throws IOException {
        MemoryDestination d = new MemoryDestination();
        ObjectMetadata t = target(Map.of("operation", "UPSERT"));
        assertThat(d.mapToTargetObject(t, dev.destsdk.core.naming.NamespaceRules.defaults(), Optional.empty()))
                .isSameAs(t);
        Files.writeString(dir.resolve("success_part_00000.csv"), "mail,points\n");
        assertThatThrownBy(() -> d.stage(new StageRequest(new SyncContext(Instant.now(), "s"),
                MetadataMapping.firstRun(t), dir, CsvFileFormat.DEFAULT, new CancellationToken(), e -> { })))
                .hasMessage(ConnectorException.unsupported("memory", Feature.STAGING).getMessage());
        assertThat(d.getCapabilitiesConfig().supportsStaging()).isFalse();
    }
}
