package dev.destsdk.jdbc.dialect;

import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.testkit.warehouse.AbstractDialectGoldenTest;

/** The ANSI defaults of {@link GeneralSqlDialect}, through a dialect that overrides nothing. */
class AnsiDialectGoldenTest extends AbstractDialectGoldenTest {

    /** A dialect with every default. */
    static final class AnsiDialect extends GeneralSqlDialect {
        AnsiDialect() {
            super("ansi", IdentifierPolicy.builder().build());
        }
    }

    @Override
    protected SqlDialect dialect() {
        return new AnsiDialect();
    }
}
