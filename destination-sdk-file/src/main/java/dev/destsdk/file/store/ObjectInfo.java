package dev.destsdk.file.store;

import java.util.Objects;

/**
 * One object of an {@link ObjectStore}: its key (relative to the store's root) and its size.
 *
 * @param key the key, {@code /}-separated, relative to the store's root; not null
 * @param size the size in bytes; not negative
 */
public record ObjectInfo(String key, long size) {
    /** Validates the components. */
    public ObjectInfo {
        Objects.requireNonNull(key, "key is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }
}
