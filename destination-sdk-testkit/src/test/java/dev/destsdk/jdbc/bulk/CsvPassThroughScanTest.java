package dev.destsdk.jdbc.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pass-through's scan, which skips ordinary bytes eight at a time, at its boundaries: structural bytes at every
 * offset modulo 8, multi-byte UTF-8, quotes, CRLF and NULL markers across the 64 KiB input buffer's end; and the
 * check-only stream, which must find exactly what the rewriting one finds.
 *
 * <p>The reference is the same stream fed one byte per read: then no eight bytes are ever available at once and
 * every byte is looked up on its own.
 */
class CsvPassThroughScanTest {
    private static final int BUFFER = 1 << 16;

    @TempDir
    Path dir;

    /** What a stream produced and found. */
    private record Outcome(byte[] output, long records, Optional<String> failure, long largestRecord,
                           boolean quotedCr, OptionalLong firstCrLineEnd) {
    }

    private static ValueRules rules(CsvFileFormat format) {
        return new ValueRules(List.of(
                new ColumnDef("id", ColumnType.of(CanonicalType.LONG), "bigint", false, Optional.empty()),
                new ColumnDef("name", ColumnType.of(CanonicalType.STRING), "text", true, Optional.empty()),
                new ColumnDef("day", ColumnType.of(CanonicalType.DATE), "date", true, Optional.empty())),
                format, String::equals);
    }

    private static Outcome rewrite(InputStream in, CsvFileFormat format, boolean checked, String token)
            throws IOException {
        CsvPassThrough pass = checked ? new CsvPassThrough(in, format, rules(format), token, List.of())
                : new CsvPassThrough(in, format, 3, token, List.of());
        byte[] output;
        try (pass) {
            output = pass.readAllBytes();
        }
        return new Outcome(output, pass.records(), pass.failure().map(PassThroughStreams::describe),
                pass.largestRecord(), pass.hasQuotedCarriageReturn(), pass.firstCarriageReturnLineEnd());
    }

    private static Outcome checkOnly(InputStream in, CsvFileFormat format) throws IOException {
        CsvPassThrough pass = CsvPassThrough.checkOnly(in, format, rules(format));
        try (pass) {
            while (pass.advance()) {
                // the check goes on one buffer per call
            }
            assertThat(pass.read()).isEqualTo(-1);
        }
        return new Outcome(new byte[0], pass.records(), pass.failure().map(PassThroughStreams::describe),
                pass.largestRecord(), pass.hasQuotedCarriageReturn(), pass.firstCarriageReturnLineEnd());
    }

    /**
     * Streams the file whole (full reads, the scan's fast path), one byte per read, and check-only; all agree, and
     * the outcome is returned.
     */
    private static Outcome agree(byte[] file, CsvFileFormat format, boolean checked, String token)
            throws IOException {
        Outcome fast = rewrite(new ByteArrayInputStream(file), format, checked, token);
        Outcome slow = rewrite(PassThroughStreams.oneByteAtATime(file), format, checked, token);
        String context = new String(file, 0, Math.min(file.length, 200), StandardCharsets.UTF_8);
        assertThat(fast.failure()).as(context).isEqualTo(slow.failure());
        if (fast.failure().isEmpty()) {
            // after a failure, how much of the records before it was handed on depends on the reads
            assertThat(fast.output()).as(context).isEqualTo(slow.output());
        }
        assertThat(fast.records()).as(context).isEqualTo(slow.records());
        assertThat(fast.largestRecord()).as(context).isEqualTo(slow.largestRecord());
        assertThat(fast.quotedCr()).as(context).isEqualTo(slow.quotedCr());
        assertThat(fast.firstCrLineEnd()).as(context).isEqualTo(slow.firstCrLineEnd());
        if (checked && token.isEmpty()) {
            for (Outcome only : List.of(checkOnly(new ByteArrayInputStream(file), format),
                    checkOnly(PassThroughStreams.oneByteAtATime(file), format))) {
                assertThat(only.records()).as(context).isEqualTo(fast.records());
                assertThat(only.failure()).as(context).isEqualTo(fast.failure());
                assertThat(only.largestRecord()).as(context).isEqualTo(fast.largestRecord());
                assertThat(only.quotedCr()).as(context).isEqualTo(fast.quotedCr());
                assertThat(only.firstCrLineEnd()).as(context).isEqualTo(fast.firstCrLineEnd());
            }
        }
        return fast;
    }

