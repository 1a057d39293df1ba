package dev.destsdk.examples.filesystem;

import dev.destsdk.file.format.FormatWriterFactory;

/** The file conformance suite: Parquet files on the S3 store. */
class S3ParquetIT extends FileSuites.S3 {
    @Override
    FormatWriterFactory format() {
        return FileSuites.parquet();
    }
}
