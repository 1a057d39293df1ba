package dev.destsdk.core.files;

import java.nio.file.Path;
import java.util.List;

/**
 * Finds the data files the executor wrote into a local data path: {@code success_part_*} files with the format's
 * suffix, at any depth, in a stable order (by path, numerically by part number). {@code error_part_*} files are
 * never returned: they hold rows that failed upstream.
 */
public final class DataFiles {
    // TODO(issue 2)
    private DataFiles() {
    }

    /** The prefix of files to load. */
    public static final String SUCCESS_PREFIX = "success_part_";
    /** The prefix of files that are never loaded. */
    public static final String ERROR_PREFIX = "error_part_";

    /**
     * @param localDataPath the directory; not null
     * @param format the files' format; not null
     * @return the success files in load order; empty when there are none
     * @throws dev.destsdk.core.error.ConnectorException IO_ERROR when the directory cannot be read, VALIDATION_ERROR
     *     when it does not exist
     */
    public static List<Path> successFiles(Path localDataPath, FileFormat format) {
        throw new UnsupportedOperationException("TODO");
    }
}
