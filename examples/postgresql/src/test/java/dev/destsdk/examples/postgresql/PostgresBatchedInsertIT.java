package dev.destsdk.examples.postgresql;

import dev.destsdk.core.spi.Destination;

/**
 * The same conformance suite through the generic batched-INSERT fallback ({@code bulk_load=insert}), proving the
 * fallback against a real database.
 */
class PostgresBatchedInsertIT extends PostgresDestinationIT {
    @Override
    protected Destination createDestination() {
        return new PostgresDestinationFactory().create(settings(bulkLoad()));
    }

    @Override
    String bulkLoad() {
        return "insert";
    }
}
