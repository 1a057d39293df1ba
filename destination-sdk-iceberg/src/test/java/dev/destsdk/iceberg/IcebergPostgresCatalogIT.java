package dev.destsdk.iceberg;

import static dev.destsdk.iceberg.IcebergHarness.field;
import static dev.destsdk.iceberg.IcebergHarness.key;
import static dev.destsdk.iceberg.IcebergHarness.row;
import static dev.destsdk.iceberg.IcebergHarness.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.testkit.server.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared catalog: Iceberg's JdbcCatalog in PostgreSQL, used by two destinations with catalogs of their own (as
 * two workers would): each sees the other's commits, and concurrent MERGEs into one table are both applied once.
 * The server's address comes from {@code DESTSDK_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user postgres); without a server the test is skipped, under {@code CI=true} it fails.
 */
class IcebergPostgresCatalogIT {
    static final TestDatabase DATABASE = TestDatabase.fromEnvironment("PostgreSQL", "DESTSDK_PG",
            "jdbc:postgresql://127.0.0.1:5432/test", "postgres");

    @TempDir
    Path dir;

    private IcebergHarness worker(String catalogName, int n) throws Exception {
        Path lake = dir.resolve("lake");
        return new IcebergHarness(IcebergDestinationConfig.sqlite(new LocalObjectStore(lake), "wh",
                dir.resolve("unused.db")).withCatalog(w -> IcebergCatalogs.postgres(catalogName, DATABASE.url(),
                DATABASE.user(), DATABASE.password(), w, LocalFileIO::new)), dir.resolve("work-" + n));
    }

    @Test
    void twoWorkersShareTablesThroughThePostgresCatalog() throws Exception {
        try (Connection probe = DATABASE.connectOrSkip()) {
            assertThat(probe.isValid(5)).isTrue();
        }
        String catalog = TestDatabase.uniqueName("iceberg");
        ObjectMetadata src = source("shared", key("id", CanonicalType.LONG), field("v", CanonicalType.STRING));
        IcebergHarness a = worker(catalog, 1);
        IcebergHarness b = worker(catalog, 2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            a.run(a.pipeline(), a.spec(src, LoadMode.APPEND, "s1").rows(List.of(row(1L, "a"), row(2L, "b"))));
            b.run(b.pipeline(), b.spec(src, LoadMode.MERGE, "s2").rows(List.of(row(2L, "B"))));
            assertThat(a.rows("shared", "id", "v")).containsExactly(row(1L, "a"), row(2L, "B"));
            Future<?> fa = pool.submit(() -> a.run(a.pipeline(), a.spec(src, LoadMode.MERGE, "s3")
                    .rows(List.of(row(1L, "A"), row(3L, "c")))));
            Future<?> fb = pool.submit(() -> b.run(b.pipeline(), b.spec(src, LoadMode.MERGE, "s4")
                    .rows(List.of(row(4L, "d"), row(2L, "BB")))));
            fa.get(120, TimeUnit.SECONDS);
            fb.get(120, TimeUnit.SECONDS);
            assertThat(b.rows("shared", "id", "v")).containsExactly(row(1L, "A"), row(2L, "BB"), row(3L, "c"),
                    row(4L, "d"));
        } finally {
            pool.shutdownNow();
            try (JdbcCatalog cleanup = IcebergCatalogs.postgres(catalog, DATABASE.url(), DATABASE.user(),
                    DATABASE.password(), dir.toUri().toString(), LocalFileIO::new)) {
                cleanup.dropTable(TableIdentifier.of(Namespace.of("default"), "shared"), false);
            }
            a.close();
            b.close();
        }
    }
}
