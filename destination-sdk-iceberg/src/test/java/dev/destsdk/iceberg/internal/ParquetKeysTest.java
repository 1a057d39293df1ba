package dev.destsdk.iceberg.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Files;
import org.apache.iceberg.MetadataColumns;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParquetKeys}: the same values written with the physical types Iceberg's promotions and other writers use
 * give the same key bytes, different values different ones; row groups the test rejects are skipped with the
 * positions of later rows kept; position delete files are read by data file, and bad ones refused.
 */
class ParquetKeysTest {
    @TempDir
    Path dir;

    /** One key per row: its bytes, and the position it was read at. */
    private record Read(long position, byte[] bytes, List<Byte> tags) {
    }

    private List<Read> keys(Path file, int... ids) throws IOException {
        List<Read> out = new ArrayList<>();
        ParquetKeys.read(Files.localInput(file.toFile()), ids, ParquetKeys.RowGroupTest.ALL, (pos, k) -> {
            List<Byte> tags = new ArrayList<>();
            for (int c = 0; c < ids.length; c++) {
                tags.add(k.tag(c));
            }
            out.add(new Read(pos, Arrays.copyOf(k.bytes(), k.length()), tags));
        });
        return out;
    }

    @Test
    void valuesOfPromotedTypesAndRenamedOrMovedColumnsGiveTheSameKeys() throws IOException {
        long[] ints = {-5, 0, 7, Integer.MAX_VALUE, Integer.MIN_VALUE};
        long[] unscaled = {-12345, 0, 1, 127, -129};
        String[] text = {"a", "é", "", "zz", "日本"};
        float[] floats = {1.5f, -0.0f, 0f, Float.NaN, 3.25f};
        MessageType narrow = Types.buildMessage()
                .optional(PrimitiveTypeName.INT32).id(1).named("k")
                .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.decimalType(2, 9)).id(2).named("d")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).id(3).named("s")
                .optional(PrimitiveTypeName.FLOAT).id(4).named("f")
                .named("narrow");
        MessageType medium = Types.buildMessage()
                .optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(2, 18)).id(2).named("d")
                .optional(PrimitiveTypeName.INT64).id(1).named("k")
                .optional(PrimitiveTypeName.DOUBLE).id(4).named("f")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).id(3).named("s")
                .named("medium");
        MessageType wide = Types.buildMessage()
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).id(3).named("renamed_s")
                .optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(13)
                .as(LogicalTypeAnnotation.decimalType(2, 30)).id(2).named("renamed_d")
                .optional(PrimitiveTypeName.DOUBLE).id(4).named("f")
                .optional(PrimitiveTypeName.INT64).id(1).named("renamed_k")
                .named("wide");
        List<Object[]> a = new ArrayList<>();
        List<Object[]> b = new ArrayList<>();
        List<Object[]> c = new ArrayList<>();
        for (int i = 0; i < ints.length; i++) {
            Binary s = Binary.fromString(text[i]);
            a.add(new Object[] {(int) ints[i], (int) unscaled[i], s, floats[i]});
            b.add(new Object[] {unscaled[i], ints[i], (double) floats[i], s});
            c.add(new Object[] {s, Binary.fromConstantByteArray(fixed(unscaled[i], 13)), (double) floats[i], ints[i]});
        }
        RawParquet.write(dir.resolve("a.parquet"), narrow, 2, a);
        RawParquet.write(dir.resolve("b.parquet"), medium, 3, b);
        RawParquet.write(dir.resolve("c.parquet"), wide, 100, c);
        List<Read> ka = keys(dir.resolve("a.parquet"), 1, 2, 3, 4);
        List<Read> kb = keys(dir.resolve("b.parquet"), 1, 2, 3, 4);
        List<Read> kc = keys(dir.resolve("c.parquet"), 1, 2, 3, 4);
        assertThat(ka).hasSize(ints.length);
        for (int i = 0; i < ints.length; i++) {
            assertThat(ka.get(i).position()).isEqualTo(i);
            assertThat(kb.get(i).bytes()).as("row %s, INT64 and DECIMAL on INT64", i).isEqualTo(ka.get(i).bytes());
            assertThat(kc.get(i).bytes()).as("row %s, DECIMAL on FIXED", i).isEqualTo(ka.get(i).bytes());
            assertThat(ka.get(i).tags()).containsExactly(ParquetKeys.LONG_TAG, ParquetKeys.DECIMAL_TAG,
                    ParquetKeys.BYTES_TAG, ParquetKeys.DOUBLE_TAG);
            for (int j = 0; j < i; j++) {
                assertThat(ka.get(i).bytes()).as("rows %s and %s differ", i, j).isNotEqualTo(ka.get(j).bytes());
            }
        }
        // a key read back from its bytes gives its parts
        ParquetKeys.Key k = new ParquetKeys.Key(4);
        byte[] encoded = ka.get(3).bytes();
        k.decode(encoded, 0, encoded.length);
        assertThat(k.longValue(0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(new BigInteger(k.valueBytes(1))).isEqualTo(BigInteger.valueOf(127));
        assertThat(new String(k.valueBytes(2), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("zz");
    }

    /** Big-endian two's complement of a value, sign-extended to {@code n} bytes (as FIXED decimals are stored). */
    private static byte[] fixed(long v, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[n - 1 - i] = (byte) (i < 8 ? v >>> (8 * i) : v >> 63);
        }
        return out;
    }

    @Test
    void timesInMillisAndInt96TimestampsReadAsMicros() throws IOException {
        long micros = 1_700_000_000_123_000L;
        long timeMicros = 45_296_789_000L;
        MessageType exact = Types.buildMessage()
                .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS))
                .id(1).named("ts")
                .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS))
                .id(2).named("t")
                .named("exact");
        MessageType millis = Types.buildMessage()
                .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS))
                .id(1).named("ts")
                .required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.timeType(false, TimeUnit.MILLIS))
                .id(2).named("t")
                .named("millis");
        MessageType int96 = Types.buildMessage()
                .required(PrimitiveTypeName.INT96).id(1).named("ts")
                .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS))
                .id(2).named("t")
                .named("int96");
        RawParquet.write(dir.resolve("exact.parquet"), exact, 10, List.<Object[]>of(
                new Object[] {micros, timeMicros}));
        RawParquet.write(dir.resolve("millis.parquet"), millis, 10, List.<Object[]>of(
                new Object[] {micros / 1000, (int) (timeMicros / 1000)}));
        long day = Math.floorDiv(micros, 86_400_000_000L);
        long nanosOfDay = Math.floorMod(micros, 86_400_000_000L) * 1000;
        RawParquet.write(dir.resolve("int96.parquet"), int96, 10, List.of(
                new Object[] {int96(day, nanosOfDay), timeMicros},
                new Object[] {int96(day, nanosOfDay + 1), timeMicros}));
        byte[] want = keys(dir.resolve("exact.parquet"), 1, 2).get(0).bytes();
        assertThat(keys(dir.resolve("millis.parquet"), 1, 2).get(0).bytes()).isEqualTo(want);
        List<Read> fromInt96 = keys(dir.resolve("int96.parquet"), 1, 2);
        assertThat(fromInt96.get(0).bytes()).isEqualTo(want);
        // a nanosecond more is no microsecond value: it equals no key of a micros column
        assertThat(fromInt96.get(1).tags()).containsExactly(ParquetKeys.INT96_TAG, ParquetKeys.LONG_TAG);
        assertThat(fromInt96.get(1).bytes()).isNotEqualTo(want);
    }

    private static Binary int96(long epochDay, long nanosOfDay) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(nanosOfDay).putInt((int) (epochDay + 2_440_588L));
        return Binary.fromConstantByteArray(b.array());
    }

    @Test
    void nullsAndColumnsTheFileLacksReadAsNull() throws IOException {
        MessageType schema = Types.buildMessage().optional(PrimitiveTypeName.INT64).id(1).named("k").named("m");
        RawParquet.write(dir.resolve("n.parquet"), schema, 10, List.of(new Object[] {5L}, new Object[] {null}));
        List<Read> read = keys(dir.resolve("n.parquet"), 1, 99);
        assertThat(read.get(0).tags()).containsExactly(ParquetKeys.LONG_TAG, ParquetKeys.NULL_TAG);
        assertThat(read.get(1).tags()).containsExactly(ParquetKeys.NULL_TAG, ParquetKeys.NULL_TAG);
        List<Read> none = keys(dir.resolve("n.parquet"), 98);
        assertThat(none).extracting(Read::position).containsExactly(0L, 1L);
        assertThat(none).allSatisfy(r -> assertThat(r.tags()).containsExactly(ParquetKeys.NULL_TAG));
    }

    @Test
    void rowGroupsTheTestRejectsAreSkippedAndLaterRowsKeepTheirPositions() throws IOException {
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.INT64).id(1).named("id")
                .required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).id(2).named("day")
                .named("m");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(new Object[] {(long) i, 19_000 + i / 2});
        }
        RawParquet.write(dir.resolve("g.parquet"), schema, 100, rows);
        List<long[]> seen = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        ParquetKeys.Stats stats = ParquetKeys.read(Files.localInput(dir.resolve("g.parquet").toFile()),
                new int[] {1, 2}, (column, min, max) -> {
                    asked.add(column + ":" + min + ".." + max);
                    return column != 0 || (min >= 300 && max < 500) || min >= 900;
                }, (pos, k) -> seen.add(new long[] {pos, k.longValue(0), k.longValue(1)}));
        assertThat(stats).isEqualTo(new ParquetKeys.Stats(3, 7, 300));
        assertThat(asked).contains("0:0..99", "0:900..999", "1:19150..19199");
        assertThat(seen).hasSize(300);
        assertThat(seen).allSatisfy(r -> {
            assertThat(r[1]).as("id at position %s", r[0]).isEqualTo(r[0]);
            assertThat(r[2]).isEqualTo(19_000 + r[0] / 2);
        });
        assertThat(seen.get(0)[0]).isEqualTo(300);
        assertThat(seen.get(299)[0]).isEqualTo(999);
    }

    @Test
    void aKeyColumnThatIsNotOnePrimitiveValueIsRefused() throws IOException {
        MessageType schema = Types.buildMessage().repeated(PrimitiveTypeName.INT64).id(1).named("k").named("m");
        RawParquet.write(dir.resolve("r.parquet"), schema, 10, List.<Object[]>of(new Object[] {1L}));
        assertThatThrownBy(() -> keys(dir.resolve("r.parquet"), 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("key column k (field id 1)").hasMessageContaining("r.parquet");
        assertThatThrownBy(() -> keys(dir.resolve("r.parquet"), 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static MessageType positionSchema(boolean optionalPos) {
        var b = Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                .id(MetadataColumns.DELETE_FILE_PATH.fieldId()).named("file_path");
        return (optionalPos ? b.optional(PrimitiveTypeName.INT64) : b.required(PrimitiveTypeName.INT64))
                .id(MetadataColumns.DELETE_FILE_POS.fieldId()).named("pos").named("pos_deletes");
    }

    @Test
    void positionDeletesAreReadByDataFile() throws IOException {
        List<Object[]> rows = new ArrayList<>();
        Map<String, BitSet> want = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            String path = "s3://b/data/" + (i % 7 < 3 ? "a" : "b") + ".parquet";
            rows.add(new Object[] {Binary.fromString(path), (long) i * 3});
            want.computeIfAbsent(path, k -> new BitSet()).set(i * 3);
        }
        RawParquet.write(dir.resolve("p.parquet"), positionSchema(false), 8, rows);
        Map<String, BitSet> got = new HashMap<>();
        ParquetKeys.positions(Files.localInput(dir.resolve("p.parquet").toFile()), got);
        assertThat(got).isEqualTo(want);
    }

    @Test
    void aPositionDeleteFileWithANullOrANegativePositionOrWithoutItsColumnsIsRefused() throws IOException {
        RawParquet.write(dir.resolve("null.parquet"), positionSchema(true), 8, List.of(
                new Object[] {Binary.fromString("a"), 1L}, new Object[] {Binary.fromString("a"), null}));
        assertThatThrownBy(() -> ParquetKeys.positions(Files.localInput(dir.resolve("null.parquet").toFile()),
                new HashMap<>())).isInstanceOf(IOException.class).hasMessageContaining("null.parquet")
                .hasMessageContaining("NULL at row 1");
        RawParquet.write(dir.resolve("neg.parquet"), positionSchema(false), 8, List.<Object[]>of(
                new Object[] {Binary.fromString("a"), -1L}));
        assertThatThrownBy(() -> ParquetKeys.positions(Files.localInput(dir.resolve("neg.parquet").toFile()),
                new HashMap<>())).isInstanceOf(IOException.class).hasMessageContaining("position -1 at row 0");
        MessageType noPos = Types.buildMessage().required(PrimitiveTypeName.BINARY)
                .id(MetadataColumns.DELETE_FILE_PATH.fieldId()).named("file_path").named("m");
        RawParquet.write(dir.resolve("nopos.parquet"), noPos, 8, List.<Object[]>of(
                new Object[] {Binary.fromString("a")}));
        assertThatThrownBy(() -> ParquetKeys.positions(Files.localInput(dir.resolve("nopos.parquet").toFile()),
                new HashMap<>())).isInstanceOf(IOException.class).hasMessageContaining("nopos.parquet")
                .hasMessageContaining("pos");
    }
}
