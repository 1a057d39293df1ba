package dev.destsdk.core.capability;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/**
 * Builds a {@link ConnectorCapabilitiesConfig}. Not thread-safe; use from one thread.
 *
 * <p>A new builder declares nothing beyond the minimum that every destination has: no load modes (they must be
 * declared), destination table handling {@code {FAIL}}, schema evolution {@code {BLOCK_ALL}},
 * {@code requiresExplicitLoadStep} true (the SPI's normal contract: {@code load()} writes the rows) and every other
 * flag false.
 *
 * <p>Presets ({@link #asCloudWarehouse()}, {@link #asTraditionalDatabase()}, {@link #asAPIConnector()}) set
 * <em>every</em> option to a typical value; calls after a preset override single options, and a later preset
 * replaces an earlier one entirely. A default set by a preset is a suggestion: when a later call changes the set so
 * that it no longer holds the suggested default, the suggestion is dropped, and the default is then implied by a
 * one-member set or must be chosen explicitly. A default set by the caller is kept as declared.
 *
 * <p>Setters that take a set replace the whole set; passing no values declares an empty set (which
 * {@link #build()} rejects). Passing {@code null} for a default unsets it. {@link #build()} checks the rules listed
 * on {@link ConnectorCapabilitiesConfig} and reports every contradiction at once; {@link #contradictions()} lists
 * them without throwing.
 */
public final class ConnectorCapabilitiesConfigBuilder {
    private final Choice<LoadMode> loadModes;
    private final Choice<DestinationTableHandling> tableHandlings;
    private final Choice<SchemaEvolutionMode> schemaEvolutionModes;
    private boolean canAutoCreateSchema;
    private boolean supportsStaging;
    private boolean requiresStaging;
    private boolean requiresExplicitLoadStep = true;
    private boolean supportsHardDeletes;
    private boolean canPropagateEmptySchema;
    private boolean supportsParallelization;
    private boolean supportsCheckpointing;
    private boolean supportsRateLimit;
    private boolean atomicTruncateAndLoad;
    private boolean supportsSqlScripts;

    ConnectorCapabilitiesConfigBuilder() {
        loadModes = new Choice<>(LoadMode.class, "loadModes", "defaultLoadMode", EnumSet.noneOf(LoadMode.class));
        tableHandlings = new Choice<>(DestinationTableHandling.class, "destinationTableHandlings",
                "defaultDestinationTableHandling", EnumSet.of(DestinationTableHandling.FAIL));
        schemaEvolutionModes = new Choice<>(SchemaEvolutionMode.class, "schemaEvolutionModes",
                "defaultSchemaEvolutionMode", EnumSet.of(SchemaEvolutionMode.BLOCK_ALL));
    }

    /** Starts from an existing config: every set, default and flag as declared there (defaults count as explicit). */
    ConnectorCapabilitiesConfigBuilder(ConnectorCapabilitiesConfig config) {
        this();
        loadModes(config.getLoadModes()).defaultLoadMode(config.getDefaultLoadMode())
                .destinationTableHandlings(config.getDestinationTableHandlings())
                .defaultDestinationTableHandling(config.getDefaultDestinationTableHandling())
                .schemaEvolutionModes(config.getSchemaEvolutionModes())
                .defaultSchemaEvolutionMode(config.getDefaultSchemaEvolutionMode())
                .canAutoCreateSchema(config.canAutoCreateSchema())
                .supportsStaging(config.supportsStaging())
                .requiresStaging(config.requiresStaging())
                .requiresExplicitLoadStep(config.requiresExplicitLoadStep())
                .supportsHardDeletes(config.supportsHardDeletes())
                .canPropagateEmptySchema(config.canPropagateEmptySchema())
                .supportsParallelization(config.supportsParallelization())
                .supportsCheckpointing(config.supportsCheckpointing())
                .supportsRateLimit(config.supportsRateLimit())
                .atomicTruncateAndLoad(config.atomicTruncateAndLoad())
                .supportsSqlScripts(config.supportsSqlScripts());
    }

