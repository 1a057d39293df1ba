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
import dev.destsdk.testkit.runner.Pipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcebergLocalTest {
    @TempDir
    Path dir;
    IcebergHarness h;

    @BeforeEach
    void open() throws IOException {
        h = new IcebergHarness(IcebergDestinationConfig.sqlite(new LocalObjectStore(dir.resolve("lake")), "wh",
                dir.resolve("catalog.db")), dir.resolve("work"));
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void appendCreatesTheTableThenAddsASecondSnapshot() {
        ObjectMetadata src = source("orders", key("id", CanonicalType.LONG), field("name", CanonicalType.STRING));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.APPEND, "s1").rows(List.of(row(1L, "a"), row(2L, "b"))));
        assertThat(h.rows("orders", "id", "name")).containsExactly(row(1L, "a"), row(2L, "b"));
        h.run(p, h.spec(src, LoadMode.APPEND, "s2").rows(List.of(row(3L, "c"))));
        assertThat(h.rows("orders", "id", "name")).containsExactly(row(1L, "a"), row(2L, "b"), row(3L, "c"));
        Table t = h.table("orders");
        assertThat(t.currentSnapshot().summary()).containsEntry(IcebergTableCommitter.SYNC_ID_PROPERTY, "s2")
                .containsEntry(IcebergTableCommitter.LOAD_MODE_PROPERTY, "APPEND");
        assertThat(t.snapshots()).hasSize(2);
        assertThat(((HasTableOperations) t).operations().current().formatVersion()).isEqualTo(2);
        assertThat(t.location()).isEqualTo(dir.resolve("lake").toUri() + "wh/default/orders");
    }
}
