package dev.destsdk.examples.filesystem;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.file.FileWriteOptions;
import dev.destsdk.file.format.ParquetFormat;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.file.FileConformanceSuite;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The file conformance suite: Parquet files on a local directory, read back through DuckDB. Add a class like this
 * one for every store and format the destination offers.
 */
class FileSystemDestinationIT extends FileConformanceSuite {

    @Override
    protected ObjectStore createStore() throws IOException {
        return new LocalObjectStore(Files.createTempDirectory("destsdk-file-it"));
    }

    @Override
    protected Destination createDestination(ObjectStore store, PathLayout layout, FileWriteOptions options) {
        return new FileSystemDestination(store, ParquetFormat.of(CompressionCodecName.ZSTD), layout, options);
    }
}
