package dev.destsdk.examples.duckdb;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.util.function.UnaryOperator;

/**
 * The conformance suite against the DuckDB connector declaring less than it implements: load modes APPEND and
 * OVERWRITE, table handlings FAIL and DROP, schema evolution ALLOW_NEW_COLUMNS_ONLY and BLOCK_ALL, no hard deletes,
 * no SQL scripts, no schema auto-creation (the suite creates its schema up front). Every case whose behaviour is
 * undeclared must then meet the canonical unsupported failure from the real base class, which proves the suite's
 * unsupported branches against a real database.
 */
class DuckDbRestrictedCapabilitiesIT extends DelegatingDuckDbSuite {

    @Override
    SqlDialect variantDialect() {
        return new DuckDbDialect();
    }

    @Override
    UnaryOperator<ConnectorCapabilitiesConfigBuilder> variantCapabilities() {
        return preset -> preset.loadModes(LoadMode.APPEND, LoadMode.OVERWRITE).defaultLoadMode(LoadMode.APPEND)
                .atomicTruncateAndLoad(false)
                .destinationTableHandlings(DestinationTableHandling.FAIL, DestinationTableHandling.DROP)
                .defaultDestinationTableHandling(DestinationTableHandling.FAIL)
                .schemaEvolutionModes(SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY, SchemaEvolutionMode.BLOCK_ALL)
                .defaultSchemaEvolutionMode(SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY)
                .supportsHardDeletes(false)
                .supportsSqlScripts(false)
                .canAutoCreateSchema(false)
                .supportsParallelization(false);
    }
}
