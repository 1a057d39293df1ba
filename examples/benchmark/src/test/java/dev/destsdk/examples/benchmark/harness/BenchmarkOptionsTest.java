package dev.destsdk.examples.benchmark.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.spi.LoadMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void defaultsAreTheIssueSizes() {
        BenchmarkOptions o = BenchmarkOptions.parse(List.of("--all"));

        assertThat(o.rows()).isEqualTo(2_000_000);
        assertThat(o.mergeRows()).isEqualTo(500_000);
        assertThat(o.childHeap()).isEqualTo("256m");
        assertThat(o.warmups()).isEqualTo(1);
        assertThat(o.repeats()).isEqualTo(3);
        assertThat(o.scenarios()).isEmpty();
        assertThat(o.dataDir()).isEqualTo(Path.of("bench-data"));
        assertThat(o.initialLoadMode()).isEqualTo(LoadMode.MERGE);
        assertThat(o.pgJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(o.schema()).isEqualTo("bench");
    }

    @Test
    void quickModeShrinksSizesAndExplicitValuesWin() {
        BenchmarkOptions o = BenchmarkOptions.parse(List.of("--quick", "--rows=30_000", "--scenarios=a, e",
                "--sdk.postgresql.sslmode=disable", "--initial-load-mode=append"));

        assertThat(o.rows()).isEqualTo(30_000);
        assertThat(o.mergeRows()).isEqualTo(5_000);
        assertThat(o.warmups()).isZero();
        assertThat(o.repeats()).isEqualTo(1);
        assertThat(o.scenarios()).containsExactly("a", "e");
        assertThat(o.sdkOverrides()).isEqualTo(Map.of("postgresql", Map.of("sslmode", "disable")));
        assertThat(o.initialLoadMode()).isEqualTo(LoadMode.APPEND);
        assertThat(o.rawArgs()).hasSize(5);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--rowz=5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rowz");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--rows=many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rows must be a whole number");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--rows=10", "--merge-rows=100")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("updates 50 rows");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--schema=Bench;drop")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--schema");
    }
}
