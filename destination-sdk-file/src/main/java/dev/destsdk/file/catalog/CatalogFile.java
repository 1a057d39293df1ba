package dev.destsdk.file.catalog;

import java.util.Objects;

/**
 * A data file a catalog partition holds.
 *
 * @param key the object key; not null
 * @param rows its rows
 * @param bytes its size
 */
public record CatalogFile(String key, long rows, long bytes) {
    /** Validates the components. */
    public CatalogFile {
        Objects.requireNonNull(key, "key is null");
    }
}
