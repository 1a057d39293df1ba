package dev.destsdk.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

    @Test
    void theQuickstartMergesTheSecondBatchIntoTheTable(@TempDir Path work) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<List<Object>> rows = Quickstart.run(work, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(rows).hasSize(4);
        assertThat(rows).extracting(r -> ((Number) r.get(0)).longValue()).containsExactly(1L, 2L, 3L, 4L);
        // Customer 1: the batch's row with the higher cursor won over the stale one.
        assertThat(rows.get(0).get(1)).isEqualTo("ada@example.org");
        assertThat(new BigDecimal(rows.get(0).get(3).toString())).isEqualByComparingTo("15.00");
        // Customer 2 untouched by the second run; customer 3 kept but marked deleted (soft delete).
        assertThat(rows.get(1).get(2)).isEqualTo("Grace");
        assertThat(rows.get(2).get(3)).isNull();
        assertThat(rows.get(2).get(5)).isEqualTo(Boolean.TRUE);
        assertThat(rows.get(3).get(2)).isEqualTo("Barbara");
        assertThat(Files.exists(work.resolve("quickstart.duckdb"))).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("run 1:", "run 2:", "barbara@example.com");
    }
}
