package dev.destsdk.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.files.FileFormat;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.record.RecordProcessor;
import dev.destsdk.core.sync.SyncContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RequestResponseTest {
    private static final SyncContext SYNC = new SyncContext(Instant.parse("2024-05-01T00:00:00Z"), "job-1");
    private static final MetadataMapping MAPPING = MetadataMapping.firstRun(ObjectMetadata.builder("orders").build());
    private static final Path DATA = Path.of("data");

    @Test
    void loadRequestBuilderDefaults() {
        LoadRequest r = LoadRequest.builder(SYNC, MAPPING, DATA).build();

        assertThat(r.sync()).isEqualTo(SYNC);
        assertThat(r.mapping()).isEqualTo(MAPPING);
        assertThat(r.localDataPath()).isEqualTo(DATA);
        assertThat(r.fileFormat()).isEqualTo(CsvFileFormat.DEFAULT);
        assertThat(r.stageLocation()).isEmpty();
        assertThat(r.loadMode()).isEqualTo(LoadMode.MERGE);
        assertThat(r.destinationTableHandling()).isEqualTo(DestinationTableHandling.MERGE);
        assertThat(r.schemaEvolutionMode()).isEqualTo(SchemaEvolutionMode.ALLOW_ALL);
        assertThat(r.ddlOnly()).isFalse();
        assertThat(r.zeroRows()).isFalse();
        assertThat(r.hardDeletes()).isFalse();
        assertThat(r.cancellation().isCancelled()).isFalse();
        assertThat(r.errorRecordProcessor()).isNotNull();
        assertThat(r.successRecordProcessor()).isNotNull();
        assertThat(r.progress()).isNotNull();
    }

    @Test
    void loadRequestToBuilderRoundTripsAndOverrides() {
        CancellationSignal token = new CancellationToken();
        RecordProcessor errors = record -> { };
        ProgressCallback progress = event -> { };
        LoadRequest r = LoadRequest.builder(SYNC, MAPPING, DATA).stageLocation("s3://b/p").loadMode(LoadMode.APPEND)
                .destinationTableHandling(DestinationTableHandling.DROP)
                .schemaEvolutionMode(SchemaEvolutionMode.BLOCK_ALL).ddlOnly(true).zeroRows(true).hardDeletes(true)
                .errorRecordProcessor(errors).cancellation(token).progress(progress).build();

        assertThat(r.toBuilder().build()).isEqualTo(r);
        assertThat(r.stageLocation()).contains("s3://b/p");
        assertThat(r.toBuilder().stageLocation(null).loadMode(LoadMode.OVERWRITE).build())
                .satisfies(o -> {
                    assertThat(o.stageLocation()).isEmpty();
                    assertThat(o.loadMode()).isEqualTo(LoadMode.OVERWRITE);
                    assertThat(o.errorRecordProcessor()).isSameAs(errors);
                });
    }

    @Test
    void loadRequestRequiresSyncContext() {
        assertThatThrownBy(() -> LoadRequest.builder(null, MAPPING, DATA).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("syncTime and syncId are required");
        assertThatThrownBy(() -> LoadRequest.builder(SYNC, MAPPING, DATA).loadMode(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("loadMode is null");
    }

    @Test
    void stageRequestRequiresEveryPart() {
        FileFormat format = CsvFileFormat.DEFAULT;
        StageRequest r = new StageRequest(SYNC, MAPPING, DATA, format, CancellationSignal.never(),
                ProgressCallback.none());

        assertThat(r.fileFormat()).isSameAs(format);
        assertThatThrownBy(() -> new StageRequest(null, MAPPING, DATA, format, CancellationSignal.never(),
                ProgressCallback.none())).hasMessageContaining("syncTime and syncId are required");
    }

    @Test
    void stageResponseFactories() {
        StageResponse staged = StageResponse.success("@stage/job-1", 3, 1024);
        StageResponse stagedNoCounts = StageResponse.success("s3://bucket/prefix");
        StageResponse direct = StageResponse.noOp("Direct load mode - no staging required");

        assertThat(staged.isNoOp()).isFalse();
        assertThat(staged.stageLocation()).contains("@stage/job-1");
        assertThat(staged.filesStaged()).isEqualTo(3);
        assertThat(staged.bytesStaged()).isEqualTo(1024);
        assertThat(staged.message()).isEqualTo("staged 3 file(s), 1024 bytes");
        assertThat(stagedNoCounts.stageLocation()).contains("s3://bucket/prefix");
        assertThat(stagedNoCounts.isNoOp()).isFalse();
        assertThat(direct.isNoOp()).isTrue();
        assertThat(direct.stageLocation()).isEmpty();
        assertThat(direct.message()).isEqualTo("Direct load mode - no staging required");
        assertThatThrownBy(() -> StageResponse.success(null)).hasMessageContaining("location is null");
        assertThatThrownBy(() -> StageResponse.success("x", -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadResponseFactories() {
        LoadResponse counts = LoadResponse.withCounts(10, 2);
        LoadResponse none = LoadResponse.noRows("ddl only");

        assertThat(counts.rowsLoaded()).isEqualTo(10);
        assertThat(counts.rowsInserted()).isEqualTo(10);
        assertThat(counts.rowsUpdated()).isZero();
        assertThat(counts.rowsFailed()).isEqualTo(2);
        assertThat(counts.message()).isEqualTo("loaded 10 row(s), 2 failed");
        assertThat(none.rowsLoaded()).isZero();
        assertThat(none.message()).isEqualTo("ddl only");
        assertThatThrownBy(() -> LoadResponse.withCounts(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadResponseInsertedPlusUpdatedCannotExceedLoaded() {
        assertThat(new LoadResponse(10, 4, 6, 1, 0, "merge").rowsUpdated()).isEqualTo(6);
        assertThatThrownBy(() -> new LoadResponse(10, 5, 6, 0, 0, "merge"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceed rowsLoaded (10)");
    }

    @Test
    void sqlScriptResponseFactories() {
        SqlScriptResponse ok = SqlScriptResponse.success(3, 12);
        SqlScriptResponse failed = SqlScriptResponse.failure(1, 5, 2, "syntax error at \"FRM\"");

        assertThat(ok.success()).isTrue();
        assertThat(ok.statementsExecuted()).isEqualTo(3);
        assertThat(ok.failedStatementIndex()).isEmpty();
        assertThat(ok.errorMessage()).isEmpty();
        assertThat(failed.success()).isFalse();
        assertThat(failed.failedStatementIndex()).isEqualTo(OptionalInt.of(2));
        assertThat(failed.errorMessage()).contains("syntax error at \"FRM\"");
    }

    @Test
    void sqlScriptResponseRejectsInconsistentParts() {
        assertThatThrownBy(() -> new SqlScriptResponse(true, 1, 1, OptionalInt.of(1), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failed statement");
        assertThatThrownBy(() -> new SqlScriptResponse(false, 1, 1, OptionalInt.of(2), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("error message");
        assertThatThrownBy(() -> SqlScriptResponse.failure(0, 1, 0, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-based");
        assertThatThrownBy(() -> SqlScriptResponse.success(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlScriptResponse.failure(0, 1, 1, null)).hasMessageContaining("message is null");
    }

    @Test
    void sqlScriptRequestRequiresEveryPart() {
        SqlScriptResultProcessor processor = new SqlScriptResultProcessor() { };
        SqlScriptRequest r = new SqlScriptRequest("select 1", processor, CancellationSignal.never(),
                ProgressCallback.none());

        assertThat(r.script()).isEqualTo("select 1");
        assertThatThrownBy(() -> new SqlScriptRequest(null, processor, CancellationSignal.never(),
                ProgressCallback.none())).hasMessageContaining("script is null");
    }
}
