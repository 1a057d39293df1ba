package dev.destsdk.examples.benchmark.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A generated data file and what a table holds after loading it.
 *
 * @param name the data set's name, e.g. {@code load-n2000000-s42}; also its directory name
 * @param directory the directory holding the one data file, as an executor's {@code localDataPath}; not null
 * @param file the data file ({@code success_part_00000.csv}) in {@code directory}; not null
 * @param rows rows in the file (excluding the header)
 * @param bytes the file's size
 * @param fileStats aggregates of the file's rows
 * @param expectedTable aggregates of the target table after the load (for a MERGE file: after merging onto the
 *     initial load)
 */
public record Dataset(String name, Path directory, Path file, long rows, long bytes, DatasetStats fileStats,
                      DatasetStats expectedTable) {

    /** Validates the components. */
    public Dataset {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(directory, "directory is null");
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(fileStats, "fileStats is null");
        Objects.requireNonNull(expectedTable, "expectedTable is null");
    }
}
