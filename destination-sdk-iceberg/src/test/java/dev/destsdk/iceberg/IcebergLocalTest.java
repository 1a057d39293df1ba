package dev.destsdk.iceberg;

import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.file.store.ObjectStore;
import java.nio.file.Path;

/** The Iceberg destination on a local directory with {@link LocalFileIO} and a SQLite JdbcCatalog. */
class IcebergLocalTest extends IcebergDestinationContract {
    @Override
    ObjectStore createStore(Path dir) throws Exception {
        return new LocalObjectStore(dir.resolve("lake"));
    }
}
