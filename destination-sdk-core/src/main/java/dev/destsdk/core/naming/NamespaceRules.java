package dev.destsdk.core.naming;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * The pipeline's naming rules for target objects: where tables go (catalog, schema) and how they are named (the
 * pipeline prefix). Produces raw names; the destination's {@link IdentifierFormatter} turns them into identifiers,
 * so a prefix or a custom schema is normalised (folded, cleaned, truncated) together with the rest of the name.
 * Immutable and thread-safe.
 *
 * <ul>
 *   <li>Catalog: the custom catalog when set, otherwise the destination's default catalog, if it has catalogs.</li>
 *   <li>Schema: chosen by the {@link SchemaStrategy}; under {@link SchemaStrategy#SOURCE_SCHEMA} the schema prefix is
 *       prepended to the source object's schema, and an object without a schema goes to the destination's default
 *       schema (without prefix).</li>
 *   <li>Table: the table prefix followed by the source object's name.</li>
 *   <li>Column: the source field's name.</li>
 * </ul>
 */
public final class NamespaceRules {
    private static final NamespaceRules DEFAULTS = builder().build();

    private final String tablePrefix;
    private final SchemaStrategy schemaStrategy;
    private final Optional<String> customSchema;
    private final Optional<String> customCatalog;
    private final String schemaPrefix;

    private NamespaceRules(Builder b) {
        this.tablePrefix = b.tablePrefix;
        this.schemaStrategy = b.schemaStrategy;
        this.customSchema = Optional.ofNullable(b.customSchema);
        this.customCatalog = Optional.ofNullable(b.customCatalog);
        this.schemaPrefix = b.schemaPrefix;
    }

    /** @return rules with no prefix that put every table in the destination's default schema and catalog */
    public static NamespaceRules defaults() {
        return DEFAULTS;
    }

    /** @return a new builder with the {@link #defaults()} configuration */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a new builder preloaded with these rules */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tablePrefix = tablePrefix;
        b.schemaStrategy = schemaStrategy;
        b.customSchema = customSchema.orElse(null);
        b.customCatalog = customCatalog.orElse(null);
        b.schemaPrefix = schemaPrefix;
        return b;
    }

    /** @return the pipeline prefix put before every table name; empty when there is none, never null */
    public String getTablePrefix() {
        return tablePrefix;
    }

    /** @return where tables go; never null */
    public SchemaStrategy getSchemaStrategy() {
        return schemaStrategy;
    }

    /** @return the schema every table goes to; present exactly when the strategy is {@link SchemaStrategy#CUSTOM} */
    public Optional<String> getCustomSchema() {
        return customSchema;
    }

    /** @return the catalog every table goes to, or empty for the destination's default catalog */
    public Optional<String> getCustomCatalog() {
        return customCatalog;
    }

    /**
     * @return the prefix put before source schema names under {@link SchemaStrategy#SOURCE_SCHEMA}; empty when there
     *     is none, never null
     */
    public String getSchemaPrefix() {
        return schemaPrefix;
    }

    /**
     * @param source the source object; not null
     * @param defaults the destination's default catalog and schema; not null
     * @return the raw catalog name for the target: the custom catalog, else the destination's default catalog, or
     *     empty when the destination has no catalogs
     */
    public Optional<String> catalogName(ObjectMetadata source, NamingDefaults defaults) {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(defaults, "defaults is null");
        return customCatalog.isPresent() ? customCatalog : defaults.defaultCatalog();
    }

    /**
     * @param source the source object; not null
     * @param defaults the destination's default catalog and schema; not null
     * @return the raw schema name for the target, as the schema strategy decides; never null
     */
    public String schemaName(ObjectMetadata source, NamingDefaults defaults) {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(defaults, "defaults is null");
        return switch (schemaStrategy) {
            case DESTINATION_DEFAULT -> defaults.defaultSchema();
            case CUSTOM -> customSchema.orElseThrow();
            case SOURCE_SCHEMA -> source.getSchema()
                    .filter(s -> !s.isBlank())
                    .map(s -> schemaPrefix + s)
                    .orElse(defaults.defaultSchema());
        };
    }

    /**
     * @param source the source object; not null
     * @return the raw table name for the target: the table prefix followed by the source object's name
     */
    public String tableName(ObjectMetadata source) {
        Objects.requireNonNull(source, "source is null");
        return tablePrefix + source.getName();
    }

    /**
     * @param source the source object; not null
     * @param field one of its fields; not null
     * @return the raw column name for the target: the field's name
     */
    public String columnName(ObjectMetadata source, FieldMetadata field) {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(field, "field is null");
        return field.getName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamespaceRules other
                && tablePrefix.equals(other.tablePrefix)
                && schemaStrategy == other.schemaStrategy
                && customSchema.equals(other.customSchema)
                && customCatalog.equals(other.customCatalog)
                && schemaPrefix.equals(other.schemaPrefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tablePrefix, schemaStrategy, customSchema, customCatalog, schemaPrefix);
    }

    /**
     * @return a JSON object with the snake_case keys {@code table_prefix}, {@code schema_strategy},
     *     {@code custom_schema}, {@code custom_catalog} and {@code schema_prefix}; absent values are {@code null}
     */
    @Override
    public String toString() {
        return "{\"table_prefix\":" + json(tablePrefix)
                + ",\"schema_strategy\":" + json(schemaStrategy.name())
                + ",\"custom_schema\":" + customSchema.map(NamespaceRules::json).orElse("null")
                + ",\"custom_catalog\":" + customCatalog.map(NamespaceRules::json).orElse("null")
                + ",\"schema_prefix\":" + json(schemaPrefix)
                + "}";
    }

    private static String json(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    /**
     * Builds {@link NamespaceRules}. Not thread-safe. {@link #build()} rejects contradictory settings with a
     * {@link ConnectorException} of type {@link ErrorType#CONFIGURATION_ERROR} that says what to set.
     */
    public static final class Builder {
        private String tablePrefix = "";
        private SchemaStrategy schemaStrategy = SchemaStrategy.DESTINATION_DEFAULT;
        private String customSchema;
        private String customCatalog;
        private String schemaPrefix = "";

        private Builder() {
        }

        /**
         * @param value the pipeline prefix put before every table name, e.g. {@code "crm_"}; empty for none; not null
         * @return this builder
         */
        public Builder tablePrefix(String value) {
            this.tablePrefix = Objects.requireNonNull(value, "tablePrefix is null");
            return this;
        }

        /**
         * @param value where tables go; not null; {@link SchemaStrategy#DESTINATION_DEFAULT} by default
         * @return this builder
         */
        public Builder schemaStrategy(SchemaStrategy value) {
            this.schemaStrategy = Objects.requireNonNull(value, "schemaStrategy is null");
            return this;
        }

        /**
         * @param value the schema every table goes to; required with, and only allowed with,
         *     {@link SchemaStrategy#CUSTOM}; not null
         * @return this builder
         */
        public Builder customSchema(String value) {
            this.customSchema = Objects.requireNonNull(value, "customSchema is null");
            return this;
        }

        /**
         * @param value the catalog (database) every table goes to instead of the destination's default; not null
         * @return this builder
         */
        public Builder customCatalog(String value) {
            this.customCatalog = Objects.requireNonNull(value, "customCatalog is null");
            return this;
        }

        /**
         * @param value a prefix put before source schema names, e.g. {@code "raw_"}; only allowed with
         *     {@link SchemaStrategy#SOURCE_SCHEMA}; empty for none; not null
         * @return this builder
         */
        public Builder schemaPrefix(String value) {
            this.schemaPrefix = Objects.requireNonNull(value, "schemaPrefix is null");
            return this;
        }

        /**
         * @return the rules
         * @throws ConnectorException CONFIGURATION_ERROR when {@link SchemaStrategy#CUSTOM} has no (or a blank)
         *     custom schema, a custom schema is set with another strategy, a schema prefix is set without
         *     {@link SchemaStrategy#SOURCE_SCHEMA}, or the custom catalog is blank
         */
        public NamespaceRules build() {
            if (schemaStrategy == SchemaStrategy.CUSTOM) {
                if (customSchema == null || customSchema.isBlank()) {
                    throw config("schema strategy CUSTOM needs a schema name: set customSchema(\"<schema>\"), or "
                            + "choose DESTINATION_DEFAULT or SOURCE_SCHEMA");
                }
            } else if (customSchema != null) {
                throw config("customSchema '" + customSchema + "' is only used with schema strategy CUSTOM, but the "
                        + "strategy is " + schemaStrategy + ": set schemaStrategy(CUSTOM) or remove customSchema");
            }
            if (!schemaPrefix.isEmpty() && schemaStrategy != SchemaStrategy.SOURCE_SCHEMA) {
                throw config("schemaPrefix '" + schemaPrefix + "' is only used with schema strategy SOURCE_SCHEMA, "
                        + "but the strategy is " + schemaStrategy + ": set schemaStrategy(SOURCE_SCHEMA) or remove "
                        + "schemaPrefix");
            }
            if (customCatalog != null && customCatalog.isBlank()) {
                throw config("customCatalog is blank: give a catalog name, or leave it unset to use the destination's "
                        + "default catalog");
            }
            return new NamespaceRules(this);
        }

        private static ConnectorException config(String detail) {
            return new ConnectorException(ErrorType.CONFIGURATION_ERROR, "namespace rules: " + detail);
        }
    }
}
