package dev.destsdk.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.error.ErrorType;
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

    /**
     * A statement over loaded rows fails on bad input with class 22 or 23; a statement creating a catalog object
     * carries no rows, so there the same classes (PostgreSQL's unique violation on pg_namespace when another session
     * created the schema at the same moment) are the server's failure.
     */
    @ParameterizedTest(name = "{0}: {1} over rows, {2} creating a catalog object")
    @CsvSource({"23505,VALIDATION_ERROR,SQL_ERROR", "23000,VALIDATION_ERROR,SQL_ERROR",
            "22001,VALIDATION_ERROR,SQL_ERROR", "28P01,AUTHENTICATION_ERROR,AUTHENTICATION_ERROR",
            "42P07,SQL_ERROR,SQL_ERROR", "42501,SQL_ERROR,SQL_ERROR"})
    void aCatalogChangeIsNeverBadInputWhileTheSameStateOverRowsIs(String state, ErrorType overRows,
                                                                 ErrorType catalogChange) {
        SQLException failure = new SQLException("x", state);
        assertThat(dialect.classify(failure)).isEqualTo(overRows);
        assertThat(dialect.classifyCatalogChange(failure)).isEqualTo(catalogChange);
    }
}
