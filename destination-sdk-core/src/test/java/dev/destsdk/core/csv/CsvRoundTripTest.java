package dev.destsdk.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Writer → reader round trips of generated rows in many formats: every value comes back exactly. */
class CsvRoundTripTest {

    private static final Map<String, CsvFileFormat> FORMATS = formats();

    @TempDir
    Path dir;

    private static Map<String, CsvFileFormat> formats() {
        Map<String, CsvFileFormat> m = new java.util.LinkedHashMap<>();
        m.put("default", CsvFileFormat.DEFAULT);
        m.put("tab-escape-nullN-noHeader", CsvFileFormat.builder().fieldDelimiter('\t').escape('\\').skipHeader(0)
                .nullIf("\\N").emptyFieldAsNull(false).build());
        m.put("pipe-singleQuote-header2-NULL-crlf", CsvFileFormat.builder().fieldDelimiter('|').quote('\'')
                .skipHeader(2).nullIf("NULL").emptyFieldAsNull(true).recordSeparator("\r\n").build());
        m.put("semicolon-escape-twoMarkers-gzip", CsvFileFormat.builder().fieldDelimiter(';').escape('\\')
                .nullIf("\\N", "NULL").emptyFieldAsNull(true).gzip(true).build());
        m.put("postgres-nullN-trim", CsvFileFormat.builder().nullIf("\\N").emptyFieldAsNull(false).trimSpace(true)
                .build());
        m.put("latin1-crlf-gzip", CsvFileFormat.builder().encoding(StandardCharsets.ISO_8859_1).nullIf("NULL")
                .recordSeparator("\r\n").gzip(true).build());
        m.put("mariadb-escapeOnly", CsvFileFormat.builder().fieldDelimiter('\t').quote(null).escape('\\')
                .nullIf("\\N").emptyFieldAsNull(false).skipBlankLines(false).build());
        m.put("pipe-doubledEscape-twoMarkers-trim-keepBlank", CsvFileFormat.builder().fieldDelimiter('|')
                .escape('"').nullIf("NULL", "\\N").emptyFieldAsNull(false).trimSpace(true).skipBlankLines(false)
                .build());
        m.put("escape-emptyMarkerSecond-trim-header0", CsvFileFormat.builder().escape('\\').nullIf("NULL", "")
                .emptyFieldAsNull(false).trimSpace(true).skipHeader(0).build());
        m.put("singleQuote-escape-tab-utf16", CsvFileFormat.builder().fieldDelimiter('\t').quote('\'')
                .escape('\\').encoding(StandardCharsets.UTF_16LE).nullIf("null").build());
        return m;
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 20240601L;
        for (String name : FORMATS.keySet()) {
            for (int i = 0; i < 7; i++) {
                cases.add(Arguments.of(name, seed++));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("cases")
    void generatedRowsComeBackExactly(String formatName, long seed) {
        CsvFileFormat format = FORMATS.get(formatName);
        SplittableRandom random = new SplittableRandom(seed);
        int columnCount = 1 + random.nextInt(6);
        int rowCount = random.nextInt(10) == 0 ? 2000 + random.nextInt(2000) : random.nextInt(40);
        CharsetEncoder encoder = format.encoding().newEncoder();
        Path file = dir.resolve("success_part_" + seed + format.fileSuffix());

        List<String> columns = new ArrayList<>();
        for (int c = 0; c < columnCount; c++) {
            columns.add(representable(encoder, ValueGenerator.columnName(random, c)));
        }
        List<List<String>> rows = new ArrayList<>();
        try (CsvRecordWriter writer = CsvRecordWriter.create(file, format, columns)) {
            ValueGenerator values = new ValueGenerator(random, format, writer.canWriteNull());
            for (int r = 0; r < rowCount; r++) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < columnCount; c++) {
                    row.add(representable(encoder, values.next()));
                }
                writer.write(row);
                rows.add(row);
            }
            assertThat(writer.recordsWritten()).as("seed=%d", seed).isEqualTo(rowCount);
        }

        List<CsvRow> read = new ArrayList<>();
        try (CsvRecordReader reader = CsvRecordReader.open(file, format, columnCount)) {
            if (format.skipHeader() > 0) {
                assertThat(reader.header()).as("seed=%d header", seed).isEqualTo(columns);
            } else {
                assertThat(reader.header()).as("seed=%d header", seed).isEmpty();
            }
            Optional<CsvRow> row;
            while ((row = reader.next()).isPresent()) {
                read.add(row.get());
            }
        }

        assertThat(read).as("seed=%d rows read", seed).hasSize(rows.size());
        long expectedLine = 1 + format.skipHeader() * (1L + (format.quote().isPresent() ? physicalLineBreaks(columns) : 0));
        for (int r = 0; r < rows.size(); r++) {
            CsvRow row = read.get(r);
            assertThat(row.values()).as("seed=%d format=%s record %d", seed, formatName, r + 1)
                    .isEqualTo(rows.get(r));
            assertThat(row.recordNumber()).as("seed=%d record number", seed).isEqualTo(r + 1);
            assertThat(row.lineNumber()).as("seed=%d line of record %d", seed, r + 1).isEqualTo(expectedLine);
            assertThat(row.file()).as("seed=%d", seed).isEqualTo(file.toString());
            expectedLine += 1 + (format.quote().isPresent() ? physicalLineBreaks(rows.get(r)) : 0);
        }
    }

    /** Line breaks a value adds to the file when written raw inside quotes (CRLF counts once). */
    private static int physicalLineBreaks(List<String> row) {
        int breaks = 0;
        for (String value : row) {
            if (value == null) {
                continue;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || (c == '\n' && (i == 0 || value.charAt(i - 1) != '\r'))) {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    /** Drops characters the encoding cannot hold, so that generated values fit e.g. ISO-8859-1. */
    private static String representable(CharsetEncoder encoder, String value) {
        if (value == null || encoder.canEncode(value)) {
            return value;
        }
        StringBuilder sb = new StringBuilder();
        value.codePoints().filter(cp -> encoder.canEncode(new String(Character.toChars(cp))))
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
