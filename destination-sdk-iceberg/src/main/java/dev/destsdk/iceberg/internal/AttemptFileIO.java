package dev.destsdk.iceberg.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SupportsBulkOperations;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.apache.iceberg.util.ThreadPools;

/**
 * A {@link FileIO} that passes every call to another and records the locations created by a commit attempt: the
 * manifests, manifest lists and metadata files it writes, so that a failed attempt deletes exactly its own files and
 * never those of another writer committing at the same time. An attempt is bound to the thread that starts it
 * ({@link #begin()}); Iceberg's parallel manifest writing joins it when the attempt's snapshot updates run on
 * {@link Recording#executor()} ({@code SnapshotUpdate.scanManifestsWith}). Thread-safe.
 */
public final class AttemptFileIO implements FileIO, SupportsPrefixOperations, SupportsBulkOperations {
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<Recording> CURRENT = new ThreadLocal<>();

    private final FileIO delegate;

    /** What one attempt created; {@link #close()} ends the attempt on its thread. */
    public static final class Recording implements AutoCloseable {
        private final List<String> created = Collections.synchronizedList(new ArrayList<>());
        private final Recording outer;

        private Recording(Recording outer) {
            this.outer = outer;
        }

        /** @return the locations created through any AttemptFileIO by the attempt, so far */
        public List<String> created() {
            synchronized (created) {
                return List.copyOf(created);
            }
        }

        /**
         * @return an executor that runs tasks on Iceberg's worker pool as part of this attempt (what they create is
         *     recorded); for {@code SnapshotUpdate.scanManifestsWith}
         */
        public ExecutorService executor() {
            return new Bound(this, ThreadPools.getWorkerPool());
        }

        @Override
        public void close() {
            if (CURRENT.get() == this) {
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
            }
        }
    }

    /** Runs each task on a pool with the attempt bound to the pool's thread meanwhile. */
    private static final class Bound extends AbstractExecutorService {
        private final Recording recording;
        private final ExecutorService pool;

        Bound(Recording recording, ExecutorService pool) {
            this.recording = recording;
            this.pool = pool;
        }

        @Override
        public void execute(Runnable task) {
            pool.execute(() -> {
                Recording before = CURRENT.get();
                CURRENT.set(recording);
                try {
                    task.run();
                } finally {
                    if (before == null) {
                        CURRENT.remove();
                    } else {
                        CURRENT.set(before);
                    }
                }
            });
        }

        @Override
        public void shutdown() {
            // the shared pool is not this executor's to stop
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }

    /**
     * @param delegate the FileIO doing the work; not null
     */
    public AttemptFileIO(FileIO delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
    }

    /**
     * Starts an attempt on the current thread: what it creates through any AttemptFileIO is recorded until the
     * recording is closed.
     *
     * @return the recording; close it on the same thread
     */
    public static Recording begin() {
        Recording r = new Recording(CURRENT.get());
        CURRENT.set(r);
        return r;
    }

    private static void record(String location) {
        Recording r = CURRENT.get();
        if (r != null) {
            r.created.add(location);
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
