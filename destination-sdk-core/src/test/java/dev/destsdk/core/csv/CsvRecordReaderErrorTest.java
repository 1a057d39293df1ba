package dev.destsdk.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorContext;
import dev.destsdk.core.error.ErrorType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: each error names the file, the line where the bad record starts, the record and the column. */
class CsvRecordReaderErrorTest {

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

    /** Reads the whole file and returns the error it raises. */
    private static ConnectorException readError(Path file, CsvFileFormat format) {
        return catchThrowableOfType(ConnectorException.class, () -> {
            try (CsvRecordReader reader = CsvRecordReader.open(file, format)) {
                Optional<CsvRow> row;
                do {
                    row = reader.next();
                } while (row.isPresent());
            }
        });
    }

    private static void assertContext(ConnectorException e, Path file, long line, Long record, String column) {
        assertThat(e).as("an error is raised").isNotNull();
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        ErrorContext c = e.getContext();
        assertThat(c.file()).contains(file.toString());
        assertThat(c.line()).as(e.getMessage()).isEqualTo(OptionalLong.of(line));
        assertThat(c.record()).as(e.getMessage())
                .isEqualTo(record == null ? OptionalLong.empty() : OptionalLong.of(record));
        assertThat(c.column()).as(e.getMessage()).isEqualTo(Optional.ofNullable(column));
        assertThat(e.getMessage()).contains("file=" + file).contains("line=" + line);
        if (column != null) {
            assertThat(e.getMessage()).contains("column=" + column);
        }
    }

    @Test
    void tooFewFieldsNamesTheFirstMissingColumn() throws IOException {
        Path f = file("a.csv", "a,b,c\n1,2,3\n4,5\n");
        ConnectorException e = readError(f, CsvFileFormat.DEFAULT);
        assertContext(e, f, 3, 2L, "c");
        assertThat(e.getMessage()).contains("has 2 fields but 3 were expected").contains("header");
    }

    @Test
    void tooManyFieldsWithoutHeaderNamesThePosition() throws IOException {
        Path f = file("a.csv", "1,2\n3,4,5\n");
        ConnectorException e = readError(f, CsvFileFormat.builder().skipHeader(0).build());
        assertContext(e, f, 2, 2L, "3");
        assertThat(e.getMessage()).contains("has 3 fields but 2 were expected").contains("first record")
                .contains("unquoted delimiter");
    }

    @Test
    void raggedRecordAfterAMultiLineValueReportsItsPhysicalStartLine() throws IOException {
        Path f = file("a.csv", "a,b\n\"x\ny\",1\n\n2\n");
        ConnectorException e = readError(f, CsvFileFormat.DEFAULT);
        assertContext(e, f, 5, 2L, "b");
    }

