package dev.destsdk.iceberg;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Iceberg's {@link FileIO} on the local file system, without Hadoop: locations are {@code file:} URIs
 * ({@code file:///data/lake/db/t/metadata/…}) or absolute paths. Reads and writes go through Iceberg's own local
 * files ({@link org.apache.iceberg.Files}); {@code create} fails when the file exists (Iceberg names every new
 * metadata file uniquely, and the catalog's conditional update of the metadata pointer is the commit). Usable as a
 * catalog's {@code io-impl} (public no-argument constructor). Thread-safe and stateless.
 */
public final class LocalFileIO implements FileIO, SupportsPrefixOperations {
    private static final long serialVersionUID = 1L;

    /** Creates the FileIO; it needs no properties. */
    public LocalFileIO() {
    }

    /**
     * @param location a {@code file:} URI or an absolute path; not null
     * @return the local path it names
     * @throws IllegalArgumentException for another scheme or a relative path
     */
    public static Path path(String location) {
        if (location.startsWith("file:")) {
            return Paths.get(URI.create(location.startsWith("file://") ? location
                    : "file://" + location.substring("file:".length())));
        }
        Path p = Paths.get(location);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("not a local location (file: URI or absolute path): " + location);
        }
        return p;
    }

    @Override
    public InputFile newInputFile(String location) {
        File f = path(location).toFile();
        return new Located.Input(org.apache.iceberg.Files.localInput(f), location);
    }

    @Override
    public OutputFile newOutputFile(String location) {
        File f = path(location).toFile();
        return new Located.Output(org.apache.iceberg.Files.localOutput(f), location);
    }

    @Override
    public void deleteFile(String location) {
        try {
            Files.deleteIfExists(path(location));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + location, e);
        }
    }

    @Override
    public Map<String, String> properties() {
        return Map.of();
    }

    @Override
    public Iterable<FileInfo> listPrefix(String prefix) {
        Path root = path(prefix);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().map(p -> {
                try {
                    String rel = root.relativize(p).toString().replace(File.separatorChar, '/');
                    return new FileInfo(base + rel, Files.size(p), Files.getLastModifiedTime(p).toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + prefix, e);
        }
    }

    @Override
    public void deletePrefix(String prefix) {
        Path root = path(prefix);
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException e) {
                    // deleted concurrently
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + prefix, e);
        }
    }

    /** Iceberg's local files report a plain path as location; these keep the location the caller gave. */
    private static final class Located {
        private Located() {
        }

        private record Input(InputFile delegate, String location) implements InputFile {
            @Override
            public long getLength() {
                return delegate.getLength();
            }

            @Override
            public org.apache.iceberg.io.SeekableInputStream newStream() {
                return delegate.newStream();
            }

            @Override
            public boolean exists() {
                return delegate.exists();
            }
        }

        private record Output(OutputFile delegate, String location) implements OutputFile {
            @Override
            public org.apache.iceberg.io.PositionOutputStream create() {
                return delegate.create();
            }

            @Override
            public org.apache.iceberg.io.PositionOutputStream createOrOverwrite() {
                return delegate.createOrOverwrite();
            }

            @Override
            public InputFile toInputFile() {
                return new Input(delegate.toInputFile(), location);
            }
        }
    }
}
