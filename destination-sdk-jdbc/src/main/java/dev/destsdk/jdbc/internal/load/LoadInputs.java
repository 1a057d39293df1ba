package dev.destsdk.jdbc.internal.load;

import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.LoadFile;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a load takes from its destination besides the request: where the files come from, how they are bulk-loaded,
 * and whether a missing schema may be created. An immutable value.
 *
 * @param files lists the files to load, in order (called each time the files are loaded); not null
 * @param loader gives the destination's bulk loader (called each time the files are loaded); not null
 * @param destinationName the destination's name, for the unsupported-feature error; not null
 * @param canAutoCreateSchema whether the destination declares that it creates a missing schema
 */
public record LoadInputs(Supplier<List<LoadFile>> files, Supplier<BulkLoader> loader, String destinationName,
                         boolean canAutoCreateSchema) {
    /** Validates the components. */
    public LoadInputs {
        Objects.requireNonNull(files, "files is null");
        Objects.requireNonNull(loader, "loader is null");
        Objects.requireNonNull(destinationName, "destinationName is null");
    }
}