    @Test
    void recordCountAgainstTheCallersExpectation() throws IOException {
        Path f = file("a.csv", "1,2\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> {
            try (CsvRecordReader reader = CsvRecordReader.open(f, CsvFileFormat.builder().skipHeader(0).build(), 3)) {
                reader.next();
            }
        });
        assertContext(e, f, 1, 1L, "3");
        assertThat(e.getMessage()).contains("has 2 fields but 3 were expected");
    }

    @Test
    void headerWithAnotherColumnCountThanExpected() throws IOException {
        Path f = file("a.csv", "a,b\n1,2\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> CsvRecordReader.open(f, CsvFileFormat.DEFAULT, 3));
        assertContext(e, f, 1, null, "3");
        assertThat(e.getMessage()).contains("header row has 2 fields but 3 were expected");
    }

    @Test
    void secondHeaderRowWithAnotherColumnCount() throws IOException {
        Path f = file("a.csv", "a,b\nINT\n1,2\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> CsvRecordReader.open(f, CsvFileFormat.builder().skipHeader(2).build()));
        assertContext(e, f, 2, null, "b");
    }

    @Test
    void fewerHeaderRowsThanTheFormatSays() throws IOException {
        Path f = file("a.csv", "a,b\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> CsvRecordReader.open(f, CsvFileFormat.builder().skipHeader(2).build()));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).contains(f.toString());
        assertThat(e.getMessage()).contains("ends after 1 header row(s) but the format has 2");
    }

    @Test
    void unterminatedQuoteAtEndOfFile() throws IOException {
        Path f = file("a.csv", "a,b\n1,2\n3,\"abc\n4,5\n");
        ConnectorException e = readError(f, CsvFileFormat.DEFAULT);
        assertContext(e, f, 3, 2L, "b");
        assertThat(e.getMessage()).contains("not closed before the end of the file");
    }

    @Test
    void unterminatedQuoteStartingOnALaterLineOfTheRecord() throws IOException {
        Path f = file("a.csv", "a,b,c\n\"x\ny\",\"open\n");
        ConnectorException e = readError(f, CsvFileFormat.DEFAULT);
        assertContext(e, f, 2, 1L, "b");
        assertThat(e.getMessage()).contains("starting at line 3");
    }

    @Test
    void textAfterAClosingQuote() throws IOException {
        Path f = file("a.csv", "a,b\n1,\"x\"y\n");
        ConnectorException e = readError(f, CsvFileFormat.DEFAULT);
        assertContext(e, f, 2, 1L, "b");
        assertThat(e.getMessage()).contains("'y' follows a closing quote");
    }

    @Test
    void textAfterAClosingQuoteInAHeaderRow() throws IOException {
        Path f = file("a.csv", "\"a\"x,b\n1,2\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> CsvRecordReader.open(f, CsvFileFormat.DEFAULT));
        assertContext(e, f, 1, null, "1");
    }

    @Test
    void textAfterAClosingQuoteOnTheSecondLineOfAMultiLineValue() throws IOException {
        Path f = file("a.csv", "a,b\n1,2\n\n3,\"multi\nline\" z\n");
        ConnectorException e = readError(f, CsvFileFormat.DEFAULT);
        assertContext(e, f, 4, 2L, "b");
        assertThat(e.getMessage()).contains("'z'").contains("(at line 5)");
    }

    @Test
    void escapeCharacterAtTheEndOfTheFile() throws IOException {
        Path f = file("a.csv", "a,b\n1,x\\");
        ConnectorException e = readError(f, CsvFileFormat.builder().escape('\\').build());
        assertContext(e, f, 2, 1L, "b");
        assertThat(e.getMessage()).contains("ends with the escape character");
    }

    @Test
    void invalidUtf8BytesNameLineColumnAndOffset() throws IOException {
        byte[] head = "a,b\n1,caf".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(head, head.length + 3);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = '(';
        bytes[head.length + 2] = '\n';
        Path f = file("bad.csv", bytes);
        ConnectorException e = readError(f, CsvFileFormat.DEFAULT);
        assertContext(e, f, 2, 1L, "b");
        assertThat(e.getMessage()).contains("not valid in encoding UTF-8").contains("byte offset " + head.length);
    }

    @Test
    void invalidBytesFarIntoTheFileAreLocated() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("id,name\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 30_000; i++) {
            out.write((i + ",\"n\u00e9\"\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write("x,".getBytes(StandardCharsets.UTF_8));
        long offset = out.size();
        out.write(new byte[] {(byte) 0xFF, '\n'});
        Path f = file("big.csv", out.toByteArray());
        ConnectorException e = readError(f, CsvFileFormat.DEFAULT);
        assertContext(e, f, 30_002, 30_001L, "name");
        assertThat(e.getMessage()).contains("byte offset " + offset);
    }

    @Test
    void invalidBytesRightAfterALoneCarriageReturn() throws IOException {
        byte[] head = "a,b\n1,2\r".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(head, head.length + 4);
        bytes[head.length] = (byte) 0xFF;
        bytes[head.length + 1] = ',';
        bytes[head.length + 2] = '3';
        bytes[head.length + 3] = '\n';
        Path f = file("cr.csv", bytes);
        ConnectorException e = readError(f, CsvFileFormat.DEFAULT);
        assertContext(e, f, 3, 2L, "a");
    }

    @Test
    void bytesOutsideUsAscii() throws IOException {
        Path f = file("ascii.csv", new byte[] {'a', '\n', 'o', 'k', '\n', (byte) 0xE9, '\n'});
        ConnectorException e = readError(f, CsvFileFormat.builder().encoding(StandardCharsets.US_ASCII).build());
        assertContext(e, f, 3, 2L, "a");
        assertThat(e.getMessage()).contains("US-ASCII");
    }

    @Test
    void notGzipDataWithAGzSuffix() throws IOException {
        Path f = file("success_part_1.csv.gz", "a,b\n1,2\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> CsvRecordReader.open(f, CsvFileFormat.DEFAULT));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).contains(f.toString());
        assertThat(e.getMessage()).contains("not valid gzip data");
    }

    @Test
    void truncatedGzipData() throws IOException {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i).append(",value ").append(i * 7919L % 10007).append('\n');
        }
        byte[] gz = CsvRecordReaderTest.gzip(sb.toString().getBytes(StandardCharsets.UTF_8));
        Path f = file("cut.csv.gz", Arrays.copyOf(gz, gz.length / 2));
        ConnectorException e = readError(f, CsvFileFormat.DEFAULT);
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).contains(f.toString());
        assertThat(e.getContext().line()).isPresent();
        assertThat(e.getMessage()).contains("gzip data is corrupt or truncated");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.csv");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> CsvRecordReader.open(f, CsvFileFormat.DEFAULT));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).contains(f.toString());
        assertThat(e.getMessage()).contains("does not exist");
    }

    @Test
    void aFailedReaderRefusesFurtherReads() throws IOException {
        Path f = file("a.csv", "a,b\n1\n2,3\n");
        try (CsvRecordReader reader = CsvRecordReader.open(f, CsvFileFormat.DEFAULT)) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, reader::next);
            assertContext(e, f, 2, 1L, "b");
            IllegalStateException again = catchThrowableOfType(IllegalStateException.class, reader::next);
            assertThat(again).hasMessageContaining("failed before");
        }
    }
}
