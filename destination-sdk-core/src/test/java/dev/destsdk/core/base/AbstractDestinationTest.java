package dev.destsdk.core.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.capability.Feature;
import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.control.ProgressCounts;
import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.files.JsonLinesFileFormat;
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
import dev.destsdk.core.spi.SqlScriptRequest;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.core.sync.TrackingColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbstractDestinationTest {
    private static final SyncContext SYNC = new SyncContext(Instant.parse("2024-05-01T10:00:00Z"), "job-7");
    private static final ObjectMetadata ORDERS = ObjectMetadata.builder("orders")
            .addField(FieldMetadata.builder("id", CanonicalType.LONG).build()).build();

    @TempDir
    Path dir;

    /** Records what the skeleton handed to its hooks. */
    private static final class Recording extends AbstractDestination {
        private final ConnectorCapabilitiesConfig caps;
        private final Function<LoadContext, LoadResponse> onLoad;
        final List<LoadContext> loads = new ArrayList<>();
        int declared;

        Recording(ConnectorCapabilitiesConfig caps, Function<LoadContext, LoadResponse> onLoad) {
            this.caps = caps;
            this.onLoad = onLoad;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        protected ConnectorCapabilitiesConfig declareCapabilities() {
            declared++;
            return caps;
        }

        @Override
        protected ObjectMetadata mapObject(ObjectMetadata sourceObject, NamespaceRules namespaceRules,
                                           Optional<ObjectMetadata> existingMappedObject) {
            return ObjectMetadata.builder("").build();
        }

        @Override
        protected LoadResponse loadFiles(LoadContext context) {
            loads.add(context);
            return onLoad.apply(context);
        }

        @Override
        protected TrackingColumns trackingColumns() {
            return new TrackingColumns("synced_at", "job", "gone");
        }

        @Override
        public dev.destsdk.core.naming.IdentifierFormatter getIdentifierFormatter() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getFullyQualifiedSchemaName(Optional<String> catalog, String schema) {
            return schema;
        }

        @Override
        public String getFullyQualifiedTableName(Optional<String> catalog, Optional<String> schema, String table) {
            return table;
        }
    }

    private static ConnectorCapabilitiesConfig database() {
        return ConnectorCapabilitiesConfig.builder().asTraditionalDatabase().build();
    }

    private static ConnectorCapabilitiesConfig api() {
        return ConnectorCapabilitiesConfig.builder().asAPIConnector().build();
    }

    private LoadRequest.Builder request() {
        return LoadRequest.builder(SYNC, MetadataMapping.firstRun(ORDERS), dir);
    }

    @Test
    void loadHandsTheHookTheDataFilesInPartOrderAndTheTypedSyncMetadata() throws IOException {
        Files.writeString(dir.resolve("success_part_00002.csv"), "2\n");
        Files.writeString(dir.resolve("success_part_00001.csv"), "1\n");
        Files.writeString(dir.resolve("error_part_00001.csv"), "x\n");
        Recording d = new Recording(database(), c -> LoadResponse.withCounts(2, 0));

        LoadResponse response = d.load(request().build());

        assertThat(response.rowsLoaded()).isEqualTo(2);
        LoadContext context = d.loads.get(0);
        assertThat(context.dataFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("success_part_00001.csv", "success_part_00002.csv");
        assertThat(context.syncMetadata().syncedValue()).isEqualTo(SYNC.syncTime());
        assertThat(context.syncMetadata().jobIdValue()).isEqualTo("job-7");
        assertThat(context.syncMetadata().columns().synced()).isEqualTo("synced_at");
        assertThat(context.target()).isSameAs(ORDERS);
        assertThat(context.progress().phase()).isEqualTo("load");
    }

    @Test
    void everyUndeclaredPartOfALoadIsRefusedWithTheCanonicalMessageBeforeTheHookRuns() {
        Recording d = new Recording(api(), c -> LoadResponse.withCounts(0, 0));
        List<LoadRequest> requests = List.of(
                request().loadMode(LoadMode.OVERWRITE).build(),
                request().loadMode(LoadMode.MERGE).destinationTableHandling(DestinationTableHandling.DROP).build(),
                request().loadMode(LoadMode.MERGE).schemaEvolutionMode(SchemaEvolutionMode.ALLOW_ALL).build(),
                request().schemaEvolutionMode(SchemaEvolutionMode.BLOCK_ALL).hardDeletes(true).build(),
                request().schemaEvolutionMode(SchemaEvolutionMode.BLOCK_ALL).stageLocation("somewhere").build(),
                request().schemaEvolutionMode(SchemaEvolutionMode.BLOCK_ALL)
                        .mapping(MetadataMapping.firstRun(ObjectMetadata.builder("empty").build())).build(),
                request().schemaEvolutionMode(SchemaEvolutionMode.BLOCK_ALL)
                        .fileFormat(JsonLinesFileFormat.DEFAULT).build());
        List<Feature> expected = List.of(Feature.loadMode(LoadMode.OVERWRITE),
                Feature.tableHandling(DestinationTableHandling.DROP),
                Feature.schemaEvolution(SchemaEvolutionMode.ALLOW_ALL), Feature.HARD_DELETES, Feature.STAGING,
                Feature.EMPTY_SCHEMA, Feature.fileFormat(JsonLinesFileFormat.DEFAULT.fileSuffix()));

        for (int i = 0; i < requests.size(); i++) {
            LoadRequest r = requests.get(i);
            ConnectorException e = catchThrowableOfType(() -> d.load(r), ConnectorException.class);
            assertThat(e).as("request %d", i).isNotNull();
            assertThat(e.getErrorType()).isEqualTo(ErrorType.UNSUPPORTED_OPERATION);
            assertThat(e.getMessage()).isEqualTo(ConnectorException.unsupported("recording", expected.get(i))
                    .getMessage());
        }
        assertThat(d.loads).isEmpty();
        assertThat(d.declared).as("capabilities are declared once and kept").isEqualTo(1);
    }

    @Test
    void aMissingDataDirectoryAndAMissingRequiredStageAreValidationErrors() {
        Recording direct = new Recording(database(), c -> LoadResponse.withCounts(0, 0));
        ConnectorException noDir = catchThrowableOfType(() -> direct.load(request()
                .localDataPath(dir.resolve("absent")).build()), ConnectorException.class);
        assertThat(noDir.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(noDir.getMessage()).contains("absent").contains("is not a directory");

        Recording staged = new Recording(ConnectorCapabilitiesConfig.builder().asCloudWarehouse().build(),
                c -> LoadResponse.withCounts(0, 0));
        ConnectorException noStage = catchThrowableOfType(() -> staged.load(request().build()),
                ConnectorException.class);
        assertThat(noStage.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(noStage.getMessage()).contains("call stage() first");
        assertThat(direct.loads).isEmpty();
        assertThat(staged.loads).isEmpty();
    }

    @Test
    void aHookFailureIsReportedAsFailedProgressAndWrappedWithTheKindsErrorType() {
        List<ProgressEvent> events = new ArrayList<>();
        Recording d = new Recording(database(), c -> {
            c.progress().running(ProgressCounts.files(1, 3), "copying");
            throw new IllegalStateException("disk on fire");
        });

        ConnectorException e = catchThrowableOfType(() -> d.load(request().progress(events::add).build()),
                ConnectorException.class);

        assertThat(e.getErrorType()).isEqualTo(ErrorType.IO_ERROR);
        assertThat(e.getMessage()).contains("load into orders").contains("disk on fire");
        assertThat(events).extracting(ProgressEvent::status)
                .containsExactly(ProgressEvent.Status.RUNNING, ProgressEvent.Status.FAILED);
        assertThat(events.get(0).filesDone()).isEqualTo(1);
        assertThat(events.get(0).filesTotal()).isEqualTo(3);
    }

    @Test
    void aConnectorExceptionFromTheHookKeepsItsTypeAndAThrowingProgressCallbackIsIgnored() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        Recording d = new Recording(database(), c -> {
            c.progress().running("about to check");
            c.cancellation().checkCancellation("load: copy");
            return LoadResponse.withCounts(1, 0);
        });

        ConnectorException e = catchThrowableOfType(() -> d.load(request().cancellation(token).progress(ev -> {
            throw new IllegalStateException("callback broken");
        }).build()), ConnectorException.class);

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CANCELLED);
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void stageDefaultsToANoOpAndRefusesAFormatItCannotRead() {
        Recording d = new Recording(database(), c -> LoadResponse.withCounts(0, 0));
        StageResponse response = d.stage(new StageRequest(SYNC, MetadataMapping.firstRun(ORDERS), dir,
                dev.destsdk.core.csv.CsvFileFormat.DEFAULT, new CancellationToken(), e -> { }));
        assertThat(response.isNoOp()).isTrue();
        assertThat(response.message()).contains("recording loads directly");

        ConnectorException e = catchThrowableOfType(() -> d.stage(new StageRequest(SYNC,
                MetadataMapping.firstRun(ORDERS), dir, JsonLinesFileFormat.DEFAULT, new CancellationToken(),
                ev -> { })), ConnectorException.class);
        assertThat(e.getErrorType()).isEqualTo(ErrorType.UNSUPPORTED_OPERATION);
    }

    @Test
    void mappingFailuresOfTheBuildersBecomeValidationErrorsAndSqlScriptsFollowTheDeclaration() {
        Recording d = new Recording(database(), c -> LoadResponse.withCounts(0, 0));
        ConnectorException mapping = catchThrowableOfType(() -> d.mapToTargetObject(ORDERS,
                NamespaceRules.builder().build(), Optional.empty()), ConnectorException.class);
        assertThat(mapping.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(mapping.getMessage()).contains("cannot map orders");

        ConnectorException nullScript = catchThrowableOfType(() -> d.executeSqlScript(null),
                ConnectorException.class);
        assertThat(nullScript.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);

        Recording noScripts = new Recording(api(), c -> LoadResponse.withCounts(0, 0));
        ConnectorException unsupported = catchThrowableOfType(() -> noScripts.executeSqlScript(
                new SqlScriptRequest("select 1", new dev.destsdk.core.spi.SqlScriptResultProcessor() { },
                        new CancellationToken(), ev -> { })),
                ConnectorException.class);
        assertThat(unsupported.getMessage()).isEqualTo(ConnectorException.unsupported("recording",
                Feature.SQL_SCRIPTS).getMessage());
    }

    @Test
    void aDeclarationThatLoadNeedNotBeCalledIsRefusedBecauseOnlyLoadWritesRows() {
        Recording d = new Recording(ConnectorCapabilitiesConfig.builder().asCloudWarehouse()
                .requiresExplicitLoadStep(false).build(), c -> LoadResponse.withCounts(0, 0));
        ConnectorException e = catchThrowableOfType(d::getCapabilitiesConfig, ConnectorException.class);
        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getMessage()).contains("recording declares requiresExplicitLoadStep(false)")
                .contains("declare requiresExplicitLoadStep(true)");
        // nothing runs on a refused declaration: the load fails before its hook
        assertThatThrownBy(() -> d.load(request().loadMode(LoadMode.MERGE).build()))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("requiresExplicitLoadStep");
        assertThat(d.loads).isEmpty();
        // the presets declare it, so the default declarations pass
        assertThat(new Recording(database(), c -> LoadResponse.withCounts(0, 0)).getCapabilitiesConfig()
                .requiresExplicitLoadStep()).isTrue();
    }
}
