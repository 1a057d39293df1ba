package dev.destsdk.examples.filesystem;

import dev.destsdk.file.format.FormatWriterFactory;

/** The file conformance suite: Csv files on the Local store. */
class LocalCsvIT extends FileSuites.Local {
    @Override
    FormatWriterFactory format() {
        return FileSuites.csv();
    }
}
