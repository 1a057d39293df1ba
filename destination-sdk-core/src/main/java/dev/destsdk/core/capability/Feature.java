package dev.destsdk.core.capability;

import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import java.util.Objects;

/**
 * A feature a destination may or may not declare: the one vocabulary that the refusal message
 * ({@link dev.destsdk.core.error.ConnectorException#unsupported(String, Feature)}), the base classes' capability
 * checks and the testkit's behaviour flags share, so that none of them repeats a string literal.
 *
 * <p>Immutable. Use the constants and factories; two features are equal when their descriptions are.
 *
 * @param description how messages name the feature, e.g. {@code "load mode OVERWRITE"}; not blank
 */
public record Feature(String description) {
    /** Removing rows the source marks deleted. */
    public static final Feature HARD_DELETES = new Feature("hard deletes");
    /** {@code stage()} uploading data files to a staging area. */
    public static final Feature STAGING = new Feature("staging");
    /** {@code load()} needing a prior {@code stage()}. */
    public static final Feature REQUIRED_STAGING = new Feature("required staging");
    /** {@code executeSqlScript}. */
    public static final Feature SQL_SCRIPTS = new Feature("executeSqlScript");
    /** Creating an object that has no fields. */
    public static final Feature EMPTY_SCHEMA = new Feature("empty-schema propagation");
    /** Creating a missing schema (namespace) during a load. */
    public static final Feature SCHEMA_AUTO_CREATION = new Feature("schema auto-creation");
    /** Several objects loading in parallel. */
    public static final Feature PARALLEL_LOADS = new Feature("parallel loads");
    /** Resuming a load from a checkpoint. */
    public static final Feature CHECKPOINTING = new Feature("checkpointing");

    /** Validates the description. */
    public Feature {
        Objects.requireNonNull(description, "description is null");
        if (description.isBlank()) {
            throw new IllegalArgumentException("description is blank");
        }
    }

    /**
     * @param mode the load mode; not null
     * @return the feature "load mode MODE"
     */
    public static Feature loadMode(LoadMode mode) {
        return new Feature("load mode " + Objects.requireNonNull(mode, "mode is null"));
    }

    /**
     * @param handling the first-run table handling; not null
     * @return the feature "destination table handling HANDLING"
     */
    public static Feature tableHandling(DestinationTableHandling handling) {
        return new Feature("destination table handling " + Objects.requireNonNull(handling, "handling is null"));
    }

    /**
     * @param mode the schema evolution mode; not null
     * @return the feature "schema evolution mode MODE"
     */
    public static Feature schemaEvolution(SchemaEvolutionMode mode) {
        return new Feature("schema evolution mode " + Objects.requireNonNull(mode, "mode is null"));
    }

    /**
     * @param suffix the data files' suffix as {@link dev.destsdk.core.files.FileFormat#fileSuffix()} names it; not
     *               null
     * @return the feature "file format SUFFIX"
     */
    public static Feature fileFormat(String suffix) {
        return new Feature("file format " + Objects.requireNonNull(suffix, "suffix is null"));
    }

    @Override
    public String toString() {
        return description;
    }
}
