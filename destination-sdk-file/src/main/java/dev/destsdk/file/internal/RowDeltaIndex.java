package dev.destsdk.file.internal;

import dev.destsdk.file.FileTableLayout;
import dev.destsdk.file.commit.RowDeleteFile;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.format.FileSchema;
import dev.destsdk.file.format.FormatWriter;
import dev.destsdk.file.format.FormatWriterFactory;
import dev.destsdk.file.store.ObjectStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a MERGE needs besides the rows, built while a stage writes the rows of a keyed table for a committer with
 * row deltas, without holding the batch in memory: for every written row its key, cursor, deleted flag, load order
 * and position go to one of several spill files on local disk by the key's hash; {@link #finish} then reads one
 * spill file at a time, keeps the winner per key (highest cursor, NULL lowest; among equal cursors the row loaded
 * last: by data file, then by line) and writes
 * <ul>
 *   <li>equality delete files with each key of the batch once (they remove the rows of earlier commits with those
 *       keys): one for the keys whose winning row is not marked deleted, one for those whose winning row is;</li>
 *   <li>a position delete file with every row that another row of the batch supersedes;</li>
 *   <li>a position delete file with every winning row that is marked deleted (used only for hard deletes).</li>
 * </ul>
 * Position delete files have the open table-format layout ({@code file_path}, {@code pos} with the field ids the
 * Iceberg spec reserves), sorted by file and position. Memory: one spill file's winners (about 1/buckets of the
 * batch's keys) plus one bit per written row.
 *
 * <p>Threading: {@link #written} is called by the stage's conversion threads concurrently; {@link #finish} and
 * {@link #close} by the stage thread after the conversions ended.
 */
public final class RowDeltaIndex implements AutoCloseable {
    /** Field id of {@code file_path} in position delete files (Iceberg spec, reserved). */
    public static final int FILE_PATH_ID = 2147483546;
    /** Field id of {@code pos} in position delete files (Iceberg spec, reserved). */
    public static final int POS_ID = 2147483545;
    private static final int MAX_BUCKETS = 256;
    private static final long BYTES_PER_BUCKET = 8L << 20;

    private final FileColumn[] keyColumns;
    private final int[] keyIndexes;
    private final FileColumn cursorColumn;
    private final int cursorIndex;
    private final int deletedIndex;
    private final Path dir;
    private final DataOutputStream[] buckets;
    private final Map<String, Integer> fileIds = new ConcurrentHashMap<>();
    private final List<String> fileKeys = new ArrayList<>();
    private final FileTableLayout table;
    private final java.util.concurrent.atomic.AtomicLong rows = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param table the table layout (columns with field ids, key columns); not null
     * @param cursorColumn the cursor column's name, or null for none
     * @param deletedColumn the deleted tracking column's name
     * @param inputBytes the size of the batch's data files (sets the number of spill files)
     * @throws IOException when the spill directory cannot be created
     */
    public RowDeltaIndex(FileTableLayout table, String cursorColumn, String deletedColumn, long inputBytes)
            throws IOException {
        this.table = table;
        List<FileColumn> columns = table.schema().columns();
        this.keyIndexes = table.keyColumns().stream().mapToInt(k -> indexOf(columns, k)).toArray();
        this.keyColumns = new FileColumn[keyIndexes.length];
        for (int i = 0; i < keyIndexes.length; i++) {
            keyColumns[i] = columns.get(keyIndexes[i]);
        }
        this.cursorIndex = cursorColumn == null ? -1 : indexOf(columns, cursorColumn);
        this.cursorColumn = cursorIndex < 0 ? null : columns.get(cursorIndex);
        this.deletedIndex = indexOf(columns, deletedColumn);
        int n = (int) Math.max(4, Math.min(MAX_BUCKETS, inputBytes / BYTES_PER_BUCKET + 1));
        this.dir = Files.createTempDirectory("destsdk-merge-");
        this.buckets = new DataOutputStream[n];
        try {
            for (int i = 0; i < n; i++) {
                buckets[i] = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(dir.resolve("bucket-" + i)), 1 << 14));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private static int indexOf(List<FileColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    /**
     * Records one written row.
     *
     * @param row the row as written
     * @param fileKey the key of the data file it went to
     * @param position its 0-based position in that file
     * @param order its load order (higher = loaded later)
     */
    public void written(Object[] row, String fileKey, long position, long order) {
        try {
            ByteArrayOutputStream key = new ByteArrayOutputStream(32);
            DataOutputStream k = new DataOutputStream(key);
            for (int i = 0; i < keyIndexes.length; i++) {
                SpillCodec.write(k, keyColumns[i], row[keyIndexes[i]]);
            }
            ByteArrayOutputStream rest = new ByteArrayOutputStream(32);
            DataOutputStream r = new DataOutputStream(rest);
            if (cursorColumn != null) {
                SpillCodec.write(r, cursorColumn, row[cursorIndex]);
            }
            r.writeBoolean(Boolean.TRUE.equals(row[deletedIndex]));
            r.writeLong(order);
            r.writeInt(fileId(fileKey));
            r.writeLong(position);
            byte[] keyBytes = key.toByteArray();
            DataOutputStream bucket = buckets[Math.floorMod(java.util.Arrays.hashCode(keyBytes), buckets.length)];
            rows.incrementAndGet();
            synchronized (bucket) {
                bucket.writeInt(keyBytes.length);
                bucket.write(keyBytes);
                bucket.writeInt(rest.size());
                rest.writeTo(bucket);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill the MERGE key index to " + dir, e);
        }
    }

    private int fileId(String key) {
        Integer id = fileIds.get(key);
        if (id != null) {
            return id;
        }
        synchronized (fileKeys) {
            return fileIds.computeIfAbsent(key, k -> {
                fileKeys.add(k);
                return fileKeys.size() - 1;
            });
        }
    }

    /** The winner of a key so far. */
    private record Entry(Object cursor, boolean deleted, long order, int file, long pos) {
    }

    /**
     * Finds the winners and writes the delete files.
     *
     * @param store the store
     * @param formats the format of the delete files (the table's)
     * @param keyFor the key of a delete file, given its name stem ({@code delete-eq}, {@code delete-eq-deleted},
     *     {@code delete-superseded}, {@code delete-hard}); the result must be in the stage's partition
     * @param location how the table refers to a data file key
     * @param check throws when the stage is cancelled
     * @return the delete files written, each only when not empty (so none for an empty batch)
     * @throws IOException when the spill or the store fails (the files are in the stage's partition, which a failed
     *     stage deletes)
     */
    public List<RowDeleteFile> finish(ObjectStore store, FormatWriterFactory formats, Function<String, String> keyFor,
                                      Function<String, String> location, Runnable check) throws IOException {
        for (DataOutputStream b : buckets) {
            b.close();
        }
        if (rows.get() == 0) {
            return List.of();
        }
        Map<Integer, BitSet> superseded = new HashMap<>();
        Map<Integer, BitSet> hardDeleted = new HashMap<>();
        List<RowDeleteFile> out = new ArrayList<>();
        FileSchema keySchema = new FileSchema(List.of(keyColumns));
        FormatWriter eq = formats.open(store.create(keyFor.apply("delete-eq")), keySchema);
        FormatWriter eqDeleted = null;
        try {
            Object[] keyRow = new Object[keyColumns.length];
            for (int i = 0; i < buckets.length; i++) {
                check.run();
                Map<ByteBuffer, Entry> winners = readBucket(dir.resolve("bucket-" + i), superseded);
                for (Map.Entry<ByteBuffer, Entry> w : winners.entrySet()) {
                    Entry e = w.getValue();
                    FormatWriter keys = eq;
                    if (e.deleted()) {
                        hardDeleted.computeIfAbsent(e.file(), f -> new BitSet()).set((int) e.pos());
                        if (eqDeleted == null) {
                            eqDeleted = formats.open(store.create(keyFor.apply("delete-eq-deleted")), keySchema);
                        }
                        keys = eqDeleted;
                    }
                    DataInputStream k = new DataInputStream(new java.io.ByteArrayInputStream(w.getKey().array()));
                    for (int c = 0; c < keyColumns.length; c++) {
                        keyRow[c] = SpillCodec.read(k, keyColumns[c]);
                    }
                    keys.write(keyRow);
                }
                Files.deleteIfExists(dir.resolve("bucket-" + i));
            }
            if (eq.rows() > 0) {
                out.add(new RowDeleteFile(eq.finish(), RowDeleteFile.Kind.EQUALITY, table.keyColumns()));
            }
            if (eqDeleted != null) {
                out.add(new RowDeleteFile(eqDeleted.finish(), RowDeleteFile.Kind.EQUALITY_MARKED_DELETED,
                        table.keyColumns()));
            }
        } finally {
            eq.abort();
            if (eqDeleted != null) {
                eqDeleted.abort();
            }
        }
        positions(store, formats, keyFor.apply("delete-superseded"), superseded, location)
                .ifPresent(f -> out.add(new RowDeleteFile(f, RowDeleteFile.Kind.POSITION_SUPERSEDED, List.of())));
        positions(store, formats, keyFor.apply("delete-hard"), hardDeleted, location)
                .ifPresent(f -> out.add(new RowDeleteFile(f, RowDeleteFile.Kind.POSITION_HARD_DELETED, List.of())));
        return out;
    }

    private Map<ByteBuffer, Entry> readBucket(Path file, Map<Integer, BitSet> superseded) throws IOException {
        Map<ByteBuffer, Entry> winners = new HashMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(raw)) {
            while (true) {
                int keyLength;
                try {
                    keyLength = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                byte[] key = new byte[keyLength];
                in.readFully(key);
                in.readInt();
                Object cursor = cursorColumn == null ? null : SpillCodec.read(in, cursorColumn);
                Entry e = new Entry(cursor, in.readBoolean(), in.readLong(), in.readInt(), in.readLong());
                ByteBuffer k = ByteBuffer.wrap(key);
                Entry before = winners.get(k);
                if (before == null) {
                    winners.put(k, e);
                } else {
                    Entry loser = wins(e, before) ? before : e;
                    superseded.computeIfAbsent(loser.file(), f -> new BitSet()).set((int) loser.pos());
                    if (loser == before) {
                        winners.put(k, e);
                    }
                }
            }
        }
        return winners;
    }

    private static boolean wins(Entry a, Entry b) {
        int c = SpillCodec.compare(a.cursor(), b.cursor());
        return c != 0 ? c > 0 : a.order() > b.order();
    }

    private java.util.Optional<dev.destsdk.file.format.WrittenFile> positions(
            ObjectStore store, FormatWriterFactory formats, String key, Map<Integer, BitSet> rows,
            Function<String, String> location) throws IOException {
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        FileSchema schema = new FileSchema(List.of(
                new FileColumn("file_path", dev.destsdk.core.metadata.CanonicalType.STRING, OptionalInt.empty(),
                        OptionalInt.empty(), false, OptionalInt.of(FILE_PATH_ID)),
                new FileColumn("pos", dev.destsdk.core.metadata.CanonicalType.LONG, OptionalInt.empty(),
                        OptionalInt.empty(), false, OptionalInt.of(POS_ID))));
        FormatWriter w = formats.open(store.create(key), schema);
        try {
            Object[] row = new Object[2];
            List<Map.Entry<Integer, BitSet>> files = new ArrayList<>(rows.entrySet());
            files.sort(Comparator.comparing(e -> location.apply(fileKeys.get(e.getKey()))));
            for (Map.Entry<Integer, BitSet> f : files) {
                row[0] = location.apply(fileKeys.get(f.getKey()));
                BitSet bits = f.getValue();
                for (int p = bits.nextSetBit(0); p >= 0; p = bits.nextSetBit(p + 1)) {
                    row[1] = (long) p;
                    w.write(row);
                }
            }
            return java.util.Optional.of(w.finish());
        } finally {
            w.abort();
        }
    }

    /** Deletes the spill files. Never throws. */
    @Override
    public void close() {
        for (OutputStream b : buckets) {
            if (b != null) {
                try {
                    b.close();
                } catch (IOException e) {
                    // being discarded
                }
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
