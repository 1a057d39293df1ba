package dev.destsdk.core.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.hash.Hashing;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierPolicyTest {
    private static final IdentifierPolicy POSTGRES = PolicyPresets.POSTGRES_LIKE.policy();
    private static final IdentifierPolicy MARIADB = PolicyPresets.MARIADB_LIKE.policy();
    private static final IdentifierPolicy SNOWFLAKE = PolicyPresets.SNOWFLAKE_LIKE.policy();

    @Test
    void defaultsAreAnsiLike() {
        IdentifierPolicy policy = IdentifierPolicy.builder().build();

        assertThat(policy.getCaseFolding()).isEqualTo(CaseFolding.NONE);
        assertThat(policy.getQuoteString()).isEqualTo("\"");
        assertThat(policy.getKeywordProvider().getReservedKeywords()).isEmpty();
        assertThat(policy.getMaxLength(IdentifierKind.TABLE)).isEqualTo(128);
        assertThat(policy.getMaxLength(IdentifierKind.COLUMN)).isEqualTo(128);
        assertThat(policy.getLengthUnit()).isEqualTo(LengthUnit.CHARACTERS);
        assertThat(policy.getAllowedCharacters()).isEmpty();
        assertThat(policy.getReplacement()).isEqualTo('_');
        assertThat(policy.isAlwaysQuote()).isFalse();
        assertThat(policy.isCaseInsensitiveComparison()).isFalse();
        assertThat(policy.normalize("My Table", IdentifierKind.TABLE)).isEqualTo("My Table");
        assertThat(policy.toString()).contains("caseFolding=NONE", "quoteString=\"", "CHARACTERS",
                "alwaysQuote=false", "reservedKeywords=0");
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "LOWER|MyTable|mytable",
        "UPPER|MyTable|MYTABLE",
        "NONE|MyTable|MyTable",
        "LOWER|ΣΟΦΙΑ|σοφια",
        "UPPER|straße|STRASSE",
        "LOWER|Order Date|order date"})
    void foldsCase(CaseFolding folding, String raw, String expected) {
        IdentifierPolicy policy = IdentifierPolicy.builder().caseFolding(folding).build();

        assertThat(policy.normalize(raw, IdentifierKind.COLUMN)).isEqualTo(expected);
    }

    @Test
    void replacesRefusedCharactersAfterFolding() {
        IdentifierPolicy policy = IdentifierPolicy.builder().caseFolding(CaseFolding.LOWER)
                .allowedCharacters("[a-z0-9_]").build();

        assertThat(policy.normalize("Order Date (UTC)", IdentifierKind.COLUMN)).isEqualTo("order_date__utc_");
        assertThat(policy.normalize("café😀", IdentifierKind.COLUMN)).isEqualTo("caf__");
    }

    @Test
    void usesTheConfiguredReplacement() {
        IdentifierPolicy policy = IdentifierPolicy.builder().allowedCharacters("[A-Za-z0-9-]").replacement('-')
                .build();

        assertThat(policy.normalize("a b.c", IdentifierKind.TABLE)).isEqualTo("a-b-c");
    }

    @Test
    void alwaysRefusesControlCharactersAndLoneSurrogates() {
        IdentifierPolicy policy = IdentifierPolicy.builder().build();

        assertThat(policy.normalize("a\u0000b\tc\nd\u007Fe\u0085f", IdentifierKind.COLUMN)).isEqualTo("a_b_c_d_e_f");
        assertThat(policy.normalize("x\uD800y\uDC00", IdentifierKind.COLUMN)).isEqualTo("x_y_");
        assertThat(policy.normalize("emoji😀kept", IdentifierKind.COLUMN)).isEqualTo("emoji😀kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t", " \n "})
    void refusesEmptyOrBlankNamesNamingTheColumn(String raw) {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> POSTGRES.normalize(raw, IdentifierKind.COLUMN));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getDetail()).contains("empty or blank", "namespace rules");
        assertThat(e.getContext().column()).contains(raw);
    }

    @Test
    void refusesANameWithNothingAccepted() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> SNOWFLAKE.normalize("顾客", IdentifierKind.TABLE));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getDetail()).contains("'顾客'", "[A-Z0-9_$]", "rename it in the source");
        assertThat(e.getContext().object()).contains("顾客");
    }

    @Test
    void keepsANameAtExactlyTheLimit() {
        String name = "a".repeat(63);

        assertThat(POSTGRES.normalize(name, IdentifierKind.TABLE)).isEqualTo(name);
    }

    @Test
    void truncatesInCharactersWithASha256Suffix() {
        String raw = "column_" + "x".repeat(100);
        String expectedHex = Hashing.sha256().hashString(raw.toLowerCase(), StandardCharsets.UTF_8).toString()
                .substring(0, 8);

        String name = MARIADB.normalize(raw, IdentifierKind.COLUMN);

        assertThat(name).hasSize(64).startsWith("column_xxx").endsWith("_" + expectedHex);
        assertThat(name.substring(0, 55)).isEqualTo(raw.substring(0, 55));
    }

    @Test
    void truncatesInUtf8BytesWithoutSplittingACharacter() {
        String raw = "é".repeat(40) + "中".repeat(10);

        String name = POSTGRES.normalize(raw, IdentifierKind.COLUMN);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);

        assertThat(bytes.length).isLessThanOrEqualTo(63);
        // 63 - 9 suffix bytes = 54 bytes for the prefix: 27 two-byte characters
        assertThat(name).startsWith("é".repeat(27)).hasSize(27 + 9);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(name);
    }

    @Test
    void neverSplitsASurrogatePair() {
        IdentifierPolicy chars = IdentifierPolicy.builder().maxLength(20).build();
        IdentifierPolicy bytes = chars.toBuilder().lengthUnit(LengthUnit.UTF8_BYTES).build();
        String raw = "😀".repeat(30);

        String byChars = chars.normalize(raw, IdentifierKind.TABLE);
        String byBytes = bytes.normalize(raw, IdentifierKind.TABLE);

        assertThat(byChars.codePointCount(0, byChars.length())).isEqualTo(20);
        assertThat(byChars).startsWith("😀".repeat(11));
        assertThat(byBytes.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(20);
        assertThat(byBytes).startsWith("😀".repeat(2)).doesNotStartWith("😀".repeat(3));
        assertThat(new String(byBytes.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(byBytes);
    }

    @Test
    void upperCaseDestinationsGetAnUpperCaseSuffix() {
        String name = SNOWFLAKE.normalize("n".repeat(300), IdentifierKind.TABLE);

        assertThat(name).hasSize(255).matches("N+_[0-9A-F]{8}");
        assertThat(SNOWFLAKE.normalize(name, IdentifierKind.TABLE)).isEqualTo(name);
    }

    @Test
    void namesThatDifferOnlyAfterPosition60GetDistinctSuffixes() {
        String prefix = "p".repeat(60);

        String a = POSTGRES.normalize(prefix + "_alpha", IdentifierKind.COLUMN);
        String b = POSTGRES.normalize(prefix + "_beta", IdentifierKind.COLUMN);

        assertThat(a).isNotEqualTo(b).startsWith("p".repeat(54));
        assertThat(a.substring(0, 54)).isEqualTo(b.substring(0, 54));
        assertThat(POSTGRES.normalizeAll(List.of(prefix + "_alpha", prefix + "_beta"), IdentifierKind.COLUMN))
                .containsExactly(a, b);
    }

    @Test
    void longNamesThatDifferOnlyInCaseCollideWhereTheDestinationIgnoresCase() {
        String lower = "customer_" + "name".repeat(20);
        String upper = lower.toUpperCase();

        assertThat(MARIADB.normalize(lower, IdentifierKind.COLUMN))
                .isEqualToIgnoringCase(MARIADB.normalize(upper, IdentifierKind.COLUMN));
        assertThatThrownBy(() -> MARIADB.normalizeAll(List.of(lower, upper), IdentifierKind.COLUMN))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("compares as equal");
    }

    @Test
    void normalisingAFinalNameLeavesItAlone() {
        String truncated = POSTGRES.normalize("Very Long Name ".repeat(10), IdentifierKind.TABLE);

        assertThat(POSTGRES.normalize(truncated, IdentifierKind.TABLE)).isEqualTo(truncated);
        assertThat(POSTGRES.normalize("already_final", IdentifierKind.TABLE)).isEqualTo("already_final");
    }

    @Test
    void quotesEscapingTheQuoteByDoubling() {
        assertThat(POSTGRES.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(MARIADB.quote("a`b``c")).isEqualTo("`a``b````c`");
        assertThat(POSTGRES.quote("")).isEqualTo("\"\"");
        assertThat(POSTGRES.unquote("\"a\"\"b\"")).isEqualTo("a\"b");
        assertThat(MARIADB.unquote("`a``b````c`")).isEqualTo("a`b``c");
        assertThat(POSTGRES.unquote("\"\"")).isEmpty();
    }

    @Test
    void unquoteReturnsAnUnquotedNameAsItIs() {
        assertThat(POSTGRES.unquote("plain")).isEqualTo("plain");
        assertThat(POSTGRES.unquote("a\"b")).isEqualTo("a\"b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"abc", "\"a\"b\"", "\"a\"\"\"\"b"})
    void unquoteRejectsMalformedQuotedNames(String quoted) {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> POSTGRES.unquote(quoted));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getDetail()).contains("not a well-formed quoted identifier", "quote()");
    }

    @ParameterizedTest(name = "{0} formats {1} as {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "LOWER|order_date|order_date",
        "LOWER|_x$1|_x$1",
        "LOWER|Order|\"Order\"",
        "LOWER|1st|\"1st\"",
        "LOWER|a b|\"a b\"",
        "LOWER|café|\"café\"",
        "LOWER|select|\"select\"",
        "UPPER|ORDER_DATE|ORDER_DATE",
        "UPPER|order_date|\"order_date\"",
        "UPPER|TABLE|\"TABLE\"",
        "NONE|OrderDate|OrderDate",
        "NONE|Select|\"Select\"",
        "NONE|a-b|\"a-b\"",
        "NONE|$a|\"$a\""})
    void formatQuotesOnlyWhereNeeded(CaseFolding folding, String identifier, String expected) {
        IdentifierPolicy policy = IdentifierPolicy.builder().caseFolding(folding).keywords(SqlKeywords.sql2016())
                .build();

        assertThat(policy.format(identifier)).isEqualTo(expected);
    }

    @Test
    void formatAlwaysQuotesWhenConfigured() {
        IdentifierPolicy policy = IdentifierPolicy.builder().alwaysQuote(true).quoteString("`").build();

        assertThat(policy.format("plain")).isEqualTo("`plain`");
        assertThat(policy.format("we`ird")).isEqualTo("`we``ird`");
    }

    @Test
    void formatQuotesReservedWordsInAnyCase() {
        assertThat(MARIADB.format("select")).isEqualTo("`select`");
        assertThat(MARIADB.format("SeLeCt")).isEqualTo("`SeLeCt`");
        assertThat(POSTGRES.format("limit")).isEqualTo("\"limit\"");
        assertThat(MARIADB.format("limit")).isEqualTo("limit");
    }

    @Test
    void normalizeAllReturnsTheNamesInOrder() {
        assertThat(POSTGRES.normalizeAll(List.of("Id", "Name", "Order Date"), IdentifierKind.COLUMN))
                .containsExactly("id", "name", "order date");
        assertThat(POSTGRES.normalizeAll(List.of(), IdentifierKind.COLUMN)).isEmpty();
    }

    @Test
    void normalizeAllReportsACaseCollision() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> POSTGRES.normalizeAll(List.of("id", "Name", "NAME"), IdentifierKind.COLUMN));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getDetail()).contains("columns 'Name' and 'NAME' both become 'name' (positions 2, 3)")
                .contains("Rename the columns in the source or change the namespace rules");
    }

    @Test
    void normalizeAllReportsEveryCollisionAtOnce() {
        List<String> raw = List.of("a b", "A_B", "a-b", "x", "Total", "TOTAL", "y", "x");
        IdentifierPolicy policy = POSTGRES.toBuilder().allowedCharacters("[a-z0-9_]").build();

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> policy.normalizeAll(raw, IdentifierKind.COLUMN));

        assertThat(e.getDetail())
                .startsWith("3 problems with column names (3 collisions)")
                .contains("columns 'a b', 'A_B' and 'a-b' all become 'a_b' (positions 1, 2, 3)")
                .contains("columns 'x' and 'x' both become 'x' (positions 4, 8)")
                .contains("columns 'Total' and 'TOTAL' both become 'total' (positions 5, 6)");
    }

    @Test
    void normalizeAllComparesCaseInsensitivelyWhenTheDestinationDoes() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> MARIADB.normalizeAll(List.of("Name", "NAME"), IdentifierKind.COLUMN));

        assertThat(e.getDetail()).contains("columns 'Name' and 'NAME' become 'Name' and 'NAME', which the "
                + "destination compares as equal").contains("compares names case-insensitively");
    }

    @Test
    void normalizeAllKeepsCaseVariantsApartWhenTheDestinationComparesExactly() {
        IdentifierPolicy exact = IdentifierPolicy.builder().build();

        assertThat(exact.normalizeAll(List.of("Name", "NAME", "name"), IdentifierKind.COLUMN))
                .containsExactly("Name", "NAME", "name");
    }

    @Test
    void normalizeAllReportsInvalidNamesWithTheCollisions() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> SNOWFLAKE.normalizeAll(List.of(" ", "a", "A", "中"), IdentifierKind.TABLE));

        assertThat(e.getDetail()).startsWith("3 problems with table names (1 collision)")
                .contains("table name ' ' is empty or blank", "(position 1)")
                .contains("tables 'a' and 'A' both become 'A' (positions 2, 3)")
                .contains("table name '中' has no character", "(position 4)");
    }

    @Test
    void normalizeAllReportsANullName() {
        assertThatThrownBy(() -> POSTGRES.normalizeAll(java.util.Arrays.asList("a", null), IdentifierKind.COLUMN))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("column at position 2 has no name");
    }

    @Test
    void comparisonKeyFollowsTheDestination() {
        assertThat(MARIADB.isSameIdentifier("Name", "NAME")).isTrue();
        assertThat(IdentifierPolicy.builder().build().isSameIdentifier("Name", "NAME")).isFalse();
        assertThat(SNOWFLAKE.comparisonKey("NAME")).isEqualTo("name");
    }

    @Test
    void toBuilderKeepsEveryOption() {
        IdentifierPolicy copy = PolicyPresets.FILE_STORE_LIKE.policy().toBuilder().build();

        assertThat(copy.toString()).isEqualTo(PolicyPresets.FILE_STORE_LIKE.policy().toString());
        assertThat(copy.getMaxLength(IdentifierKind.COLUMN)).isEqualTo(30);
        assertThat(copy.getMaxLength(IdentifierKind.TABLE)).isEqualTo(40);
        assertThat(copy.normalize("a b", IdentifierKind.COLUMN)).isEqualTo("a-b");
    }

    @Test
    void rejectsAReplacementThePolicyRefuses() {
        assertConfigError(() -> IdentifierPolicy.builder().allowedCharacters("[a-z0-9]").build(),
                "replacement '_'");
    }

    @Test
    void rejectsAReplacementTheFoldingChanges() {
        assertConfigError(() -> IdentifierPolicy.builder().caseFolding(CaseFolding.LOWER).replacement('X').build(),
                "its case folding keeps");
    }

    @Test
    void rejectsAllowedCharactersWithoutHexDigits() {
        assertConfigError(() -> IdentifierPolicy.builder().caseFolding(CaseFolding.UPPER)
                .allowedCharacters("[a-z0-9_]").build(), "hex digits 0123456789ABCDEF");
    }

    @Test
    void rejectsAnInvalidRegularExpression() {
        assertConfigError(() -> IdentifierPolicy.builder().allowedCharacters("[a-z").build(),
                "not a valid regular expression");
    }

    @Test
    void rejectsAMaximumTooShortForTheSuffix() {
        assertConfigError(() -> IdentifierPolicy.builder().maxLength(IdentifierKind.SCHEMA, 9).build(),
                "maxLength for SCHEMA is 9; it must be at least 10");
        assertThat(IdentifierPolicy.builder().maxLength(10).build().normalize("abcdefghijk", IdentifierKind.TABLE))
                .hasSize(10).startsWith("a_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "``", "a", "7", " ", "\u0000"})
    void rejectsAnUnusableQuoteString(String quote) {
        assertConfigError(() -> IdentifierPolicy.builder().quoteString(quote), "quoteString");
    }

    private static void assertConfigError(Runnable action, String expected) {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, action::run);

        assertThat(e).as("expected a CONFIGURATION_ERROR mentioning %s", expected).isNotNull();
        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getDetail()).contains(expected);
    }
}