    /** @return a new builder that declares nothing beyond the minimum described on this class */
    public static ConnectorCapabilitiesConfigBuilder builder() {
        return new ConnectorCapabilitiesConfigBuilder();
    }

    /**
     * Typical values for a cloud data warehouse (Snowflake, BigQuery, Redshift) that loads through a stage:
     * <ul>
     *   <li>load modes APPEND, MERGE, OVERWRITE, TRUNCATE_AND_LOAD; default MERGE</li>
     *   <li>table handlings FAIL, DROP, MERGE; default MERGE</li>
     *   <li>schema evolution ALLOW_ALL, ALLOW_NEW_COLUMNS_ONLY, ALLOW_TYPE_CHANGES_ONLY, BLOCK_ALL; default
     *       ALLOW_ALL</li>
     *   <li>staging supported and required, explicit load step required</li>
     *   <li>auto-create schema, hard deletes, empty-schema propagation, parallel loads, atomic truncate-and-load and
     *       SQL scripts supported; no checkpointing, no self rate limiting</li>
     * </ul>
     *
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder asCloudWarehouse() {
        loadModes.preset(EnumSet.allOf(LoadMode.class), LoadMode.MERGE);
        tableHandlings.preset(EnumSet.allOf(DestinationTableHandling.class), DestinationTableHandling.MERGE);
        schemaEvolutionModes.preset(EnumSet.allOf(SchemaEvolutionMode.class), SchemaEvolutionMode.ALLOW_ALL);
        canAutoCreateSchema = true;
        supportsStaging = true;
        requiresStaging = true;
        requiresExplicitLoadStep = true;
        supportsHardDeletes = true;
        canPropagateEmptySchema = true;
        supportsParallelization = true;
        supportsCheckpointing = false;
        supportsRateLimit = false;
        atomicTruncateAndLoad = true;
        supportsSqlScripts = true;
        return this;
    }

    /**
     * Typical values for a traditional database (PostgreSQL, MySQL, MariaDB, Oracle) that loads directly from the
     * local data files:
     * <ul>
     *   <li>load modes APPEND, MERGE, OVERWRITE, TRUNCATE_AND_LOAD; default MERGE</li>
     *   <li>table handlings FAIL, DROP, MERGE; default MERGE</li>
     *   <li>schema evolution ALLOW_ALL, ALLOW_NEW_COLUMNS_ONLY, ALLOW_TYPE_CHANGES_ONLY, BLOCK_ALL; default
     *       ALLOW_ALL</li>
     *   <li>no staging; explicit load step required ({@code load()} writes the rows)</li>
     *   <li>auto-create schema, hard deletes, empty-schema propagation, parallel loads, atomic truncate-and-load and
     *       SQL scripts supported; no checkpointing, no self rate limiting</li>
     * </ul>
     *
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder asTraditionalDatabase() {
        loadModes.preset(EnumSet.allOf(LoadMode.class), LoadMode.MERGE);
        tableHandlings.preset(EnumSet.allOf(DestinationTableHandling.class), DestinationTableHandling.MERGE);
        schemaEvolutionModes.preset(EnumSet.allOf(SchemaEvolutionMode.class), SchemaEvolutionMode.ALLOW_ALL);
        canAutoCreateSchema = true;
        supportsStaging = false;
        requiresStaging = false;
        requiresExplicitLoadStep = true;
        supportsHardDeletes = true;
        canPropagateEmptySchema = true;
        supportsParallelization = true;
        supportsCheckpointing = false;
        supportsRateLimit = false;
        atomicTruncateAndLoad = true;
        supportsSqlScripts = true;
        return this;
    }

    /**
     * Typical values for a SaaS API destination (Salesforce, HubSpot) that writes records into objects it does not
     * define:
     * <ul>
     *   <li>load modes APPEND (insert) and MERGE (upsert by merge keys); default MERGE</li>
     *   <li>table handling MERGE only (the API object exists and is written into)</li>
     *   <li>schema evolution BLOCK_ALL only (the pipeline never alters the API's objects)</li>
     *   <li>no staging; explicit load step required</li>
     *   <li>rate limiting supported; no auto-create schema, no hard deletes, no empty-schema propagation, no parallel
     *       loads, no checkpointing, no atomic truncate-and-load, no SQL scripts</li>
     * </ul>
     *
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder asAPIConnector() {
        loadModes.preset(EnumSet.of(LoadMode.APPEND, LoadMode.MERGE), LoadMode.MERGE);
        tableHandlings.preset(EnumSet.of(DestinationTableHandling.MERGE), DestinationTableHandling.MERGE);
        schemaEvolutionModes.preset(EnumSet.of(SchemaEvolutionMode.BLOCK_ALL), SchemaEvolutionMode.BLOCK_ALL);
        canAutoCreateSchema = false;
        supportsStaging = false;
        requiresStaging = false;
        requiresExplicitLoadStep = true;
        supportsHardDeletes = false;
        canPropagateEmptySchema = false;
        supportsParallelization = false;
        supportsCheckpointing = false;
        supportsRateLimit = true;
        atomicTruncateAndLoad = false;
        supportsSqlScripts = false;
        return this;
    }

    /**
     * @param modes the supported load modes, replacing any declared before; not null, no null elements
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder loadModes(LoadMode... modes) {
        loadModes.members(modes);
        return this;
    }

    /**
     * @param modes the supported load modes, replacing any declared before; not null, no null elements
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder loadModes(Collection<LoadMode> modes) {
        loadModes.members(modes);
        return this;
    }

    /**
     * @param mode the default load mode, one of the load modes; null to unset (a one-member set then implies it)
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder defaultLoadMode(LoadMode mode) {
        loadModes.choose(mode);
        return this;
    }

    /**
     * @param modes the supported first-run table handlings, replacing any declared before; not null, no nulls
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder destinationTableHandlings(DestinationTableHandling... modes) {
        tableHandlings.members(modes);
        return this;
    }

    /**
     * @param modes the supported first-run table handlings, replacing any declared before; not null, no nulls
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder destinationTableHandlings(Collection<DestinationTableHandling> modes) {
        tableHandlings.members(modes);
        return this;
    }

    /**
     * @param mode the default table handling, one of the handlings; null to unset
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder defaultDestinationTableHandling(DestinationTableHandling mode) {
        tableHandlings.choose(mode);
        return this;
    }

    /**
     * @param modes the supported schema evolution modes, replacing any declared before; not null, no nulls
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder schemaEvolutionModes(SchemaEvolutionMode... modes) {
        schemaEvolutionModes.members(modes);
        return this;
    }

    /**
     * @param modes the supported schema evolution modes, replacing any declared before; not null, no nulls
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder schemaEvolutionModes(Collection<SchemaEvolutionMode> modes) {
        schemaEvolutionModes.members(modes);
        return this;
    }

    /**
     * @param mode the default schema evolution mode, one of the modes; null to unset
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder defaultSchemaEvolutionMode(SchemaEvolutionMode mode) {
        schemaEvolutionModes.choose(mode);
        return this;
    }

    /** @param value whether missing schemas are created @return this builder */
    public ConnectorCapabilitiesConfigBuilder canAutoCreateSchema(boolean value) {
        this.canAutoCreateSchema = value;
        return this;
    }

