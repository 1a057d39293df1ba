package dev.destsdk.examples.postgresql;

import dev.destsdk.core.spi.Destination;

/**
 * The same warehouse behaviour through the generic batched-INSERT fallback ({@code bulk_load=insert}), proving the
 * fallback against a real database.
 */
class PostgresBatchedInsertIT extends PostgresDestinationIT {
    private final String schema = "destsdk_it_pgins_" + Long.toHexString(System.nanoTime());

    @Override
    protected Destination createDestination() {
        return new PostgresDestinationFactory().create(settings(schema, "insert"));
    }

    @Override
    protected String schema() {
        return schema;
    }

    @Override
    protected String listTablesSql() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'";
    }
}
