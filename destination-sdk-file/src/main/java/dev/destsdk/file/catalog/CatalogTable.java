package dev.destsdk.file.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A table as a catalog holds it: its definition and its partitions.
 *
 * @param definition the definition; not null
 * @param partitions the partitions; not null
 * @param version the catalog's version of this state (increasing with each change; 0 where the catalog has none)
 */
public record CatalogTable(TableDefinition definition, List<CatalogPartition> partitions, long version) {
    /** Validates the components. */
    public CatalogTable {
        Objects.requireNonNull(definition, "definition is null");
        partitions = List.copyOf(Objects.requireNonNull(partitions, "partitions is null"));
    }

    /** @return the rows of all partitions */
    public long rows() {
        return partitions.stream().mapToLong(CatalogPartition::rows).sum();
    }
}
