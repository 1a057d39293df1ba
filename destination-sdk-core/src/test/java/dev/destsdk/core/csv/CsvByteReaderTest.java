package dev.destsdk.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte reader reads exactly what {@link CsvRecordReader} reads: the same values, NULLs, line and record numbers,
 * and the same error at the same record, on hand-written cases and on thousands of generated files mixing every
 * syntax element (quotes, doubled quotes, CR/LF/CRLF, blank lines, markers, multi-byte and invalid UTF-8, BOM,
 * ragged records, text after quotes). The one allowed difference: before bad bytes, the byte reader may return a
 * record the reference reader (which decodes ahead) never returns; the error is the same.
 */
class CsvByteReaderTest {
    @TempDir
    Path dir;

    @Test
    void plainFilesAreReadWithoutTheReferenceReader() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(1).nullIf("\\N").build();
        Path f = write("a.csv", "\uFEFFid,name,note\r\n1,\"x,\"\"y\"\"\",\\N\n2,\"\",é\n\n3,\"multi\nline\",\"\\N\"\r\n");
        try (CsvByteReader r = CsvByteReader.open(f, format, 3)) {
            List<String> seen = new ArrayList<>();
            while (r.next()) {
                seen.add(r.lineNumber() + ":" + r.recordNumber() + ":" + r.values());
            }
            assertThat(seen).containsExactly("2:1:[1, x,\"y\", null]", "3:2:[2, , é]", "5:3:[3, multi\nline, \\N]");
            assertThat(r.usesFallback()).isFalse();
        }
    }

    @Test
    void anOddButValidRecordIsReadByTheReferenceReaderFromThere() throws IOException {
        Path f = write("b.csv", "1,a\n2,\"b\"  \n3,c\"d\n");
        try (CsvByteReader r = CsvByteReader.open(f, CsvFileFormat.builder().skipHeader(0).build(), 2)) {
            List<String> seen = new ArrayList<>();
            while (r.next()) {
                seen.add(r.recordNumber() + ":" + r.values());
            }
            assertThat(seen).containsExactly("1:[1, a]", "2:[2, b]", "3:[3, c\"d]");
            assertThat(r.usesFallback()).isTrue();
        }
    }

    @Test
    void badInputFailsWithTheReferenceReadersErrorNamingFileLineRecordAndColumn() throws IOException {
        Path f = write("c.csv", "id,v\n1,a\n2,\"open\n");
        CsvByteReader r = CsvByteReader.open(f, CsvFileFormat.builder().skipHeader(1).build(), 2);
        assertThat(r.next()).isTrue();
        assertThatThrownBy(r::next).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
            assertThat(e.getMessage()).contains("c.csv").contains("line=3").contains("record=2").contains("not closed");
        });
        r.close();
    }

    @Test
    void gzipAndCorruptGzipReadAsTheReferenceReaderReadsThem() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < 20000; i++) {
                gz.write((i + ",\"v" + i + "\"\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Path good = dir.resolve("g.csv.gz");
        Files.write(good, bytes.toByteArray());
        Path cut = dir.resolve("cut.csv.gz");
        byte[] all = bytes.toByteArray();
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(0).build();
        assertThat(outcome(good, format, 2, true)).isEqualTo(outcome(good, format, 2, false)).hasSize(20000);
        List<String> cutOutcome = outcome(cut, format, 2, true);
        assertThat(cutOutcome).isEqualTo(outcome(cut, format, 2, false));
        assertThat(cutOutcome.get(cutOutcome.size() - 1)).startsWith("ERROR VALIDATION_ERROR");
    }

    @Test
    void generatedFilesReadExactlyAsTheReferenceReaderReadsThem() throws IOException {
        Random random = new Random(7);
        String[] pieces = {"a", "b1", "N", "\\N", "NULL", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "é", "日本",
            "|", "'", "x\"y", "\t", ""};
        int fallbacks = 0;
        for (int n = 0; n < 3000; n++) {
            CsvFileFormat.Builder b = CsvFileFormat.builder()
                    .skipHeader(random.nextInt(3))
                    .skipBlankLines(random.nextBoolean())
                    .emptyFieldAsNull(random.nextInt(4) == 0);
            switch (random.nextInt(3)) {
                case 0 -> b.nullIf("\\N");
                case 1 -> b.nullIf("NULL", "N");
                default -> b.nullIf(List.of());
            }
            if (random.nextInt(4) == 0) {
                b.fieldDelimiter('|');
            }
            if (random.nextInt(5) == 0) {
                b.quote('\'');
            }
            CsvFileFormat format = b.build();
            int columns = 1 + random.nextInt(3);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (random.nextInt(20) == 0) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            int records = random.nextInt(8);
            for (int rec = 0; rec < records; rec++) {
                boolean messy = random.nextInt(6) == 0;
                for (int c = 0; c < columns; c++) {
                    if (c > 0) {
                        out.write(format.fieldDelimiter());
                    }
                    if (messy) {
                        int parts = random.nextInt(4);
                        for (int p = 0; p < parts; p++) {
                            out.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
                        }
                        if (random.nextInt(30) == 0) {
                            out.write(0xFF);
                        }
                    } else if (random.nextBoolean()) {
                        char q = format.quote().orElseThrow();
                        out.write(q);
                        String v = pieces[random.nextInt(pieces.length)] + pieces[random.nextInt(pieces.length)];
                        out.writeBytes(v.replace(String.valueOf(q), q + "" + q).getBytes(StandardCharsets.UTF_8));
                        out.write(q);
                    } else {
                        String v = random.nextBoolean() ? "v" + random.nextInt(100) : pieces[random.nextInt(5)];
                        out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
                    }
                }
                String[] ends = {"\n", "\r\n", "\r", "\n\n"};
                if (rec < records - 1 || random.nextBoolean()) {
                    out.writeBytes(ends[random.nextInt(ends.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
            Path f = dir.resolve("gen" + n + ".csv");
            Files.write(f, out.toByteArray());
            List<String> expected = outcome(f, format, columns, false);
            List<String> actual = outcome(f, format, columns, true);
            String what = "file " + n + " with " + format + ":\n" + new String(out.toByteArray(), StandardCharsets.UTF_8);
            if (!expected.isEmpty() && expected.get(expected.size() - 1).startsWith("ERROR")) {
                // the same error; the reference reader decodes ahead, so a record just before bad bytes may come
                // from the byte reader first (a failed file is discarded whole either way)
                assertThat(actual.get(actual.size() - 1)).as(what).isEqualTo(expected.get(expected.size() - 1));
                assertThat(actual.size()).as(what).isGreaterThanOrEqualTo(expected.size());
                assertThat(actual.subList(0, expected.size() - 1)).as(what)
                        .isEqualTo(expected.subList(0, expected.size() - 1));
            } else {
                assertThat(actual).as(what).isEqualTo(expected);
            }
            try (CsvByteReader r = openQuietly(f, format, columns)) {
                if (r != null) {
                    while (nextQuietly(r)) {
                        // read to the end
                    }
                    fallbacks += r.usesFallback() ? 1 : 0;
                }
            }
        }
        // both paths are exercised
        assertThat(fallbacks).isBetween(100, 2900);
    }

    private static CsvByteReader openQuietly(Path f, CsvFileFormat format, int columns) {
        try {
            return CsvByteReader.open(f, format, columns);
        } catch (ConnectorException e) {
            return null;
        }
    }

    private static boolean nextQuietly(CsvByteReader r) {
        try {
            return r.next();
        } catch (ConnectorException e) {
            return false;
        }
    }

    /** Every record as line:record:values, then ERROR type message when reading fails. */
    private static List<String> outcome(Path f, CsvFileFormat format, int columns, boolean bytes) {
        List<String> seen = new ArrayList<>();
        try {
            if (bytes) {
                try (CsvByteReader r = CsvByteReader.open(f, format, columns)) {
                    while (r.next()) {
                        seen.add(r.lineNumber() + ":" + r.recordNumber() + ":" + r.values());
                    }
                }
            } else {
                try (CsvRecordReader r = CsvRecordReader.open(f, format, columns)) {
                    java.util.Optional<CsvRow> row;
                    while ((row = r.next()).isPresent()) {
                        seen.add(row.get().lineNumber() + ":" + row.get().recordNumber() + ":" + row.get().values());
                    }
                }
            }
        } catch (ConnectorException e) {
            seen.add("ERROR " + e.getErrorType() + " " + e.getMessage());
        }
        return seen;
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }
}
