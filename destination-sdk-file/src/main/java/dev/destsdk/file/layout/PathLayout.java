package dev.destsdk.file.layout;

import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.store.ObjectKeys;
import java.util.Objects;

/**
 * Where a table's objects go, relative to the store's root:
 * <pre>
 * &lt;prefix&gt;/&lt;schema&gt;/&lt;table&gt;/year=YYYY/month=MM/day=DD/hour=HH/sync_id=&lt;syncId&gt;/part-NNNNN.&lt;ext&gt;
 * &lt;prefix&gt;/&lt;schema&gt;/&lt;table&gt;/year=…/sync_id=&lt;syncId&gt;/_staged.json   (what a stage wrote, until load)
 * &lt;prefix&gt;/&lt;schema&gt;/&lt;table&gt;/year=…/sync_id=&lt;syncId&gt;/_lease.json    (a stage or load is running)
 * &lt;prefix&gt;/&lt;schema&gt;/&lt;table&gt;/year=…/sync_id=&lt;syncId&gt;/_part-NNNNN.&lt;ext&gt;.staged (staged, plain files)
 * &lt;prefix&gt;/&lt;schema&gt;/&lt;table&gt;/_catalog/…                                (the file catalog, see FileTableCatalog)
 * </pre>
 * Schema and table are separate segments (never joined into a file name). Part numbers are deterministic: the data
 * file's index times {@link #PARTS_PER_DATA_FILE} plus its roll-over index, so a retried stage writes the same
 * keys and overwrites instead of duplicating. Names starting with {@code _} hold no data; query engines skip them.
 * Immutable.
 *
 * @param prefix the key prefix every table lives under, without leading or trailing {@code /}; empty for the
 *     store's root
 */
public record PathLayout(String prefix) {
    /** Roll-over files one data file may produce before the part numbers of two data files would meet. */
    public static final int PARTS_PER_DATA_FILE = 10_000;
    /** The name of a partition's staged manifest. */
    public static final String STAGED_MANIFEST = "_staged.json";
    /** The name of a partition's lease marker: a stage or load of the partition's sync is running. */
    public static final String LEASE = "_lease.json";
    /** The suffix of a staged (unpublished) plain data file; its name also starts with {@code _}. */
    public static final String STAGED_SUFFIX = ".staged";
    /** The directory of the file catalog, below a table. */
    public static final String CATALOG_DIR = "_catalog";

    /** Validates the prefix. */
    public PathLayout {
        Objects.requireNonNull(prefix, "prefix is null");
        if (!prefix.isEmpty()) {
            ObjectKeys.check(prefix);
        }
    }

    /** @return the root of every table: the prefix followed by {@code /}, or empty */
    public String root() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    /**
     * @param database a database
     * @return the key prefix of a database, ending in {@code /}
     */
    public String databasePrefix(String database) {
        return ObjectKeys.check(root() + database) + "/";
    }

    /**
     * @param table a table
     * @return the table's key prefix, ending in {@code /}
     */
    public String tablePrefix(TableId table) {
        return ObjectKeys.check(root() + table.database() + "/" + table.table()) + "/";
    }

    /**
     * @param table a table
     * @param partition a partition
     * @return the partition's key prefix, ending in {@code /}
     */
    public String partitionPrefix(TableId table, PartitionValues partition) {
        return ObjectKeys.check(tablePrefix(table) + String.join("/", partition.segments())) + "/";
    }

    /**
     * @param table a table
     * @param partition a partition
     * @param dataFileIndex the 0-based index of the input data file
     * @param rollOver the 0-based roll-over index within that data file
     * @param extension the format's extension without dot
     * @return the data file's key
     */
    public String dataKey(TableId table, PartitionValues partition, int dataFileIndex, int rollOver,
                          String extension) {
        if (rollOver < 0 || rollOver >= PARTS_PER_DATA_FILE) {
            throw new IllegalArgumentException("roll-over index " + rollOver + " out of range; raise the target"
                    + " file size");
        }
        long part = (long) dataFileIndex * PARTS_PER_DATA_FILE + rollOver;
        return ObjectKeys.check(partitionPrefix(table, partition) + String.format("part-%05d.%s", part, extension));
    }

    /**
     * @param table a table
     * @param partition a partition
     * @return the key of the partition's staged manifest
     */
    public String stagedManifestKey(TableId table, PartitionValues partition) {
        return partitionPrefix(table, partition) + STAGED_MANIFEST;
    }

    /**
     * @param table a table
     * @return the key prefix of the table's file catalog, ending in {@code /}
     */
    public String catalogPrefix(TableId table) {
        return tablePrefix(table) + CATALOG_DIR + "/";
    }

    /**
     * @param table a table
     * @param partition a partition
     * @return the key of the partition's lease marker
     */
    public String leaseKey(TableId table, PartitionValues partition) {
        return partitionPrefix(table, partition) + LEASE;
    }

    /**
     * The staged name of a data file: {@code _} before its name and {@link #STAGED_SUFFIX} after it, so that Hive-
     * style readers (which skip names starting with {@code _}) and globs such as {@code **}{@code /*.parquet} do not
     * see it before it is published.
     *
     * @param publishedKey the data file's published key
     * @return its staged key, in the same directory
     */
    public static String stagedKey(String publishedKey) {
        int slash = publishedKey.lastIndexOf('/');
        return publishedKey.substring(0, slash + 1) + "_" + publishedKey.substring(slash + 1) + STAGED_SUFFIX;
    }

    /**
     * @param key a key
     * @return the published key of a staged data file ({@link #stagedKey}); empty when {@code key} is not one
     */
    public static java.util.Optional<String> publishedKey(String key) {
        int slash = key.lastIndexOf('/');
        String name = key.substring(slash + 1);
        if (!name.startsWith("_") || !name.endsWith(STAGED_SUFFIX) || name.length() <= 1 + STAGED_SUFFIX.length()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(key.substring(0, slash + 1)
                + name.substring(1, name.length() - STAGED_SUFFIX.length()));
    }
}