    /** Bytes placed in a name value; each makes the value, the record or the file good or bad. */
    private static final String[] PLACED = {",", "\"", "\n", "\r", "\r\n", "\u0000", "ü", "名", "😀", "\"\"", "NULL",
        "\uFFFD"};

    /**
     * A name of every length up to 17, with each structural byte (and multi-byte UTF-8) at each position, quoted and
     * unquoted, so that it lands at every offset modulo 8 from the record's start and from the scan's start.
     */
    @Test
    void everyStructuralByteAtEveryOffsetModuloEightIsFoundAsByteByByte() throws IOException {
        CsvFileFormat format = CsvFileFormat.DEFAULT;
        for (String placed : PLACED) {
            for (int length = 0; length <= 17; length++) {
                for (int at = 0; at <= length; at++) {
                    String name = "n".repeat(at) + placed + "m".repeat(length - at);
                    for (boolean quoted : new boolean[] {false, true}) {
                        String value = quoted ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
                        String file = "id,name,day\n7,x,2024-01-02\n8," + value + ",2024-05-06\n9,yy,\n";
                        Outcome o = agree(file.getBytes(StandardCharsets.UTF_8), format, true, "");
                        agree(file.getBytes(StandardCharsets.UTF_8), format, false, "NULL");
                        // unquoted, a quote opens a field only at its start; "" alone is the empty string
                        boolean bad = placed.equals("\u0000") || !quoted && (placed.contains("\"")
                                && !name.equals("\"\"") || placed.contains("\n") || placed.contains("\r")
                                || placed.equals(","));
                        assertThat(o.failure().isPresent()).as(file).isEqualTo(bad);
                        if (!bad) {
                            assertThat(o.records()).as(file).isEqualTo(3);
                            String expected = file.substring("id,name,day\n".length());
                            assertThat(new String(o.output(), StandardCharsets.UTF_8)).as(file).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void badBytesAreReportedAtTheSameLineRecordAndColumnWhereverTheyFall() throws IOException {
        for (int pad = 0; pad < 16; pad++) {
            String p = "a".repeat(pad);
            Outcome nul = agree(("id,name,day\n1," + p + "\u0000,\n").getBytes(StandardCharsets.UTF_8),
                    CsvFileFormat.DEFAULT, true, "");
            assertThat(nul.failure()).get().asString().contains("NUL").contains("line=OptionalLong[2]")
                    .contains("column=Optional[name]");
            Outcome quote = agree(("id,name,day\n1,x,\n2,z" + p + "\"b,\n").getBytes(StandardCharsets.UTF_8),
                    CsvFileFormat.DEFAULT, true, "");
            assertThat(quote.failure()).get().asString().contains("quote inside an unquoted field")
                    .contains("line=OptionalLong[3]");
            byte[] notUtf8 = ("id,name,day\n1," + p + "?z,\n").getBytes(StandardCharsets.UTF_8);
            notUtf8[notUtf8.length - 4] = (byte) 0xC3;
            Outcome utf8 = agree(notUtf8, CsvFileFormat.DEFAULT, true, "");
            assertThat(utf8.failure()).get().asString().contains("UTF-8").contains("column=Optional[name]");
            Outcome date = agree(("id,name,day\n1,\"" + p + "\",2024-13-01\n").getBytes(StandardCharsets.UTF_8),
                    CsvFileFormat.DEFAULT, true, "");
            assertThat(date.failure()).get().asString().contains(ErrorType.VALIDATION_ERROR.name())
                    .contains("column=Optional[day]").contains("record=OptionalLong[1]");
        }
    }

    /**
     * A file built so that the tail record's name starts at {@code BUFFER + shift} (around the start of the second
     * input buffer): quotes, a doubled quote, CRLF, multi-byte UTF-8 and a NULL marker cross the buffer's end.
     */
    @Test
    void quotesCrlfUtf8AndNullMarkersAcrossTheInputBuffersEnd() throws IOException {
        CsvFileFormat nullWord = CsvFileFormat.DEFAULT.toBuilder().emptyFieldAsNull(false).nullIf("NULL").build();
        String[] tails = {"\"z\",2024-01-02\n", "\"a\"\"b\",2024-01-02\n", "zz,2024-01-02\r\n",
            "\"名😀\",2024-01-02\n", "x,NULL\n", "NULL,2024-01-02\r\n", "\"q\r\nr\",2024-01-02\r\n", "y,2024-01-02\r"};
        for (String tail : tails) {
            for (int shift = -9; shift <= 9; shift++) {
                for (CsvFileFormat format : List.of(CsvFileFormat.DEFAULT, nullWord)) {
                    StringBuilder file = new StringBuilder("id,name,day\n");
                    long rows = 0;
                    while (file.length() < BUFFER - 80) {
                        file.append(rows).append(",name ").append(rows).append(",2024-02-0").append(rows % 9 + 1)
                                .append('\n');
                        rows++;
                    }
                    String head = rows + ",";
                    String next = (rows + 1) + ",";
                    String date = ",2024-01-01\n";
                    int fill = BUFFER + shift - file.length() - head.length() - date.length() - next.length();
                    file.append(head).append("f".repeat(fill)).append(date).append(next);
                    assertThat(file.length()).isEqualTo(BUFFER + shift);
                    file.append(tail);
                    byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
                    boolean bad = format == CsvFileFormat.DEFAULT && tail.contains(",NULL");
                    for (String token : List.of("", "NULL")) {
                        Outcome o = agree(bytes, format, true, token);
                        assertThat(o.failure().isPresent()).as(tail + " " + shift + " " + o.failure()).isEqualTo(bad);
                        assertThat(o.records()).isEqualTo(bad ? rows + 1 : rows + 2);
                    }
                    agree(bytes, format, false, "NULL");
                }
            }
        }
    }

    @Test
    void checkOnlyGoesOneBufferPerCallAndProducesNoByte() throws IOException {
        StringBuilder file = new StringBuilder("id,name,day\n");
        for (int i = 0; i < 20_000; i++) {
            file.append(i).append(",\"n ").append(i).append("\",2024-03-1").append(i % 10).append('\n');
        }
        Path p = dir.resolve("part.csv");
        Files.writeString(p, file.toString(), StandardCharsets.UTF_8);
        CsvFileFormat format = CsvFileFormat.DEFAULT;
        int calls = 0;
        try (CsvPassThrough check = CsvPassThrough.checkOnly(LoadFile.of(p, format), rules(format),
                CancellationSignal.never())) {
            while (check.advance()) {
                calls++;
            }
            assertThat(check.records()).isEqualTo(20_000);
            assertThat(check.failure()).isEmpty();
            assertThat(check.read(new byte[8], 0, 8)).isEqualTo(-1);
        }
        assertThat(calls).isGreaterThanOrEqualTo((int) (Files.size(p) / BUFFER));
        assertThat(DataFileCheck.check(LoadFile.of(p, format), rules(format), CancellationSignal.never()).records())
                .isEqualTo(20_000);

        // a bad value: the same failure as the rewriting stream's, naming the file
        Files.writeString(p, "id,name,day\n1,a,2024-01-01\n2,b,soon\n", StandardCharsets.UTF_8);
        ConnectorException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> DataFileCheck.check(
                LoadFile.of(p, format), rules(format), CancellationSignal.never()), ConnectorException.class);
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).hasValue("part.csv");
        assertThat(e.getContext().line()).hasValue(3);
        assertThat(e.getContext().record()).hasValue(2);
        assertThat(e.getContext().column()).hasValue("day");
    }

    /** A header row and blank lines, CR line ends and a gzip'd copy: the check-only outcome is the rewriter's. */
    @Test
    void checkOnlyFindsWhatTheRewritingStreamFinds() throws IOException {
        List<String> files = new ArrayList<>(List.of(
                "id,name,day\r\n1,\"a\rb\",\r\n\r\n2,,2024-01-01\r",
                "\n\nid,name,day\n1,a,\n2,\"x\ny\",\n",
                "id,name,day\n1,a,\n2,\"open,\n",
                "id,nom,day\n1,a,\n",
                "",
                "id,name,day\n,a,\n",
                "id,name,day\n1,a\n"));
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        big.write("id,name,day\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 30_000; i++) {
            big.write((i + ",\"名 " + i + "\",2024-01-0" + (i % 9 + 1) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        files.add(big.toString(StandardCharsets.UTF_8));
        for (String f : files) {
            Outcome o = agree(f.getBytes(StandardCharsets.UTF_8), CsvFileFormat.DEFAULT, true, "");
            if (f.startsWith("id,name,day\n1,a,\n2")) {
                assertThat(o.failure()).get().asString().contains("unterminated quote");
            }
        }
    }
}
