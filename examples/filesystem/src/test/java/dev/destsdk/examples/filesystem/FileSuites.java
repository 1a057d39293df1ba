package dev.destsdk.examples.filesystem;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.file.FileWriteOptions;
import dev.destsdk.file.format.Compression;
import dev.destsdk.file.format.CsvFormat;
import dev.destsdk.file.format.FormatWriterFactory;
import dev.destsdk.file.format.JsonLinesFormat;
import dev.destsdk.file.format.ParquetFormat;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.file.FileConformanceSuite;
import dev.destsdk.testkit.file.InProcessS3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The file conformance suite for every format on both stores: the local filesystem and in-process S3. */
final class FileSuites {
    private FileSuites() {
    }

    /** The suite on a local directory; asserts nothing appears beside the store's root. */
    abstract static class Local extends FileConformanceSuite {
        private Path outer;

        abstract FormatWriterFactory format();

        @Override
        protected ObjectStore createStore() throws IOException {
            outer = Files.createTempDirectory("destsdk-local-store");
            return new LocalObjectStore(outer.resolve("root"));
        }

        @Override
        protected Destination createDestination(ObjectStore store, PathLayout layout, FileWriteOptions options) {
            return new FileSystemDestination(store, format(), layout, options);
        }

        @Override
        protected List<String> entriesOutsideTheStore() {
            return entriesBeside(outer, outer.resolve("root"));
        }
    }

    /** The suite on a bucket of the in-process S3 server. */
    abstract static class S3 extends FileConformanceSuite {
        abstract FormatWriterFactory format();

        @Override
        protected ObjectStore createStore() throws Exception {
            return InProcessS3Server.shared().newBucket("lake-" + getClass().getSimpleName());
        }

        @Override
        protected Destination createDestination(ObjectStore store, PathLayout layout, FileWriteOptions options) {
            return new FileSystemDestination(store, format(), layout, options);
        }
    }

    static FormatWriterFactory parquet() {
        return ParquetFormat.of(CompressionCodecName.ZSTD);
    }

    static FormatWriterFactory jsonLines() {
        return new JsonLinesFormat(Compression.GZIP);
    }

    static FormatWriterFactory csv() {
        return CsvFormat.of(Compression.NONE);
    }
}
