package dev.destsdk.jdbc.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pass-through's fast path for whole records ({@code CsvPassThrough.wholeRecords}) against its general scan, on
 * random files of a typed schema with a key: odd but valid values (quoted numbers, doubled quotes, line feeds and
 * multi-byte UTF-8 inside quotes, NULL markers, numbers its quick tests do not decide) and, now and then, bad input
 * (bad values, NULL keys, CR, NUL, broken UTF-8, quotes in the wrong place, records with too many or too few fields,
 * keys out of order).
 *
 * <p>The reference is the same stream fed one byte per read: a whole record is then never in the input buffer, so
 * the general scan reads every record. Read in full, the fast path takes most of them. Both must agree on everything
 * a loader sees: the output, the records, the failure with its line, record and column, the largest record, CR
 * findings, and whether the key order proves that no key repeats.
 */
class CsvPassThroughFastPathTest {
    /** The pass-through's input buffer. */
    private static final int BUFFER_BYTES = 1 << 16;
    private static final List<String> NAMES = List.of("id", "code", "qty", "amount", "score", "ts", "note", "flag",
            "ref", "day");

    private static List<ColumnDef> columns() {
        return List.of(
                new ColumnDef("id", ColumnType.of(CanonicalType.LONG), "bigint", false, Optional.empty()),
                new ColumnDef("code", ColumnType.of(CanonicalType.STRING), "text", false, Optional.empty()),
                new ColumnDef("qty", ColumnType.of(CanonicalType.INTEGER), "int", true, Optional.empty()),
                new ColumnDef("amount", ColumnType.of(CanonicalType.DECIMAL, 10, 2), "decimal", true,
                        Optional.empty()),
                new ColumnDef("score", ColumnType.of(CanonicalType.DOUBLE), "double", true, Optional.empty()),
                new ColumnDef("ts", ColumnType.of(CanonicalType.TIMESTAMP_TZ), "timestamptz", true, Optional.empty()),
                new ColumnDef("note", ColumnType.of(CanonicalType.STRING), "text", true, Optional.empty()),
                new ColumnDef("flag", ColumnType.of(CanonicalType.BOOLEAN), "boolean", true, Optional.empty()),
                new ColumnDef("ref", ColumnType.of(CanonicalType.UUID), "uuid", true, Optional.empty()),
                new ColumnDef("day", ColumnType.of(CanonicalType.DATE), "date", true, Optional.empty()));
    }

    /** What a stream produced and found. */
    private record Outcome(byte[] output, long records, Optional<String> failure, long largestRecord,
                           boolean quotedCr, OptionalLong firstCrLineEnd, boolean keysProvenUnique,
                           long fastRecords) {
    }

    private static Outcome run(InputStream in, CsvFileFormat format, boolean checkOnly, String token)
            throws IOException {
        List<ColumnDef> columns = columns();
        KeyOrder keys = KeyOrder.forKey(columns, List.of("id")).orElseThrow();
        ValueRules rules = new ValueRules(columns, format, String::equals, Optional.of(keys));
        CsvPassThrough pass = checkOnly ? CsvPassThrough.checkOnly(in, format, rules)
                : new CsvPassThrough(in, format, rules, token, List.of());
        byte[] output;
        try (pass) {
            output = pass.readAllBytes();
        }
        return new Outcome(output, pass.records(), pass.failure().map(PassThroughStreams::describe),
                pass.largestRecord(), pass.hasQuotedCarriageReturn(), pass.firstCarriageReturnLineEnd(),
                keys.provesNoRepeatedKey(pass.records()), pass.fastRecords());
    }

