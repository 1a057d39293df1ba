package dev.destsdk.examples.filesystem;

import dev.destsdk.file.format.FormatWriterFactory;

/** The file conformance suite: JsonLines files on the Local store. */
class LocalJsonLinesIT extends FileSuites.Local {
    @Override
    FormatWriterFactory format() {
        return FileSuites.jsonLines();
    }
}
