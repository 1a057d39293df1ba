package dev.destsdk.core.naming;

import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import java.util.Optional;

/**
 * The pipeline's naming rules for target objects: where tables go (catalog, schema) and how they are named (the
 * pipeline prefix). Produces raw names; the destination's {@link IdentifierFormatter} turns them into identifiers.
 * Immutable and thread-safe.
 */
public final class NamespaceRules {
    // TODO(issue 2): implementation (schema strategy, prefix, custom catalog/schema)
    private NamespaceRules() {
    }

    /** @return rules with no prefix that put every table in the destination's default schema */
    public static NamespaceRules defaults() {
        return new NamespaceRules();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param source the source object; not null
     * @param defaults the destination's default catalog and schema; not null
     * @return the raw catalog name for the target, or empty when the destination has no catalogs
     */
    public Optional<String> catalogName(ObjectMetadata source, NamingDefaults defaults) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @param source the source object; not null
     * @param defaults the destination's default catalog and schema; not null
     * @return the raw schema name for the target
     */
    public String schemaName(ObjectMetadata source, NamingDefaults defaults) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @param source the source object; not null
     * @return the raw table name for the target (prefix applied)
     */
    public String tableName(ObjectMetadata source) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @param source the source object; not null
     * @param field one of its fields; not null
     * @return the raw column name for the target
     */
    public String columnName(ObjectMetadata source, FieldMetadata field) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Builds {@link NamespaceRules}. */
    public static final class Builder {
        private Builder() {
        }

        /** @return the rules */
        public NamespaceRules build() {
            return new NamespaceRules();
        }
    }
}
