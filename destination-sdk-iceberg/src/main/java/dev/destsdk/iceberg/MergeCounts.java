package dev.destsdk.iceberg;

import dev.destsdk.file.commit.RowDeleteFile;
import dev.destsdk.iceberg.internal.ParquetRows;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Comparators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a MERGE's row delta does to the rows of earlier commits, counted before it is committed, as the warehouse
 * destinations count their MERGE: of the batch's winning rows that stay (not hard-deleted), those whose key a live
 * row of the table holds are <em>updated</em> (they replace it), the others inserted; the live rows whose key the
 * batch marks deleted are <em>deleted</em> when the load hard-deletes (with soft deletes such a row is replaced by
 * the row marked deleted: updated).
 *
 * <ol>
 *   <li>The batch's keys are read from the stage's equality delete files ({@link RowDeleteFile.Kind#EQUALITY},
 *       {@link RowDeleteFile.Kind#EQUALITY_MARKED_DELETED}) into a {@link KeyTable}, with the range of each key
 *       column.</li>
 *   <li>The table's current snapshot is planned with that range as filter, so that data files whose column
 *       statistics lie outside it are not read.</li>
 *   <li>The equality deletes of those files are read once each, keeping for each batch key only the highest
 *       sequence number of a delete that holds it: a row of that key in a data file of a lower data sequence number
 *       is deleted (the Iceberg spec's rule).</li>
 *   <li>The data files are read on the key columns, position deletes applied, and their live rows of batch keys
 *       counted.</li>
 * </ol>
 * Memory: the batch's keys, compactly (about 40 bytes per key), and the positions of the position delete files;
 * never the table's own equality deletes. Equality deletes on other columns than the key (which this SDK does not
 * write) are not applied: rows they delete would count as live. Counted against the table as the commit attempt
 * found it. One commit attempt, one thread.
 */
final class MergeCounts {
    private static final Logger LOG = LoggerFactory.getLogger(MergeCounts.class);
    /** A batch key whose winning row stays, not yet found in the table. */
    private static final byte KEPT = 0;
    /** A batch key whose winning row stays, found in the table: its row is updated. */
    private static final byte UPDATED = 1;
    /** A batch key the load hard-deletes. */
    private static final byte REMOVED = 2;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> NATURAL = (x, y) -> ((Comparable) x).compareTo(y);
    /** Strings by code point, as Iceberg's column statistics order them (not UTF-16 units, as String does). */
    private static final Comparator<Object> CHARS = (x, y) -> Comparators.charSequences()
            .compare((CharSequence) x, (CharSequence) y);

    /**
     * @param updated batch rows that replace a live row with the same key
     * @param deleted live rows removed because the batch marks their key deleted (hard deletes)
     */
    record Counts(long updated, long deleted) {
        /** Nothing matched: a new or empty table. */
        static final Counts NONE = new Counts(0, 0);
    }

    private MergeCounts() {
    }

    /**
     * @param table the table as the commit attempt loaded it, before its transaction (its current snapshot is the
     *     state the batch merges into); not null
     * @param schema the table's schema inside the transaction (the one the batch was written with); not null
     * @param deletes the stage's delete files; not null
     * @param keyColumns the key columns; not empty
     * @param hardDeletes whether the rows the batch marks deleted are removed (else they are kept, marked)
     * @param location how the table refers to a staged file's key
     * @return the counts
     * @throws IOException when a file cannot be read
     */
    static Counts count(Table table, Schema schema, List<RowDeleteFile> deletes, List<String> keyColumns,
                        boolean hardDeletes, Function<String, String> location) throws IOException {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return Counts.NONE;
        }
        List<Integer> keyIds = keyColumns.stream().map(c -> schema.findField(c).fieldId()).toList();
        Schema projection = LiveRows.projection(schema, keyIds);
        int[] key = LiveRows.positionsOf(projection, keyIds);
        KeyTable batch = new KeyTable();
        KeyRange range = new KeyRange(keyColumns.size());
        for (RowDeleteFile d : deletes) {
            if (d.kind().isEquality()) {
                byte state = d.kind() == RowDeleteFile.Kind.EQUALITY_MARKED_DELETED && hardDeletes ? REMOVED : KEPT;
                try (CloseableIterable<Record> rows = ParquetRows.read(
                        table.io().newInputFile(location.apply(d.file().key())), projection)) {
                    for (Record r : rows) {
                        batch.state(batch.add(KeyTable.encode(r, key)), state);
                        range.add(r, key);
                    }
                }
            }
        }
        if (batch.size() == 0) {
            return Counts.NONE;
        }
        List<FileScanTask> tasks = new ArrayList<>();
        try (CloseableIterable<FileScanTask> planned = table.newScan().useSnapshot(current.snapshotId())
                .filter(range.filter(keyColumns)).planFiles()) {
            planned.forEach(tasks::add);
        }
        applyEqualityDeletes(table, tasks, keyIds, projection, key, batch);
        LiveRows live = new LiveRows(table);
        long updated = 0;
        long deleted = 0;
        for (FileScanTask t : tasks) {
            BitSet hidden = live.hidden(t);
            long sequence = sequence(t.file().dataSequenceNumber());
            int pos = 0;
            try (CloseableIterable<Record> rows = ParquetRows.read(table.io().newInputFile(t.file().location()),
                    projection)) {
                for (Record r : rows) {
                    if (hidden.get(pos++)) {
                        continue;
                    }
                    int i = batch.find(KeyTable.encode(r, key));
                    if (i < 0 || sequence < batch.number(i)) {
                        continue;
                    }
                    if (batch.state(i) == KEPT) {
                        batch.state(i, UPDATED);
                        updated++;
                    } else if (batch.state(i) == REMOVED) {
                        deleted++;
                    }
                }
            }
        }
        return new Counts(updated, deleted);
    }

    /**
     * Keeps, for each batch key, the highest sequence number of the tasks' equality deletes that hold it (in
     * {@link KeyTable#number}). Each delete file is read once.
     */
    private static void applyEqualityDeletes(Table table, List<FileScanTask> tasks, List<Integer> keyIds,
                                             Schema projection, int[] key, KeyTable batch) throws IOException {
        Map<String, DeleteFile> files = new LinkedHashMap<>();
        for (FileScanTask t : tasks) {
            for (DeleteFile d : t.deletes()) {
                if (d.content() == FileContent.EQUALITY_DELETES) {
                    files.putIfAbsent(d.location(), d);
                }
            }
        }
        for (DeleteFile d : files.values()) {
            if (!new HashSet<>(d.equalityFieldIds()).equals(new HashSet<>(keyIds))) {
                LOG.debug("equality deletes {} compare other columns than the key; not applied to the MERGE count",
                        d.location());
                continue;
            }
            long sequence = sequence(d.dataSequenceNumber());
            try (CloseableIterable<Record> rows = ParquetRows.read(table.io().newInputFile(d.location()),
                    projection)) {
                for (Record r : rows) {
                    int i = batch.find(KeyTable.encode(r, key));
                    if (i >= 0 && batch.number(i) < sequence) {
                        batch.number(i, sequence);
                    }
                }
            }
        }
    }

    private static long sequence(Long number) {
        return number == null ? 0 : number;
    }

    /**
     * The range of each key column over the batch's keys, where its values are of a type a filter takes (integers,
     * decimals, strings, the latter ordered as Iceberg orders them).
     */
    private static final class KeyRange {
        private final Object[] min;
        private final Object[] max;
        private final Comparator<?>[] order;
        private final boolean[] unusable;

        KeyRange(int columns) {
            min = new Object[columns];
            max = new Object[columns];
            order = new Comparator<?>[columns];
            unusable = new boolean[columns];
        }

        @SuppressWarnings("unchecked")
        void add(Record r, int[] key) {
            for (int c = 0; c < key.length; c++) {
                Object v = r.get(key[c]);
                Comparator<Object> vOrder = orderOf(v);
                if (unusable[c] || vOrder == null || (order[c] != null && order[c] != vOrder)) {
                    unusable[c] = true;
                    continue;
                }
                order[c] = vOrder;
                min[c] = min[c] == null || vOrder.compare(v, min[c]) < 0 ? v : min[c];
                max[c] = max[c] == null || vOrder.compare(v, max[c]) > 0 ? v : max[c];
            }
        }

        /** @return a filter that prunes the data files whose statistics lie outside the range; true if none */
        Expression filter(List<String> keyColumns) {
            Expression filter = Expressions.alwaysTrue();
            for (int c = 0; c < min.length; c++) {
                if (!unusable[c] && min[c] != null) {
                    filter = Expressions.and(filter, Expressions.and(
                            Expressions.greaterThanOrEqual(keyColumns.get(c), min[c]),
                            Expressions.lessThanOrEqual(keyColumns.get(c), max[c])));
                }
            }
            return filter;
        }

        private static Comparator<Object> orderOf(Object v) {
            if (v instanceof Long || v instanceof Integer || v instanceof BigDecimal) {
                return NATURAL;
            }
            return v instanceof CharSequence ? CHARS : null;
        }
    }
}
