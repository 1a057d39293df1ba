package dev.destsdk.testkit.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.csv.BinaryFormat;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.testkit.generate.SchemaGenerator;
import dev.destsdk.testkit.generate.Seeds;
import dev.destsdk.testkit.generate.ValueGenerator;
import dev.destsdk.testkit.inspect.InspectedTable;
import dev.destsdk.testkit.inspect.ObjectRef;
import dev.destsdk.testkit.inspect.RowOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated schemas and rows, written by the runner in several CSV formats and loaded into the in-memory
 * destination, come back as the same multiset of values.
 */
class GeneratedRunsTest {
    private static final long BASE_SEED = Seeds.pick();
    private static final int REPETITIONS = 3;

    @TempDir
    Path work;

    static Stream<Arguments> formats() {
        Map<String, CsvFileFormat> formats = Map.of(
                "default", CsvFileFormat.DEFAULT,
                "semicolon-nullif", CsvFileFormat.builder().fieldDelimiter(';').nullIf("\\N")
                        .emptyFieldAsNull(false).build(),
                "gzip-crlf", CsvFileFormat.builder().gzip(true).recordSeparator("\r\n").build(),
                "two-headers-hex", CsvFileFormat.builder().skipHeader(2).binaryFormat(BinaryFormat.HEX).build(),
                "tab-raw", CsvFileFormat.builder().fieldDelimiter('\t').binaryFormat(BinaryFormat.RAW)
                        .nullIf("NULL_MARKER").build(),
                "no-header-pipe", CsvFileFormat.builder().skipHeader(0).fieldDelimiter('|').build());
        List<Arguments> out = new ArrayList<>();
        formats.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (int r = 0; r < REPETITIONS; r++) {
                out.add(Arguments.of(e.getKey(), e.getValue(), r));
            }
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0} #{2}")
    @MethodSource("formats")
    void generatedRowsSurviveFilesAndLoad(String name, CsvFileFormat format, int repetition) {
        long seed = Seeds.forCase(BASE_SEED, name.hashCode() * 31L + repetition);
        String why = Seeds.describe(seed) + " format=" + name;
        Random random = new Random(seed);
        ObjectMetadata source = new SchemaGenerator(seed).next();
        ValueGenerator values = new ValueGenerator(seed, ValueGenerator.Options.defaults()
                .withTextSafeBinary(format.binaryFormat() == BinaryFormat.RAW).withStringLengths(40, 300));
        List<List<Object>> rows = values.rows(source, 1 + random.nextInt(40));
        int rowsPerFile = 1 + random.nextInt(10);

        InMemoryDestination destination = new InMemoryDestination();
        LocalPipelineRunner runner = new LocalPipelineRunner(destination, work);
        RunResult result = runner.runOnce(RunSpec.builder(source).rows(rows).fileFormat(format)
                .rowsPerFile(rowsPerFile).loadMode(random.nextBoolean() ? LoadMode.APPEND : LoadMode.MERGE).build());

        assertThat(result.successFiles()).as(why).hasSize((rows.size() + rowsPerFile - 1) / rowsPerFile);
        assertThat(result.successFiles()).as(why)
                .allSatisfy(f -> assertThat(f.getFileName().toString()).endsWith(format.fileSuffix()));
        assertThat(destination.filesRead).as(why).containsExactlyElementsOf(result.successFiles());
        if (format.skipHeader() > 0) {
            assertThat(destination.headersRead).as(why)
                    .allSatisfy(h -> assertThat(h).containsExactlyElementsOf(source.getFieldNames()));
        }
        InspectedTable table = new InMemoryInspector(destination).read(ObjectRef.of(result.mappedObject()),
                RowOrder.any()).project(result.mappedObject().getFieldNames());
        assertThat(table.rowCount()).as(why).isEqualTo(rows.size());
        assertThat(table.multiset()).as(why).isEqualTo(table.multisetOf(rows));
    }
}
