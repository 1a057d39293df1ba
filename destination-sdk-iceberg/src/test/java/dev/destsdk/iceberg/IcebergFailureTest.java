package dev.destsdk.iceberg;

import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.file.store.ObjectStore;
import java.nio.file.Path;

/** Failures and cancellation on the local store, with {@link LocalFileIO}. */
class IcebergFailureTest extends IcebergFailureContract {
    @Override
    ObjectStore createStore(Path dir) throws Exception {
        return new LocalObjectStore(dir.resolve("lake"));
    }
}
