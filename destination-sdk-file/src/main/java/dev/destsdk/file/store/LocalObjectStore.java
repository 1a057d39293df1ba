package dev.destsdk.file.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ObjectStore} on a local (or mounted) directory: a key is a relative path below the root. A new object is
 * written to a temporary file under {@code <root>/.uploads/} and renamed into place atomically when closed, so a
 * reader never sees half an object; {@link #putIfAbsent} links the finished file into place, which fails atomically
 * when the key exists. Empty directories left by deletes are removed. Thread-safe.
 */
public final class LocalObjectStore implements ObjectStore {
    private static final Logger LOG = LoggerFactory.getLogger(LocalObjectStore.class);
    /** The directory of unfinished uploads, below the root; never part of a listing. */
    public static final String UPLOADS_DIR = ".uploads";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final String KEY_SUFFIX = ".key";

    private final Path root;
    private final Path uploads;

    /**
     * @param root the root directory; created when missing; not null
     * @throws IOException when it cannot be created
     */
    public LocalObjectStore(Path root) throws IOException {
        this.root = Files.createDirectories(Objects.requireNonNull(root, "root is null")).toAbsolutePath().normalize();
        this.uploads = this.root.resolve(UPLOADS_DIR);
    }

    /** @return the root directory */
    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }

    private Path path(String key) {
        ObjectKeys.check(key);
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root) || p.startsWith(uploads)) {
            throw new IllegalArgumentException("object key leaves the store's root: " + key);
        }
        return p;
    }

    /** A new upload's temporary file; a {@code .key} file beside it names the key, for listing unfinished uploads. */
    private Path tempFor(String key) throws IOException {
        Files.createDirectories(uploads);
        String id = UUID.randomUUID().toString();
        Files.writeString(uploads.resolve(id + KEY_SUFFIX), key, StandardCharsets.UTF_8);
        return uploads.resolve(id + TEMP_SUFFIX);
    }

    private static void deleteTemp(Path temp) throws IOException {
        Files.deleteIfExists(temp);
        String name = temp.getFileName().toString();
        Files.deleteIfExists(temp.resolveSibling(name.substring(0, name.length() - TEMP_SUFFIX.length())
                + KEY_SUFFIX));
    }

    @Override
    public ObjectOutput create(String key) throws IOException {
        Path target = path(key);
        Path temp = tempFor(key);
        return new LocalOutput(key, target, temp);
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        try (ObjectOutput out = create(key)) {
            out.write(content);
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) throws IOException {
        Path target = path(key);
        Path temp = tempFor(key);
        try {
            Files.write(temp, content);
            Files.createDirectories(target.getParent());
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            deleteTemp(temp);
        }
    }

    @Override
    public boolean supportsConditionalPut() {
        return true;
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public boolean exists(String key) throws IOException {
        return Files.isRegularFile(path(key));
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        ObjectKeys.checkPrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<ObjectInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.startsWith(uploads) || !Files.isRegularFile(p)) {
                    continue;
                }
                String key = root.relativize(p).toString().replace('\\', '/');
                if (key.startsWith(prefix)) {
                    out.add(new ObjectInfo(key, Files.size(p)));
                }
            }
        } catch (NoSuchFileException e) {
            // a directory vanished while listing: a concurrent delete
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    /** An atomic rename within the root (the target is replaced). */
    @Override
    public void move(String from, String to) throws IOException {
        Path source = path(from);
        Path target = path(to);
        Files.createDirectories(target.getParent());
        Files.move(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        removeEmptyParents(source.getParent());
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        for (String key : keys) {
            Path p = path(key);
            Files.deleteIfExists(p);
            removeEmptyParents(p.getParent());
        }
    }

    private void removeEmptyParents(Path dir) throws IOException {
        while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
            dir = dir.getParent();
        }
    }

    @Override
    public List<String> listUnfinishedUploads(String prefix) throws IOException {
        if (!Files.isDirectory(uploads)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(uploads)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(KEY_SUFFIX)) {
                    try {
                        String key = Files.readString(p, StandardCharsets.UTF_8);
                        if (key.startsWith(prefix)) {
                            out.add(key);
                        }
                    } catch (NoSuchFileException e) {
                        // finished meanwhile
                    }
                }
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "LocalObjectStore[" + root + "]";
    }

    private final class LocalOutput extends ObjectOutput {
        private final Path target;
        private final Path temp;
        private final OutputStream out;

        LocalOutput(String key, Path target, Path temp) throws IOException {
            super(key);
            this.target = target;
            this.temp = temp;
            this.out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        }

        @Override
        protected void append(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        protected void discard() {
            try {
                out.close();
            } catch (IOException e) {
                LOG.debug("closing aborted upload {}", temp, e);
            }
            try {
                deleteTemp(temp);
            } catch (IOException e) {
                LOG.warn("cannot delete aborted upload {}: {}", temp, e.toString());
            }
        }

        @Override
        protected void publish() throws IOException {
            out.close();
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            deleteTemp(temp);
        }
    }
}
