package dev.destsdk.iceberg.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SupportsBulkOperations;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * A {@link FileIO} that passes every call to another and records the locations created below a table's location
 * while a commit attempt on that table is open ({@link #begin}): the manifests, manifest lists and metadata files of
 * the attempt, whichever thread of Iceberg writes them, so that a failed attempt deletes exactly its own files. Two
 * attempts on one table through one instance take turns (a lock per table location), so that one never records, and
 * deletes, the other's files; writers in other processes have FileIOs of their own. Thread-safe.
 */
public final class AttemptFileIO implements FileIO, SupportsPrefixOperations, SupportsBulkOperations {
    private static final long serialVersionUID = 1L;

    private final FileIO delegate;
    private final transient Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final transient Map<String, Recording> active = new ConcurrentHashMap<>();

    /** What one attempt created; {@link #close()} ends the attempt and lets the next one on the table start. */
    public final class Recording implements AutoCloseable {
        private final String prefix;
        private final ReentrantLock lock;
        private final List<String> created = Collections.synchronizedList(new ArrayList<>());
        private boolean closed;

        private Recording(String prefix, ReentrantLock lock) {
            this.prefix = prefix;
            this.lock = lock;
        }

        /** @return the locations created below the table since {@link #begin} */
        public List<String> created() {
            synchronized (created) {
                return List.copyOf(created);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                active.remove(prefix, this);
                lock.unlock();
            }
        }
    }

    /**
     * @param delegate the FileIO doing the work; not null
     */
    public AttemptFileIO(FileIO delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
    }

    /**
     * A deserialized copy (e.g. on an engine's worker) starts with no attempts and no locks.
     *
     * @return a new instance over the same delegate
     */
    private Object readResolve() {
        return new AttemptFileIO(delegate);
    }

    /**
     * Starts recording what is created below a table's location, after any other open attempt on it ends.
     *
     * @param tableLocation the table's location; not null
     * @return the recording; close it on the same thread
     */
    public Recording begin(String tableLocation) {
        String prefix = tableLocation.endsWith("/") ? tableLocation : tableLocation + "/";
        ReentrantLock lock = locks.computeIfAbsent(prefix, p -> new ReentrantLock());
        lock.lock();
        Recording r = new Recording(prefix, lock);
        active.put(prefix, r);
        return r;
    }

    private void record(String location) {
        for (Recording r : active.values()) {
            if (location.startsWith(r.prefix)) {
                r.created.add(location);
            }
        }
    }

    @Override
    public InputFile newInputFile(String location) {
        return delegate.newInputFile(location);
    }

    @Override
    public InputFile newInputFile(String location, long length) {
        return delegate.newInputFile(location, length);
    }

    @Override
    public OutputFile newOutputFile(String location) {
        OutputFile out = delegate.newOutputFile(location);
        return new OutputFile() {
            @Override
            public PositionOutputStream create() {
                record(out.location());
                return out.create();
            }

            @Override
            public PositionOutputStream createOrOverwrite() {
                record(out.location());
                return out.createOrOverwrite();
            }

            @Override
            public String location() {
                return out.location();
            }

            @Override
            public InputFile toInputFile() {
                return out.toInputFile();
            }
        };
    }

    @Override
    public void deleteFile(String location) {
        delegate.deleteFile(location);
    }

    @Override
    public Map<String, String> properties() {
        return delegate.properties();
    }

    @Override
    public void initialize(Map<String, String> properties) {
        delegate.initialize(properties);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Iterable<FileInfo> listPrefix(String prefix) {
        return prefixes().listPrefix(prefix);
    }

    @Override
    public void deletePrefix(String prefix) {
        prefixes().deletePrefix(prefix);
    }

    private SupportsPrefixOperations prefixes() {
        if (delegate instanceof SupportsPrefixOperations p) {
            return p;
        }
        throw new UnsupportedOperationException(delegate.getClass().getName() + " cannot list or delete prefixes");
    }

    @Override
    public void deleteFiles(Iterable<String> locations) throws BulkDeletionFailureException {
        if (delegate instanceof SupportsBulkOperations bulk) {
            bulk.deleteFiles(locations);
        } else {
            locations.forEach(delegate::deleteFile);
        }
    }
}
