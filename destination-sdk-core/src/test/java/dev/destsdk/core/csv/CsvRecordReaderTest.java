package dev.destsdk.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written files: NULL and empty rules, headers, blank lines, BOM, line endings, gzip, encodings. */
class CsvRecordReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(String name, byte[] content) throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, content);
        return path;
    }

    private static List<List<String>> readAll(Path file, CsvFileFormat format) {
        List<List<String>> rows = new ArrayList<>();
        try (CsvRecordReader reader = CsvRecordReader.open(file, format)) {
            Optional<CsvRow> row;
            while ((row = reader.next()).isPresent()) {
                rows.add(row.get().values());
            }
        }
        return rows;
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    @Test
    void defaultFormatReadsUnquotedEmptyAsNullAndQuotedEmptyAsEmptyString() throws IOException {
        Path f = file("a.csv", "a,b,c\n,\"\",x\n\"\",,\n");
        assertThat(readAll(f, CsvFileFormat.DEFAULT)).containsExactly(row(null, "", "x"), row("", null, null));
    }

    @Test
    void withoutEmptyFieldAsNullEveryEmptyFieldIsTheEmptyString() throws IOException {
        Path f = file("a.csv", "a,b\n,\"\"\n");
        CsvFileFormat format = CsvFileFormat.builder().emptyFieldAsNull(false).build();
        assertThat(readAll(f, format)).containsExactly(row("", ""));
    }

    @Test
    void nullMarkerOnlyWhenUnquoted() throws IOException {
        Path f = file("a.csv", "a,b,c,d\n\\N,\"\\N\",,\"\"\n");
        CsvFileFormat format = CsvFileFormat.builder().nullIf("\\N").emptyFieldAsNull(false).build();
        assertThat(readAll(f, format)).containsExactly(row(null, "\\N", "", ""));
    }

    @Test
    void nullMarkerAndEmptyFieldAsNullTogether() throws IOException {
        Path f = file("a.csv", "a,b,c,d\n\\N,\"\\N\",,\"\"\n");
        CsvFileFormat format = CsvFileFormat.builder().nullIf("\\N").emptyFieldAsNull(true).build();
        assertThat(readAll(f, format)).containsExactly(row(null, "\\N", null, ""));
    }

    @Test
    void severalMarkersAreEachNullOnlyWhenUnquoted() throws IOException {
        Path f = file("a.csv", "a,b,c,d,e\nNULL,\\N,\"NULL\",\"\\N\",null\n");
        CsvFileFormat format = CsvFileFormat.builder().nullIf("NULL", "\\N").emptyFieldAsNull(false).build();
        assertThat(readAll(f, format)).containsExactly(row(null, null, "NULL", "\\N", "null"));
    }

    @Test
    void markerIsComparedWithTheTrimmedTextWhenTrimming() throws IOException {
        Path f = file("a.csv", "a,b,c,d\n  NULL  ,\" NULL\", \"NULL\" ,x\n");
        CsvFileFormat format = CsvFileFormat.builder().nullIf("NULL").trimSpace(true).build();
        assertThat(readAll(f, format)).containsExactly(row(null, " NULL", "NULL", "x"));
    }

    @Test
    void markerIsComparedWithRawTextSoAnEscapedMarkerIsAString() throws IOException {
        Path f = file("a.csv", "a,b,c\n\\N,\\\\N,\"\\\\N\"\n");
        CsvFileFormat format = CsvFileFormat.builder().escape('\\').nullIf("\\N").emptyFieldAsNull(false).build();
        assertThat(readAll(f, format)).containsExactly(row(null, "\\N", "\\N"));
    }

    @Test
    void anEmptyMarkerMakesUnquotedEmptyFieldsNull() throws IOException {
        Path f = file("a.csv", "a,b,c\n,\"\",NULL\n");
        CsvFileFormat format = CsvFileFormat.builder().nullIf("NULL", "").emptyFieldAsNull(false).build();
        assertThat(readAll(f, format)).containsExactly(row(null, "", null));
    }

    @Test
    void trimSpaceTrimsUnquotedFieldsOnly() throws IOException {
        Path f = file("a.csv", "a,b,c\n  x  , \"  y  \" ,z\t\n");
        assertThat(readAll(f, CsvFileFormat.builder().trimSpace(true).build()))
                .containsExactly(row("x", "  y  ", "z"));
        assertThat(readAll(f, CsvFileFormat.builder().trimSpace(false).build()))
                .containsExactly(row("  x  ", " \"  y  \" ", "z\t"));
    }

    @Test
    void trimSpaceKeepsATabDelimiter() throws IOException {
        Path f = file("a.tsv", "a\tb\tc\n x\t\ty \n");
        CsvFileFormat format = CsvFileFormat.builder().fieldDelimiter('\t').trimSpace(true).build();
        assertThat(readAll(f, format)).containsExactly(row("x", null, "y"));
    }

    @Test
    void escapeCharacterResolvesQuotesDelimitersAndControlLetters() throws IOException {
        Path f = file("a.csv", "a,b,c\n\"x\\\"y\",p\\,q,l1\\nl2\n");
        CsvFileFormat format = CsvFileFormat.builder().escape('\\').build();
        assertThat(readAll(f, format)).containsExactly(row("x\"y", "p,q", "l1\nl2"));
    }

    @Test
    void doubledQuotesWithoutEscape() throws IOException {
        Path f = file("a.csv", "a,b\n\"say \"\"hi\"\"\",\"multi\nline\"\n");
        assertThat(readAll(f, CsvFileFormat.DEFAULT)).containsExactly(row("say \"hi\"", "multi\nline"));
    }

    @Test
    void singleQuoteAndSemicolon() throws IOException {
        Path f = file("a.csv", "a;b\n'x;y';'it''s'\n");
        CsvFileFormat format = CsvFileFormat.builder().fieldDelimiter(';').quote('\'').build();
        assertThat(readAll(f, format)).containsExactly(row("x;y", "it's"));
    }

    @Test
    void headerWithTwoRowsSkipsTheSecondAndCountsLines() throws IOException {
        Path f = file("a.csv", "id,name\nINT,TEXT\n1,x\n2,y\n");
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(2).build();
        try (CsvRecordReader reader = CsvRecordReader.open(f, format)) {
            assertThat(reader.header()).containsExactly("id", "name");
            CsvRow first = reader.next().orElseThrow();
            assertThat(first.values()).containsExactly("1", "x");
            assertThat(first.lineNumber()).isEqualTo(3);
            assertThat(first.recordNumber()).isEqualTo(1);
            CsvRow second = reader.next().orElseThrow();
            assertThat(second.lineNumber()).isEqualTo(4);
            assertThat(second.recordNumber()).isEqualTo(2);
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void withoutHeaderTheHeaderIsEmptyAndTheFirstRecordSetsTheColumnCount() throws IOException {
        Path f = file("a.csv", "1,2\n3,4\n");
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(0).build();
        try (CsvRecordReader reader = CsvRecordReader.open(f, format)) {
            assertThat(reader.header()).isEmpty();
            assertThat(reader.next().orElseThrow().values()).containsExactly("1", "2");
            assertThat(reader.next().orElseThrow().lineNumber()).isEqualTo(2);
        }
    }

    @Test
    void blankLinesAreSkippedAndLineNumbersStayPhysical() throws IOException {
        Path f = file("a.csv", "\n\na,b\n\n1,2\n\r\n\n3,4\n\n");
        try (CsvRecordReader reader = CsvRecordReader.open(f, CsvFileFormat.DEFAULT)) {
            assertThat(reader.header()).containsExactly("a", "b");
            CsvRow first = reader.next().orElseThrow();
            assertThat(first.values()).containsExactly("1", "2");
            assertThat(first.lineNumber()).isEqualTo(5);
            CsvRow second = reader.next().orElseThrow();
            assertThat(second.values()).containsExactly("3", "4");
            assertThat(second.lineNumber()).isEqualTo(8);
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void blankLinesAreRecordsWhenNotSkipped() throws IOException {
        Path f = file("a.csv", "a\nx\n\n\"\"\n");
        CsvFileFormat format = CsvFileFormat.builder().skipBlankLines(false).build();
        try (CsvRecordReader reader = CsvRecordReader.open(f, format)) {
            assertThat(reader.next().orElseThrow().values()).containsExactly("x");
            CsvRow blank = reader.next().orElseThrow();
            assertThat(blank.values()).containsExactly((String) null);
            assertThat(blank.lineNumber()).isEqualTo(3);
            assertThat(reader.next().orElseThrow().values()).containsExactly("");
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void utf8ByteOrderMarkIsDropped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("id,name\n1,é\n".getBytes(StandardCharsets.UTF_8));
        Path f = file("bom.csv", bytes.toByteArray());
        try (CsvRecordReader reader = CsvRecordReader.open(f, CsvFileFormat.DEFAULT)) {
            assertThat(reader.header()).containsExactly("id", "name");
            assertThat(reader.next().orElseThrow().values()).containsExactly("1", "é");
        }
    }

    @Test
    void crlfAndLoneCrLineEndingsAreAccepted() throws IOException {
        Path f = file("a.csv", "a,b\r\n1,\"x\r\ny\"\r\n2,z\r3,w");
        try (CsvRecordReader reader = CsvRecordReader.open(f, CsvFileFormat.DEFAULT)) {
            CsvRow first = reader.next().orElseThrow();
            assertThat(first.values()).containsExactly("1", "x\r\ny");
            assertThat(first.lineNumber()).isEqualTo(2);
            CsvRow second = reader.next().orElseThrow();
            assertThat(second.values()).containsExactly("2", "z");
            assertThat(second.lineNumber()).isEqualTo(4);
            CsvRow third = reader.next().orElseThrow();
            assertThat(third.values()).containsExactly("3", "w");
            assertThat(third.lineNumber()).isEqualTo(5);
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void gzipIsReadWhenTheFormatSaysOrTheNameEndsInGz() throws IOException {
        byte[] gz = gzip("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        Path bySuffix = file("success_part_1.csv.gz", gz);
        assertThat(readAll(bySuffix, CsvFileFormat.DEFAULT)).containsExactly(row("1", "2"));
        Path byFormat = file("compressed.bin", gz);
        assertThat(readAll(byFormat, CsvFileFormat.builder().gzip(true).build())).containsExactly(row("1", "2"));
    }

    @Test
    void latin1BytesAreDecodedInTheFormatsEncoding() throws IOException {
        Path f = file("latin1.csv", new byte[] {'a', '\n', (byte) 0xE9, 't', (byte) 0xE9, '\n'});
        CsvFileFormat format = CsvFileFormat.builder().encoding(StandardCharsets.ISO_8859_1).build();
        assertThat(readAll(f, format)).containsExactly(row("été"));
    }

    @Test
    void emptyFileHasNoHeaderAndNoRecords() throws IOException {
        Path f = file("empty.csv", "");
        try (CsvRecordReader reader = CsvRecordReader.open(f, CsvFileFormat.DEFAULT)) {
            assertThat(reader.header()).isEmpty();
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void headerOnlyFileHasNoRecords() throws IOException {
        Path f = file("h.csv", "a,b\n");
        try (CsvRecordReader reader = CsvRecordReader.open(f, CsvFileFormat.DEFAULT)) {
            assertThat(reader.header()).containsExactly("a", "b");
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void lastRecordWithoutLineBreakAndTrailingEmptyField() throws IOException {
        Path f = file("a.csv", "a,b\n1,");
        assertThat(readAll(f, CsvFileFormat.DEFAULT)).containsExactly(row("1", null));
    }

    @Test
    void aVeryLongValueAndManyRecordsStream() throws IOException {
        String longValue = "x,\"y\"\n".repeat(100_000);
        StringBuilder sb = new StringBuilder("a,b\n");
        sb.append("1,\"").append(longValue.replace("\"", "\"\"")).append("\"\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i).append(",\\N\n");
        }
        Path f = file("big.csv", sb.toString());
        CsvFileFormat format = CsvFileFormat.builder().nullIf("\\N").build();
        try (CsvRecordReader reader = CsvRecordReader.open(f, format)) {
            assertThat(reader.next().orElseThrow().get(1)).isEqualTo(longValue);
            long count = 0;
            Optional<CsvRow> row;
            CsvRow last = null;
            while ((row = reader.next()).isPresent()) {
                last = row.get();
                assertThat(last.get(1)).isNull();
                count++;
            }
            assertThat(count).isEqualTo(20_000);
            assertThat(last.lineNumber()).isEqualTo(2 + 100_000 + 20_000);
        }
    }

    @Test
    void readingAfterCloseIsRefused() throws IOException {
        Path f = file("a.csv", "a\n1\n");
        CsvRecordReader reader = CsvRecordReader.open(f, CsvFileFormat.DEFAULT);
        reader.close();
        reader.close();
        assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void expectedColumnsMustBeMinusOneOrPositive() throws IOException {
        Path f = file("a.csv", "a\n1\n");
        assertThatThrownBy(() -> CsvRecordReader.open(f, CsvFileFormat.DEFAULT, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expectedColumns");
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
