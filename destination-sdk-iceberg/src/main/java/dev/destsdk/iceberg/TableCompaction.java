package dev.destsdk.iceberg;

import dev.destsdk.iceberg.internal.PartitionedFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction of one table's current snapshot, as one atomic {@link RewriteFiles} commit: data files smaller than a
 * threshold, and data files that delete files apply to, are read (deletes applied) and written again as fewer, larger
 * files per partition; every delete file whose data files were all rewritten (or that applies to no live file) is
 * removed. Readers see the same rows before and after. The new files keep the starting snapshot's data sequence
 * number, so that equality deletes another writer commits meanwhile still apply to them; a commit that conflicts
 * (another writer removed or deleted rows of a rewritten file) fails and deletes what it wrote.
 *
 * <p>Memory: one row group per open output file and per input file, plus the keys of the equality delete files and
 * the positions of the position delete files of the files being rewritten (held while the table is compacted).
 */
final class TableCompaction {
    private static final Logger LOG = LoggerFactory.getLogger(TableCompaction.class);

    private final IcebergTableCommitter committer;
    private final Table table;
    private final LiveRows live;

    TableCompaction(IcebergTableCommitter committer, Table table) {
        this.committer = committer;
        this.table = table;
        this.live = new LiveRows(table);
    }

    IcebergMaintenance.Compaction run(long smallFileBytes) throws IOException {
        table.refresh();
        Snapshot start = table.currentSnapshot();
        if (start == null) {
            return new IcebergMaintenance.Compaction(0, 0, 0, 0, 0);
        }
        List<FileScanTask> tasks = new ArrayList<>();
        try (CloseableIterable<FileScanTask> planned = table.newScan().useSnapshot(start.snapshotId())
                .planFiles()) {
            planned.forEach(tasks::add);
        }
        List<DeleteFile> allDeletes = liveDeleteFiles(start);
        Map<String, List<FileScanTask>> groups = new LinkedHashMap<>();
        for (FileScanTask t : tasks) {
            if (t.file().fileSizeInBytes() < smallFileBytes || !t.deletes().isEmpty()) {
                String group = t.file().specId() + "/" + table.specs().get(t.file().specId())
                        .partitionToPath(t.file().partition());
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(t);
            }
        }
        List<FileScanTask> rewrite = new ArrayList<>();
        for (List<FileScanTask> g : groups.values()) {
            if (g.size() > 1 || !g.get(0).deletes().isEmpty()) {
                rewrite.addAll(g);
            }
        }
        Set<String> rewritten = new HashSet<>();
        rewrite.forEach(t -> rewritten.add(t.file().location()));
        Map<String, Boolean> removable = new HashMap<>();
        allDeletes.forEach(d -> removable.put(d.location(), true));
        for (FileScanTask t : tasks) {
            if (!rewritten.contains(t.file().location())) {
                t.deletes().forEach(d -> removable.put(d.location(), false));
            }
        }
        List<DeleteFile> removed = allDeletes.stream().filter(d -> removable.get(d.location())).toList();
        if (rewrite.isEmpty() && removed.isEmpty()) {
            return new IcebergMaintenance.Compaction(tasks.size(), allDeletes.size(), tasks.size(),
                    allDeletes.size(), 0);
        }
        String tableKey = committer.keyOf(table.location()).orElseThrow(() -> new IllegalStateException("table "
                + table.name() + " at " + table.location() + " is outside the destination's store"));
        PartitionedFileWriter writer = new PartitionedFileWriter(committer.store(), committer.parquet(),
                tableKey + "/data/compacted-" + UUID.randomUUID() + "-", committer::fileLocation, table.schema(),
                table.spec(), committer.targetFileSize(), MetricsConfig.forTable(table));
        try {
            List<DataFile> added = write(rewrite, writer);
            RewriteFiles r = table.newRewrite().validateFromSnapshot(start.snapshotId())
                    .dataSequenceNumber(start.sequenceNumber());
            rewrite.forEach(t -> r.deleteFile(t.file()));
            removed.forEach(r::deleteFile);
            added.forEach(r::addFile);
            r.commit();
            LOG.info("compacted {}: {} data file(s) rewritten as {}, {} delete file(s) folded", table.name(),
                    rewrite.size(), added.size(), removed.size());
            return new IcebergMaintenance.Compaction(tasks.size(), allDeletes.size(),
                    tasks.size() - rewrite.size() + added.size(), allDeletes.size() - removed.size(),
                    rewrite.size());
        } catch (IOException | RuntimeException e) {
            writer.abort();
            try {
                committer.store().delete(writer.written());
            } catch (IOException | UncheckedIOException d) {
                LOG.warn("cannot delete the files of the failed compaction of {}: {}", table.name(), d.toString());
            }
            throw e;
        }
    }

    private List<DeleteFile> liveDeleteFiles(Snapshot snapshot) throws IOException {
        List<DeleteFile> out = new ArrayList<>();
        for (ManifestFile m : snapshot.deleteManifests(table.io())) {
            try (ManifestReader<DeleteFile> r = ManifestFiles.readDeleteManifest(m, table.io(), table.specs())) {
                for (DeleteFile d : r) {
                    out.add(d.copy());
                }
            }
        }
        return out;
    }

    private List<DataFile> write(List<FileScanTask> tasks, PartitionedFileWriter writer) throws IOException {
        Schema schema = table.schema();
        for (FileScanTask t : tasks) {
            live.forEach(t, schema, writer::write);
        }
        return writer.finish();
    }
}
