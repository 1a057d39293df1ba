package dev.destsdk.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.naming.IdentifierPolicy;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeneralSqlDialectErrorsTest {
    /** A dialect with every default. */
    private static final class AnsiDialect extends GeneralSqlDialect {
        AnsiDialect() {
            super("ansi", IdentifierPolicy.builder().build());
        }
    }

    private final SqlDialect dialect = new AnsiDialect();

    @ParameterizedTest(name = "{0} retryable={1}")
    @CsvSource({"57P01,true", "57P02,true", "57P03,true", "08006,true", "40001,true", "57014,false",
            "23505,false", "42P01,false"})
    void aLostSessionIsRetryableAndABadRequestIsNot(String state, boolean retryable) {
        assertThat(dialect.isRetryable(new SQLException("x", state))).isEqualTo(retryable);
    }
}
