package dev.destsdk.examples.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.testkit.warehouse.KeywordCoverage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MariaDbDialect}'s reserved words against the server's own {@code information_schema.KEYWORDS}, so that a
 * MariaDB upgrade that reserves a new word fails here. That table lists every keyword, reserved or not (about 700,
 * including operators such as {@code &&} and names such as {@code NAME} that need no quotes), without saying which
 * are reserved; so the test asks the server's parser: a keyword must be quoted when using it unquoted as a column
 * name in a CREATE TABLE, a select list, a WHERE or an ORDER BY is a syntax error (1064). The server comes from
 * {@code DESTSDK_MARIADB_URL}, as in {@link MariaDbDestinationIT}.
 */
class MariaDbKeywordsIT {
    private static final int PARSE_ERROR = 1064;

    @Test
    void theDialectQuotesEveryWordTheServerRefusesAsAName() throws SQLException {
        try (Connection c = MariaDbDestinationIT.DATABASE.connectOrSkip()) {
            List<String> keywords = KeywordCoverage.catalogWords(c,
                    "SELECT WORD FROM information_schema.KEYWORDS ORDER BY WORD");
            List<String> refused = KeywordCoverage.refusedAsNames(c, keywords,
                    List.of("CREATE TEMPORARY TABLE kw_probe (%1$s INT)",
                            "SELECT %1$s FROM kw_probe WHERE %1$s = 1 ORDER BY %1$s"),
                    "DROP TEMPORARY TABLE IF EXISTS kw_probe", e -> e.getErrorCode() == PARSE_ERROR);
            assertThat(refused).as("the probe tells reserved words from others").contains("SELECT", "LEFT")
                    .doesNotContain("NAME", "VALUE");
            KeywordCoverage.assertQuotesEvery(new MariaDbDialect().identifiers(), refused,
                    "information_schema.KEYWORDS of MariaDB " + c.getMetaData().getDatabaseProductVersion());
        }
    }
}
