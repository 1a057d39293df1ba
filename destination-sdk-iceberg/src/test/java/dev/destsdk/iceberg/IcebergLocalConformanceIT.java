package dev.destsdk.iceberg;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.file.FileWriteOptions;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.file.FileConformanceSuite;
import dev.destsdk.testkit.file.FileTableInspector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file conformance suite against the Iceberg destination on a local directory, with a SQLite catalog beside
 * the store (outside it, so that the store holds only the warehouse). Declared deviations: SHORT reads back as
 * INTEGER and JSON as STRING (Iceberg's types), and replaced files stay for older snapshots until they expire.
 */
class IcebergLocalConformanceIT extends FileConformanceSuite {
    private Path outer;

    @Override
    protected ObjectStore createStore() throws IOException {
        outer = Files.createTempDirectory("destsdk-iceberg-suite");
        return new LocalObjectStore(outer.resolve("root"));
    }

    private Path catalogFile() {
        return outer.getParent().resolve(outer.getFileName() + "-catalog.db");
    }

    @Override
    protected Destination createDestination(ObjectStore store, PathLayout layout, FileWriteOptions options) {
        String prefix = layout.root().replaceAll("/$", "");
        return new IcebergDestination(IcebergDestinationConfig.sqlite(store, prefix, catalogFile())
                .withCatalog(warehouse -> IcebergCatalogs.sqlite("destsdk", catalogFile(), warehouse,
                        LocalFileIO::new))
                .withWriteOptions(options));
    }

    @Override
    protected FileTableInspector createInspector(ObjectStore store, PathLayout layout) {
        String root = store.describe().endsWith("/") ? store.describe() : store.describe() + "/";
        return new IcebergTableInspector(store, layout, IcebergCatalogs.sqlite("destsdk", catalogFile(),
                root + layout.root().replaceAll("/$", ""), LocalFileIO::new));
    }

    @Override
    protected CanonicalType readBackType(CanonicalType written) {
        return switch (written) {
            case SHORT -> CanonicalType.INTEGER;
            case JSON -> CanonicalType.STRING;
            default -> written;
        };
    }

    @Override
    protected List<String> entriesOutsideTheStore() {
        try (Stream<Path> all = Files.walk(outer)) {
            return all.filter(p -> !p.equals(outer) && !p.startsWith(outer.resolve("root")))
                    .map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
