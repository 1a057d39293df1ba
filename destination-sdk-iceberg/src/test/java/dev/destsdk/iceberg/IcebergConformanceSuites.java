package dev.destsdk.iceberg;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.file.FileWriteOptions;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.file.store.S3ObjectStore;
import dev.destsdk.testkit.file.FileConformanceSuite;
import dev.destsdk.testkit.file.FileTableInspector;
import dev.destsdk.testkit.file.InProcessS3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.apache.iceberg.io.FileIO;

/**
 * The file conformance suite against the Iceberg destination, with a SQLite catalog outside the store (so that the
 * store holds only the warehouse) and an {@link IcebergTableInspector} reading through its own catalog. Declared
 * deviations: SHORT reads back as INTEGER and JSON as STRING (Iceberg's types), and replaced files stay for older
 * snapshots until they expire.
 */
final class IcebergConformanceSuites {
    private IcebergConformanceSuites() {
    }

    /** The suite with the store and FileIO a subclass gives. */
    abstract static class Base extends FileConformanceSuite {
        private Path catalogDir;

        /** @return the FileIO that reaches the suite's store */
        abstract Supplier<FileIO> io();

        private Path catalogFile() {
            try {
                if (catalogDir == null) {
                    catalogDir = Files.createTempDirectory("destsdk-iceberg-catalog");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return catalogDir.resolve("catalog.db");
        }

        @Override
        protected Destination createDestination(ObjectStore store, PathLayout layout, FileWriteOptions options) {
            String prefix = layout.root().replaceAll("/$", "");
            return new IcebergDestination(IcebergDestinationConfig.sqlite(store, prefix, catalogFile())
                    .withCatalog(warehouse -> IcebergCatalogs.sqlite("destsdk", catalogFile(), warehouse, io()))
                    .withWriteOptions(options));
        }

        @Override
        protected FileTableInspector createInspector(ObjectStore store, PathLayout layout) {
            String root = store.describe().endsWith("/") ? store.describe() : store.describe() + "/";
            return new IcebergTableInspector(store, layout, IcebergCatalogs.sqlite("destsdk", catalogFile(),
                    root + layout.root().replaceAll("/$", ""), io()));
        }

        @Override
        protected CanonicalType readBackType(CanonicalType written) {
            return switch (written) {
                case SHORT -> CanonicalType.INTEGER;
                case JSON -> CanonicalType.STRING;
                default -> written;
            };
        }
    }

    /** On a local directory; asserts nothing appears beside the store's root. */
    abstract static class Local extends Base {
        private Path outer;

        @Override
        protected ObjectStore createStore() throws IOException {
            outer = Files.createTempDirectory("destsdk-iceberg-suite");
            return new LocalObjectStore(outer.resolve("root"));
        }

        @Override
        Supplier<FileIO> io() {
            return LocalFileIO::new;
        }

        @Override
        protected List<String> entriesOutsideTheStore() {
            return entriesBeside(outer, outer.resolve("root"));
        }
    }

    /** On a bucket of the in-process S3 server: data through the S3 store, metadata through S3FileIO. */
    abstract static class S3 extends Base {
        private S3ObjectStore bucket;

        @Override
        protected ObjectStore createStore() throws Exception {
            bucket = InProcessS3Server.shared().newBucket("iceberg");
            return bucket;
        }

        @Override
        Supplier<FileIO> io() {
            return () -> IcebergFileIOs.s3(bucket.config());
        }
    }
}
