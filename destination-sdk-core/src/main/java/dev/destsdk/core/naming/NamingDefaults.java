package dev.destsdk.core.naming;

import java.util.Objects;
import java.util.Optional;

/**
 * A destination's default location for target objects.
 *
 * @param defaultCatalog the default catalog (database), if the destination has catalogs
 * @param defaultSchema the default schema; not null
 */
public record NamingDefaults(Optional<String> defaultCatalog, String defaultSchema) {

    /** Validates the components. */
    public NamingDefaults {
        Objects.requireNonNull(defaultCatalog, "defaultCatalog is null");
        Objects.requireNonNull(defaultSchema, "defaultSchema is null");
    }
}
