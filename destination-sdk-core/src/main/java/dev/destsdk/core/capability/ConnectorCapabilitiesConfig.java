package dev.destsdk.core.capability;

import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import java.util.Set;

/**
 * What a destination declares it supports. The executor and UI show only these options, the base classes refuse
 * anything else with {@link dev.destsdk.core.error.ConnectorException#unsupported}, and the testkit proves each
 * declared capability. Immutable; build with {@link #builder()}.
 */
public final class ConnectorCapabilitiesConfig {
    // TODO(issue 2): fields, validation in build(), presets
    private ConnectorCapabilitiesConfig() {
    }

    /** @return a new builder with nothing declared */
    public static ConnectorCapabilitiesConfigBuilder builder() {
        return new ConnectorCapabilitiesConfigBuilder();
    }

    /** @return the supported load modes; never empty */
    public Set<LoadMode> getLoadModes() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the default load mode, one of {@link #getLoadModes()} */
    public LoadMode getDefaultLoadMode() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the supported first-run table handlings */
    public Set<DestinationTableHandling> getDestinationTableHandlings() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the default table handling */
    public DestinationTableHandling getDefaultDestinationTableHandling() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the supported schema evolution modes */
    public Set<SchemaEvolutionMode> getSchemaEvolutionModes() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the default schema evolution mode */
    public SchemaEvolutionMode getDefaultSchemaEvolutionMode() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether missing schemas are created */
    public boolean canAutoCreateSchema() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether stage() uploads to a staging area */
    public boolean supportsStaging() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether load() needs a prior stage() */
    public boolean requiresStaging() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether the executor must call load() after stage() */
    public boolean requiresExplicitLoadStep() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether rows marked deleted can be removed */
    public boolean supportsHardDeletes() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether an object with no fields can be created */
    public boolean canPropagateEmptySchema() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether several objects may load in parallel */
    public boolean supportsParallelization() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether a load can resume from a checkpoint */
    public boolean supportsCheckpointing() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether the destination rate-limits itself */
    public boolean supportsRateLimit() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether TRUNCATE_AND_LOAD is atomic (readers never see the empty table) */
    public boolean atomicTruncateAndLoad() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether executeSqlScript is supported */
    public boolean supportsSqlScripts() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the supported checksum levels */
    public Set<ChecksumValidationLevel> getChecksumValidationLevels() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the default checksum level */
    public ChecksumValidationLevel getDefaultChecksumLevel() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the supported optimisation modes */
    public Set<OptimizationMode> getOptimizationModes() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the default optimisation mode */
    public OptimizationMode getDefaultOptimizationMode() {
        throw new UnsupportedOperationException("TODO");
    }
}
