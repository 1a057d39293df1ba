package dev.destsdk.core.capability;

import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a destination declares it supports. The executor and UI show only these options, the base classes refuse
 * anything else with {@link dev.destsdk.core.error.ConnectorException#unsupported}, and the testkit proves each
 * declared capability. Immutable and thread-safe; build with {@link #builder()} (usually after a preset such as
 * {@link ConnectorCapabilitiesConfigBuilder#asCloudWarehouse()}) and change with {@link #toBuilder()}.
 *
 * <p>Three capabilities are a set of supported values with a default: load modes, destination table handlings and
 * schema evolution modes. The others are flags. (There are no checksum levels or optimisation modes to declare: no
 * request carries a chosen level or mode, so no destination could honour one and no test could prove it.)
 *
 * <p>{@link ConnectorCapabilitiesConfigBuilder#build()} enforces these rules and reports every broken one in a
 * single {@link dev.destsdk.core.error.ConnectorException} of type
 * {@link dev.destsdk.core.error.ErrorType#CONFIGURATION_ERROR}, each naming the option and the fix:
 * <ol>
 *   <li>Every set is non-empty. Load modes must always be declared; the other sets start with one conservative
 *       member ({@code FAIL}, {@code BLOCK_ALL}), so they are empty only when
 *       declared empty.</li>
 *   <li>A default that was set is a member of its set (for example, {@code defaultLoadMode MERGE} with
 *       {@code loadModes [APPEND]} is rejected).</li>
 *   <li>A default that was not set is implied by a one-member set; a set with several members needs its default
 *       chosen. A preset's suggested default that a later call left outside its set counts as not set.</li>
 *   <li>{@code requiresStaging} implies {@code supportsStaging}: {@code stage()} cannot be mandatory if it stages
 *       nothing.</li>
 *   <li>{@code requiresStaging} or {@code requiresExplicitLoadStep} is true: when neither {@code stage()} nor
 *       {@code load()} is mandatory, an executor may skip both and no row would be written.
 *       ({@code requiresExplicitLoadStep} without staging support is not a contradiction: a direct-load destination
 *       stages nothing and writes every row in {@code load()}.)</li>
 *   <li>{@code atomicTruncateAndLoad} implies {@code TRUNCATE_AND_LOAD} among the load modes: the flag describes a
 *       mode the destination must support.</li>
 * </ol>
 * Other combinations (for example hard deletes without MERGE, or auto-create schema with {@code BLOCK_ALL}) are
 * unusual but not contradictory, and are accepted.
 */
public final class ConnectorCapabilitiesConfig {
    private final Set<LoadMode> loadModes;
    private final LoadMode defaultLoadMode;
    private final Set<DestinationTableHandling> destinationTableHandlings;
    private final DestinationTableHandling defaultDestinationTableHandling;
    private final Set<SchemaEvolutionMode> schemaEvolutionModes;
    private final SchemaEvolutionMode defaultSchemaEvolutionMode;
    private final Flags flags;

    /** The boolean capabilities, kept together so the constructor stays readable. */
    record Flags(boolean canAutoCreateSchema, boolean supportsStaging, boolean requiresStaging,
                 boolean requiresExplicitLoadStep, boolean supportsHardDeletes, boolean canPropagateEmptySchema,
                 boolean supportsParallelization, boolean supportsCheckpointing, boolean supportsRateLimit,
                 boolean atomicTruncateAndLoad, boolean supportsSqlScripts) {
    }

    ConnectorCapabilitiesConfig(EnumSet<LoadMode> loadModes, LoadMode defaultLoadMode,
                                EnumSet<DestinationTableHandling> destinationTableHandlings,
                                DestinationTableHandling defaultDestinationTableHandling,
                                EnumSet<SchemaEvolutionMode> schemaEvolutionModes,
                                SchemaEvolutionMode defaultSchemaEvolutionMode,
                                Flags flags) {
        this.loadModes = Collections.unmodifiableSet(EnumSet.copyOf(loadModes));
        this.defaultLoadMode = Objects.requireNonNull(defaultLoadMode);
        this.destinationTableHandlings = Collections.unmodifiableSet(EnumSet.copyOf(destinationTableHandlings));
        this.defaultDestinationTableHandling = Objects.requireNonNull(defaultDestinationTableHandling);
        this.schemaEvolutionModes = Collections.unmodifiableSet(EnumSet.copyOf(schemaEvolutionModes));
        this.defaultSchemaEvolutionMode = Objects.requireNonNull(defaultSchemaEvolutionMode);
        this.flags = Objects.requireNonNull(flags);
    }

    /** @return a new builder that declares nothing beyond the minimum described on the builder */
    public static ConnectorCapabilitiesConfigBuilder builder() {
        return new ConnectorCapabilitiesConfigBuilder();
    }

    /**
     * Returns a builder holding every value of this config; its defaults count as declared by the caller (so
     * changing a set to exclude its default is reported, not silently resolved).
     *
     * @return a new builder; building it unchanged gives a config equal to this one
     */
    public ConnectorCapabilitiesConfigBuilder toBuilder() {
        return new ConnectorCapabilitiesConfigBuilder(this);
    }

    /** @return the supported load modes in declaration order of {@link LoadMode}; never empty; unmodifiable */
    public Set<LoadMode> getLoadModes() {
        return loadModes;
    }

    /** @return the default load mode, one of {@link #getLoadModes()} */
    public LoadMode getDefaultLoadMode() {
        return defaultLoadMode;
    }

    /**
     * @param mode a load mode; not null
     * @return whether {@link #getLoadModes()} contains it
     */
    public boolean supportsLoadMode(LoadMode mode) {
        return loadModes.contains(Objects.requireNonNull(mode, "mode is null"));
    }

    /** @return the supported first-run table handlings; never empty; unmodifiable */
    public Set<DestinationTableHandling> getDestinationTableHandlings() {
        return destinationTableHandlings;
    }

    /** @return the default table handling, one of {@link #getDestinationTableHandlings()} */
    public DestinationTableHandling getDefaultDestinationTableHandling() {
        return defaultDestinationTableHandling;
    }

    /**
     * @param handling a table handling; not null
     * @return whether {@link #getDestinationTableHandlings()} contains it
     */
    public boolean supportsDestinationTableHandling(DestinationTableHandling handling) {
        return destinationTableHandlings.contains(Objects.requireNonNull(handling, "handling is null"));
    }

    /** @return the supported schema evolution modes; never empty; unmodifiable */
    public Set<SchemaEvolutionMode> getSchemaEvolutionModes() {
        return schemaEvolutionModes;
    }

    /** @return the default schema evolution mode, one of {@link #getSchemaEvolutionModes()} */
    public SchemaEvolutionMode getDefaultSchemaEvolutionMode() {
        return defaultSchemaEvolutionMode;
    }

    /**
     * @param mode a schema evolution mode; not null
     * @return whether {@link #getSchemaEvolutionModes()} contains it
     */
    public boolean supportsSchemaEvolutionMode(SchemaEvolutionMode mode) {
        return schemaEvolutionModes.contains(Objects.requireNonNull(mode, "mode is null"));
    }

    /** @return whether missing schemas are created */
    public boolean canAutoCreateSchema() {
        return flags.canAutoCreateSchema();
    }

    /** @return whether stage() uploads to a staging area */
    public boolean supportsStaging() {
        return flags.supportsStaging();
    }

    /** @return whether load() needs a prior stage(); implies {@link #supportsStaging()} */
    public boolean requiresStaging() {
        return flags.requiresStaging();
    }

    /**
     * @return whether the executor must call load() after stage(); true unless {@link #requiresStaging()} and
     *     stage() itself writes the rows
     */
    public boolean requiresExplicitLoadStep() {
        return flags.requiresExplicitLoadStep();
    }

    /** @return whether rows marked deleted can be removed */
    public boolean supportsHardDeletes() {
        return flags.supportsHardDeletes();
    }

    /** @return whether an object with no fields can be created */
    public boolean canPropagateEmptySchema() {
        return flags.canPropagateEmptySchema();
    }

    /** @return whether several objects may load in parallel */
    public boolean supportsParallelization() {
        return flags.supportsParallelization();
    }

    /** @return whether a load can resume from a checkpoint */
    public boolean supportsCheckpointing() {
        return flags.supportsCheckpointing();
    }

    /** @return whether the destination rate-limits itself */
    public boolean supportsRateLimit() {
        return flags.supportsRateLimit();
    }

    /**
     * @return whether TRUNCATE_AND_LOAD is atomic (readers never see the empty table); only true when
     *     TRUNCATE_AND_LOAD is supported
     */
    public boolean atomicTruncateAndLoad() {
        return flags.atomicTruncateAndLoad();
    }

    /** @return whether executeSqlScript is supported */
    public boolean supportsSqlScripts() {
        return flags.supportsSqlScripts();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectorCapabilitiesConfig c)) {
            return false;
        }
        return loadModes.equals(c.loadModes) && defaultLoadMode == c.defaultLoadMode
                && destinationTableHandlings.equals(c.destinationTableHandlings)
                && defaultDestinationTableHandling == c.defaultDestinationTableHandling
                && schemaEvolutionModes.equals(c.schemaEvolutionModes)
                && defaultSchemaEvolutionMode == c.defaultSchemaEvolutionMode
                && flags.equals(c.flags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loadModes, defaultLoadMode, destinationTableHandlings, defaultDestinationTableHandling,
                schemaEvolutionModes, defaultSchemaEvolutionMode, flags);
    }

    @Override
    public String toString() {
        return "ConnectorCapabilitiesConfig{loadModes=" + loadModes + ", defaultLoadMode=" + defaultLoadMode
                + ", destinationTableHandlings=" + destinationTableHandlings
                + ", defaultDestinationTableHandling=" + defaultDestinationTableHandling
                + ", schemaEvolutionModes=" + schemaEvolutionModes
                + ", defaultSchemaEvolutionMode=" + defaultSchemaEvolutionMode
                + ", canAutoCreateSchema=" + flags.canAutoCreateSchema()
                + ", supportsStaging=" + flags.supportsStaging()
                + ", requiresStaging=" + flags.requiresStaging()
                + ", requiresExplicitLoadStep=" + flags.requiresExplicitLoadStep()
                + ", supportsHardDeletes=" + flags.supportsHardDeletes()
                + ", canPropagateEmptySchema=" + flags.canPropagateEmptySchema()
                + ", supportsParallelization=" + flags.supportsParallelization()
                + ", supportsCheckpointing=" + flags.supportsCheckpointing()
                + ", supportsRateLimit=" + flags.supportsRateLimit()
                + ", atomicTruncateAndLoad=" + flags.atomicTruncateAndLoad()
                + ", supportsSqlScripts=" + flags.supportsSqlScripts() + "}";
    }
}
