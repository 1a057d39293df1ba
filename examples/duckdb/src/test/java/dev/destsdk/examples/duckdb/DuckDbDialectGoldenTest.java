package dev.destsdk.examples.duckdb;

import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.testing.AbstractDialectGoldenTest;

/** Golden-file test of {@link DuckDbDialect}; regenerate as {@link dev.destsdk.jdbc.testing.GoldenFiles} says. */
class DuckDbDialectGoldenTest extends AbstractDialectGoldenTest {

    @Override
    protected SqlDialect dialect() {
        return new DuckDbDialect();
    }
}
