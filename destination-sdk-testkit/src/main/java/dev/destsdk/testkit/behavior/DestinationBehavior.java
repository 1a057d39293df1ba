package dev.destsdk.testkit.behavior;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.capability.Feature;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A behaviour the conformance suites test. A suite case that needs a behaviour either runs and asserts the final
 * state (the destination has it) or asserts the canonical unsupported failure (it has not); nothing is skipped.
 *
 * <p>Two kinds:
 * <ul>
 *   <li><b>Declared</b> behaviours are read from the destination's {@link ConnectorCapabilitiesConfig}. The
 *       capabilities are the truth: an override may only repeat them (see {@link DestinationBehaviors}).</li>
 *   <li><b>Assumed</b> behaviours cannot be read from capabilities (types, identifiers, precision). They are assumed
 *       true unless a prerequisite behaviour is missing, and a connector's test overrides the ones its destination
 *       lacks, like Trino's {@code hasBehavior}.</li>
 * </ul>
 * Constants are ordered so that every prerequisite comes before the behaviours that need it.
 */
public enum DestinationBehavior {
    /** Load mode APPEND. */
    SUPPORTS_APPEND(c -> c.getLoadModes().contains(LoadMode.APPEND), Feature.loadMode(LoadMode.APPEND)),
    /** Load mode MERGE (upsert by primary key). */
    SUPPORTS_MERGE(c -> c.getLoadModes().contains(LoadMode.MERGE), Feature.loadMode(LoadMode.MERGE)),
    /** Load mode OVERWRITE. */
    SUPPORTS_OVERWRITE(c -> c.getLoadModes().contains(LoadMode.OVERWRITE), Feature.loadMode(LoadMode.OVERWRITE)),
    /** Load mode TRUNCATE_AND_LOAD. */
    SUPPORTS_TRUNCATE_AND_LOAD(c -> c.getLoadModes().contains(LoadMode.TRUNCATE_AND_LOAD),
            Feature.loadMode(LoadMode.TRUNCATE_AND_LOAD)),
    /** TRUNCATE_AND_LOAD never shows readers an empty table. */
    ATOMIC_TRUNCATE_AND_LOAD(c -> c.getLoadModes().contains(LoadMode.TRUNCATE_AND_LOAD) && c.atomicTruncateAndLoad(),
            "atomic TRUNCATE_AND_LOAD (load mode TRUNCATE_AND_LOAD and atomicTruncateAndLoad)"),
    /** First-run table handling FAIL. */
    SUPPORTS_TABLE_HANDLING_FAIL(c -> c.getDestinationTableHandlings().contains(DestinationTableHandling.FAIL),
            Feature.tableHandling(DestinationTableHandling.FAIL)),
    /** First-run table handling DROP. */
    SUPPORTS_TABLE_HANDLING_DROP(c -> c.getDestinationTableHandlings().contains(DestinationTableHandling.DROP),
            Feature.tableHandling(DestinationTableHandling.DROP)),
    /** First-run table handling MERGE. */
    SUPPORTS_TABLE_HANDLING_MERGE(c -> c.getDestinationTableHandlings().contains(DestinationTableHandling.MERGE),
            Feature.tableHandling(DestinationTableHandling.MERGE)),
    /** Schema evolution ALLOW_ALL. */
    SUPPORTS_SCHEMA_EVOLUTION_ALLOW_ALL(c -> c.getSchemaEvolutionModes().contains(SchemaEvolutionMode.ALLOW_ALL),
            Feature.schemaEvolution(SchemaEvolutionMode.ALLOW_ALL)),
    /** Schema evolution ALLOW_NEW_COLUMNS_ONLY. */
    SUPPORTS_SCHEMA_EVOLUTION_NEW_COLUMNS_ONLY(
            c -> c.getSchemaEvolutionModes().contains(SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY),
            Feature.schemaEvolution(SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY)),
    /** Schema evolution ALLOW_TYPE_CHANGES_ONLY. */
    SUPPORTS_SCHEMA_EVOLUTION_TYPE_CHANGES_ONLY(
            c -> c.getSchemaEvolutionModes().contains(SchemaEvolutionMode.ALLOW_TYPE_CHANGES_ONLY),
            Feature.schemaEvolution(SchemaEvolutionMode.ALLOW_TYPE_CHANGES_ONLY)),
    /** Schema evolution BLOCK_ALL. */
    SUPPORTS_SCHEMA_EVOLUTION_BLOCK_ALL(c -> c.getSchemaEvolutionModes().contains(SchemaEvolutionMode.BLOCK_ALL),
            Feature.schemaEvolution(SchemaEvolutionMode.BLOCK_ALL)),
    /** Rows marked deleted are removed when the load asks for hard deletes. */
    SUPPORTS_HARD_DELETES(ConnectorCapabilitiesConfig::supportsHardDeletes, Feature.HARD_DELETES),
    /** stage() uploads to a staging area. */
    SUPPORTS_STAGING(ConnectorCapabilitiesConfig::supportsStaging, Feature.STAGING),
    /** load() needs a prior stage(). */
    REQUIRES_STAGING(ConnectorCapabilitiesConfig::requiresStaging, Feature.REQUIRED_STAGING),
    /** executeSqlScript runs scripts. */
    SUPPORTS_SQL_SCRIPTS(ConnectorCapabilitiesConfig::supportsSqlScripts, Feature.SQL_SCRIPTS),
    /** An object with no fields can be created. */
    SUPPORTS_EMPTY_SCHEMA(ConnectorCapabilitiesConfig::canPropagateEmptySchema, Feature.EMPTY_SCHEMA),
    /** A missing schema is created by the load. */
    SUPPORTS_AUTO_CREATE_SCHEMA(ConnectorCapabilitiesConfig::canAutoCreateSchema, Feature.SCHEMA_AUTO_CREATION),
    /** Several objects may load in parallel, one destination instance each. */
    SUPPORTS_PARALLELIZATION(ConnectorCapabilitiesConfig::supportsParallelization, Feature.PARALLEL_LOADS),
    /** A load can resume from a checkpoint. */
    SUPPORTS_CHECKPOINTING(ConnectorCapabilitiesConfig::supportsCheckpointing, Feature.CHECKPOINTING),