    /** @param value whether stage() uploads to a staging area @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsStaging(boolean value) {
        this.supportsStaging = value;
        return this;
    }

    /** @param value whether stage() must run before load(); needs staging support @return this builder */
    public ConnectorCapabilitiesConfigBuilder requiresStaging(boolean value) {
        this.requiresStaging = value;
        return this;
    }

    /** @param value whether the executor must call load() after stage() @return this builder */
    public ConnectorCapabilitiesConfigBuilder requiresExplicitLoadStep(boolean value) {
        this.requiresExplicitLoadStep = value;
        return this;
    }

    /** @param value whether rows marked deleted can be removed @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsHardDeletes(boolean value) {
        this.supportsHardDeletes = value;
        return this;
    }

    /** @param value whether an object with no fields can be created @return this builder */
    public ConnectorCapabilitiesConfigBuilder canPropagateEmptySchema(boolean value) {
        this.canPropagateEmptySchema = value;
        return this;
    }

    /** @param value whether several objects may load in parallel @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsParallelization(boolean value) {
        this.supportsParallelization = value;
        return this;
    }

    /** @param value whether a load can resume from a checkpoint @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsCheckpointing(boolean value) {
        this.supportsCheckpointing = value;
        return this;
    }

    /** @param value whether the destination rate-limits itself @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsRateLimit(boolean value) {
        this.supportsRateLimit = value;
        return this;
    }

    /**
     * @param value whether TRUNCATE_AND_LOAD is atomic (readers never see the empty table); needs TRUNCATE_AND_LOAD
     *     among the load modes
     * @return this builder
     */
    public ConnectorCapabilitiesConfigBuilder atomicTruncateAndLoad(boolean value) {
        this.atomicTruncateAndLoad = value;
        return this;
    }

