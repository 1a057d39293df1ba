package dev.destsdk.examples.filesystem;

import dev.destsdk.file.format.FormatWriterFactory;

/** The file conformance suite: Csv files on the S3 store. */
class S3CsvIT extends FileSuites.S3 {
    @Override
    FormatWriterFactory format() {
        return FileSuites.csv();
    }
}
