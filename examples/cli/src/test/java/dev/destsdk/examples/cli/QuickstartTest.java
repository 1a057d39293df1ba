package dev.destsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.testkit.fakeapi.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

    @Test
    void theQuickstartLoadsBothSyncsIntoEveryDestinationWithTheExpectedCounts(@TempDir Path work) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Quickstart.Outcome outcome = Quickstart.run(work, new PrintStream(printed, true, StandardCharsets.UTF_8),
                false);
        Map<String, List<Quickstart.Line>> by = outcome.lines().stream()
                .collect(Collectors.groupingBy(Quickstart.Line::destination));

        // DuckDB: 6 customers + 8 orders; then customers 1, 2, 6 and orders 103, 108 merged, customer 7 and order
        // 109 inserted, customer 4 and order 105 hard-deleted.
        assertCounts(by.get("DuckDB").get(0), 14, 0, 0, 0);
        assertCounts(by.get("DuckDB").get(1), 7, 5, 2, 0);
        // Parquet: APPEND of every row, one partition per sync.
        assertCounts(by.get("Parquet files").get(0), 14, 0, 0, 0);
        assertCounts(by.get("Parquet files").get(1), 9, 0, 0, 0);
        // Iceberg: the same MERGE with hard deletes, counted by the keys the table holds (equality deletes replace
        // the rows, position deletes hide the batch's deleted ones).
        assertCounts(by.get("Iceberg").get(0), 14, 0, 0, 0);
        assertCounts(by.get("Iceberg").get(1), 7, 5, 2, 0);
        // CRM: 6 contacts in 2 batch calls of 5 plus the properties call; then change-only sends Ada (renamed),
        // Margaret (refused: stage vip is no option) and Linus (new); Grace and Barbara are unchanged.
        assertCounts(by.get("CRM API").get(0), 6, 0, 0, 0);
        assertThat(by.get("CRM API").get(0).requests()).isEqualTo(3);
        assertCounts(by.get("CRM API").get(1), 2, 0, 0, 1);
        assertThat(by.get("CRM API").get(1).requests()).isEqualTo(2);

        // The state each destination holds.
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("| Linus        | lead     | bronze")
                .doesNotContain("| Barbara");
        assertThat(Files.exists(outcome.duckdbFile())).isTrue();
        try (Stream<Path> files = Files.walk(outcome.lakeDirectory().resolve("shop/customers"))) {
            assertThat(files.map(Path::toString).filter(p -> p.endsWith(".parquet")))
                    .anySatisfy(p -> assertThat(p).contains("sync_id=quickstart-1"))
                    .anySatisfy(p -> assertThat(p).contains("sync_id=quickstart-2"));
        }
        try (Stream<Path> files = Files.walk(outcome.icebergDirectory())) {
            assertThat(files.filter(p -> p.toString().endsWith(".metadata.json"))).isNotEmpty();
        }
        assertThat(outcome.crmRecords()).extracting(r -> r.get("email")).containsExactlyInAnyOrder(
                "ada@example.com", "grace@example.com", "edsger@example.com", "barbara@example.com",
                "alan@example.com", "margaret@example.com", "linus@example.com");
        StoredRecord margaret = outcome.crmRecords().stream().filter(r -> r.get("email").startsWith("margaret"))
                .findFirst().orElseThrow();
        assertThat(margaret.get("lifecyclestage")).isEqualTo("customer");
        assertThat(outcome.crmRecords().stream().filter(r -> r.get("email").startsWith("ada")).findFirst()
                .orElseThrow().get("firstname")).isEqualTo("Ada Lovelace");
        assertThat(Files.readString(work.resolve("crm-contacts.json"))).contains("linus@example.com");
        assertThat(text).contains("./destsdk sql -d duckdb -s path=" + outcome.duckdbFile());
    }

    private static void assertCounts(Quickstart.Line line, long loaded, long merged, long deleted, long failed) {
        assertThat(List.of(line.loaded(), line.merged(), line.deleted(), line.failed()))
                .as("%s sync %d: loaded, merged, deleted, failed", line.destination(), line.sync())
                .containsExactly(loaded, merged, deleted, failed);
    }
}
