package dev.destsdk.testkit.file;

import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.store.ObjectInfo;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.inspect.DestinationInspector;
import dev.destsdk.testkit.inspect.ObjectRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What {@link FileConformanceSuite} reads back from a file destination, never through the destination: a
 * {@link DestinationInspector} over the published tables (rows with the partition columns {@code year},
 * {@code month}, {@code day}, {@code hour} and {@code sync_id} of the sync that wrote each row), plus the store's
 * objects, so that cases can assert which files a load published, replaced or left behind.
 * {@link FileDestinationInspector} reads Hive-style tables through a {@code TableCatalog}; a table format (Apache
 * Iceberg) brings its own implementation that reads through the format's metadata.
 *
 * <p>Not thread-safe; close it.
 */
public interface FileTableInspector extends DestinationInspector {

    /** @return the store the destination writes to (the inspector does not close it) */
    ObjectStore store();

    /**
     * @param table a table
     * @return the keys of the data files the table's current state references, sorted; empty for an unknown
     *     table
     */
    List<String> dataFiles(ObjectRef table);

    /**
     * @param table a table
     * @return the keys below the table's prefix that its committed state does not reference (what a failed or
     *     replaced load left behind); the table's own metadata is not listed
     */
    List<String> unreferenced(TableId table);

    /**
     * Removes a table and every object below its prefix, so that a case can load it again from nothing.
     *
     * @param table the table
     */
    void dropTable(TableId table);

    /**
     * Whether a commit that replaces a table's data (OVERWRITE, TRUNCATE_AND_LOAD) deletes the replaced files at
     * once. True for plain files; false for a table format that keeps them readable by older snapshots until those
     * expire (the files must still leave the table's current state).
     *
     * @return true by default
     */
    default boolean replacedFilesAreDeletedAtCommit() {
        return true;
    }

    /** @return every key in the store, sorted */
    default List<String> keys() {
        try {
            return store().list("").stream().map(ObjectInfo::key).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the keys of uploads started and neither completed nor aborted, anywhere in the store */
    default List<String> unfinishedUploads() {
        try {
            return store().listUnfinishedUploads("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
