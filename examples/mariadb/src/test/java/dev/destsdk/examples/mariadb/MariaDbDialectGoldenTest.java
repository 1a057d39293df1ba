package dev.destsdk.examples.mariadb;

import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.testing.AbstractDialectGoldenTest;

/** Golden-file test of {@link MariaDbDialect}; regenerate as {@link dev.destsdk.jdbc.testing.GoldenFiles} says. */
class MariaDbDialectGoldenTest extends AbstractDialectGoldenTest {

    @Override
    protected SqlDialect dialect() {
        return new MariaDbDialect();
    }
}
