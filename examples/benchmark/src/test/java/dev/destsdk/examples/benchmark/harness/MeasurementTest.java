package dev.destsdk.examples.benchmark.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementTest {

    @TempDir
    Path tmp;

    @Test
    void aMeasurementSurvivesTheResultFile() throws Exception {
        Measurement m = new Measurement("pg-load-psql", Measurement.Status.OK, 8_100_000_000L, 2_000_000, 10L << 20,
                3L << 20, 4, 256L << 20, OptionalLong.of(90L << 20), OptionalLong.of(12L << 20),
                "emptyNote 0 (expected 12)", "note: a=b\nc", "1.50-2.25");
        Path file = tmp.resolve("r.properties");
        m.write(file);

        assertThat(Measurement.read(file)).contains(m);
        assertThat(Measurement.read(tmp.resolve("missing"))).isEmpty();
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Report.median(List.of(1.0, 2.0, 9.0))).isEqualTo(2.0);
        assertThat(Report.median(List.of(1.0, 2.0, 4.0, 9.0))).isEqualTo(3.0);
    }
}
