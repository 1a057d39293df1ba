package dev.destsdk.iceberg;

import dev.destsdk.file.catalog.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table upkeep an executor calls between syncs (never during a load of the same table): expiring old snapshots
 * (which deletes the data, delete and metadata files only they referenced), compacting the manifests that many small
 * commits leave, compacting small data files and folding accumulated delete files ({@link #compact}), and removing files no snapshot references (left by crashed stages) once they are older than a
 * safety age, so that a stage in progress is never touched. Each step is an Iceberg commit of its own or a plain
 * delete of unreferenced files; readers see a consistent table throughout. Thread-safe; stateless apart from the
 * committer it uses.
 */
public final class IcebergMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergMaintenance.class);

    private final IcebergTableCommitter committer;

    /**
     * What one maintenance run did.
     *
     * @param snapshotsExpired snapshots removed from the table's history
     * @param manifestsBefore data and delete manifests of the current snapshot before the run
     * @param manifestsAfter the same after the run
     * @param orphansDeleted unreferenced files deleted
     */
    public record Result(int snapshotsExpired, int manifestsBefore, int manifestsAfter, int orphansDeleted) {
    }

    /**
     * What a compaction did.
     *
     * @param dataFilesBefore live data files before
     * @param deleteFilesBefore live delete files before
     * @param dataFilesAfter live data files after
     * @param deleteFilesAfter live delete files after
     * @param dataFilesRewritten data files read and replaced
     */
    public record Compaction(int dataFilesBefore, int deleteFilesBefore, int dataFilesAfter, int deleteFilesAfter,
                             int dataFilesRewritten) {
    }

    /**
     * @param committer the destination's committer (its catalog and store root); not null
     */
    public IcebergMaintenance(IcebergTableCommitter committer) {
        this.committer = Objects.requireNonNull(committer, "committer is null");
    }

    /**
     * Runs every step on one table.
     *
     * @param id the table; not null
     * @param expireOlderThan snapshots older than this instant are expired, except the newest {@code retainLast}
     * @param retainLast how many of the newest snapshots are always kept; at least 1
     * @param orphanAge files younger than this are never treated as orphans (a stage in progress); not null
     * @return what was done
     * @throws IllegalArgumentException when the table does not exist
     */
    public Result run(TableId id, Instant expireOlderThan, int retainLast, Duration orphanAge) {
        Table table = committer.load(id).orElseThrow(() -> new IllegalArgumentException("no Iceberg table " + id));
        int before = table.snapshots() == null ? 0 : count(table.snapshots());
        table.expireSnapshots().expireOlderThan(expireOlderThan.toEpochMilli()).retainLast(retainLast).commit();
        table.refresh();
        int expired = before - count(table.snapshots());
        int manifestsBefore = manifests(table);
        if (manifestsBefore > 1) {
            table.rewriteManifests().clusterBy(file -> file.specId()).rewriteIf(m -> true).commit();
            table.refresh();
        }
        int manifestsAfter = manifests(table);
        int orphans = removeOrphanFiles(table, Instant.now().minus(orphanAge));
        LOG.info("maintenance of {}: {} snapshot(s) expired, manifests {} -> {}, {} orphan file(s) deleted", id,
                expired, manifestsBefore, manifestsAfter, orphans);
        return new Result(expired, manifestsBefore, manifestsAfter, orphans);
    }

    /**
     * Compacts a table in one atomic commit: rewrites its data files smaller than {@code smallFileBytes} (when a
     * partition has more than one) and every data file that delete files apply to, with the deletes applied, into
     * files of the destination's target size per partition; delete files whose data files were all rewritten are
     * removed. Readers see the same rows before and after; the replaced files stay readable by older snapshots until
     * those expire. Reads Parquet without Hadoop. Call it between syncs; a concurrent load that conflicts makes it
     * fail (CommitFailedException) with nothing left of it.
     *
     * @param id the table; not null
     * @param smallFileBytes data files below this size are compacted; positive
     * @return what was done
     * @throws IllegalArgumentException when the table does not exist
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public Compaction compact(TableId id, long smallFileBytes) {
        if (smallFileBytes < 1) {
            throw new IllegalArgumentException("smallFileBytes must be positive: " + smallFileBytes);
        }
        Table table = committer.load(id).orElseThrow(() -> new IllegalArgumentException("no Iceberg table " + id));
        try {
            return new TableCompaction(committer, table).run(smallFileBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact " + id, e);
        }
    }

    private static int count(Iterable<Snapshot> snapshots) {
        int n = 0;
        for (Snapshot ignored : snapshots) {
            n++;
        }
        return n;
    }

    private static int manifests(Table table) {
        Snapshot s = table.currentSnapshot();
        return s == null ? 0 : s.allManifests(table.io()).size();
    }

    /**
     * Deletes files below the table's location that no snapshot, manifest or metadata file references and that are
     * older than a cut-off.
     *
     * @param table the table
     * @param olderThan only files created before this are deleted
     * @return how many files were deleted
     */
    public static int removeOrphanFiles(Table table, Instant olderThan) {
        FileIO io = table.io();
        if (!(io instanceof SupportsPrefixOperations prefixes)) {
            LOG.warn("the FileIO of {} cannot list files; orphan files are not removed", table.name());
            return 0;
        }
        Set<String> referenced = referencedFiles(table);
        List<String> orphans = new ArrayList<>();
        for (FileInfo f : prefixes.listPrefix(table.location() + "/")) {
            if (!referenced.contains(f.location()) && f.createdAtMillis() < olderThan.toEpochMilli()) {
                orphans.add(f.location());
            }
        }
        orphans.forEach(io::deleteFile);
        return orphans.size();
    }

    static Set<String> referencedFiles(Table table) {
        FileIO io = table.io();
        Map<Integer, PartitionSpec> specs = table.specs();
        Set<String> out = new HashSet<>(ReachableFileUtil.metadataFileLocations(table, true));
        out.add(ReachableFileUtil.versionHintLocation(table));
        try {
            for (Snapshot s : table.snapshots()) {
                if (s.manifestListLocation() != null) {
                    out.add(s.manifestListLocation());
                }
                for (ManifestFile m : s.allManifests(io)) {
                    out.add(m.path());
                    if (m.content() == ManifestContent.DATA) {
                        try (CloseableIterable<String> paths = ManifestFiles.readPaths(m, io, specs)) {
                            paths.forEach(out::add);
                        }
                    } else {
                        try (ManifestReader<DeleteFile> r = ManifestFiles.readDeleteManifest(m, io, specs)) {
                            for (DeleteFile d : r) {
                                out.add(d.location());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
