package dev.destsdk.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact output of the writer and the values it refuses. */
class CsvRecordWriterTest {

    @TempDir
    Path dir;

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    private String write(String name, CsvFileFormat format, List<String> columns, List<List<String>> rows)
            throws IOException {
        Path file = dir.resolve(name);
        try (CsvRecordWriter writer = CsvRecordWriter.create(file, format, columns)) {
            for (List<String> r : rows) {
                writer.write(r);
            }
            assertThat(writer.recordsWritten()).isEqualTo(rows.size());
        }
        return Files.readString(file, format.encoding());
    }

    @Test
    void defaultFormatQuotesOnlyWhatNeedsIt() throws IOException {
        String out = write("a.csv", CsvFileFormat.DEFAULT, row("id", "note"), List.of(
                row("1", "plain"), row("2", "a,b"), row("3", "say \"hi\""), row("4", "two\nlines"),
                row("5", ""), row("6", null), row("7", " edge ")));
        assertThat(out).isEqualTo("id,note\n1,plain\n2,\"a,b\"\n3,\"say \"\"hi\"\"\"\n4,\"two\nlines\"\n5,\"\"\n6,\n"
                + "7, edge \n");
    }

    @Test
    void writesToAStreamWithoutCompressingItAndClosesIt() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        CsvFileFormat format = CsvFileFormat.builder().gzip(true).build();
        try (CsvRecordWriter w = CsvRecordWriter.create(bytes, "lake/t/part-00000.csv", format, row("id", "note"))) {
            w.write(row("1", "a,b"));
            w.write(row("2", null));
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("id,note\n1,\"a,b\"\n2,\n");
    }

