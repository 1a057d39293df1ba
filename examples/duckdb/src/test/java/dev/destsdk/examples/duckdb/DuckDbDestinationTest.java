package dev.destsdk.examples.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.spi.DestinationFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DuckDB destination behaviour that needs no database. */
class DuckDbDestinationTest {

    @Test
    void settingsHaveDefaultsAndUnknownOnesAreRefused() {
        DuckDbConfig config = DuckDbConfig.fromMap(Map.of());
        assertThat(config.path()).isEmpty();
        assertThat(config.schema()).isEqualTo("main");
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:duckdb:");
        assertThat(DuckDbConfig.fromMap(Map.of("path", "/tmp/x.duckdb")).jdbcUrl()).isEqualTo("jdbc:duckdb:/tmp/x.duckdb");
        assertThat(DuckDbConfig.fromMap(Map.of("stage_dir", "/s")).stageDirectory()).isEqualTo(Path.of("/s"));
        assertThatThrownBy(() -> DuckDbConfig.fromMap(Map.of("paht", "x"))).hasMessageContaining("paht");
    }

    @Test
    void capabilitiesDeclareTheStagedPath() {
        ConnectorCapabilitiesConfig caps = DestinationFactory.find("duckdb").create(Map.of()).getCapabilitiesConfig();
        assertThat(caps.supportsStaging()).isTrue();
        assertThat(caps.requiresStaging()).isTrue();
        assertThat(caps.supportsParallelization()).isFalse();
        assertThat(caps.atomicTruncateAndLoad()).isTrue();
    }

    @Test
    void readCsvReadsMostFormatsNativelyIncludingSeveralNullMarkersAndGzip() {
        CsvFileFormat d = CsvFileFormat.DEFAULT;
        assertThat(DuckDbCsvLoader.readsNatively(d)).isTrue();
        assertThat(DuckDbCsvLoader.readsNatively(d.toBuilder().nullIf("NULL", "\\N").gzip(true).build())).isTrue();
        assertThat(DuckDbCsvLoader.readsNatively(d.toBuilder().skipHeader(2).build())).isFalse();
        assertThat(DuckDbCsvLoader.readsNatively(d.toBuilder().emptyFieldAsNull(false).build())).isFalse();
        assertThat(DuckDbCsvLoader.readsNatively(d.toBuilder().escape('\\').build())).isFalse();
    }
}
