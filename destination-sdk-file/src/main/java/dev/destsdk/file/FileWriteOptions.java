package dev.destsdk.file;

/**
 * How a file destination writes: the size at which a data file rolls over to the next part, and how many data files
 * are converted at once.
 *
 * @param targetFileSize the size in bytes after which a written file is closed and the next part started (the last
 *     row group or buffer may take a file somewhat past it); at least 16 KiB
 * @param threads how many input data files are converted in parallel; at least 1
 */
public record FileWriteOptions(long targetFileSize, int threads) {
    /** The default target file size: 128 MiB. */
    public static final long DEFAULT_TARGET_FILE_SIZE = 128L << 20;
    /** 128 MiB files, two threads (one per core of a small worker; memory stays within a 256 MiB heap). */
    public static final FileWriteOptions DEFAULT = new FileWriteOptions(DEFAULT_TARGET_FILE_SIZE, 2);

    /** Validates the components. */
    public FileWriteOptions {
        if (targetFileSize < 16 << 10) {
            throw new IllegalArgumentException("targetFileSize must be at least 16 KiB: " + targetFileSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }
}
