package dev.destsdk.file.commit;

import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.format.FileColumn;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Publishes what a load's stage wrote, atomically: after {@link #commit} readers of the table see all of the sync's
 * files, before it (or when it fails) none. The default, {@link CatalogTableCommitter}, publishes plain files through
 * a {@link dev.destsdk.file.catalog.TableCatalog}; a table format (Apache Iceberg) is another implementation that
 * commits a snapshot, and may support MERGE by row deltas.
 *
 * <p>The destination declares the load modes of its committer, so a mode the committer cannot apply is refused with
 * the canonical "unsupported" error before anything is written. Lifecycle: created by the connector with its store
 * and catalog; used by one load at a time per table. Nulls: none accepted or returned.
 */
public interface TableCommitter {

    /** @return the load modes {@link #commit} applies; MERGE only when {@link #supportsRowDeltas()} */
    Set<LoadMode> loadModes();

    /**
     * @return whether {@link #commit} accepts {@link CommitRequest#deleteFiles()} (row-level deletes, for MERGE and
     *     hard deletes); false by default
     */
    default boolean supportsRowDeltas() {
        return false;
    }

    /**
     * Refuses a column type change the table cannot apply, when {@code mapToTargetObject} widens a column against
     * the previously mapped object. By default every widening along the type hierarchy is accepted (plain files
     * keep each file's own types).
     *
     * @param table the table; not null
     * @param before the column as mapped before; not null
     * @param after the widened column; not null
     * @throws dev.destsdk.core.error.ConnectorException SCHEMA_EVOLUTION_ERROR naming table, column and both types
     */
    default void checkColumnChange(TableId table, FileColumn before, FileColumn after) {
    }

    /**
     * Where a stage writes a data file that this committer publishes under {@code publishedKey}. By default the key
     * itself (a table format's readers find files only through its metadata, so files written in place are not
     * seen before the commit); the plain-file committer stages under a name that readers listing or globbing the
     * table skip, and moves the file at commit.
     *
     * @param publishedKey the key the file has once published; not null
     * @return the key to write it under during the stage
     */
    default String stagedKey(String publishedKey) {
        return publishedKey;
    }

    /**
     * @param key a data file's key in the store; not null
     * @return how the table refers to that file (for position deletes); by default the key itself
     */
    default String fileLocation(String key) {
        return key;
    }

    /**
     * Publishes the request's files with its load mode, in one atomic step. Committing the same sync id again
     * replaces what that sync published before (a retried load leaves one copy). Obsolete files (replaced by
     * OVERWRITE or by a retry) are deleted only after the commit succeeded.
     *
     * @param request the files and the load mode; not null
     * @return what was published
     * @throws IOException when the commit fails; nothing is published then
     */
    CommitResult commit(CommitRequest request) throws IOException;

    /**
     * Whether a sync's data is published in the table. After a failed stage or load the destination deletes the
     * files it wrote only when they are not published, so a failed retry of a committed sync never removes its
     * committed files.
     *
     * @param table the table; not null
     * @param sync the sync; not null
     * @return whether the table holds a commit of this sync id
     * @throws IOException when the table's state cannot be read
     */
    boolean isCommitted(TableId table, SyncContext sync) throws IOException;

    /**
     * Lists the keys a table's current state references (for cleaning up and for tests).
     *
     * @param table the table; not null
     * @return the referenced data file keys; empty for an unknown table
     * @throws IOException when the table's state cannot be read
     */
    List<String> committedFiles(TableId table) throws IOException;

    /**
     * Deletes the objects below the table that no committed state references: what an abandoned or failed stage
     * left, files replaced by an earlier commit whose clean-up failed. The destination calls it before a stage
     * writes; lakes written by this SDK have one writer per table at a time, so nothing else is writing there.
     *
     * @param table the table; not null
     * @return how many objects were deleted
     * @throws IOException when the store cannot be listed or changed
     */
    int removeOrphans(TableId table) throws IOException;
}