    /** @param value whether executeSqlScript is supported @return this builder */
    public ConnectorCapabilitiesConfigBuilder supportsSqlScripts(boolean value) {
        this.supportsSqlScripts = value;
        return this;
    }

    /**
     * Lists every contradiction {@link #build()} would report, in the order of the rules on
     * {@link ConnectorCapabilitiesConfig}. Each entry names the option to change and how.
     *
     * @return the contradictions; empty when the builder is consistent; never null
     */
    public List<String> contradictions() {
        List<String> problems = new ArrayList<>();
        loadModes.check(problems);
        tableHandlings.check(problems);
        schemaEvolutionModes.check(problems);
        if (requiresStaging && !supportsStaging) {
            problems.add("requiresStaging is true but supportsStaging is false: set supportsStaging(true) if stage() "
                    + "uploads to a staging area, or requiresStaging(false)");
        }
        if (!requiresStaging && !requiresExplicitLoadStep) {
            problems.add("requiresExplicitLoadStep and requiresStaging are both false, so an executor may skip both "
                    + "stage() and load() and no rows would be written: set requiresExplicitLoadStep(true) if load() "
                    + "writes the rows, or requiresStaging(true) if stage() does");
        }
        if (atomicTruncateAndLoad && !loadModes.members().contains(LoadMode.TRUNCATE_AND_LOAD)) {
            problems.add("atomicTruncateAndLoad is true but loadModes " + loadModes.members()
                    + " does not contain TRUNCATE_AND_LOAD: add TRUNCATE_AND_LOAD to loadModes or set "
                    + "atomicTruncateAndLoad(false)");
        }
        return List.copyOf(problems);
    }

    /**
     * Checks every rule and builds the config. The builder stays usable afterwards.
     *
     * @return the config; never null
     * @throws ConnectorException CONFIGURATION_ERROR listing every contradiction found, each naming the option and
     *     the fix
     */
    public ConnectorCapabilitiesConfig build() {
        List<String> problems = contradictions();
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("connector capabilities contradict themselves (")
                    .append(problems.size()).append(problems.size() == 1 ? " problem)" : " problems)");
            for (int i = 0; i < problems.size(); i++) {
                message.append(i == 0 ? ": " : "; ").append(i + 1).append(") ").append(problems.get(i));
            }
            throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, message.toString());
        }
        return new ConnectorCapabilitiesConfig(
                loadModes.members(), loadModes.effectiveDefault().orElseThrow(),
                tableHandlings.members(), tableHandlings.effectiveDefault().orElseThrow(),
                schemaEvolutionModes.members(), schemaEvolutionModes.effectiveDefault().orElseThrow(),
                new ConnectorCapabilitiesConfig.Flags(canAutoCreateSchema, supportsStaging, requiresStaging,
                        requiresExplicitLoadStep, supportsHardDeletes, canPropagateEmptySchema,
                        supportsParallelization, supportsCheckpointing, supportsRateLimit, atomicTruncateAndLoad,
                        supportsSqlScripts));
    }
}
