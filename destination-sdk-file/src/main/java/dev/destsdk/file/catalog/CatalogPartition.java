package dev.destsdk.file.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One partition of a table: its values (in the table's partition-key order), its location (a key prefix) and its
 * data files. Two partitions are the same partition when their values are equal.
 *
 * @param values partition key to value, in key order; not null
 * @param location the key prefix of the partition's files, ending in {@code /}; not null
 * @param files the partition's data files; not null
 */
public record CatalogPartition(Map<String, String> values, String location, List<CatalogFile> files) {
    /** Validates the components and copies the collections (keeping the values' order). */
    public CatalogPartition {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values is null")));
        Objects.requireNonNull(location, "location is null");
        files = List.copyOf(Objects.requireNonNull(files, "files is null"));
    }

    /** @return the rows of all files */
    public long rows() {
        return files.stream().mapToLong(CatalogFile::rows).sum();
    }
}
