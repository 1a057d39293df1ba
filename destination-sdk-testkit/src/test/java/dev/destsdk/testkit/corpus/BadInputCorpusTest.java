package dev.destsdk.testkit.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.csv.BinaryCodec;
import dev.destsdk.core.csv.BinaryFormat;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputCorpusTest {
    @TempDir
    Path dir;

    @Test
    void theManifestNamesAFileForEveryCaseAndTheNonFiniteDoublesAreRefused() {
        List<BadInputCorpus.Case> cases = BadInputCorpus.cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(58);
        for (String name : List.of("double_nan", "double_infinity", "double_negative_infinity")) {
            BadInputCorpus.Case c = cases.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
            assertThat(c.refused()).isTrue();
            assertThat(c.column().value()).contains("ratio");
            assertThat(c.writeTo(dir.resolve(name)).resolve(c.dataFileName())).exists();
        }
    }

    /**
     * A rewritten case holds the same records and values as the original (NULL stays NULL, binaries re-encoded),
     * read back in its own format, and its refusal moves by the format's header rows.
     */
    @Test
    void aRewrittenCaseHoldsTheSameRecordsInItsFormat() throws Exception {
        int rewritten = 0;
        for (BadInputCorpus.FormatVariant v : BadInputCorpus.formatVariants()) {
            assertThat(v.format()).isNotEqualTo(CsvFileFormat.DEFAULT);
            for (BadInputCorpus.Case c : BadInputCorpus.cases()) {
                Optional<BadInputCorpus.Reformatted> r = BadInputCorpus.reformat(c, v.format());
                if (r.isEmpty()) {
                    continue;
                }
                rewritten++;
                Path original = c.writeTo(dir.resolve("o" + rewritten)).resolve(c.dataFileName());
                Path copy = r.get().writeTo(dir.resolve("r" + rewritten)).resolve(r.get().dataFileName());
                List<List<String>> want = read(original, c.format());
                List<List<String>> got = read(copy, v.format());
                if (v.format().binaryFormat() != BinaryFormat.BASE64) {
                    got = got.stream().map(row -> {
                        List<String> back = new ArrayList<>(row);
                        try {
                            back.set(11, BinaryCodec.encode(BinaryCodec.decode(row.get(11), v.format().binaryFormat(),
                                    StandardCharsets.UTF_8), BinaryFormat.BASE64, StandardCharsets.UTF_8));
                        } catch (RuntimeException invalid) {
                            // a value invalid in both encodings stays as it is
                        }
                        return back;
                    }).toList();
                }
                assertThat(got).as("%s in %s", c.name(), v).isEqualTo(want);
                BadInputCorpus.Case e = r.get().expected();
                assertThat(e.record()).isEqualTo(c.record());
                assertThat(e.column()).isEqualTo(c.column());
                if (c.refused()) {
                    assertThat(Long.parseLong(e.line().value().orElseThrow()))
                            .isEqualTo(Long.parseLong(c.line().value().orElseThrow()) - 1 + v.format().skipHeader());
                }
            }
        }
        // every value case, NULL keys and the valid files: most of the corpus
        assertThat(rewritten).isGreaterThanOrEqualTo(2 * 35);
    }

    private static List<List<String>> read(Path file, CsvFileFormat format) {
        List<List<String>> rows = new ArrayList<>();
        try (CsvRecordReader reader = CsvRecordReader.open(file, format, BadInputCorpus.fields().size())) {
            for (Optional<CsvRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                rows.add(row.get().values());
            }
        }
        return rows;
    }
}
