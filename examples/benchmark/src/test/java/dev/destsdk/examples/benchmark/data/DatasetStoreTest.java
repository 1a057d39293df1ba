package dev.destsdk.examples.benchmark.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetStoreTest {
    private static final int ROWS = 1_000;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20_240_601})
    void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot(long seed) throws Exception {
        Dataset a = new DatasetStore(tmp.resolve("a")).initialLoad(ROWS, seed);
        Dataset b = new DatasetStore(tmp.resolve("b")).initialLoad(ROWS, seed);
        Dataset other = new DatasetStore(tmp.resolve("c")).initialLoad(ROWS, seed + 1);

        assertThat(Files.readAllBytes(a.file())).as("seed=%d", seed).isEqualTo(Files.readAllBytes(b.file()));
        assertThat(Files.readAllBytes(a.file())).as("seed=%d", seed).isNotEqualTo(Files.readAllBytes(other.file()));
        assertThat(a.fileStats()).as("seed=%d", seed).isEqualTo(b.fileStats());
        assertThat(a.file().getFileName().toString()).isEqualTo("success_part_00000.csv");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20_240_601})
    void theFileReadsBackAsTheGeneratedRowsInTheCanonicalFormat(long seed) throws Exception {
        Dataset d = new DatasetStore(tmp).initialLoad(ROWS, seed);
        RowGenerator gen = new RowGenerator(seed);

        List<CSVRecord> records = read(d.file());
        List<String> header = Files.readAllLines(d.file()).subList(0, 1);

        assertThat(header).as("seed=%d", seed).containsExactly(BenchSchema.headerLine());
        assertThat(records).as("seed=%d", seed).hasSize(ROWS);
        DatasetStats.Accumulator parsed = new DatasetStats.Accumulator();
        for (CSVRecord r : records) {
            BenchRow row = parse(r);
            assertThat(row).as("seed=%d line=%d", seed, r.getRecordNumber()).isEqualTo(gen.row(row.id(), 0));
            parsed.add(row);
        }
        assertThat(parsed.stats()).as("seed=%d", seed).isEqualTo(d.fileStats()).isEqualTo(d.expectedTable());
    }

    @Test
    void theDataHoldsEveryTrickyValueTheLoadersMustKeep() throws Exception {
        long seed = 42;
        Dataset d = new DatasetStore(tmp).initialLoad(ROWS, seed);
        List<BenchRow> rows = read(d.file()).stream().map(DatasetStoreTest::parse).toList();

        assertThat(rows).as("seed=%d", seed)
                .anyMatch(r -> r.note().isEmpty())
                .anyMatch(r -> r.note().equals(Optional.of("")))
                .anyMatch(r -> r.qty().isEmpty())
                .anyMatch(r -> r.description().contains("\n"))
                .anyMatch(r -> r.description().contains("\""))
                .anyMatch(r -> r.description().contains(","))
                .anyMatch(r -> r.description().chars().anyMatch(c -> c > 127))
                .anyMatch(r -> r.amount().signum() < 0)
                .anyMatch(r -> r.createdAt().getOffset().getTotalSeconds() != 0);
        String text = Files.readString(d.file(), StandardCharsets.UTF_8);
        assertThat(text).as("seed=%d", seed).contains(",\"\"\n").contains(",\n");
        double bytesPerRow = (double) d.bytes() / ROWS;
        assertThat(bytesPerRow).as("seed=%d bytes/row", seed).isBetween(195.0, 235.0);
    }

    @Test
    void theMergeFileUpdatesHalfAndInsertsHalfAndPredictsTheMergedTable() throws Exception {
        long seed = 7;
        long base = 1_000;
        long merge = 301;
        DatasetStore store = new DatasetStore(tmp);
        Dataset initial = store.initialLoad(base, seed);
        Dataset m = store.merge(merge, base, seed);

        List<BenchRow> mergeRows = read(m.file()).stream().map(DatasetStoreTest::parse).toList();
        Set<Long> ids = new HashSet<>();
        mergeRows.forEach(r -> ids.add(r.id()));
        assertThat(ids).as("seed=%d", seed).hasSize((int) merge);
        assertThat(mergeRows.stream().filter(r -> r.id() <= base).count()).as("seed=%d", seed)
                .isEqualTo(DatasetStore.updates(merge)).isEqualTo(151);
        RowGenerator gen = new RowGenerator(seed);
        assertThat(mergeRows).as("seed=%d", seed).allMatch(r -> r.id() > base
                || r.updatedAt().isAfter(gen.row(r.id(), 0).updatedAt()));

        Map<Long, BenchRow> table = new LinkedHashMap<>();
        read(initial.file()).stream().map(DatasetStoreTest::parse).forEach(r -> table.put(r.id(), r));
        mergeRows.forEach(r -> table.put(r.id(), r));
        DatasetStats.Accumulator expected = new DatasetStats.Accumulator();
        table.values().forEach(expected::add);
        assertThat(m.expectedTable()).as("seed=%d", seed).isEqualTo(expected.stats());
        assertThat(m.expectedTable().rows()).isEqualTo(base + merge / 2);
    }

    @Test
    void aMatchingDataSetIsReusedAndAStaleOneRegenerated() throws Exception {
        DatasetStore store = new DatasetStore(tmp);
        Dataset first = store.initialLoad(100, 3);
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(first.file(), old);

        Dataset again = store.initialLoad(100, 3);
        assertThat(Files.getLastModifiedTime(again.file())).isEqualTo(old);
        assertThat(again).isEqualTo(first);

        Files.writeString(first.file(), "truncated");
        Dataset regenerated = store.initialLoad(100, 3);
        assertThat(Files.size(regenerated.file())).isEqualTo(first.bytes());
        assertThat(regenerated.fileStats()).isEqualTo(first.fileStats());
    }

    @Test
    void aMergeFileLargerThanTheLoadCanUpdateIsRefused() {
        assertThatThrownBy(() -> new DatasetStore(tmp).merge(500, 100, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs at least 250 rows");
    }

    private static List<CSVRecord> read(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = BenchCsv.commonsCsvFormat().parse(reader)) {
            return new ArrayList<>(parser.getRecords());
        }
    }

    private static BenchRow parse(CSVRecord r) {
        return new BenchRow(Long.parseLong(r.get(0)), LocalDateTime.parse(r.get(1)),
                r.get(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(r.get(2))),
                new BigDecimal(r.get(3)), Double.parseDouble(r.get(4)), Boolean.parseBoolean(r.get(5)),
                LocalDate.parse(r.get(6)), OffsetDateTime.parse(r.get(7)), r.get(8), r.get(9),
                UUID.fromString(r.get(10)), Optional.ofNullable(r.get(11)));
    }
}
