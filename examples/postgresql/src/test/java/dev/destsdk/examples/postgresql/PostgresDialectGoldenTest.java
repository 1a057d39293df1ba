package dev.destsdk.examples.postgresql;

import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.testing.AbstractDialectGoldenTest;

/** Golden-file test of {@link PostgresDialect}; regenerate as {@link dev.destsdk.jdbc.testing.GoldenFiles} says. */
class PostgresDialectGoldenTest extends AbstractDialectGoldenTest {

    @Override
    protected SqlDialect dialect() {
        return new PostgresDialect();
    }
}
