package dev.destsdk.iceberg;

import static dev.destsdk.iceberg.IcebergHarness.field;
import static dev.destsdk.iceberg.IcebergHarness.key;
import static dev.destsdk.iceberg.IcebergHarness.row;
import static dev.destsdk.iceberg.IcebergHarness.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.file.commit.RowDeleteFile;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.format.FileSchema;
import dev.destsdk.file.format.FormatWriter;
import dev.destsdk.file.format.ParquetFormat;
import dev.destsdk.file.format.WrittenFile;
import dev.destsdk.iceberg.internal.ParquetKeys;
import dev.destsdk.testkit.runner.Pipeline;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/**
 * The MERGE count's parts: the key sets (dense and hashed integer keys, any other key), the batch range's pruning
 * of files and row groups, and counts that stay exact across widened key columns and pruned files.
 */
class MergeCountsTest extends LocalIcebergCase {

    private static ParquetKeys.Key longKey(long v) {
        ByteBuffer b = ByteBuffer.allocate(9).put(ParquetKeys.LONG_TAG).putLong(v);
        ParquetKeys.Key k = new ParquetKeys.Key(1);
        k.decode(b.array(), 0, 9);
        return k;
    }

    private static ParquetKeys.Key textAndLongKey(String s, long v) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(14 + text.length).put(ParquetKeys.BYTES_TAG).putInt(text.length).put(text)
                .put(ParquetKeys.LONG_TAG).putLong(v);
        ParquetKeys.Key k = new ParquetKeys.Key(2);
        k.decode(b.array(), 0, b.capacity());
        return k;
    }

    private static ParquetKeys.Key nullKey() {
        ParquetKeys.Key k = new ParquetKeys.Key(1);
        k.decode(new byte[] {ParquetKeys.NULL_TAG}, 0, 1);
        return k;
    }

    /** Dense keys become a bitmap, sparse ones a hash table; both find exactly the keys added, last state wins. */
    @Test
    void integerKeysAreFoundExactlyWhetherDenseOrSparse() {
        long[][] cases = {{5, 7, 300, 64, 63, 65, -2}, {1, 1_000_000_000_000L, -5, Long.MIN_VALUE, Long.MAX_VALUE}};
        for (long[] keys : cases) {
            LongKeyTable t = new LongKeyTable(2);
            for (long k : keys) {
                t.state(t.add(longKey(k)), (byte) 1);
            }
            t.state(t.add(longKey(keys[0])), (byte) 2);
            assertThat(t.size()).isEqualTo(keys.length + 1);
            assertThat(t.find(longKey(keys[0]))).as("before the seal").isEqualTo(-1);
            t.seal();
            assertThat(t.isDense()).as("%s", t).isEqualTo(keys == cases[0]);
            assertThat(t.size()).isEqualTo(keys.length);
            List<Integer> indexes = new ArrayList<>();
            for (long k : keys) {
                int i = t.find(longKey(k));
                assertThat(i).as("key %s in %s", k, t).isNotNegative();
                assertThat(t.state(i)).isEqualTo((byte) (k == keys[0] ? 2 : 1));
                t.number(i, k);
                indexes.add(i);
            }
            assertThat(indexes).doesNotHaveDuplicates();
            for (long k : keys) {
                assertThat(t.number(t.find(longKey(k)))).isEqualTo(k);
            }
            for (long absent : new long[] {6, 8, 62, 66, 299, 301, -3, 0, 2, 1_000_000_000_001L}) {
                assertThat(t.find(longKey(absent))).as("absent key %s", absent).isEqualTo(-1);
            }
            assertThat(t.find(nullKey())).isEqualTo(-1);
            List<Long> seen = new ArrayList<>();
            t.forEach(k -> seen.add(k.longValue(0)));
            assertThat(seen).containsExactlyInAnyOrder(java.util.Arrays.stream(keys).boxed().toArray(Long[]::new));
            assertThatThrownBy(() -> t.add(longKey(1))).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> new LongKeyTable(1).add(nullKey())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NULL");
    }

    /** Keys of several columns: every key added is found after the seal, no other (the filter only skips work). */
    @Test
    void keysOfSeveralColumnsAreFoundExactly() {
        KeyTable t = new KeyTable(10);
        for (int i = 0; i < 50_000; i++) {
            t.state(t.add(textAndLongKey("r" + (i % 7), i)), (byte) (i % 3));
        }
        t.state(t.add(textAndLongKey("r0", 0)), (byte) 2);
        assertThat(t.size()).isEqualTo(50_000);
        t.seal();
        for (int i = 0; i < 50_000; i++) {
            int found = t.find(textAndLongKey("r" + (i % 7), i));
            assertThat(found).as("key %s", i).isNotNegative();
            assertThat(t.state(found)).isEqualTo((byte) (i == 0 ? 2 : i % 3));
            assertThat(t.find(textAndLongKey("r" + ((i + 1) % 7), i))).as("absent key %s", i).isEqualTo(-1);
            assertThat(t.find(textAndLongKey("r" + (i % 7), i + 50_000))).isEqualTo(-1);
        }
        AtomicInteger visited = new AtomicInteger();
        t.forEach(k -> {
            assertThat(k.tag(0)).isEqualTo(ParquetKeys.BYTES_TAG);
            assertThat(new String(k.valueBytes(0), StandardCharsets.UTF_8)).isEqualTo("r" + (k.longValue(1) % 7));
            visited.incrementAndGet();
        });
        assertThat(visited).hasValue(50_000);
    }

    /** The batch range answers "may hold a batch key" for a file's or row group's bounds, never wrongly no. */
    @Test
    void theBatchRangeRulesOutOnlyRangesWithoutABatchKey() {
        Schema schema = new Schema(Types.NestedField.optional(1, "id", Types.LongType.get()));
        MergeCounts.BatchRange range = new MergeCounts.BatchRange(schema, new int[] {1});
        BatchKeys keys = BatchKeys.create(3, true);
        for (long k : new long[] {10, 20, 5_000_000}) {
            ParquetKeys.Key key = longKey(k);
            keys.add(key);
            range.add(key);
        }
        keys.seal();
        range.index(keys);
        assertThat(range.mayHold(0, 0, 9)).isFalse();
        assertThat(range.mayHold(0, 5_000_001, 6_000_000)).isFalse();
        assertThat(range.mayHold(0, 1000, 2000)).isFalse();
        assertThat(range.mayHold(0, 100, 4_999_000)).isFalse();
        assertThat(range.mayHold(0, 0, 10)).isTrue();
        assertThat(range.mayHold(0, 20, 20)).isTrue();
        assertThat(range.mayHold(0, 4_999_999, 6_000_000)).isTrue();
        assertThat(range.mayHold(0, Long.MIN_VALUE, Long.MAX_VALUE)).isTrue();
        // the slices are 5 values wide here: a range next to a key may be kept, never one holding a key dropped
        for (long lo = 0; lo < 40; lo++) {
            for (long hi = lo; hi < 40; hi++) {
                boolean holds = (lo <= 10 && 10 <= hi) || (lo <= 20 && 20 <= hi);
                if (holds) {
                    assertThat(range.mayHold(0, lo, hi)).as("[%s, %s]", lo, hi).isTrue();
                }
            }
        }
        assertThat(range.filter(List.of("id")).toString()).contains("10").contains("5000000");
    }

    /**
     * Ten files of disjoint key ranges; a batch whose keys lie in two of them and beyond all reads those two only
     * (the planned range covers all ten) and counts exactly.
     */
    @Test
    void filesWhoseBoundsHoldNoBatchKeyAreNotRead() throws IOException {
        ObjectMetadata src = source("pruned", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING));
        Pipeline p = h.pipeline();
        for (int f = 0; f < 10; f++) {
            List<List<Object>> rows = new ArrayList<>();
            for (long i = f * 100L; i < f * 100L + 100; i++) {
                rows.add(row(i, "v" + i));
            }
            h.run(p, h.spec(src, LoadMode.APPEND, "a" + f).rows(rows));
        }
        Table table = h.table("pruned");
        Schema schema = table.schema();
        int id = schema.findField("id").fieldId();
        String stagedKey = "stage/pruned-keys.parquet";
        FormatWriter w = ParquetFormat.of(CompressionCodecName.ZSTD).open(h.store.create(stagedKey),
                new FileSchema(List.of(FileColumn.of("id", CanonicalType.LONG).withFieldId(id))));
        for (long k : new long[] {5, 950, 5000}) {
            w.write(new Object[] {k});
        }
        WrittenFile written = w.finish();
        RowDeleteFile keys = new RowDeleteFile(written, RowDeleteFile.Kind.EQUALITY, List.of("id"));
        IcebergTableCommitter committer = h.destination.icebergCommitter();
        MergeCounts.Counts counts = MergeCounts.count(table, schema, List.of(keys), List.of("id"), false,
                committer::fileLocation, () -> { });
        assertThat(counts).isEqualTo(new MergeCounts.Counts(2, 0, 2));
        // the same keys marked deleted, with hard deletes: the two live rows are deleted
        RowDeleteFile marked = new RowDeleteFile(written, RowDeleteFile.Kind.EQUALITY_MARKED_DELETED, List.of("id"));
        assertThat(MergeCounts.count(table, schema, List.of(marked), List.of("id"), true, committer::fileLocation,
                () -> { })).isEqualTo(new MergeCounts.Counts(0, 2, 2));
        // a cancellation before a file is read stops the count
        AtomicInteger checks = new AtomicInteger();
        assertThatThrownBy(() -> MergeCounts.count(table, schema, List.of(keys), List.of("id"), false,
                committer::fileLocation, () -> {
                    if (checks.incrementAndGet() > 1) {
                        throw ConnectorException.cancelled("test");
                    }
                })).isInstanceOf(ConnectorException.class)
                .satisfies(e -> assertThat(((ConnectorException) e).getErrorType()).isEqualTo(ErrorType.CANCELLED));
        // through the destination: one insert, two updates
        LoadResponse r = h.run(p, h.spec(src, LoadMode.MERGE, "m").rows(List.of(row(5L, "x"), row(950L, "y"),
                row(5000L, "z")))).loadResponse();
        assertThat(List.of(r.rowsInserted(), r.rowsUpdated(), r.rowsDeleted())).containsExactly(1L, 2L, 0L);
    }

    /**
     * Key columns Iceberg widened between loads (int to long, decimal(9, 2) on INT32 to decimal(20, 2) on
     * FIXED_LEN_BYTE_ARRAY): the rows of the older files still count as the same keys.
     */
    @Test
    void rowsOfFilesWrittenBeforeAKeyColumnWasWidenedCountAsTheSameKeys() {
        ObjectMetadata narrow = source("widened", key("id", CanonicalType.INTEGER),
                decimalKey("amount", 9), field("v", CanonicalType.STRING));
        ObjectMetadata wide = source("widened", key("id", CanonicalType.LONG),
                decimalKey("amount", 20), field("v", CanonicalType.STRING));
        Pipeline p = h.pipeline();
        LoadResponse first = h.run(p, h.spec(narrow, LoadMode.MERGE, "n").rows(List.of(
                row(1, new BigDecimal("1.50"), "a"), row(2, new BigDecimal("-2.25"), "b"),
                row(3, new BigDecimal("0.00"), "c")))).loadResponse();
        assertThat(first.rowsInserted()).isEqualTo(3);
        LoadResponse second = h.run(p, h.spec(wide, LoadMode.MERGE, "w").rows(List.of(
                row(1L, new BigDecimal("1.50"), "A"), row(2L, new BigDecimal("-2.25"), "B"),
                row(2L, new BigDecimal("2.25"), "new"), row(3_000_000_000L, new BigDecimal("0.00"), "big"))))
                .loadResponse();
        assertThat(List.of(second.rowsInserted(), second.rowsUpdated(), second.rowsDeleted()))
                .containsExactly(2L, 2L, 0L);
        assertThat(h.table("widened").schema().findField("id").type()).isEqualTo(Types.LongType.get());
        assertThat(h.rows("widened", "id", "amount", "v")).containsExactly(
                row(1L, new BigDecimal("1.50"), "A"), row(2L, new BigDecimal("-2.25"), "B"),
                row(2L, new BigDecimal("2.25"), "new"), row(3L, new BigDecimal("0.00"), "c"),
                row(3_000_000_000L, new BigDecimal("0.00"), "big"));
    }

    private static FieldMetadata decimalKey(String name, int precision) {
        return FieldMetadata.builder(name, CanonicalType.DECIMAL).precision(precision).scale(2).primaryKey(true)
                .build();
    }
}
