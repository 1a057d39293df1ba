package dev.destsdk.examples.duckdb;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The conformance suite against the DuckDB connector behind a dialect that cannot change a column's type in place
 * ({@code widenColumn} is empty), as some warehouses cannot: every widening the suite asks for (schema evolution,
 * every mode that allows it, ddlOnly) must then be done by the base class rebuilding the table, with the same rows
 * and the same read-back results as an ALTER gives.
 */
class DuckDbRebuildingWideningIT extends DelegatingDuckDbSuite {

    /** DuckDB's dialect without in-place type changes. */
    static final class NoAlterTypeDialect extends DuckDbDialect {
        @Override
        public Optional<List<String>> widenColumn(TableName table, ColumnDef from, ColumnDef to) {
            return Optional.empty();
        }
    }

    @Override
    SqlDialect variantDialect() {
        return new NoAlterTypeDialect();
    }

    @Override
    UnaryOperator<ConnectorCapabilitiesConfigBuilder> variantCapabilities() {
        return UnaryOperator.identity();
    }
}
