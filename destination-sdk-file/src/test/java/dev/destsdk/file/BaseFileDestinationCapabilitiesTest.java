package dev.destsdk.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.file.catalog.FileTableCatalog;
import dev.destsdk.file.catalog.TableCatalog;
import dev.destsdk.file.format.FormatWriterFactory;
import dev.destsdk.file.format.ParquetFormat;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.file.store.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseFileDestinationCapabilitiesTest {
    @TempDir
    Path dir;

    /** A file destination on a local directory; {@code adjust} changes its declared capabilities when set. */
    private static final class Lake extends BaseFileDestination {
        private final ObjectStore store;
        private final TableCatalog catalog;
        private final boolean adjust;

        Lake(Path root, boolean adjust) throws IOException {
            this.store = new LocalObjectStore(root);
            this.catalog = new FileTableCatalog(store, new PathLayout(""));
            this.adjust = adjust;
        }

        @Override
        public String name() {
            return "lake";
        }

        @Override
        protected ObjectStore objectStore() {
            return store;
        }

        @Override
        protected FormatWriterFactory formatWriters() {
            return ParquetFormat.of(CompressionCodecName.UNCOMPRESSED);
        }

        @Override
        protected TableCatalog catalog() {
            return catalog;
        }

        @Override
        protected ConnectorCapabilitiesConfigBuilder capabilities() {
            ConnectorCapabilitiesConfigBuilder b = super.capabilities();
            return adjust ? b.loadModes(LoadMode.APPEND).supportsParallelization(false) : b;
        }
    }

    @Test
    void theDefaultsFollowTheCommitterAndASubclassMayAdjustThem() throws IOException {
        try (Lake plain = new Lake(dir.resolve("a"), false); Lake adjusted = new Lake(dir.resolve("b"), true)) {
            ConnectorCapabilitiesConfig defaults = plain.getCapabilitiesConfig();
            assertThat(defaults.getLoadModes()).containsExactlyInAnyOrder(LoadMode.APPEND, LoadMode.OVERWRITE,
                    LoadMode.TRUNCATE_AND_LOAD);
            assertThat(defaults.supportsHardDeletes()).isFalse();
            assertThat(defaults.supportsParallelization()).isTrue();
            ConnectorCapabilitiesConfig c = adjusted.getCapabilitiesConfig();
            assertThat(c.getLoadModes()).isEqualTo(Set.of(LoadMode.APPEND));
            assertThat(c.supportsParallelization()).isFalse();
            assertThat(c.requiresStaging()).as("the rest stays as the base declares it").isTrue();
        }
    }
}
