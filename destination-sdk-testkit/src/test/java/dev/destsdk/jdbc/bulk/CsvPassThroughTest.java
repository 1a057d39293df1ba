package dev.destsdk.jdbc.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.testkit.warehouse.TestCsvFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvPassThroughTest {
    @TempDir
    Path dir;

    private static String rewrite(String text, CsvFileFormat format, String token, List<String> constants)
            throws IOException {
        try (InputStream in = new CsvPassThrough(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                format, token, constants)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void dropsTheHeaderAndBlankLinesOutsideQuotesAndEndsEveryRecordWithLf() throws IOException {
        String file = "\n\na,b\n1,x\n\n\r\n2,\"multi\n\nline\"\r\n\r\n3,\"\"\n\n";
        assertThat(rewrite(file, CsvFileFormat.DEFAULT, "", List.of()))
                .isEqualTo("1,x\n2,\"multi\n\nline\"\n3,\"\"\n");
    }

    @Test
    void keepsBlankLinesAsRecordsWhenTheFormatDoesNotSkipThem() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(0).skipBlankLines(false).build();
        assertThat(rewrite("x\n\ny\r\rz", format, "", List.of())).isEqualTo("x\n\ny\n\nz\n");
    }

    @Test
    void dropsTwoHeaderRowsEvenWhenAHeaderValueHoldsALineBreak() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(2).build();
        assertThat(rewrite("a,\"b\nc\"\nint,text\n1,2\n", format, "", List.of())).isEqualTo("1,2\n");
    }

    @Test
    void appendsTheConstantsQuotedToEveryRecordIncludingALastOneWithoutLineBreak() throws IOException {
        assertThat(rewrite("h\n1\n2", CsvFileFormat.DEFAULT, "", List.of("2024-01-01T00:00:00Z", "say \"x\"")))
                .isEqualTo("1,\"2024-01-01T00:00:00Z\",\"say \"\"x\"\"\"\n2,\"2024-01-01T00:00:00Z\",\"say \"\"x\"\"\"\n");
    }

    @Test
    void writesTheFormatsNullFieldsAsTheTokenAndQuotesValuesThatLookLikeIt() throws IOException {
        // default format: an unquoted empty field is NULL, "" is the empty string, NULL is a four-letter word
        String file = "a,b,c\n,\"\",NULL\nNULLS,x,\n";
        assertThat(rewrite(file, CsvFileFormat.DEFAULT, "NULL", List.of()))
                .isEqualTo("NULL,\"\",\"NULL\"\nNULLS,x,NULL\n");
    }

    @Test
    void rewritesSeveralMarkersToTheEmptyFieldAndQuotesEmptyValues() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(0).emptyFieldAsNull(false).nullIf("\\N", "nil")
                .build();
        assertThat(rewrite("\\N,,nil,\"nil\",nils\n", format, "", List.of()))
                .isEqualTo(",\"\",,\"nil\",nils\n");
    }

    @Test
    void leavesFieldsAloneWhenTheFormatsNullRuleIsTheTokensOwn() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(0).emptyFieldAsNull(false).nullIf("NULL").build();
        assertThat(rewrite("NULL,,\"NULL\"\n", format, "NULL", List.of())).isEqualTo("NULL,,\"NULL\"\n");
    }

    @Test
    void endsTheStreamAtARecordWithTheWrongNumberOfFieldsAndNamesIt() throws IOException {
        Path p = dir.resolve("success_part_00003.csv");
        Files.writeString(p, "a,b\n1,\"x,\ny\"\n2\n3,z\n");
        LoadFile f = LoadFile.of(p, CsvFileFormat.DEFAULT);
        try (CsvPassThrough in = new CsvPassThrough(f, 2, "", List.of(), CancellationSignal.never())) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).startsWith("1,\"x,\ny\"\n").doesNotContain("3,z");
            assertThat(in.failure()).isPresent();
            assertThatThrownBy(() -> in.throwIfFailed(f)).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
                assertThat(e.getContext().file()).hasValue("success_part_00003.csv");
                assertThat(e.getContext().record()).hasValue(2);
                assertThat(e.getMessage()).contains("1 field(s), expected 2");
            });
        }
    }

    @Test
    void refusesFormatsItCannotRewriteExactly() {
        CsvFileFormat d = CsvFileFormat.DEFAULT;
        assertThat(CsvPassThrough.supports(d)).isTrue();
        assertThat(CsvPassThrough.supports(d.toBuilder().skipHeader(2).nullIf("NULL", "\\N").gzip(true)
                .fieldDelimiter('\t').quote('\'').build())).isTrue();
        assertThat(CsvPassThrough.supports(d.toBuilder().escape('\\').build())).isFalse();
        assertThat(CsvPassThrough.supports(d.toBuilder().trimSpace(true).build())).isFalse();
        assertThat(CsvPassThrough.supports(d.toBuilder().quote(null).escape('\\').build())).isFalse();
        assertThat(CsvPassThrough.supports(d.toBuilder().encoding(StandardCharsets.ISO_8859_1).build())).isFalse();
        assertThat(CsvPassThrough.supports(d.toBuilder().nullIf("a,b").build())).isFalse();
        assertThat(CsvPassThrough.supports(d.toBuilder().fieldDelimiter('§').build())).isFalse();
        assertThatThrownBy(() -> rewrite("", d, "\"", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsGzipFilesAndEndsOnceCancelled() throws IOException {
        CsvFileFormat gz = CsvFileFormat.DEFAULT.toBuilder().gzip(true).build();
        Path p = dir.resolve("success_part_00000.csv.gz");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            rows.add(List.of(Integer.toString(i), "v" + i));
        }
        TestCsvFiles.write(p, gz, List.of("a", "b"), rows);
        try (CsvPassThrough in = new CsvPassThrough(LoadFile.of(p, gz), "", List.of(), CancellationSignal.never())) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).startsWith("0,v0\n1,v1\n").endsWith("49999,v49999\n");
            assertThat(in.records()).isEqualTo(50_000);
        }
        CancellationToken token = new CancellationToken();
        try (CsvPassThrough in = new CsvPassThrough(LoadFile.of(p, gz), "", List.of(), token)) {
            assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
            token.cancel();
            long rest = in.readAllBytes().length;
            assertThat(rest).isLessThan(3L * (1 << 16));
            assertThat(in.records()).isLessThan(50_000);
        }
    }

    // ---------------------------------------------------------------- generated files

    private static final String[] PIECES = {"a", "b", "ü", "名", "😀", " ", ",", ";", "\t", "|", "\"", "'", "\n", "\r",
        "\r\n", "NULL", "\\N", "nil", ""};

    private static String value(Random random) {
        int pieces = random.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static CsvFileFormat format(Random random) {
        char[] delimiters = {',', ';', '\t', '|'};
        char[] quotes = {'"', '\''};
        CsvFileFormat.Builder b = CsvFileFormat.builder()
                .skipHeader(random.nextInt(3))
                .fieldDelimiter(delimiters[random.nextInt(delimiters.length)])
                .quote(quotes[random.nextInt(quotes.length)])
                .skipBlankLines(random.nextBoolean())
                .recordSeparator(random.nextBoolean() ? "\n" : "\r\n");
        switch (random.nextInt(4)) {
            case 0 -> b.emptyFieldAsNull(true);
            case 1 -> b.emptyFieldAsNull(true).nullIf("NULL");
            case 2 -> b.emptyFieldAsNull(false).nullIf("\\N");
            default -> b.emptyFieldAsNull(false).nullIf("nil", "NULL");
        }
        if (random.nextBoolean()) {
            b.escape(quotes[0]).quote(quotes[0]);
        }
        return b.build();
    }

    /** Writes the records one by one, with blank lines between some of them when the format skips them. */
    private byte[] file(CsvFileFormat format, List<String> header, List<List<String>> rows, Random random)
            throws IOException {
        CsvFileFormat one = format.toBuilder().skipHeader(0).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path tmp = dir.resolve("record.csv");
        List<List<String>> records = new ArrayList<>();
        for (int i = 0; i < format.skipHeader(); i++) {
            records.add(header);
        }
        records.addAll(rows);
        for (List<String> r : records) {
            if (format.skipBlankLines() && random.nextInt(4) == 0) {
                out.write(format.recordSeparator().repeat(1 + random.nextInt(2)).getBytes(StandardCharsets.UTF_8));
            }
            TestCsvFiles.write(tmp, one, header, List.of(r));
            out.write(Files.readAllBytes(tmp));
        }
        if (format.skipBlankLines() && random.nextBoolean()) {
            out.write(format.recordSeparator().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private List<List<String>> read(Path file, CsvFileFormat format, int columns) {
        List<List<String>> rows = new ArrayList<>();
        try (CsvRecordReader reader = CsvRecordReader.open(file, format, columns)) {
            for (Optional<CsvRow> r = reader.next(); r.isPresent(); r = reader.next()) {
                rows.add(r.get().values());
            }
        }
        return rows;
    }

    /** Returns the bytes in chunks of 1 to 7 bytes, to cross every buffer boundary. */
    private static InputStream trickle(byte[] bytes, Random random) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 7L, 42L, 1234L, 20240301L, 99991L, 5L, 31337L})
    void theReaderOfTheOutputSeesTheRecordsOfTheFileWithTheConstants(long seed) throws IOException {
        Random random = new Random(seed);
        for (int round = 0; round < 25; round++) {
            CsvFileFormat format = format(random);
            int columns = 1 + random.nextInt(4);
            List<String> header = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                header.add("c" + c);
            }
            List<List<String>> rows = new ArrayList<>();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    row.add(random.nextInt(5) == 0 ? null : value(random));
                }
                if (columns == 1 && format.skipBlankLines() && row.get(0) == null) {
                    // a one-column NULL is an empty line, which the format skips: not representable
                    row.set(0, "x");
                }
                rows.add(row);
            }
            byte[] bytes = file(format, header, rows, random);
            Path original = dir.resolve("original.csv");
            Files.write(original, bytes);
            List<List<String>> expected = read(original, format, columns);

            String token = List.of("", "NULL", "\\N").get(random.nextInt(3));
            List<String> constants = random.nextBoolean() ? List.of() : List.of("k\"1", "");
            CsvPassThrough filter = new CsvPassThrough(trickle(bytes, random), format, columns, token, constants);
            byte[] output;
            try (filter) {
                output = filter.readAllBytes();
            }
            Path rewritten = dir.resolve("rewritten.csv");
            Files.write(rewritten, output);
            CsvFileFormat outputFormat = CsvFileFormat.builder().skipHeader(0)
                    .fieldDelimiter(format.fieldDelimiter()).quote(format.quote().orElseThrow())
                    .skipBlankLines(false).emptyFieldAsNull(token.isEmpty())
                    .nullIf(token.isEmpty() ? List.of() : List.of(token)).build();
            List<List<String>> withConstants = new ArrayList<>();
            for (List<String> r : expected) {
                List<String> e = new ArrayList<>(r);
                e.addAll(constants);
                withConstants.add(e);
            }
            String context = "seed=" + seed + " round=" + round + " format=" + format + " token=" + token
                    + "\ninput=" + Arrays.toString(escape(bytes)) + "\noutput=" + Arrays.toString(escape(output));
            assertThat(read(rewritten, outputFormat, columns + constants.size())).as(context)
                    .isEqualTo(withConstants);
            assertThat(filter.records()).as(context).isEqualTo(expected.size());
            assertThat(filter.failure()).as(context).isEmpty();

            // the same file checked with the SDK's rules (string columns, header names) passes unchanged
            List<ColumnDef> defs = header.stream().map(h -> new ColumnDef(h, ColumnType.of(CanonicalType.STRING),
                    "text", true, Optional.empty())).toList();
            CsvPassThrough checked = new CsvPassThrough(trickle(bytes, random), format,
                    new ValueRules(defs, format, String::equals), token, constants);
            try (checked) {
                assertThat(checked.readAllBytes()).as(context).isEqualTo(output);
            }
            assertThat(checked.failure()).as(context).isEmpty();
            assertThat(checked.records()).as(context).isEqualTo(expected.size());
        }
    }

    private static ValueRules typedRules(CsvFileFormat format) {
        return new ValueRules(List.of(
                new ColumnDef("id", ColumnType.of(CanonicalType.LONG), "bigint", false, Optional.empty()),
                new ColumnDef("name", ColumnType.of(CanonicalType.STRING), "text", true, Optional.empty()),
                new ColumnDef("ts", ColumnType.of(CanonicalType.TIMESTAMP_TZ), "timestamptz", true,
                        Optional.empty())), format, String::equals);
    }

    private static Optional<ConnectorException> checkedFailure(String text, Random random) throws IOException {
        return checkedFailure(text.getBytes(StandardCharsets.UTF_8), random);
    }

    private static Optional<ConnectorException> checkedFailure(byte[] bytes, Random random) throws IOException {
        CsvPassThrough in = new CsvPassThrough(trickle(bytes, random), CsvFileFormat.DEFAULT,
                typedRules(CsvFileFormat.DEFAULT), "", List.of());
        try (in) {
            in.readAllBytes();
        }
        return in.failure();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 77L, 2024L})
    void checkedValuesAreFoundWhereverTheBufferBoundariesFall(long seed) throws IOException {
        Random random = new Random(seed);
        String good = "id,name,ts\n1,\"名前 😀\",2024-01-31T13:45:00.123456+05:30\n2,,\n\"3\",\"a\"\"b\",\"2024-01-31T13:45:00Z\"\n";
        assertThat(checkedFailure(good, random)).isEmpty();
        String[][] bad = {
            {"id,name,ts\n1,a,2024-01-31T13:45:00Z\n2,b,yesterday\n", "3", "2", "ts"},
            {"id,name,ts\n1,a,\n2,b,\"2024-01-31 13:45:00Z\"\n", "3", "2", "ts"},
            {"id,name,ts\n1,\"two\nlines\",\n1e3,b,\n", "4", "2", "id"},
            {"id,name,ts\n,a,\n", "2", "1", "id"},
            {"id,name,ts\n1,a\"b,\n", "2", "1", "name"},
            {"id,name,ts\n1,\"a\"b,\n", "2", "1", "name"},
            {"id,name,ts\n1,\"a\u0000b\",\n", "2", "1", "name"},
            {"id,name,ts\n1,a,\n2,\"open,\n", "3", "2", "name"},
            {"id,name\n1,a\n", "1", "0", "ts"},
            {"id,ts,name\n1,,a\n", "1", "0", "name"},
            {"", "1", "0", "id"},
            {"id,name,ts\n1,a\n", "2", "1", "ts"},
            {"id,name,ts\n1,a,,x\n", "2", "1", "ts"},
        };
        for (String[] c : bad) {
            Optional<ConnectorException> e = checkedFailure(c[0], random);
            assertThat(e).as(c[0]).isPresent();
            assertThat(e.get().getContext().line()).as(e.get().getMessage()).hasValue(Long.parseLong(c[1]));
            if (!c[2].equals("0")) {
                assertThat(e.get().getContext().record()).as(e.get().getMessage()).hasValue(Long.parseLong(c[2]));
            }
            assertThat(e.get().getContext().column()).as(e.get().getMessage()).hasValue(c[3]);
            assertThat(e.get().getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        }
        byte[] prefix = "id,name,ts\n1,\"".getBytes(StandardCharsets.UTF_8);
        for (byte[] invalid : new byte[][] {{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}}) {
            for (byte[] tail : new byte[][] {"\",\n".getBytes(StandardCharsets.UTF_8), new byte[0]}) {
                for (byte[] start : new byte[][] {prefix, "id,name,ts\n1,".getBytes(StandardCharsets.UTF_8)}) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    b.write(start);
                    b.write(invalid);
                    b.write(tail);
                    Optional<ConnectorException> e = checkedFailure(b.toByteArray(), random);
                    assertThat(e).as(Arrays.toString(invalid)).isPresent();
                    assertThat(e.get().getMessage()).contains("UTF-8");
                    assertThat(e.get().getContext().column()).hasValue("name");
                }
            }
        }
    }

    private static String[] escape(byte[] bytes) {
        return new String[] {new String(bytes, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n")};
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11L, 12345L})
    void manyShortRecordsWithLongConstantsFillEveryBufferExactly(long seed) throws IOException {
        Random random = new Random(seed);
        // blank lines kept: an empty line is a record of one empty field, NULL in this format
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(0).skipBlankLines(false).build();
        String constant = "c".repeat(100 + random.nextInt(200));
        String suffix = ",\"" + constant + "\"\n";
        StringBuilder file = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 150_000; i++) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    file.append("\r\n");
                    expected.append("NULL");
                }
                case 1 -> {
                    file.append("NULL\n");
                    expected.append("\"NULL\"");
                }
                case 2 -> {
                    file.append("\"\"\r");
                    expected.append("\"\"");
                }
                default -> {
                    file.append("x\r\n");
                    expected.append("x");
                }
            }
            expected.append(suffix);
        }
        byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
        InputStream chunks = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(70_000)));
            }
        };
        try (CsvPassThrough in = new CsvPassThrough(chunks, format, 1, "NULL", List.of(constant))) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(in.failure()).as("seed=%d", seed).isEmpty();
            assertThat(in.records()).as("seed=%d", seed).isEqualTo(150_000);
            assertThat(out.equals(expected.toString())).as("seed=%d: output differs", seed).isTrue();
        }
    }

    /** The first line ended by CR or CRLF outside quotes is noted (a reader given the file with LF ends differs). */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5L, 91L})
    void theFirstLineEndedByACarriageReturnOutsideQuotesIsNoted(long seed) throws IOException {
        Random random = new Random(seed);
        String[][] cases = {
            {"id,name,ts\n1,\"a\rb\",\n2,\"c\r\nd\",\n", "0"},
            {"id,name,ts\n1,a,\n2,\"x\ny\",\r\n3,b,\r\n", "4"},
            {"id,name,ts\r\n1,a,\n", "1"},
            {"id,name,ts\n1,a,\r2,b,\n", "2"},
        };
        for (String[] c : cases) {
            CsvPassThrough in = new CsvPassThrough(trickle(c[0].getBytes(StandardCharsets.UTF_8), random),
                    CsvFileFormat.DEFAULT, typedRules(CsvFileFormat.DEFAULT), "", List.of());
            try (in) {
                in.readAllBytes();
            }
            long line = Long.parseLong(c[1]);
            assertThat(in.failure()).as(c[0]).isEmpty();
            assertThat(in.firstCarriageReturnLineEnd()).as(c[0])
                    .isEqualTo(line == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(line));
        }
    }

    @Test
    void trickleHelperDeliversEveryByte() {
        byte[] bytes = "0123456789".repeat(20).getBytes(StandardCharsets.UTF_8);
        try (InputStream in = trickle(bytes, new Random(3))) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