    @Test
    void escapeCharacterEscapesQuotesAndItselfInsideQuotes() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().escape('\\').build();
        String out = write("a.csv", format, row("v"), List.of(row("a\"b"), row("c\\d"), row("\\N")));
        assertThat(out).isEqualTo("v\n\"a\\\"b\"\n\"c\\\\d\"\n\"\\\\N\"\n");
    }

    @Test
    void nullAsFirstMarkerAndMarkerStringsQuoted() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().nullIf("\\N", "NULL").emptyFieldAsNull(false).build();
        String out = write("a.csv", format, row("a", "b", "c", "d"),
                List.of(row(null, "\\N", "NULL", "")));
        assertThat(out).isEqualTo("a,b,c,d\n\\N,\"\\N\",\"NULL\",\"\"\n");
    }

    @Test
    void twoHeaderRowsCrlfAndTab() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(2).fieldDelimiter('\t').recordSeparator("\r\n")
                .build();
        String out = write("a.tsv", format, row("x", "y"), List.of(row("1", "a\tb")));
        assertThat(out).isEqualTo("x\ty\r\nx\ty\r\n1\t\"a\tb\"\r\n");
    }

    @Test
    void noHeaderRows() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(0).build();
        assertThat(write("a.csv", format, row("x"), List.of(row("1"), row("2")))).isEqualTo("1\n2\n");
    }

    @Test
    void trimSpaceQuotesEdgeWhitespace() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().trimSpace(true).build();
        String out = write("a.csv", format, row("a", "b", "c"), List.of(row(" x", "y\t", "in side")));
        assertThat(out).isEqualTo("a,b,c\n\" x\",\"y\t\",in side\n");
    }

    @Test
    void escapeOnlyFormatEscapesDelimiterEscapeAndLineBreaks() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().fieldDelimiter('\t').quote(null).escape('\\')
                .nullIf("\\N").emptyFieldAsNull(false).build();
        String out = write("a.tsv", format, row("a", "b", "c", "d", "e"),
                List.of(row("x\ty", "c:\\dir", "l1\nl2\r", null, "\\N")));
        assertThat(out).isEqualTo("a\tb\tc\td\te\nx\\\ty\tc:\\\\dir\tl1\\nl2\\r\t\\N\t\\\\N\n");
    }

    @Test
    void escapeOnlyFormatRefusesWhatItCannotRepresent() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().quote(null).escape('\\').nullIf("NULL").trimSpace(true)
                .build();
        Path file = dir.resolve("a.csv");
        try (CsvRecordWriter writer = CsvRecordWriter.create(file, format, row("a"))) {
            assertThatThrownBy(() -> writer.write(row(""))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty string");
            assertThatThrownBy(() -> writer.write(row(" x"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("whitespace");
            assertThatThrownBy(() -> writer.write(row("NULL"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nullIf marker 'NULL'");
            writer.write(row("ok"));
            writer.write(row((String) null));
        }
        assertThat(Files.readString(file)).isEqualTo("a\nok\nNULL\n");
    }

    @Test
    void nullWithoutAnyRepresentationIsRefusedAndSaysWhy() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().emptyFieldAsNull(false).build();
        Path file = dir.resolve("a.csv");
        try (CsvRecordWriter writer = CsvRecordWriter.create(file, format, row("a", "b"))) {
            assertThat(writer.canWriteNull()).isFalse();
            assertThatThrownBy(() -> writer.write(row("1", null))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot represent NULL")
                    .hasMessageContaining("emptyFieldAsNull")
                    .hasMessageContaining("column 2");
            writer.write(row("1", "2"));
        }
        assertThat(Files.readString(file)).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void oneColumnFileWithSkippedBlankLinesWritesNullAsMarker() throws IOException {
        CsvFileFormat withMarker = CsvFileFormat.builder().nullIf("\\N").build();
        assertThat(write("m.csv", withMarker, row("a"), List.of(row((String) null), row(""))))
                .isEqualTo("a\n\\N\n\"\"\n");
        Path file = dir.resolve("n.csv");
        try (CsvRecordWriter writer = CsvRecordWriter.create(file, CsvFileFormat.DEFAULT, row("a"))) {
            assertThat(writer.canWriteNull()).isFalse();
            assertThatThrownBy(() -> writer.write(row((String) null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one-column");
        }
        CsvFileFormat keepBlank = CsvFileFormat.builder().skipBlankLines(false).build();
        assertThat(write("k.csv", keepBlank, row("a"), List.of(row((String) null)))).isEqualTo("a\n\n");
    }

    @Test
    void wrongValueCountIsRefused() throws IOException {
        try (CsvRecordWriter writer = CsvRecordWriter.create(dir.resolve("a.csv"), CsvFileFormat.DEFAULT,
                row("a", "b"))) {
            assertThatThrownBy(() -> writer.write(row("1"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 values but the file has 2 columns");
            assertThat(writer.recordsWritten()).isZero();
        }
    }

    @Test
    void unencodableCharacterIsRefusedAndTheFileStaysIntact() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().encoding(StandardCharsets.ISO_8859_1).build();
        Path file = dir.resolve("latin1.csv");
        try (CsvRecordWriter writer = CsvRecordWriter.create(file, format, row("a", "b"))) {
            writer.write(row("été", "1"));
            assertThatThrownBy(() -> writer.write(row("ok", "€"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ISO-8859-1").hasMessageContaining("column 2 in record 2");
            writer.write(row("x", "2"));
        }
        assertThat(Files.readAllBytes(file)).isEqualTo("a,b\nété,1\nx,2\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void unpairedSurrogateIsRefused() throws IOException {
        try (CsvRecordWriter writer = CsvRecordWriter.create(dir.resolve("a.csv"), CsvFileFormat.DEFAULT,
                row("a"))) {
            assertThatThrownBy(() -> writer.write(row("x\uD800y"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unpaired surrogate");
            writer.write(row("\uD83D\uDE00"));
            assertThat(writer.recordsWritten()).isEqualTo(1);
        }
    }

    @Test
    void emptyColumnListIsRefused() {
        assertThatThrownBy(() -> CsvRecordWriter.create(dir.resolve("a.csv"), CsvFileFormat.DEFAULT, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one column");
    }

    @Test
    void gzipWhenTheFormatSays() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().gzip(true).build();
        Path file = dir.resolve("success_part_1" + format.fileSuffix());
        try (CsvRecordWriter writer = CsvRecordWriter.create(file, format, row("a"))) {
            writer.write(row("1"));
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a\n1\n");
        }
    }

    @Test
    void firstValueStartingWithByteOrderMarkIsQuoted() throws IOException {
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(0).build();
        Path file = dir.resolve("bom.csv");
        try (CsvRecordWriter writer = CsvRecordWriter.create(file, format, row("a"))) {
            writer.write(row("\uFEFFx"));
        }
        assertThat(Files.readString(file)).isEqualTo("\"\uFEFFx\"\n");
        try (CsvRecordReader reader = CsvRecordReader.open(file, format)) {
            assertThat(reader.next().orElseThrow().values()).containsExactly("\uFEFFx");
        }
    }

    @Test
    void writingAfterCloseIsRefused() {
        CsvRecordWriter writer = CsvRecordWriter.create(dir.resolve("a.csv"), CsvFileFormat.DEFAULT, row("a"));
        writer.close();
        writer.close();
        assertThatThrownBy(() -> writer.write(row("1"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void postgresCopyStyleFixture() throws IOException {
        // COPY t FROM '...' WITH (FORMAT csv, HEADER true, NULL '\N', ESCAPE '\')
        CsvFileFormat format = CsvFileFormat.builder().escape('\\').nullIf("\\N").emptyFieldAsNull(false).build();
        List<List<String>> rows = List.of(row("1", null, "", "\\N", "a\\b", "q\"uote", "multi\nline"));
        String out = write("pg.csv", format, row("id", "n", "e", "s", "b", "q", "m"), rows);
        assertThat(out).isEqualTo("id,n,e,s,b,q,m\n1,\\N,\"\",\"\\\\N\",\"a\\\\b\",\"q\\\"uote\",\"multi\nline\"\n");
        List<List<String>> read = new ArrayList<>();
        try (CsvRecordReader reader = CsvRecordReader.open(dir.resolve("pg.csv"), format)) {
            Optional<CsvRow> r;
            while ((r = reader.next()).isPresent()) {
                read.add(r.get().values());
            }
        }
        assertThat(read).isEqualTo(rows);
    }
}