    /** BOOLEAN columns. */
    SUPPORTS_TYPE_BOOLEAN(CanonicalType.BOOLEAN),
    /** SHORT columns. */
    SUPPORTS_TYPE_SHORT(CanonicalType.SHORT),
    /** INTEGER columns. */
    SUPPORTS_TYPE_INTEGER(CanonicalType.INTEGER),
    /** LONG columns. */
    SUPPORTS_TYPE_LONG(CanonicalType.LONG),
    /** FLOAT columns. */
    SUPPORTS_TYPE_FLOAT(CanonicalType.FLOAT),
    /** DOUBLE columns. */
    SUPPORTS_TYPE_DOUBLE(CanonicalType.DOUBLE),
    /** DECIMAL columns. */
    SUPPORTS_TYPE_DECIMAL(CanonicalType.DECIMAL),
    /** STRING columns. */
    SUPPORTS_TYPE_STRING(CanonicalType.STRING),
    /** DATE columns. */
    SUPPORTS_TYPE_DATE(CanonicalType.DATE),
    /** TIME columns. */
    SUPPORTS_TYPE_TIME(CanonicalType.TIME),
    /** TIMESTAMP columns. */
    SUPPORTS_TYPE_TIMESTAMP(CanonicalType.TIMESTAMP),
    /** TIMESTAMP_TZ columns. */
    SUPPORTS_TYPE_TIMESTAMP_TZ(CanonicalType.TIMESTAMP_TZ),
    /** BINARY columns. */
    SUPPORTS_TYPE_BINARY(CanonicalType.BINARY),
    /** JSON columns. */
    SUPPORTS_TYPE_JSON(CanonicalType.JSON),
    /** UUID columns. */
    SUPPORTS_TYPE_UUID(CanonicalType.UUID),

    /** Two columns whose names differ only in case are kept apart. */
    SUPPORTS_CASE_SENSITIVE_COLUMNS(List.of()),
    /** Identifiers may contain non-ASCII letters, CJK, emoji and combining marks. */
    SUPPORTS_UNICODE_IDENTIFIERS(List.of()),
    /** Reserved words can name tables and columns (quoted). */
    SUPPORTS_RESERVED_WORD_IDENTIFIERS(List.of()),
    /** Identifiers may contain quotes, backticks, spaces and punctuation (quoted and escaped). */
    SUPPORTS_SPECIAL_CHARACTER_IDENTIFIERS(List.of()),
    /** An empty string is stored apart from NULL. */
    SUPPORTS_EMPTY_STRING_DISTINCT_FROM_NULL(List.of(SUPPORTS_TYPE_STRING)),
    /** TIMESTAMP values keep their microseconds. */
    PRESERVES_TIMESTAMP_MICROS(List.of(SUPPORTS_TYPE_TIMESTAMP)),
    /** TIME values keep their microseconds. */
    PRESERVES_TIME_MICROS(List.of(SUPPORTS_TYPE_TIME)),
    /** TIMESTAMP_TZ values keep their instant and microseconds (the offset may be normalised). */
    PRESERVES_TIMESTAMP_TZ_MICROS(List.of(SUPPORTS_TYPE_TIMESTAMP_TZ)),
    /** FLOAT and DOUBLE columns keep the sign of {@code -0.0} (MariaDB and MySQL store it as {@code 0}). */
    PRESERVES_NEGATIVE_ZERO(List.of(SUPPORTS_TYPE_DOUBLE)),
    /**
     * UUID columns hold any 128-bit value in the canonical form. Without it the suites write only RFC 9562 UUIDs of
     * versions 1 to 7, and the nil and max UUIDs (MariaDB's UUID type refuses some other values).
     */
    SUPPORTS_ANY_UUID(List.of(SUPPORTS_TYPE_UUID)),
    /** DATE and TIMESTAMP hold years 1 to 9999. */
    SUPPORTS_FULL_DATE_RANGE(List.of(SUPPORTS_TYPE_DATE)),
    /** DECIMAL holds 38 digits of precision. */
    SUPPORTS_DECIMAL_PRECISION_38(List.of(SUPPORTS_TYPE_DECIMAL)),
    /** The load stops with the canonical CANCELLED failure when the job is cancelled. */
    SUPPORTS_CANCELLATION(List.of());

