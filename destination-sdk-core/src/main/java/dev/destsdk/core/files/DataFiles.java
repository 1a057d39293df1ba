package dev.destsdk.core.files;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the data files the executor wrote into a local data path: {@code success_part_*} files with the format's
 * suffix, at any depth, in a stable order (by path, numerically by part number). {@code error_part_*} files are
 * never returned: they hold rows that failed upstream.
 *
 * <p>Order: by the file's parent directory (relative to the data path, compared as paths), then by the part number
 * (the digits right after the prefix, compared as numbers of any length, so {@code success_part_2} comes before
 * {@code success_part_10}; a name without digits there comes after every numbered one), then by file name. Only
 * regular files count; symbolic links are followed (a link that loops back to a parent directory is skipped). The suffix is matched exactly ({@code .csv} does not match
 * {@code .csv.gz} and the reverse). Stateless and thread-safe.
 */
public final class DataFiles {
    private static final Logger LOG = LoggerFactory.getLogger(DataFiles.class);

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
        return find(localDataPath, format, SUCCESS_PREFIX);
    }

    /**
     * The files of rows that failed upstream, for tools that report or inspect them. Never load these.
     *
     * @param localDataPath the directory; not null
     * @param format the files' format; not null
     * @return the {@code error_part_*} files in the same order as {@link #successFiles}; empty when there are none
     * @throws ConnectorException IO_ERROR when the directory cannot be read, VALIDATION_ERROR when it does not exist
     */
    public static List<Path> errorFiles(Path localDataPath, FileFormat format) {
        return find(localDataPath, format, ERROR_PREFIX);
    }

    /**
     * The part number of a data file: the digits right after its prefix.
     *
     * @param file a data file; not null
     * @return the digits (leading zeros kept), or the empty string when the name has no prefix or no digits
     */
    public static String partNumber(Path file) {
        String name = Objects.requireNonNull(file, "file is null").getFileName().toString();
        int from = name.startsWith(SUCCESS_PREFIX) ? SUCCESS_PREFIX.length()
                : name.startsWith(ERROR_PREFIX) ? ERROR_PREFIX.length() : -1;
        if (from < 0) {
            return "";
        }
        int to = from;
        while (to < name.length() && name.charAt(to) >= '0' && name.charAt(to) <= '9') {
            to++;
        }
        return name.substring(from, to);
    }

    private static List<Path> find(Path dir, FileFormat format, String prefix) {
        Objects.requireNonNull(dir, "localDataPath is null");
        Objects.requireNonNull(format, "format is null");
        if (!Files.exists(dir)) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR,
                    "the local data path " + dir + " does not exist; check the request's localDataPath")
                    .file(dir).build();
        }
        if (!Files.isDirectory(dir)) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR,
                    "the local data path " + dir + " is not a directory; pass the directory the data files are in")
                    .file(dir).build();
        }
        String suffix = format.fileSuffix();
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && name.startsWith(prefix) && name.endsWith(suffix)
                            && name.length() >= prefix.length() + suffix.length()) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException) {
                        LOG.warn("skipping {}: a symbolic link loops back to a parent directory", file);
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            String why = cause instanceof AccessDeniedException ? "access denied to " + cause.getMessage()
                    : String.valueOf(cause.getMessage());
            throw ConnectorException.builder(ErrorType.IO_ERROR,
                    "cannot list the data files under " + dir + ": " + why + "; check the directory's permissions")
                    .file(dir).cause(cause).build();
        }
        found.sort(order(dir));
        LOG.debug("found {} {}*{} files under {}", found.size(), prefix, suffix, dir);
        return List.copyOf(found);
    }

    private static Comparator<Path> order(Path root) {
        Comparator<Path> byParent = Comparator.comparing(p -> relativeParent(root, p));
        return byParent
                .thenComparing(DataFiles::partNumber, DataFiles::comparePartNumbers)
                .thenComparing(p -> p.getFileName().toString());
    }

    private static Path relativeParent(Path root, Path file) {
        return root.relativize(file.getParent());
    }

    /** Compares digit strings as numbers of any length; the empty string (no number) sorts last. */
    private static int comparePartNumbers(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        String x = stripZeros(a);
        String y = stripZeros(b);
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        return x.compareTo(y);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
