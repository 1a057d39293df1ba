package dev.destsdk.examples.filesystem;

import dev.destsdk.file.format.FormatWriterFactory;

/** The file conformance suite: JsonLines files on the S3 store. */
class S3JsonLinesIT extends FileSuites.S3 {
    @Override
    FormatWriterFactory format() {
        return FileSuites.jsonLines();
    }
}
