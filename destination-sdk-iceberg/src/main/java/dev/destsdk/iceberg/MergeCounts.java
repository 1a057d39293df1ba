package dev.destsdk.iceberg;

import dev.destsdk.file.commit.RowDeleteFile;
import dev.destsdk.iceberg.internal.ParquetKeys;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
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
 *       {@link RowDeleteFile.Kind#EQUALITY_MARKED_DELETED}) into {@link BatchKeys} (a {@link LongKeyTable} for a
 *       key of one integer column, else a {@link KeyTable}), with the range of each key
 *       column and, for a column of integers (dates, times, timestamps), a bitmap of which of 2^20 slices of that
 *       range hold a batch key ({@link BatchRange}).</li>
 *   <li>The table's current snapshot is planned with the range as filter, so that data files whose column
 *       statistics lie outside it are not read; of the files left, those whose integer key bounds hold no batch
 *       key's slice are dropped too.</li>
 *   <li>The equality deletes of those files are read once each, keeping for each batch key only the highest
 *       sequence number of a delete that holds it: a row of that key in a data file of a lower data sequence number
 *       is deleted (the Iceberg spec's rule).</li>
 *   <li>The data files are read on the key columns only ({@link ParquetKeys}: parquet-java's column readers, no
 *       row objects, row groups whose statistics miss every batch key's slice skipped unread), position deletes
 *       applied, and their live rows of batch keys counted: a batch key once however many live rows hold it
 *       (updated), every live row of a hard-deleted key (deleted).</li>
 * </ol>
 * Memory: the batch's keys, compactly (9 bytes per integer key plus at most 8 bits per value of its range, else
 * about 50 bytes per key), 128 KiB per integer key column, a bit per batch key per reading thread, and the positions
 * of the position delete files; never the table's rows or its own equality deletes. Equality deletes on other
 * columns than the key (which this SDK does not write) are not applied: rows they delete would count as live.
 * Counted against the table as the commit attempt found it, for one commit attempt; the data files are read on up
 * to {@value #MAX_THREADS} threads (no more than processors), cancellation checked before each file.
 */
final class MergeCounts {
    private static final Logger LOG = LoggerFactory.getLogger(MergeCounts.class);
    /** A batch key whose winning row stays, not yet found in the table. */
    private static final byte KEPT = 0;
    /** A batch key the load hard-deletes. */
    private static final byte REMOVED = 2;
    /** Threads reading data files at most (the caller's included). */
    static final int MAX_THREADS = 4;

    /**
     * @param updated batch rows that replace a live row with the same key
     * @param deleted live rows removed because the batch marks their key deleted (hard deletes)
     * @param dataFilesRead data files whose keys were read (the others were pruned by their statistics)
     */
    record Counts(long updated, long deleted, int dataFilesRead) {
        /** Nothing matched: a new or empty table. */
        static final Counts NONE = new Counts(0, 0, 0);
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
     * @param checkCancelled called before each file is read; throws to stop the count
     * @return the counts
     * @throws IOException when a file cannot be read
     */
    static Counts count(Table table, Schema schema, List<RowDeleteFile> deletes, List<String> keyColumns,
                        boolean hardDeletes, Function<String, String> location, Runnable checkCancelled)
            throws IOException {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return Counts.NONE;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startCpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        long start = System.nanoTime();
        int[] keyIds = keyColumns.stream().mapToInt(c -> schema.findField(c).fieldId()).toArray();
        BatchRange range = new BatchRange(schema, keyIds);
        long expected = deletes.stream().filter(d -> d.kind().isEquality()).mapToLong(d -> d.file().rows()).sum();
        BatchKeys batch = BatchKeys.create(expected, keyIds.length == 1
                && BatchRange.isInteger(schema.findField(keyIds[0]).type()));
        for (RowDeleteFile d : deletes) {
            if (d.kind().isEquality()) {
                checkCancelled.run();
                byte state = d.kind() == RowDeleteFile.Kind.EQUALITY_MARKED_DELETED && hardDeletes ? REMOVED : KEPT;
                ParquetKeys.read(table.io().newInputFile(location.apply(d.file().key())), keyIds,
                        ParquetKeys.RowGroupTest.ALL, (pos, k) -> {
                            batch.state(batch.add(k), state);
                            range.add(k);
                        });
            }
        }
        if (batch.size() == 0) {
            return Counts.NONE;
        }
        batch.seal();
        range.index(batch);
        List<FileScanTask> tasks = new ArrayList<>();
        int planned = 0;
        try (CloseableIterable<FileScanTask> scan = table.newScan().useSnapshot(current.snapshotId())
                .filter(range.filter(keyColumns)).includeColumnStats(keyColumns).planFiles()) {
            for (FileScanTask t : scan) {
                planned++;
                if (range.mayHold(t.file())) {
                    tasks.add(t);
                }
            }
        }
        Reads reads = new Reads();
        applyEqualityDeletes(table, tasks, keyIds, batch, range, reads, checkCancelled);
        Scan scan = new Scan(table, tasks, keyIds, batch, range, checkCancelled);
        scan.run();
        long updated = scan.updated();
        if (LOG.isDebugEnabled()) {
            long cpu = startCpu < 0 ? -1 : (threads.getCurrentThreadCpuTime() - startCpu) / 1_000_000;
            reads.add(scan.reads);
            LOG.debug("MERGE count of {}: {} batch key(s); {} of {} planned data file(s) read on {} thread(s), {}"
                            + " equality delete file(s); {} row group(s) read, {} skipped, {} row(s); {} updated, {}"
                            + " deleted; {} ms ({} ms CPU on this thread)", table.name(), batch.size(), tasks.size(),
                    planned, scan.threads, reads.deleteFiles, reads.rowGroupsRead, reads.rowGroupsSkipped, reads.rows,
                    updated, scan.deleted, (System.nanoTime() - start) / 1_000_000, cpu);
        }
        return new Counts(updated, scan.deleted, tasks.size());
    }

    /**
     * Reads the data files' keys on up to {@value #MAX_THREADS} threads (the caller's and helpers, no more than
     * processors or files), each taking the next file: the batch's keys are only read, and each thread keeps its own
     * matched keys and deleted rows, summed at the end. The first failure stops the others.
     */
    private static final class Scan {
        private final Table table;
        private final List<FileScanTask> tasks;
        private final int[] keyIds;
        private final BatchKeys batch;
        private final BatchRange range;
        private final Runnable checkCancelled;
        private final LiveRows live;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final BitSet matched = new BitSet();
        private final Reads reads = new Reads();
        private long deleted;
        private int threads;

        Scan(Table table, List<FileScanTask> tasks, int[] keyIds, BatchKeys batch, BatchRange range,
             Runnable checkCancelled) {
            this.table = table;
            this.tasks = tasks;
            this.keyIds = keyIds;
            this.batch = batch;
            this.range = range;
            this.checkCancelled = checkCancelled;
            this.live = new LiveRows(table);
        }

        void run() throws IOException {
            threads = (int) Math.max(1, Math.min(Math.min(tasks.size(), MAX_THREADS),
                    Runtime.getRuntime().availableProcessors()));
            List<Thread> helpers = new ArrayList<>();
            for (int n = 1; n < threads; n++) {
                Thread t = new Thread(this::work, "destsdk-merge-count-" + n);
                t.setDaemon(true);
                t.start();
                helpers.add(t);
            }
            work();
            boolean interrupted = false;
            for (Thread t : helpers) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        failure.compareAndSet(null, e);
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable f = failure.get();
            if (f instanceof IOException io) {
                throw io;
            } else if (f instanceof RuntimeException r) {
                throw r;
            } else if (f instanceof Error e) {
                throw e;
            } else if (f != null) {
                throw new IOException("the MERGE count of " + table.name() + " was interrupted", f);
            }
        }

        /** Takes files until none is left or a thread failed. */
        private void work() {
            BitSet mine = new BitSet();
            Reads myReads = new Reads();
            long[] myDeleted = new long[1];
            try {
                for (int n = next.getAndIncrement(); n < tasks.size() && failure.get() == null;
                     n = next.getAndIncrement()) {
                    checkCancelled.run();
                    FileScanTask t = tasks.get(n);
                    BitSet hidden;
                    synchronized (live) {
                        hidden = live.hidden(t);
                    }
                    long sequence = sequence(t.file().dataSequenceNumber());
                    myReads.add(ParquetKeys.read(table.io().newInputFile(t.file().location()), keyIds, range,
                            (pos, k) -> {
                                if (hidden.get((int) pos)) {
                                    return;
                                }
                                int i = batch.find(k);
                                if (i < 0 || sequence < batch.number(i)) {
                                    return;
                                }
                                byte state = batch.state(i);
                                if (state == KEPT) {
                                    mine.set(i);
                                } else if (state == REMOVED) {
                                    myDeleted[0]++;
                                }
                            }));
                }
            } catch (IOException | RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                synchronized (this) {
                    matched.or(mine);
                    deleted += myDeleted[0];
                    reads.add(myReads);
                }
            }
        }

        /** @return the batch keys a live row of the table holds (each once, however many rows hold it) */
        synchronized long updated() {
            return matched.cardinality();
        }
    }

    /**
     * Keeps, for each batch key, the highest sequence number of the tasks' equality deletes that hold it (in
     * {@link BatchKeys#number}). Each delete file is read once.
     */
    private static void applyEqualityDeletes(Table table, List<FileScanTask> tasks, int[] keyIds, BatchKeys batch,
                                             BatchRange range, Reads reads, Runnable checkCancelled)
            throws IOException {
        Map<String, DeleteFile> files = new LinkedHashMap<>();
        for (FileScanTask t : tasks) {
            for (DeleteFile d : t.deletes()) {
                if (d.content() == FileContent.EQUALITY_DELETES) {
                    files.putIfAbsent(d.location(), d);
                }
            }
        }
        HashSet<Integer> key = new HashSet<>();
        Arrays.stream(keyIds).forEach(key::add);
        for (DeleteFile d : files.values()) {
            if (!new HashSet<>(d.equalityFieldIds()).equals(key)) {
                LOG.debug("equality deletes {} compare other columns than the key; not applied to the MERGE count",
                        d.location());
                continue;
            }
            checkCancelled.run();
            long sequence = sequence(d.dataSequenceNumber());
            reads.deleteFiles++;
            reads.add(ParquetKeys.read(table.io().newInputFile(d.location()), keyIds, range, (pos, k) -> {
                int i = batch.find(k);
                if (i >= 0 && batch.number(i) < sequence) {
                    batch.number(i, sequence);
                }
            }));
        }
    }

    private static long sequence(Long number) {
        return number == null ? 0 : number;
    }

    /** What the count read, for its log line. */
    private static final class Reads {
        long deleteFiles;
        long rowGroupsRead;
        long rowGroupsSkipped;
        long rows;

        void add(ParquetKeys.Stats s) {
            rowGroupsRead += s.rowGroupsRead();
            rowGroupsSkipped += s.rowGroupsSkipped();
            rows += s.rows();
        }

        void add(Reads r) {
            deleteFiles += r.deleteFiles;
            rowGroupsRead += r.rowGroupsRead;
            rowGroupsSkipped += r.rowGroupsSkipped;
            rows += r.rows;
        }
    }

    /**
     * Where the batch's keys lie: per key column its least and greatest value (for a filter on integers, decimals
     * and strings, the latter ordered by code point as Iceberg orders them) and, for a column of integers, which of
     * {@value #SLICES} equal slices of its range hold a batch key, to test a file's or a row group's bounds against.
     */
    static final class BatchRange implements ParquetKeys.RowGroupTest {
        /** Slices of an integer column's range: 128 KiB of bits. */
        static final int SLICES = 1 << 20;

        private final Types.NestedField[] fields;
        private final long[] min;
        private final long[] max;
        private final byte[][] minBytes;
        private final byte[][] maxBytes;
        private final BigInteger[] minDecimal;
        private final BigInteger[] maxDecimal;
        /** The tag every batch value of the column has, or -1 when they differ (NULLs) or none was seen yet. */
        private final byte[] tags;
        private final boolean[] seen;
        private final BitSet[] slices;
        private final long[] width;

        BatchRange(Schema schema, int[] keyIds) {
            int n = keyIds.length;
            fields = new Types.NestedField[n];
            for (int c = 0; c < n; c++) {
                fields[c] = schema.findField(keyIds[c]);
            }
            min = new long[n];
            max = new long[n];
            minBytes = new byte[n][];
            maxBytes = new byte[n][];
            minDecimal = new BigInteger[n];
            maxDecimal = new BigInteger[n];
            tags = new byte[n];
            seen = new boolean[n];
            slices = new BitSet[n];
            width = new long[n];
        }

        /** Widens the range by a batch key. */
        void add(ParquetKeys.Key k) {
            for (int c = 0; c < fields.length; c++) {
                byte tag = k.tag(c);
                if (!seen[c]) {
                    seen[c] = true;
                    tags[c] = tag;
                    min[c] = Long.MAX_VALUE;
                    max[c] = Long.MIN_VALUE;
                } else if (tags[c] != tag) {
                    tags[c] = -1;
                }
                if (tags[c] == ParquetKeys.LONG_TAG) {
                    long v = k.longValue(c);
                    min[c] = Math.min(min[c], v);
                    max[c] = Math.max(max[c], v);
                } else if (tags[c] == ParquetKeys.BYTES_TAG && fields[c].type().typeId() == Type.TypeID.STRING) {
                    byte[] v = k.valueBytes(c);
                    minBytes[c] = minBytes[c] == null || Arrays.compareUnsigned(v, minBytes[c]) < 0 ? v : minBytes[c];
                    maxBytes[c] = maxBytes[c] == null || Arrays.compareUnsigned(v, maxBytes[c]) > 0 ? v : maxBytes[c];
                } else if (tags[c] == ParquetKeys.DECIMAL_TAG) {
                    BigInteger v = new BigInteger(k.valueBytes(c));
                    minDecimal[c] = minDecimal[c] == null || v.compareTo(minDecimal[c]) < 0 ? v : minDecimal[c];
                    maxDecimal[c] = maxDecimal[c] == null || v.compareTo(maxDecimal[c]) > 0 ? v : maxDecimal[c];
                }
            }
        }

        /** Marks the slices of each integer column that hold a key of the table (all batch keys added). */
        void index(BatchKeys keys) {
            for (int c = 0; c < fields.length; c++) {
                if (tags[c] == ParquetKeys.LONG_TAG) {
                    slices[c] = new BitSet(SLICES);
                    width[c] = Long.divideUnsigned(max[c] - min[c], SLICES) + 1;
                }
            }
            keys.forEach(k -> {
                for (int c = 0; c < fields.length; c++) {
                    if (slices[c] != null) {
                        slices[c].set(slice(c, k.longValue(c)));
                    }
                }
            });
        }

        private int slice(int c, long v) {
            return (int) Long.divideUnsigned(v - min[c], width[c]);
        }

        @Override
        public boolean mayHold(int column, long lo, long hi) {
            if (slices[column] == null) {
                return true;
            }
            if (hi < min[column] || lo > max[column] || lo > hi) {
                return false;
            }
            int first = slice(column, Math.max(lo, min[column]));
            int next = slices[column].nextSetBit(first);
            return next >= 0 && next <= slice(column, Math.min(hi, max[column]));
        }

        /** @return false when the file's bounds of an integer key column hold no batch key's slice */
        boolean mayHold(DataFile file) {
            Map<Integer, ByteBuffer> lower = file.lowerBounds();
            Map<Integer, ByteBuffer> upper = file.upperBounds();
            if (lower == null || upper == null) {
                return true;
            }
            for (int c = 0; c < fields.length; c++) {
                Type type = fields[c].type();
                if (slices[c] == null || !isInteger(type)) {
                    continue;
                }
                ByteBuffer lo = lower.get(fields[c].fieldId());
                ByteBuffer hi = upper.get(fields[c].fieldId());
                if (lo != null && hi != null && !mayHold(c, ((Number) Conversions.fromByteBuffer(type, lo)).longValue(),
                        ((Number) Conversions.fromByteBuffer(type, hi)).longValue())) {
                    return false;
                }
            }
            return true;
        }

        /** Types whose Iceberg bounds and canonical key value are the same long (or int). */
        static boolean isInteger(Type type) {
            return switch (type.typeId()) {
                case INTEGER, LONG, DATE, TIME -> true;
                case TIMESTAMP -> true;
                default -> false;
            };
        }

        /** @return a filter that prunes the data files whose statistics lie outside the range; true if none */
        Expression filter(List<String> keyColumns) {
            Expression filter = Expressions.alwaysTrue();
            for (int c = 0; c < fields.length; c++) {
                Object lo = null;
                Object hi = null;
                Type type = fields[c].type();
                if (tags[c] == ParquetKeys.LONG_TAG && type.typeId() == Type.TypeID.INTEGER) {
                    lo = (int) min[c];
                    hi = (int) max[c];
                } else if (tags[c] == ParquetKeys.LONG_TAG && type.typeId() == Type.TypeID.LONG) {
                    lo = min[c];
                    hi = max[c];
                } else if (minBytes[c] != null && tags[c] == ParquetKeys.BYTES_TAG) {
                    lo = new String(minBytes[c], StandardCharsets.UTF_8);
                    hi = new String(maxBytes[c], StandardCharsets.UTF_8);
                } else if (minDecimal[c] != null && tags[c] == ParquetKeys.DECIMAL_TAG) {
                    int scale = ((Types.DecimalType) type).scale();
                    lo = new BigDecimal(minDecimal[c], scale);
                    hi = new BigDecimal(maxDecimal[c], scale);
                }
                if (lo != null) {
                    filter = Expressions.and(filter, Expressions.and(
                            Expressions.greaterThanOrEqual(keyColumns.get(c), lo),
                            Expressions.lessThanOrEqual(keyColumns.get(c), hi)));
                }
            }
            return filter;
        }
    }
}
