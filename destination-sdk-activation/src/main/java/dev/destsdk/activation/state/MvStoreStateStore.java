package dev.destsdk.activation.state;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The embedded default {@link StateStore}: one file, {@code activation-state.mv.db}, under a directory the
 * configuration gives, kept by H2's MVStore (a persistent copy-on-write B-tree, no server, no other dependency).
 *
 * <p>Why MVStore: a change-only sync looks up one digest per input record in random key order, for millions of keys;
 * a B-tree on disk answers that with a bounded page cache ({@value #CACHE_MB} MiB here) whatever the number of keys,
 * and its append-only commits are atomic, so a crash keeps the last committed state. A sorted file would need the
 * input sorted by key; an in-memory map grows with the keys.
 *
 * <p>Auto-commit is off: a session commits what it recorded every {@value #COMMIT_EVERY} successes (all recorded
 * digests are successes, so an early commit is always right) and on {@link StateSession#commit()}. Thread-safe.
 */
public final class MvStoreStateStore implements StateStore {
    /** The file name under the state directory. */
    public static final String FILE_NAME = "activation-state.mv.db";
    static final int CACHE_MB = 8;
    static final int COMMIT_EVERY = 20_000;

    private final MVStore store;

    private MvStoreStateStore(MVStore store) {
        this.store = store;
    }

    /**
     * Opens (creating when needed) the store under a directory.
     *
     * @param directory the state directory; created when missing; not null
     * @return the store; close it
     * @throws ConnectorException IO_ERROR when the file cannot be opened
     */
    public static MvStoreStateStore open(Path directory) {
        Objects.requireNonNull(directory, "directory is null");
        try {
            Files.createDirectories(directory);
            MVStore store = new MVStore.Builder().fileName(directory.resolve(FILE_NAME).toString())
                    .cacheSize(CACHE_MB).autoCommitDisabled().open();
            return new MvStoreStateStore(store);
        } catch (IOException | MVStoreException e) {
            throw new ConnectorException(ErrorType.IO_ERROR, "cannot open the activation state store under "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StateSession open(String scope) {
        MVMap<String, byte[]> map = store.openMap("digest:" + Objects.requireNonNull(scope, "scope is null"));
        return new Session(map);
    }

    @Override
    public void close() {
        store.close();
    }

    private final class Session implements StateSession {
        private final MVMap<String, byte[]> map;
        private int uncommitted;

        Session(MVMap<String, byte[]> map) {
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
            // Nothing to release per session; what was not committed stays uncommitted until the store closes,
            // and MVStore.close() commits, so roll back to the last commit first.
            if (uncommitted > 0) {
                store.rollback();
                uncommitted = 0;
            }
        }
    }
}
