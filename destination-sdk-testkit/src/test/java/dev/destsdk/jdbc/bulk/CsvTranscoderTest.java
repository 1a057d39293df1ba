package dev.destsdk.jdbc.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.testkit.warehouse.TestCsvFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTranscoderTest {
    @TempDir
    Path dir;

    private LoadFile file(CsvFileFormat format, List<List<String>> rows) {
        Path p = dir.resolve("success_part_00000" + format.fileSuffix());
        TestCsvFiles.write(p, format, List.of("a", "b"), rows);
        return LoadFile.of(p, format);
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void quotesEveryValueAndWritesNullAsTheToken() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(2).fieldDelimiter(';').emptyFieldAsNull(false)
                .nullIf("\\N").gzip(true).build();
        LoadFile f = file(format, List.of(Arrays.asList("x", null), Arrays.asList("", "say \"hi\"; ok\nbye")));
        CsvTranscoder t = new CsvTranscoder(f, 2, new CsvOutput(',', '"', "NULL"), List.of(), CancellationSignal.never());
        assertThat(read(t)).isEqualTo("\"x\",NULL\n\"\",\"say \"\"hi\"\"; ok\nbye\"\n");
        assertThat(t.records()).isEqualTo(2);
        assertThat(t.linesAreRecords()).isFalse();
        t.throwIfFailed(f);
    }

    @Test
    void convertsValuesPerColumnButNeverNulls() throws IOException {
        LoadFile f = file(CsvFileFormat.DEFAULT, List.of(Arrays.asList("AAE=", null)));
        List<UnaryOperator<String>> converters = new ArrayList<>();
        converters.add(v -> BinaryValues.toPostgresHex(BinaryValues.decode(v, f.format().binaryFormat(),
                StandardCharsets.UTF_8)));
        converters.add(v -> "never");
        String out = read(new CsvTranscoder(f, 2, CsvOutput.EMPTY_IS_NULL, converters, CancellationSignal.never()));
        assertThat(out).isEqualTo("\"\\x0001\",\n");
    }

    @Test
    void badInputEndsTheStreamAndIsRethrownWithFileAndLine() throws IOException {
        Path p = dir.resolve("success_part_00007.csv");
        Files.writeString(p, "a,b\n1,2\n3\n4,5\n");
        LoadFile f = LoadFile.of(p, CsvFileFormat.DEFAULT);
        CsvTranscoder t = new CsvTranscoder(f, 2, CsvOutput.EMPTY_IS_NULL, List.of(), CancellationSignal.never());
        String out = read(t);
        assertThat(out).doesNotContain("\"4\"");
        assertThat(t.failure()).isPresent();
        assertThatThrownBy(() -> t.throwIfFailed(f)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.getContext().file()).hasValue("success_part_00007.csv");
            assertThat(e.getContext().line()).hasValue(3);
        });
    }

    @Test
    void cancellationEndsTheStream() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(List.of(Integer.toString(i), "v"));
        }
        LoadFile f = file(CsvFileFormat.DEFAULT, rows);
        CancellationToken token = new CancellationToken();
        token.cancel();
        CsvTranscoder t = new CsvTranscoder(f, 2, CsvOutput.EMPTY_IS_NULL, List.of(), token);
        assertThat(read(t)).isEmpty();
        assertThat(read(DataFileStreams.open(f, token))).isEmpty();
        assertThat(read(DataFileStreams.open(f, CancellationSignal.never()))).startsWith("a,b\n0,v\n");
    }
}