    /** Streams the file in full reads and one byte per read; both agree; returns the full reads' outcome. */
    private static Outcome agree(byte[] file, CsvFileFormat format, boolean checkOnly, String token, String context)
            throws IOException {
        Outcome fast = run(new ByteArrayInputStream(file), format, checkOnly, token);
        Outcome slow = run(PassThroughStreams.oneByteAtATime(file), format, checkOnly, token);
        assertThat(slow.fastRecords()).isZero();
        assertThat(fast.failure()).as(context).isEqualTo(slow.failure());
        if (fast.failure().isEmpty()) {
            assertThat(fast.output()).as(context).isEqualTo(slow.output());
            assertThat(fast.keysProvenUnique()).as(context).isEqualTo(slow.keysProvenUnique());
        }
        assertThat(fast.records()).as(context).isEqualTo(slow.records());
        assertThat(fast.largestRecord()).as(context).isEqualTo(slow.largestRecord());
        assertThat(fast.quotedCr()).as(context).isEqualTo(slow.quotedCr());
        assertThat(fast.firstCrLineEnd()).as(context).isEqualTo(slow.firstCrLineEnd());
        return fast;
    }

    /**
     * A random file: about {@code records} records, odd values often, bad input in about {@code badPerMille} of
     * them; the keys increase, or repeat now and then ({@code repeats}), or have 19 digits (which the key order reads
     * as text) when {@code long}.
     */
    private static byte[] file(Random random, CsvFileFormat format, int records, int badPerMille, boolean repeats,
                               boolean longKeys) {
        char d = format.fieldDelimiter();
        char q = format.quote().orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, String.join(String.valueOf(d), NAMES) + "\n");
        long id = longKeys ? 1_234_567_890_123_456_789L : 1;
        for (int r = 0; r < records; r++) {
            id += repeats && random.nextInt(50) == 0 ? 0 : 1 + random.nextInt(3);
            boolean bad = random.nextInt(1000) < badPerMille;
            int badField = bad ? random.nextInt(NAMES.size() + 1) : -1;
            for (int f = 0; f < NAMES.size(); f++) {
                if (f > 0) {
                    out.write(d);
                }
                if (f == badField) {
                    writeBad(out, random, f, d, q);
                } else {
                    writeValue(out, random, f, id, format, q);
                }
            }
            if (badField == NAMES.size()) {
                // a record-level fault
                switch (random.nextInt(5)) {
                    case 0 -> write(out, d + "extra");
                    case 1 -> write(out, "\r");
                    case 2 -> write(out, "\n");
                    case 3 -> write(out, q + "late");
                    default -> write(out, "\r\n\r");
                }
            }
            write(out, random.nextInt(200) == 0 ? "\r\n" : "\n");
            if (random.nextInt(300) == 0) {
                // a blank line, skipped
                write(out, "\n");
            }
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String s, char q) {
        return q + s.replace(String.valueOf(q), String.valueOf(q) + q) + q;
    }

    private static final String[] WORDS = {"alpha", "b", "名前", "niño", "😀x", "a b", "x,y", "say \"hi\"", "l\nf",
        "it's", "tab\there", "", "NULL", "0", "semi;colon", "pipe|", "dash-dash", "2024-01-01", "12"};

