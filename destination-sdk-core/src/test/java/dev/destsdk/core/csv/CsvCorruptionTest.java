package dev.destsdk.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated files with one bad record after a random number of good (generated, multi-line) ones: the error names
 * the bad record's physical start line, its number and its column.
 */
class CsvCorruptionTest {

    private static final Map<String, CsvFileFormat> FORMATS = Map.of(
            "default", CsvFileFormat.DEFAULT,
            "pipe-singleQuote-crlf-escape", CsvFileFormat.builder().fieldDelimiter('|').quote('\'').escape('\\')
                    .recordSeparator("\r\n").nullIf("NULL").build(),
            "tab-trim-keepBlank", CsvFileFormat.builder().fieldDelimiter('\t').trimSpace(true)
                    .skipBlankLines(false).nullIf("\\N").emptyFieldAsNull(false).build());

    enum Corruption { BAD_BYTE, MISSING_FIELD, TEXT_AFTER_QUOTE, UNTERMINATED_QUOTE }

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 777;
        for (String format : FORMATS.keySet().stream().sorted().toList()) {
            for (Corruption corruption : Corruption.values()) {
                for (int i = 0; i < 3; i++) {
                    cases.add(Arguments.of(format, corruption, seed++));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} seed={2}")
    @MethodSource("cases")
    void errorNamesTheBadRecord(String formatName, Corruption corruption, long seed) throws IOException {
        CsvFileFormat format = FORMATS.get(formatName);
        SplittableRandom random = new SplittableRandom(seed);
        int columnCount = 2 + random.nextInt(4);
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < columnCount; c++) {
            columns.add("col" + c);
        }
        int goodRows = random.nextInt(3) == 0 ? 3000 + random.nextInt(3000) : random.nextInt(30);

        // the good part: header and generated rows
        Path good = dir.resolve("good.csv");
        try (CsvRecordWriter writer = CsvRecordWriter.create(good, format, columns)) {
            ValueGenerator values = new ValueGenerator(random, format, writer.canWriteNull());
            for (int r = 0; r < goodRows; r++) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < columnCount; c++) {
                    row.add(values.next());
                }
                writer.write(row);
            }
        }
        byte[] goodBytes = Files.readAllBytes(good);
        long badLine = 1 + lineBreaks(new String(goodBytes, StandardCharsets.UTF_8));

        String sep = format.recordSeparator();
        char d = format.fieldDelimiter();
        char q = format.quote().orElseThrow();
        String filler = (d + "v").repeat(columnCount - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(goodBytes);
        long badOffset = out.size();
        String expectedColumn;
        switch (corruption) {
            case BAD_BYTE -> {
                out.write(new byte[] {'a', (byte) 0xFF});
                out.write((filler + sep).getBytes(StandardCharsets.UTF_8));
                badOffset += 1;
                expectedColumn = "col0";
            }
            case MISSING_FIELD -> {
                out.write(((d + "v").repeat(columnCount - 2) + "v" + sep).getBytes(StandardCharsets.UTF_8));
                expectedColumn = "col" + (columnCount - 1);
            }
            case TEXT_AFTER_QUOTE -> {
                out.write(("v" + d + q + "multi" + sep + "line" + q + "x" + (d + "v").repeat(columnCount - 2) + sep)
                        .getBytes(StandardCharsets.UTF_8));
                expectedColumn = "col1";
            }
            default -> {
                out.write(("v" + d + "w" + d + q + "never closed" + sep + "v" + d + "v" + sep)
                        .getBytes(StandardCharsets.UTF_8));
                // with two columns the header has no name for the third field: its position is named
                expectedColumn = columnCount > 2 ? "col2" : "3";
            }
        }
        // good rows after the bad one must not matter
        out.write(("v" + filler + sep)
                .getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("bad.csv");
        Files.write(file, out.toByteArray());

        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> {
            try (CsvRecordReader reader = CsvRecordReader.open(file, format)) {
                Optional<CsvRow> row;
                do {
                    row = reader.next();
                } while (row.isPresent());
            }
        });
        assertThat(e).as("seed=%d", seed).isNotNull();
        assertThat(e.getErrorType()).as("seed=%d", seed).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).as("seed=%d", seed).contains(file.toString());
        assertThat(e.getContext().line()).as("seed=%d %s", seed, e.getMessage()).isEqualTo(OptionalLong.of(badLine));
        assertThat(e.getContext().record()).as("seed=%d %s", seed, e.getMessage())
                .isEqualTo(OptionalLong.of(goodRows + 1));
        assertThat(e.getContext().column()).as("seed=%d %s", seed, e.getMessage())
                .isEqualTo(Optional.ofNullable(expectedColumn));
        if (corruption == Corruption.BAD_BYTE) {
            assertThat(e.getMessage()).as("seed=%d", seed).contains("byte offset " + badOffset);
        }
    }

    private static long lineBreaks(String text) {
        long breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r'))) {
                breaks++;
            }
        }
        return breaks;
    }
}
