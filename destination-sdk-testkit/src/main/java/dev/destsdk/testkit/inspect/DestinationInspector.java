package dev.destsdk.testkit.inspect;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads back what a destination holds, so that conformance suites assert the final state rather than the
 * destination's own report of it. A connector's test supplies one, reading through its own client (JDBC, the object
 * store, the API), never through the connector under test.
 *
 * <p>Names in {@link ObjectRef}s and column names are as the destination stores them (after the identifier policy,
 * unquoted). Values are typed as {@link dev.destsdk.testkit.value.ValueFormats} defines. Implementations need not be
 * thread-safe; suites use one inspector per test. Failures are thrown as
 * {@link dev.destsdk.core.error.ConnectorException}.
 */
public interface DestinationInspector extends AutoCloseable {

    /**
     * @param object the object; not null
     * @return whether it exists
     */
    boolean exists(ObjectRef object);

    /**
     * @param object an existing object; not null
     * @return its columns in the destination's order, tracking columns included
     * @throws dev.destsdk.core.error.ConnectorException VALIDATION_ERROR when the object does not exist
     */
    List<InspectedColumn> columns(ObjectRef object);

    /**
     * Reads every row of an object.
     *
     * @param object an existing object; not null
     * @param order sorted by key columns, or any order for a multiset comparison; not null
     * @return the columns and rows
     * @throws dev.destsdk.core.error.ConnectorException VALIDATION_ERROR when the object does not exist
     */
    InspectedTable read(ObjectRef object, RowOrder order);

    /**
     * Lists the objects of a schema, including any the connector should have removed (staging tables, temporary
     * files), so that suites can assert nothing was left behind.
     *
     * @param catalog the catalog, if the destination has catalogs
     * @param schema the schema, if the destination has schemas
     * @return the objects; empty when the schema does not exist
     */
    List<ObjectRef> listObjects(Optional<String> catalog, Optional<String> schema);

    /**
     * Reads an object when it exists.
     *
     * @param object the object; not null
     * @param order the row order; not null
     * @return the table, or empty when the object does not exist
     */
    default Optional<InspectedTable> readIfExists(ObjectRef object, RowOrder order) {
        return exists(object) ? Optional.of(read(object, order)) : Optional.empty();
    }

    /**
     * The objects of a schema that are not expected: what a load left behind.
     *
     * @param catalog the catalog, if any
     * @param schema the schema, if any
     * @param expected the objects that should be there; not null
     * @return the others, in listing order
     */
    default List<ObjectRef> leftovers(Optional<String> catalog, Optional<String> schema,
                                      Collection<ObjectRef> expected) {
        Set<ObjectRef> keep = Set.copyOf(Objects.requireNonNull(expected, "expected is null"));
        return listObjects(catalog, schema).stream().filter(o -> !keep.contains(o)).toList();
    }

    /**
     * Removes a namespace the tests created, with everything in it: the clean-up a test class runs at its end.
     * Never throws for a namespace that does not exist; implementations log and ignore failures, so that clean-up
     * never hides a test's own result. The default does nothing (for destinations whose tests clean up otherwise).
     *
     * @param catalog the catalog, if the destination has catalogs
     * @param schema the schema, if the destination has schemas
     */
    default void removeNamespace(Optional<String> catalog, Optional<String> schema) {
    }

    /**
     * Creates a namespace for the tests, for a destination that declares it cannot create one itself
     * ({@code canAutoCreateSchema} false). Does nothing when it exists.
     *
     * @param catalog the catalog, if the destination has catalogs
     * @param schema the schema, if the destination has schemas
     * @throws UnsupportedOperationException from the default, for inspectors that cannot create namespaces
     */
    default void createNamespace(Optional<String> catalog, Optional<String> schema) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot create namespaces");
    }

    /** Releases the inspector's connections. Idempotent. */
    @Override
    default void close() {
    }
}