    /**
     * A valid value of column {@code f}; one in ten is an odd one: quoted, NULL, at a limit of its type, or canonical
     * but not decided by the type's quick test (a 19-digit key, a DOUBLE with an exponent).
     */
    private static void writeValue(ByteArrayOutputStream out, Random random, int f, long id, CsvFileFormat format,
                                   char q) {
        boolean odd = random.nextInt(10) == 0;
        String v = switch (NAMES.get(f)) {
            case "id" -> odd ? pick(random, "0" + id, quoted(String.valueOf(id), q)) : String.valueOf(id);
            case "code", "note" -> {
                String w = WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "" : random.nextInt(999));
                boolean needsQuotes = w.indexOf(format.fieldDelimiter()) >= 0 || w.indexOf(q) >= 0
                        || w.contains("\n") || NAMES.get(f).equals("code") && format.nullIf().contains(w);
                yield needsQuotes || odd || w.isEmpty() && NAMES.get(f).equals("code") ? quoted(w, q) : w;
            }
            case "qty" -> odd ? pick(random, "", "0", "-0", "-2147483648", "2147483647", quoted("7", q))
                    : String.valueOf(random.nextInt(2_000_000) - 1_000_000);
            case "amount" -> odd ? pick(random, "", "12.30", "-0.5", "99999999.99", "0.5", "-0", quoted("1.25", q))
                    : (random.nextInt(200_000) - 100_000) + "." + (10 + random.nextInt(90));
            case "score" -> odd ? pick(random, "", "1e3", "1.5E-7", ".5", "-0.0", quoted("2.5", q))
                    : random.nextInt(100_000) + "." + random.nextInt(1_000_000);
            case "ts" -> odd ? pick(random, "", "2024-02-29T10:00:00Z", quoted("2024-01-01T00:00:00-18:00", q))
                    : "2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T1" + random.nextInt(10)
                    + ":3" + random.nextInt(10) + ":00.25+05:30";
            case "flag" -> odd ? pick(random, "", quoted("false", q)) : random.nextBoolean() + "";
            case "ref" -> odd ? pick(random, "", "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
                    quoted("3f2504e0-4f89-11d3-9a0c-0305e82c3301", q))
                    : java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) random.nextInt()}).toString();
            default -> odd ? pick(random, "", "2024-02-29", quoted("2024-12-31", q))
                    : "20" + (10 + random.nextInt(15)) + "-1" + random.nextInt(3) + "-2" + random.nextInt(9);
        };
        if (v.indexOf(format.fieldDelimiter()) >= 0 && v.charAt(0) != q) {
            v = quoted(v, q);
        }
        write(out, v);
    }

    /** Bad input in column {@code f}: a value its type refuses, or bytes no value may hold. */
    private static void writeBad(ByteArrayOutputStream out, Random random, int f, char d, char q) {
        String[] refused = switch (NAMES.get(f)) {
            // "0" and "NULL" are NULL (a NULL key) in the formats that say so, and a key or an error elsewhere
            case "id" -> new String[] {"", "+5", "1e3", "0", "NULL"};
            case "qty" -> new String[] {"2147483648", "1e3", "NULL", "12x"};
            case "amount" -> new String[] {"12.345", "100000000", ".5", "1,5"};
            case "score" -> new String[] {"NaN", "Infinity", "1e999"};
            case "ts" -> new String[] {"2023-02-29T10:00:00Z", "2024-01-01T00:00:00.1234567+01:00",
                "2024-01-01 00:00:00+01:00", "2024-01-01T24:00:00Z"};
            case "flag" -> new String[] {"TRUE", "t", "1"};
            case "ref" -> new String[] {"3f2504e04f8911d39a0c0305e82c3301", "not-a-uuid"};
            case "day" -> new String[] {"0000-01-01", "10000-01-01", "2024-1-01", "2024-02-30"};
            default -> new String[] {"x"};
        };
        switch (random.nextInt(12)) {
            case 0 -> out.writeBytes(new byte[] {'a', 0, 'b'});
            case 1 -> out.writeBytes(new byte[] {'x', (byte) 0xC3});
            case 2 -> out.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
            case 3 -> write(out, "a" + q + "b");
            case 4 -> write(out, q + "ab" + q + "c");
            case 5 -> write(out, "a\rb");
            case 6 -> write(out, q + "open\r" + q);
            case 7 -> write(out, String.valueOf(d));
            case 8 -> write(out, q + "x" + q + q);
            default -> write(out, pick(random, refused));
        }
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private static List<CsvFileFormat> formats() {
        return List.of(
                CsvFileFormat.DEFAULT,
                // a NULL marker that the integer test accepts: NULL must be looked for first in that column
                CsvFileFormat.DEFAULT.toBuilder().nullIf("0").build(),
                CsvFileFormat.DEFAULT.toBuilder().emptyFieldAsNull(false).nullIf("NULL").build(),
                CsvFileFormat.DEFAULT.toBuilder().fieldDelimiter(';').quote('\'').build(),
                CsvFileFormat.DEFAULT.toBuilder().fieldDelimiter('\t').skipBlankLines(false).build(),
                // a delimiter that typed values hold: no field is taken by its type's test alone
                CsvFileFormat.DEFAULT.toBuilder().fieldDelimiter('-').build());
    }

    @Test
    void fastPathFindsWhatTheGeneralScanFinds() throws IOException {
        long fastRecords = 0;
        int failed = 0;
        int passed = 0;
        int failedAfterFastRecords = 0;
        int provenUnique = 0;
        for (CsvFileFormat format : formats()) {
            String token = format.emptyFieldAsNull() ? "" : "NULL";
            for (int seed = 0; seed < 24; seed++) {
                Random random = new Random(seed * 31L + format.fieldDelimiter());
                // a third of the files hold no bad input at all
                byte[] file = file(random, format, 1_200, seed % 3 == 0 ? 0 : 2, seed % 4 == 1, seed % 4 == 2);
                String context = "delimiter '" + format.fieldDelimiter() + "' nullIf " + format.nullIf() + " seed "
                        + seed;
                Outcome checked = agree(file, format, true, "", context);
                agree(file, format, false, token, context + " rewritten");
                fastRecords += checked.fastRecords();
                if (checked.failure().isPresent()) {
                    failed++;
                    failedAfterFastRecords += checked.fastRecords() > 0 ? 1 : 0;
                } else {
                    passed++;
                    provenUnique += checked.keysProvenUnique() ? 1 : 0;
                }
            }
        }
        // the comparison covered both outcomes, and the fast path took a real share of the records
        assertThat(passed).isGreaterThan(10);
        assertThat(failed).isGreaterThan(30);
        assertThat(failedAfterFastRecords).isGreaterThan(20);
        assertThat(provenUnique).isGreaterThan(0).isLessThan(passed);
        assertThat(fastRecords).isGreaterThan(20_000);
    }

    /** A NULL marker that is also a valid key: the key column's test must not take it as a key. */
    @Test
    void aNullMarkerThatTheKeysTypeAcceptsIsANullKey() throws IOException {
        CsvFileFormat format = CsvFileFormat.DEFAULT.toBuilder().nullIf("0").build();
        StringBuilder sb = new StringBuilder(String.join(",", NAMES)).append('\n');
        for (int i = 1; i <= 2000; i++) {
            sb.append(i == 1500 ? 0 : i).append(",c,1,1.50,0.25,2024-01-01T00:00:00Z,n,true,")
                    .append("3f2504e0-4f89-11d3-9a0c-0305e82c3301,2024-01-02\n");
        }
        Outcome o = agree(sb.toString().getBytes(StandardCharsets.UTF_8), format, true, "", "null key");
        assertThat(o.failure()).get().asString().contains("NULL primary key").contains("record=OptionalLong[1500]")
                .contains("column=Optional[id]");
        assertThat(o.fastRecords()).isGreaterThan(1000);
    }

    /**
     * A delimiter or quote that typed values hold: an unquoted date in the last field is three fields when the
     * delimiter is {@code -}, and an unquoted time holds quotes when the quote is {@code :}.
     */
    @Test
    void aDelimiterOrQuoteThatValuesHoldEndsOrQuotesThem() throws IOException {
        String quotedFields = "\"7\"-\"c\"-\"1\"-\"1.50\"-\"0.25\"-\"2024-01-01T00:00:00Z\"-\"n\"-\"true\"-"
                + "\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"-";
        CsvFileFormat dash = CsvFileFormat.DEFAULT.toBuilder().fieldDelimiter('-').build();
        StringBuilder sb = new StringBuilder(String.join("-", NAMES)).append('\n');
        for (int i = 0; i < 300; i++) {
            sb.append(quotedFields).append(i == 200 ? "2024-01-02" : "\"2024-01-02\"").append('\n');
        }
        Outcome o = agree(sb.toString().getBytes(StandardCharsets.UTF_8), dash, true, "", "dash");
        assertThat(o.failure()).get().asString().contains("record=OptionalLong[201]").contains("column=Optional[day]");
        assertThat(o.fastRecords()).isEqualTo(200);

        CsvFileFormat colon = CsvFileFormat.DEFAULT.toBuilder().quote(':').build();
        String plain = "7,c,1,1.50,0.25,2024-01-01T00:00:00Z,n,true,3f2504e0-4f89-11d3-9a0c-0305e82c3301,2024-01-02";
        sb = new StringBuilder(String.join(",", NAMES)).append('\n');
        for (int i = 0; i < 300; i++) {
            sb.append(i == 100 ? plain : plain.replace("2024-01-01T00:00:00Z", "")).append('\n');
        }
        o = agree(sb.toString().getBytes(StandardCharsets.UTF_8), colon, true, "", "colon");
        assertThat(o.failure()).get().asString().contains("record=OptionalLong[101]")
                .contains("quote inside an unquoted field");
        assertThat(o.fastRecords()).isEqualTo(100);
    }

    @Test
    void fastPathTakesPlainRecordsAndLeavesTheRestToTheGeneralScan() throws IOException {
        CsvFileFormat format = CsvFileFormat.DEFAULT;
        StringBuilder sb = new StringBuilder(String.join(",", NAMES)).append('\n');
        for (int i = 1; i <= 1000; i++) {
            sb.append(i).append(",c").append(i).append(",\"q,").append(i).append("\",1.50,0.25,2024-01-01T00:00:00Z,")
                    .append(i % 2 == 0 ? "\"n\"\"ote\n名\"" : "").append(",true,")
                    .append("3f2504e0-4f89-11d3-9a0c-0305e82c3301,2024-01-02\n");
        }
        byte[] file = sb.toString().getBytes(StandardCharsets.UTF_8);
        Outcome o = agree(file, format, true, "", "plain");
        // a quoted integer is not canonical here: "q,1" holds a delimiter and a letter
        assertThat(o.failure()).get().asString().contains("column=Optional[qty]").contains("record=OptionalLong[1]");
        assertThat(o.fastRecords()).isZero();

        String good = sb.toString().replaceAll(",\"q,(\\d+)\",", ",\"$1\",");
        Outcome ok = agree(good.getBytes(StandardCharsets.UTF_8), format, true, "", "good");
        assertThat(ok.failure()).isEmpty();
        assertThat(ok.records()).isEqualTo(1000);
        assertThat(ok.keysProvenUnique()).isTrue();
        // every record is taken whole, those cut by the input buffer's end once read again from the buffer's start
        assertThat(ok.fastRecords()).isEqualTo(1000);
    }

    /** A record longer than the input buffer is read by the general scan; the records around it by the fast path. */
    @Test
    void aRecordLongerThanTheInputBufferIsReadByTheGeneralScan() throws IOException {
        String plain = ",c,1,1.50,0.25,2024-01-01T00:00:00Z,%s,true,3f2504e0-4f89-11d3-9a0c-0305e82c3301,2024-01-02\n";
        StringBuilder sb = new StringBuilder(String.join(",", NAMES)).append('\n');
        for (int i = 1; i <= 301; i++) {
            String note = i == 151 ? "\"" + "long \"\"note\"\"\n".repeat(10_000) + "\"" : "n" + i;
            sb.append(i).append(String.format(plain, note));
        }
        Outcome o = agree(sb.toString().getBytes(StandardCharsets.UTF_8), CsvFileFormat.DEFAULT, true, "", "long");
        assertThat(o.failure()).isEmpty();
        assertThat(o.records()).isEqualTo(301);
        assertThat(o.fastRecords()).isEqualTo(300);
        assertThat(o.largestRecord()).isGreaterThan(BUFFER_BYTES * 2);
    }
}
