package dev.destsdk.iceberg;

import dev.destsdk.iceberg.internal.ParquetRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * Reads the rows of a scan task's data file that are still live: its position deletes and equality deletes applied,
 * without Hadoop ({@link ParquetRows}), for a compaction. Each delete file is read once per instance and kept: the
 * positions of a position delete file, the keys of an equality delete file (in memory, as Iceberg's own readers hold
 * them). {@link MergeCounts} takes the positions its position deletes hide ({@link #hidden}). One table, one
 * thread.
 */
final class LiveRows {
    private final Table table;
    private final Map<String, Set<List<Object>>> equalityKeys = new HashMap<>();
    private final Map<String, Map<String, BitSet>> positions = new HashMap<>();

    /**
     * @param table the table whose FileIO reads the files; not null
     */
    LiveRows(Table table) {
        this.table = table;
    }

    /** Receives a live row. */
    @FunctionalInterface
    interface RowAction {
        /**
         * @param row the row, projected; not null
         * @throws IOException when the action's own output fails
         */
        void accept(Record row) throws IOException;
    }

    /**
     * Reads the task's data file and hands each live row to {@code action}, in file order.
     *
     * @param task the task; not null
     * @param projection the columns to read, by field id; it must hold every column the task's equality deletes
     *     compare
     * @param action receives each live row
     * @throws IOException when a file cannot be read, or the action fails
     */
    void forEach(FileScanTask task, Schema projection, RowAction action) throws IOException {
        BitSet hidden = hidden(task);
        List<Equality> equalities = new ArrayList<>();
        for (DeleteFile d : task.deletes()) {
            if (d.content() == FileContent.EQUALITY_DELETES) {
                equalities.add(new Equality(positionsOf(projection, d.equalityFieldIds()), keys(d)));
            }
        }
        int pos = 0;
        try (CloseableIterable<Record> rows = ParquetRows.read(table.io().newInputFile(task.file().location()),
                projection)) {
            for (Record r : rows) {
                if (!hidden.get(pos++) && !deleted(r, equalities)) {
                    action.accept(r);
                }
            }
        }
    }

    /**
     * @param task a task; not null
     * @return the positions in the task's data file that its position deletes hide
     * @throws IOException when a delete file cannot be read
     */
    BitSet hidden(FileScanTask task) throws IOException {
        BitSet hidden = new BitSet();
        for (DeleteFile d : task.deletes()) {
            if (d.content() == FileContent.POSITION_DELETES) {
                BitSet p = positions(d).get(task.file().location());
                if (p != null) {
                    hidden.or(p);
                }
            }
        }
        return hidden;
    }

    private record Equality(int[] columns, Set<List<Object>> keys) {
    }

    private static boolean deleted(Record r, List<Equality> equalities) {
        for (Equality e : equalities) {
            if (e.keys().contains(values(r, e.columns()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param r a record; not null
     * @param columns positions in the record
     * @return the values at those positions, in that order (a key comparable with another's by equals)
     */
    private static List<Object> values(Record r, int[] columns) {
        List<Object> key = new ArrayList<>(columns.length);
        for (int c : columns) {
            key.add(r.get(c));
        }
        return key;
    }

    /**
     * @param schema a schema; not null
     * @param fieldIds field ids of its top-level columns
     * @return each field's position in the schema's columns
     * @throws IllegalStateException when a field is not a column of the schema
     */
    static int[] positionsOf(Schema schema, List<Integer> fieldIds) {
        int[] out = new int[fieldIds.size()];
        List<Types.NestedField> columns = schema.columns();
        for (int i = 0; i < out.length; i++) {
            int id = fieldIds.get(i);
            out[i] = -1;
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).fieldId() == id) {
                    out[i] = c;
                }
            }
            if (out[i] < 0) {
                throw new IllegalStateException("equality field id " + id + " is not a column of " + schema);
            }
        }
        return out;
    }

    private Map<String, BitSet> positions(DeleteFile d) throws IOException {
        Map<String, BitSet> p = positions.get(d.location());
        if (p == null) {
            p = StagedRewrite.positions(table, List.of(d.location()));
            positions.put(d.location(), p);
        }
        return p;
    }

    private Set<List<Object>> keys(DeleteFile d) throws IOException {
        Set<List<Object>> keys = equalityKeys.get(d.location());
        if (keys == null) {
            keys = new HashSet<>();
            Schema projection = projection(table.schema(), d.equalityFieldIds());
            int[] order = positionsOf(projection, d.equalityFieldIds());
            try (CloseableIterable<Record> rows = ParquetRows.read(table.io().newInputFile(d.location()),
                    projection)) {
                for (Record r : rows) {
                    keys.add(values(r, order));
                }
            }
            equalityKeys.put(d.location(), keys);
        }
        return keys;
    }

    /**
     * @param schema a schema; not null
     * @param fieldIds ids of its top-level columns
     * @return the schema projected on those columns (in the schema's order: see {@link #positionsOf})
     */
    static Schema projection(Schema schema, Collection<Integer> fieldIds) {
        return schema.select(fieldIds.stream().map(schema::findColumnName).toList());
    }
}
