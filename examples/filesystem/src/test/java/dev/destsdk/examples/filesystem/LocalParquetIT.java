package dev.destsdk.examples.filesystem;

import dev.destsdk.file.format.FormatWriterFactory;

/** The file conformance suite: Parquet files on the Local store. */
class LocalParquetIT extends FileSuites.Local {
    @Override
    FormatWriterFactory format() {
        return FileSuites.parquet();
    }
}