    private final Predicate<ConnectorCapabilitiesConfig> declaration;
    private final String capabilityName;
    private final CanonicalType type;
    private final List<DestinationBehavior> prerequisites;

    DestinationBehavior(Predicate<ConnectorCapabilitiesConfig> declaration, String capabilityName) {
        this.declaration = declaration;
        this.capabilityName = capabilityName;
        this.type = null;
        this.prerequisites = List.of();
    }

    DestinationBehavior(Predicate<ConnectorCapabilitiesConfig> declaration, Feature feature) {
        this(declaration, feature.description());
    }

    DestinationBehavior(CanonicalType type) {
        this.declaration = null;
        this.capabilityName = null;
        this.type = type;
        this.prerequisites = List.of();
    }

    DestinationBehavior(List<DestinationBehavior> prerequisites) {
        this.declaration = null;
        this.capabilityName = null;
        this.type = null;
        this.prerequisites = List.copyOf(prerequisites);
    }

    /** @return whether this behaviour is read from the capabilities (true) or assumed (false) */
    public boolean isDeclared() {
        return declaration != null;
    }

    /**
     * @return the capability this behaviour is read from, as a message names it (e.g. {@code load mode MERGE});
     *     empty for assumed behaviours
     */
    public Optional<String> capabilityName() {
        return Optional.ofNullable(capabilityName);
    }

    /** @return the canonical type a {@code SUPPORTS_TYPE_*} behaviour is about; empty for the others */
    public Optional<CanonicalType> canonicalType() {
        return Optional.ofNullable(type);
    }

    /** @return the behaviours an assumed behaviour needs; empty for declared ones; unmodifiable */
    public List<DestinationBehavior> prerequisites() {
        return prerequisites;
    }

    /**
     * Reads a declared behaviour from capabilities.
     *
     * @param capabilities the destination's capabilities; not null
     * @return what they declare; empty for an assumed behaviour
     */
    public Optional<Boolean> declaredBy(ConnectorCapabilitiesConfig capabilities) {
        Objects.requireNonNull(capabilities, "capabilities is null");
        return declaration == null ? Optional.empty() : Optional.of(declaration.test(capabilities));
    }

    /**
     * @param mode a load mode; not null
     * @return the behaviour {@code SUPPORTS_<mode>}
     */
    public static DestinationBehavior of(LoadMode mode) {
        return switch (Objects.requireNonNull(mode, "mode is null")) {
            case APPEND -> SUPPORTS_APPEND;
            case MERGE -> SUPPORTS_MERGE;
            case OVERWRITE -> SUPPORTS_OVERWRITE;
            case TRUNCATE_AND_LOAD -> SUPPORTS_TRUNCATE_AND_LOAD;
        };
    }

    /**
     * @param handling a first-run table handling; not null
     * @return the behaviour {@code SUPPORTS_TABLE_HANDLING_<handling>}
     */
    public static DestinationBehavior of(DestinationTableHandling handling) {
        return switch (Objects.requireNonNull(handling, "handling is null")) {
            case FAIL -> SUPPORTS_TABLE_HANDLING_FAIL;
            case DROP -> SUPPORTS_TABLE_HANDLING_DROP;
            case MERGE -> SUPPORTS_TABLE_HANDLING_MERGE;
        };
    }

    /**
     * @param mode a schema evolution mode; not null
     * @return the behaviour {@code SUPPORTS_SCHEMA_EVOLUTION_*} of that mode
     */
    public static DestinationBehavior of(SchemaEvolutionMode mode) {
        return switch (Objects.requireNonNull(mode, "mode is null")) {
            case ALLOW_ALL -> SUPPORTS_SCHEMA_EVOLUTION_ALLOW_ALL;
            case ALLOW_NEW_COLUMNS_ONLY -> SUPPORTS_SCHEMA_EVOLUTION_NEW_COLUMNS_ONLY;
            case ALLOW_TYPE_CHANGES_ONLY -> SUPPORTS_SCHEMA_EVOLUTION_TYPE_CHANGES_ONLY;
            case BLOCK_ALL -> SUPPORTS_SCHEMA_EVOLUTION_BLOCK_ALL;
        };
    }

    /**
     * @param type a canonical type; not null
     * @return the behaviour {@code SUPPORTS_TYPE_<type>}
     */
    public static DestinationBehavior of(CanonicalType type) {
        Objects.requireNonNull(type, "type is null");
        for (DestinationBehavior b : values()) {
            if (b.type == type) {
                return b;
            }
        }
        throw new IllegalStateException("no SUPPORTS_TYPE_ behaviour for " + type);
    }
}
