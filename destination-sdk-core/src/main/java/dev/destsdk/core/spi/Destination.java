package dev.destsdk.core.spi;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.IdentifierFormatter;
import dev.destsdk.core.naming.NamespaceRules;
import java.util.Optional;

/**
 * A destination connector: what an executor drives to write one object's rows somewhere.
 *
 * <p>Lifecycle, per object and run:
 * <ol>
 *   <li>{@link #getCapabilitiesConfig()}: what the destination supports; the executor only asks for that.</li>
 *   <li>{@link #mapToTargetObject}: the target object's names and types, decided before any data moves.</li>
 *   <li>{@link #stage}: uploads the data files to a stage, or returns {@link StageResponse#noOp}.</li>
 *   <li>{@link #load}: makes the target hold the rows, atomically and idempotently per syncId.</li>
 *   <li>{@link #executeSqlScript} (optional, SQL destinations).</li>
 *   <li>{@link #close()} when the executor is done with the destination.</li>
 * </ol>
 *
 * <p>Every method throws {@link ConnectorException} (unchecked) on failure, never another exception type. A feature
 * the destination does not declare fails with {@link ConnectorException#unsupported}. A destination instance may be
 * used by one thread at a time; executors that load in parallel create one instance per thread unless
 * {@link ConnectorCapabilitiesConfig#supportsParallelization()} says otherwise. Connectors normally extend one of the
 * SDK's base classes, which implement these methods as final template methods.
 */
public interface Destination extends AutoCloseable {

    /** @return the destination's type name, e.g. {@code postgresql}; used in messages */
    String name();

    /** @return what the destination supports; never null */
    ConnectorCapabilitiesConfig getCapabilitiesConfig();

    /**
     * Maps a source object to the target object: names through the namespace rules and the identifier policy,
     * types to native types (widened to the existing mapped object's types where given), keys and custom attributes
     * copied. Never adds tracking columns.
     *
     * @param sourceObject the source object; not null
     * @param namespaceRules the pipeline's naming rules; not null
     * @param existingMappedObject the object a previous run mapped, if any
     * @return the target object
     */
    ObjectMetadata mapToTargetObject(ObjectMetadata sourceObject, NamespaceRules namespaceRules,
                                     Optional<ObjectMetadata> existingMappedObject);

    /**
     * Stages the data files of one object.
     *
     * @param request the request; not null
     * @return where the files were staged, or a no-op
     */
    StageResponse stage(StageRequest request);

    /**
     * Loads one object's rows into its target.
     *
     * @param request the request; not null
     * @return what happened to the rows
     */
    LoadResponse load(LoadRequest request);

    /**
     * Runs a SQL script. Optional: the default fails with the canonical unsupported error.
     *
     * @param request the request; not null
     * @return the result
     */
    default SqlScriptResponse executeSqlScript(SqlScriptRequest request) {
        throw ConnectorException.unsupported(name(), "executeSqlScript");
    }

    /** @return the identifier policy that decides every name; never null */
    IdentifierFormatter getIdentifierFormatter();

    /** @return the identifier quote string */
    default String getIdentifierQuoteString() {
        return getIdentifierFormatter().getQuoteString();
    }

    /** @return the separator between the parts of a qualified name */
    default String getIdentifierSeparator() {
        return ".";
    }

    /**
     * @param catalog the catalog, if the destination has catalogs
     * @param schema the schema; not null
     * @return the schema's qualified name as the destination writes it
     */
    String getFullyQualifiedSchemaName(Optional<String> catalog, String schema);

    /**
     * @param catalog the catalog, if any
     * @param schema the schema, if any
     * @param table the table; not null
     * @return the table's qualified name as the destination writes it
     */
    String getFullyQualifiedTableName(Optional<String> catalog, Optional<String> schema, String table);

    /** Releases connections and other resources. Idempotent. Does not throw checked exceptions. */
    @Override
    default void close() {
    }
}
