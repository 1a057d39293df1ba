package dev.destsdk.iceberg;

import dev.destsdk.file.store.LocalObjectStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A case with its own Iceberg destination on a local directory and a SQLite catalog, closed after the case. */
abstract class LocalIcebergCase {
    @TempDir
    Path dir;
    IcebergHarness h;

    @BeforeEach
    void openDestination() throws Exception {
        h = new IcebergHarness(IcebergDestinationConfig.sqlite(new LocalObjectStore(dir.resolve("lake")), "wh",
                dir.resolve("catalog.db")), dir.resolve("work"));
    }

    @AfterEach
    void closeDestination() {
        h.close();
    }
}
