package dev.destsdk.activation.state;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The embedded default {@link StateStore}: one file per target scope, {@code activation-state-<hash>.mv.db}, under a
 * directory the configuration gives, kept by H2's MVStore (a persistent copy-on-write B-tree, no server, no other
 * dependency). A session opens its scope's file and closes it at the end, so that loads of different targets (and
 * destination instances one after another) share the directory; two loads of the same target at the same time are
 * refused (the file is locked).
 *
 * <p>Why MVStore: a change-only sync looks up one digest per input record in random key order, for millions of keys;
 * a B-tree on disk answers that with a bounded page cache ({@value #CACHE_MB} MiB here) whatever the number of keys,
 * and its append-only commits are atomic, so a crash keeps the last committed state. A sorted file would need the
 * input sorted by key; an in-memory map grows with the keys.
 *
 * <p>Auto-commit is off: a session commits what it recorded every {@value #COMMIT_EVERY} successes (all recorded
 * digests are successes, so an early commit is always right) and on {@link StateSession#commit()}; closing a session
 * drops what was recorded after the last commit. Thread-safe.
 */
public final class MvStoreStateStore implements StateStore {
    /** The file name prefix under the state directory. */
    public static final String FILE_PREFIX = "activation-state-";
    static final int CACHE_MB = 8;
    static final int COMMIT_EVERY = 20_000;

    private final Path directory;

    private MvStoreStateStore(Path directory) {
        this.directory = directory;
    }

    /**
     * A store under a directory, created when missing.
     *
     * @param directory the state directory; not null
     * @return the store
     * @throws ConnectorException IO_ERROR when the directory cannot be created
     */
    public static MvStoreStateStore open(Path directory) {
        Objects.requireNonNull(directory, "directory is null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConnectorException(ErrorType.IO_ERROR, "cannot create the activation state directory "
                    + directory + ": " + e.getMessage(), e);
        }
        return new MvStoreStateStore(directory);
    }

    /**
     * @param scope a target scope; not null
     * @return the file that keeps its state
     */
    public Path file(String scope) {
        UUID id = UUID.nameUUIDFromBytes(scope.getBytes(StandardCharsets.UTF_8));
        return directory.resolve(FILE_PREFIX + id + ".mv.db");
    }

    @Override
    public StateSession open(String scope) {
        Objects.requireNonNull(scope, "scope is null");
        Path file = file(scope);
        try {
            MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB)
                    .autoCommitDisabled().open();
            return new Session(store, store.openMap("digest:" + scope));
        } catch (MVStoreException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot open the activation state of " + scope
                    + " (is another load of the same target running?): " + e.getMessage()).file(file).cause(e)
                    .build();
        }
    }

    @Override
    public void close() {
        // Sessions own their files; nothing else is held.
    }

    private static final class Session implements StateSession {
        private final MVStore store;
        private final MVMap<String, byte[]> map;
        private int uncommitted;

        Session(MVStore store, MVMap<String, byte[]> map) {
            this.store = store;
            this.map = map;
        }

        @Override
        public Optional<byte[]> digest(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public void recordSuccess(String key, byte[] digest) {
            map.put(key, digest);
            if (++uncommitted >= COMMIT_EVERY) {
                commit();
            }
        }

        @Override
        public void commit() {
            store.commit();
            uncommitted = 0;
        }

        @Override
        public void close() {
            if (store.isClosed()) {
                return;
            }
            if (uncommitted > 0) {
                store.rollback();
            }
            store.close();
        }
    }
}
