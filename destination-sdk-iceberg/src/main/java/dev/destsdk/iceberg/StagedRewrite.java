package dev.destsdk.iceberg;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.file.commit.RowDeleteFile;
import dev.destsdk.file.format.WrittenFile;
import dev.destsdk.iceberg.internal.ParquetKeys;
import dev.destsdk.iceberg.internal.ParquetRows;
import dev.destsdk.iceberg.internal.PartitionedFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a stage's data files by the table's partition spec when the spec partitions by data columns (the file
 * engine writes a sync's rows in arrival order, each file across partitions): reads them back without Hadoop
 * ({@link ParquetRows}), drops the rows the stage's position deletes hide, and writes one file per partition beside
 * them. The staged files are deleted after the commit; a failed or cancelled commit deletes the rewritten ones. One
 * load.
 */
final class StagedRewrite {
    private static final Logger LOG = LoggerFactory.getLogger(StagedRewrite.class);
    /** Rows between two cancellation checks. */
    static final int CHECK_EVERY = 1024;

    private final IcebergTableCommitter committer;
    private final Table table;
    private final MetricsConfig metrics;
    private PartitionedFileWriter writer;
    private long rows;

    StagedRewrite(IcebergTableCommitter committer, Table table, MetricsConfig metrics) {
        this.committer = committer;
        this.table = table;
        this.metrics = metrics;
    }

    /**
     * @param files the staged data files
     * @param deletes the staged delete files (position deletes are applied, equality deletes ignored here)
     * @param cancellation checked before each file and every {@value #CHECK_EVERY} rows; when it is cancelled the
     *     open files are aborted and the CANCELLED error thrown (the caller deletes the finished ones)
     * @return the rewritten data files, one or more per partition
     * @throws IOException when the store fails
     */
    List<DataFile> rewrite(List<WrittenFile> files, List<RowDeleteFile> deletes, CancellationSignal cancellation)
            throws IOException {
        if (files.isEmpty()) {
            return List.of();
        }
        Map<String, BitSet> hidden = positions(table, deletes.stream()
                .filter(d -> !d.kind().isEquality())
                .map(d -> committer.fileLocation(d.file().key())).toList());
        String first = files.get(0).key();
        String prefix = first.substring(0, first.lastIndexOf('/') + 1) + "partitioned-";
        writer = new PartitionedFileWriter(committer.store(), committer.parquet(), prefix, committer::fileLocation,
                table.schema(), table.spec(), committer.targetFileSize(), metrics);
        try {
            String phase = "rewrite by partition of the stage for " + table.name();
            for (WrittenFile f : files) {
                cancellation.checkCancellation(phase);
                String location = committer.fileLocation(f.key());
                BitSet drop = hidden.getOrDefault(location, new BitSet());
                int pos = 0;
                try (CloseableIterable<Record> records = ParquetRows.read(table.io().newInputFile(location),
                        table.schema())) {
                    for (Record r : records) {
                        if (pos % CHECK_EVERY == CHECK_EVERY - 1) {
                            cancellation.checkCancellation(phase);
                        }
                        if (!drop.get(pos++)) {
                            writer.write(r);
                            rows++;
                        }
                    }
                }
            }
            return writer.finish();
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
    }

    /**
     * @param table the table whose FileIO reads the files
     * @param locations position delete files
     * @return the deleted positions by data file location
     * @throws IOException when a file cannot be read
     */
    static Map<String, BitSet> positions(Table table, List<String> locations) throws IOException {
        Map<String, BitSet> out = new HashMap<>();
        for (String location : locations) {
            ParquetKeys.positions(table.io().newInputFile(location), out);
        }
        return out;
    }

    /** @return the rows written (the stage's rows minus the hidden ones) */
    long rows() {
        return rows;
    }

    /** After the commit: deletes the staged data files and position delete files the rewrite replaced. */
    void deleteReplaced(List<WrittenFile> files, List<RowDeleteFile> deletes) {
        List<String> keys = new ArrayList<>(files.stream().map(WrittenFile::key).toList());
        deletes.stream().filter(d -> !d.kind().isEquality()).forEach(d -> keys.add(d.file().key()));
        delete(keys, "replaced staged");
    }

    /** After a failed commit: deletes the files the rewrite wrote. */
    void deleteWritten() {
        if (writer != null) {
            delete(writer.written(), "rewritten");
        }
    }

    private void delete(List<String> keys, String what) {
        try {
            committer.store().delete(keys);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete {} {} file(s) of {}: {}", keys.size(), what, table.name(), e.toString());
        }
    }
}
