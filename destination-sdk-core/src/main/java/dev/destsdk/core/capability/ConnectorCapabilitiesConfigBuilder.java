package dev.destsdk.core.capability;

import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;

/**
 * Builds a {@link ConnectorCapabilitiesConfig}. Presets ({@link #asCloudWarehouse()}, {@link #asTraditionalDatabase()},
 * {@link #asAPIConnector()}) set typical values that later calls override. Not thread-safe.
 */
public final class ConnectorCapabilitiesConfigBuilder {
    // TODO(issue 2): implementation
    ConnectorCapabilitiesConfigBuilder() {
    }

    /** @return a new builder */
    public static ConnectorCapabilitiesConfigBuilder builder() {
        return new ConnectorCapabilitiesConfigBuilder();
    }

    /** @return this builder with cloud warehouse presets */
    public ConnectorCapabilitiesConfigBuilder asCloudWarehouse() { return this; }

    /** @return this builder with traditional database presets */
    public ConnectorCapabilitiesConfigBuilder asTraditionalDatabase() { return this; }

    /** @return this builder with API connector presets */
    public ConnectorCapabilitiesConfigBuilder asAPIConnector() { return this; }

    /** @param modes supported load modes @return this builder */
    public ConnectorCapabilitiesConfigBuilder loadModes(LoadMode... modes) { return this; }

    /** @param mode default load mode @return this builder */
    public ConnectorCapabilitiesConfigBuilder defaultLoadMode(LoadMode mode) { return this; }

    /** @param modes supported table handlings @return this builder */
    public ConnectorCapabilitiesConfigBuilder destinationTableHandlings(DestinationTableHandling... modes) { return this; }

    /** @param mode default table handling @return this builder */
    public ConnectorCapabilitiesConfigBuilder defaultDestinationTableHandling(DestinationTableHandling mode) { return this; }

    /** @param modes supported schema evolution modes @return this builder */
    public ConnectorCapabilitiesConfigBuilder schemaEvolutionModes(SchemaEvolutionMode... modes) { return this; }

    /** @param mode default schema evolution mode @return this builder */
    public ConnectorCapabilitiesConfigBuilder defaultSchemaEvolutionMode(SchemaEvolutionMode mode) { return this; }

    /** @param value flag @return this builder */
    public ConnectorCapabilitiesConfigBuilder canAutoCreateSchema(boolean value) { return this; }

    /** @param value flag @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsStaging(boolean value) { return this; }

    /** @param value flag @return this builder */
    public ConnectorCapabilitiesConfigBuilder requiresStaging(boolean value) { return this; }

    /** @param value flag @return this builder */
    public ConnectorCapabilitiesConfigBuilder requiresExplicitLoadStep(boolean value) { return this; }

    /** @param value flag @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsHardDeletes(boolean value) { return this; }

    /** @param value flag @return this builder */
    public ConnectorCapabilitiesConfigBuilder canPropagateEmptySchema(boolean value) { return this; }

    /** @param value flag @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsParallelization(boolean value) { return this; }

    /** @param value flag @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsCheckpointing(boolean value) { return this; }

    /** @param value flag @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsRateLimit(boolean value) { return this; }

    /** @param value flag @return this builder */
    public ConnectorCapabilitiesConfigBuilder atomicTruncateAndLoad(boolean value) { return this; }

    /** @param value flag @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsSqlScripts(boolean value) { return this; }

    /** @param levels checksum levels @return this builder */
    public ConnectorCapabilitiesConfigBuilder checksumValidationLevels(ChecksumValidationLevel... levels) { return this; }

    /** @param level default checksum level @return this builder */
    public ConnectorCapabilitiesConfigBuilder defaultChecksumLevel(ChecksumValidationLevel level) { return this; }

    /** @param modes optimisation modes @return this builder */
    public ConnectorCapabilitiesConfigBuilder optimizationModes(OptimizationMode... modes) { return this; }

    /** @param mode default optimisation mode @return this builder */
    public ConnectorCapabilitiesConfigBuilder defaultOptimizationMode(OptimizationMode mode) { return this; }

    /** @return the config @throws dev.destsdk.core.error.ConnectorException CONFIGURATION_ERROR on contradictions */
    public ConnectorCapabilitiesConfig build() {
        throw new UnsupportedOperationException("TODO");
    }
}
