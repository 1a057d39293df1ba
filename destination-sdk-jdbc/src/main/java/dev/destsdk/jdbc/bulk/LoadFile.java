package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One data file a bulk loader reads.
 *
 * @param path where the file is (the local data path, or a local stage); not null
 * @param displayName the name used in messages and errors (the original data file's name); not null
 * @param format the file's format; not null
 */
public record LoadFile(Path path, String displayName, CsvFileFormat format) {

    /** Validates the components. */
    public LoadFile {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(displayName, "displayName is null");
        Objects.requireNonNull(format, "format is null");
    }

    /**
     * Names this file in an error raised while reading it (replacing a path the reader may have put there).
     *
     * @param failure the failure; not null
     * @return the failure naming {@link #displayName()}
     */
    public ConnectorException attribute(ConnectorException failure) {
        return failure.toBuilder().file(displayName).build();
    }

    /**
     * @param path a data file; not null
     * @param format its format; not null
     * @return the file, named by its file name
     */
    public static LoadFile of(Path path, CsvFileFormat format) {
        return new LoadFile(path, path.getFileName().toString(), format);
    }
}
