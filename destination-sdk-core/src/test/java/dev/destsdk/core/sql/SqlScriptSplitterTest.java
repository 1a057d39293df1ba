package dev.destsdk.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlScriptSplitterTest {

    private static final SqlSplitOptions DEFAULTS = SqlSplitOptions.defaults();
    private static final SqlSplitOptions PG = SqlSplitOptions.postgresql();
    private static final SqlSplitOptions MARIADB = SqlSplitOptions.mariadb();

    private static Arguments c(String name, SqlSplitOptions options, String script, String... expected) {
        return Arguments.of(name, options, script, List.of(expected));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // statements, empties, comments around statements
                c("two statements", DEFAULTS, "SELECT 1; SELECT 2;", "SELECT 1", "SELECT 2"),
                c("last statement without semicolon", DEFAULTS, "SELECT 1;\nSELECT 2", "SELECT 1", "SELECT 2"),
                c("empty script", DEFAULTS, ""),
                c("only whitespace and semicolons", DEFAULTS, " ;\n\t;; \r\n ;"),
                c("comment-only statements are dropped", DEFAULTS, "-- header\n; /* nothing */ ;\n-- tail"),
                c("comment after the last semicolon is dropped", DEFAULTS, "SELECT 1; -- done", "SELECT 1"),
                c("leading comment belongs to the next statement", DEFAULTS,
                        "SELECT 1;\n-- create it\nCREATE TABLE t (a int);",
                        "SELECT 1", "-- create it\nCREATE TABLE t (a int)"),
                c("comments inside a statement are kept", DEFAULTS,
                        "SELECT /* a; b */ 1 -- c; d\n  FROM t; SELECT 2",
                        "SELECT /* a; b */ 1 -- c; d\n  FROM t", "SELECT 2"),
                c("statements are trimmed, inner whitespace kept", DEFAULTS,
                        " \t\n SELECT\n\t1 \n ;\n\n  SELECT  2  \n", "SELECT\n\t1", "SELECT  2"),
                // single-quoted strings
                c("semicolon in a string", DEFAULTS, "SELECT 'a;b'; SELECT 2", "SELECT 'a;b'", "SELECT 2"),
                c("doubled quote in a string", DEFAULTS, "SELECT 'it''s; fine'; SELECT 2",
                        "SELECT 'it''s; fine'", "SELECT 2"),
                c("comment markers in a string", DEFAULTS, "SELECT '-- no; /* no'; SELECT 2",
                        "SELECT '-- no; /* no'", "SELECT 2"),
                c("empty string and adjacent strings", DEFAULTS, "SELECT '', ''''; SELECT 'a' 'b;'",
                        "SELECT '', ''''", "SELECT 'a' 'b;'"),
                c("backslash is ordinary in a standard string", DEFAULTS, "SELECT 'C:\\'; SELECT 2",
                        "SELECT 'C:\\'", "SELECT 2"),
                c("backslash escapes when enabled", DEFAULTS.withBackslashEscapes(true),
                        "SELECT 'a\\';b'; SELECT 2", "SELECT 'a\\';b'", "SELECT 2"),
                c("escaped backslash before the closing quote", DEFAULTS.withBackslashEscapes(true),
                        "SELECT 'a\\\\'; SELECT 2", "SELECT 'a\\\\'", "SELECT 2"),
                c("newline inside a string", DEFAULTS, "SELECT 'a\n;\nb'; SELECT 2", "SELECT 'a\n;\nb'", "SELECT 2"),
                // E'...' strings
                c("E-string with escaped quote", DEFAULTS, "SELECT E'it\\'s; x'; SELECT 2",
                        "SELECT E'it\\'s; x'", "SELECT 2"),
                c("lowercase e-string", PG, "SELECT e'\\';'; SELECT 2", "SELECT e'\\';'", "SELECT 2"),
                c("E-string ending in an escaped backslash", DEFAULTS, "SELECT E'a\\\\'; SELECT 2",
                        "SELECT E'a\\\\'", "SELECT 2"),
                c("E-string with doubled quote", DEFAULTS, "SELECT E'a'';b'; SELECT 2", "SELECT E'a'';b'", "SELECT 2"),
                c("E after an identifier character is not a prefix", DEFAULTS, "SELECT typE'a\\'; SELECT 2",
                        "SELECT typE'a\\'", "SELECT 2"),
                c("E prefix disabled", DEFAULTS.withEscapeStringPrefix(false), "SELECT E'a\\'; SELECT 2",
                        "SELECT E'a\\'", "SELECT 2"),
                // quoted identifiers
                c("semicolon in a quoted identifier", DEFAULTS, "SELECT \"a;b\" FROM t; SELECT 2",
                        "SELECT \"a;b\" FROM t", "SELECT 2"),
                c("doubled double quote", DEFAULTS, "SELECT \"a\"\";b\" FROM t; SELECT 2",
                        "SELECT \"a\"\";b\" FROM t", "SELECT 2"),
                c("backslash is ordinary in a quoted identifier", DEFAULTS.withBackslashEscapes(true),
                        "SELECT \"a\\\"; SELECT 2", "SELECT \"a\\\"", "SELECT 2"),
                c("single quote in a quoted identifier", DEFAULTS, "SELECT \"it's;\"; SELECT 2",
                        "SELECT \"it's;\"", "SELECT 2"),
                c("backtick identifier", DEFAULTS, "SELECT `a;b` FROM t; SELECT 2", "SELECT `a;b` FROM t", "SELECT 2"),
                c("doubled backtick", MARIADB, "SELECT `a``;b` FROM t; SELECT 2",
                        "SELECT `a``;b` FROM t", "SELECT 2"),
                c("backslash is ordinary in a backtick identifier", MARIADB, "SELECT `a\\`; SELECT 2",
                        "SELECT `a\\`", "SELECT 2"),
                c("backtick is ordinary in PostgreSQL", PG, "SELECT `a;b`", "SELECT `a", "b`"),
                c("MariaDB double-quoted string with backslash escape", MARIADB, "SELECT \"a\\\";b\"; SELECT 2",
                        "SELECT \"a\\\";b\"", "SELECT 2"),
                c("MariaDB single-quoted string with backslash escape", MARIADB, "SELECT 'a\\';b'; SELECT 2",
                        "SELECT 'a\\';b'", "SELECT 2"),
                // comments
                c("semicolon in a line comment", DEFAULTS, "SELECT 1 -- x; y\n; SELECT 2",
                        "SELECT 1 -- x; y", "SELECT 2"),
                c("line comment ends the script", DEFAULTS, "SELECT 1 -- end", "SELECT 1 -- end"),
                c("quote in a line comment", DEFAULTS, "SELECT 1 -- it's\n; SELECT 2", "SELECT 1 -- it's", "SELECT 2"),
                c("block comment opener in a line comment", DEFAULTS, "SELECT 1 -- /*\n; SELECT 2",
                        "SELECT 1 -- /*", "SELECT 2"),
                c("block comment over lines with semicolons", DEFAULTS, "SELECT /* a;\n b;\n */ 1; SELECT 2",
                        "SELECT /* a;\n b;\n */ 1", "SELECT 2"),
                c("block comments do not nest by default", DEFAULTS, "SELECT /* a /* b */ 1; SELECT 2",
                        "SELECT /* a /* b */ 1", "SELECT 2"),
                c("nested block comments in PostgreSQL", PG, "SELECT /* a /* b; */ c; */ 1; SELECT 2",
                        "SELECT /* a /* b; */ c; */ 1", "SELECT 2"),
                c("/*/ does not close a comment", DEFAULTS, "SELECT /*/ ; */ 1; SELECT 2",
                        "SELECT /*/ ; */ 1", "SELECT 2"),
                c("comment between tokens without spaces", DEFAULTS, "SELECT 1/*;*/+2;SELECT 2",
                        "SELECT 1/*;*/+2", "SELECT 2"),
                c("hash comment in MariaDB", MARIADB, "SELECT 1 # x; y\n; SELECT 2", "SELECT 1 # x; y", "SELECT 2"),
                c("hash is an operator by default", DEFAULTS, "SELECT a # b; SELECT 2", "SELECT a # b", "SELECT 2"),
                c("MariaDB 5--2 is arithmetic", MARIADB, "SELECT 5--2; SELECT 3", "SELECT 5--2", "SELECT 3"),
                c("MariaDB -- before a space is a comment", MARIADB, "SELECT 5 -- 2;\n; SELECT 3",
                        "SELECT 5 -- 2;", "SELECT 3"),
                c("MariaDB -- before a newline or at the end is a comment", MARIADB, "SELECT 1 --\n; SELECT 2 --",
                        "SELECT 1 --", "SELECT 2 --"),
                c("MariaDB executable comment counts as a statement", MARIADB,
                        "/*!40101 SET NAMES utf8mb4 */;\n/* plain */;\n/*M!100100 SET x=1 */;",
                        "/*!40101 SET NAMES utf8mb4 */", "/*M!100100 SET x=1 */"),
                // dollar quoting
                c("dollar-quoted function body", DEFAULTS,
                        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql; SELECT 3",
                        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql", "SELECT 3"),
                c("tagged dollar quote holding other tags and $$", PG,
                        "DO $body$ BEGIN EXECUTE $q$ SELECT 1; $q$; RAISE NOTICE '$$;'; END $body$; SELECT 3",
                        "DO $body$ BEGIN EXECUTE $q$ SELECT 1; $q$; RAISE NOTICE '$$;'; END $body$", "SELECT 3"),
                c("quotes and comment markers in a dollar quote", DEFAULTS,
                        "SELECT $$ it's \"x -- /* ; $$; SELECT 2", "SELECT $$ it's \"x -- /* ; $$", "SELECT 2"),
                c("$1 is a parameter", PG, "PREPARE p AS SELECT $1, $2;EXECUTE p('a;', 'b')",
                        "PREPARE p AS SELECT $1, $2", "EXECUTE p('a;', 'b')"),
                c("$ after an identifier character belongs to the identifier", PG, "SELECT a$$ FROM t;SELECT 2",
                        "SELECT a$$ FROM t", "SELECT 2"),
                c("dollar tags are case-sensitive", PG, "SELECT $A$ ; $a$ ; $A$; SELECT 2",
                        "SELECT $A$ ; $a$ ; $A$", "SELECT 2"),
                c("tag with digits, underscore and non-ASCII", PG, "SELECT $_t1é$ ; $_t1é$, $t$;$t$; SELECT 2",
                        "SELECT $_t1é$ ; $_t1é$, $t$;$t$", "SELECT 2"),
                c("partial closing tag then the real one", PG, "SELECT $ab$ $a$; $$ab$; SELECT 2",
                        "SELECT $ab$ $a$; $$ab$", "SELECT 2"),
                c("tag cannot start with a digit", PG, "SELECT $1$; SELECT 2", "SELECT $1$", "SELECT 2"),
                c("dollar quoting off in MariaDB", MARIADB, "SELECT $$a;b$$", "SELECT $$a", "b$$"),
                c("empty dollar-quoted body", DEFAULTS, "SELECT $$$$;SELECT $x$$x$", "SELECT $$$$", "SELECT $x$$x$"),
                // line endings
                c("CRLF kept inside statements", DEFAULTS, "SELECT 1\r\n  FROM t;\r\n\r\nSELECT 2;\r\n",
                        "SELECT 1\r\n  FROM t", "SELECT 2"),
                c("line comment ended by CRLF", DEFAULTS, "SELECT 1 -- x;\r\n; SELECT 2", "SELECT 1 -- x;", "SELECT 2"),
                c("line comment ended by a lone CR", DEFAULTS, "SELECT 1 -- x;\r; SELECT 2", "SELECT 1 -- x;", "SELECT 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsAsExpected(String name, SqlSplitOptions options, String script, List<String> expected) {
        assertThat(SqlScriptSplitter.split(script, options)).as(name).containsExactlyElementsOf(expected);
    }

    @Test
    void defaultSplitUsesDefaultOptions() {
        String script = "SELECT 'a;b' /* c; */; SELECT $$;$$";

        assertThat(SqlScriptSplitter.split(script))
                .isEqualTo(SqlScriptSplitter.split(script, SqlSplitOptions.defaults()))
                .containsExactly("SELECT 'a;b' /* c; */", "SELECT $$;$$");
    }

    @Test
    void statementsCarryIndexAndStartingLine() {
        String script = "-- header only\n;\nSELECT 1;\n\n  /* why */ SELECT\n 2; ;\n\n\nSELECT 3";

        assertThat(SqlScriptSplitter.splitStatements(script)).containsExactly(
                new SqlStatement("SELECT 1", 0, 3),
                new SqlStatement("/* why */ SELECT\n 2", 1, 5),
                new SqlStatement("SELECT 3", 2, 9));
    }

    @Test
    void lineNumbersCountCrLfAndLoneCrOnce() {
        String script = "SELECT 1;\r\n\r\nSELECT\r\n 2;\rSELECT 3;\n\r\nSELECT 4";

        assertThat(SqlScriptSplitter.splitStatements(script)).extracting(SqlStatement::line)
                .containsExactly(1, 3, 5, 7);
    }

    @Test
    void linesInsideMultiLineConstructsAreCounted() {
        String script = "SELECT 'a\nb', $$\n;\n$$ /* \n */;\n\"x\ny\";\nSELECT 3";

        assertThat(SqlScriptSplitter.splitStatements(script)).extracting(SqlStatement::line)
                .containsExactly(1, 6, 8);
    }

    @Test
    void resultIsImmutable() {
        List<String> statements = SqlScriptSplitter.split("SELECT 1");

        assertThat(statements).containsExactly("SELECT 1");
        assertThatThrownBy(() -> statements.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> unterminated() {
        return Stream.of(
                Arguments.of(DEFAULTS, "SELECT 1;\nSELECT 'abc; SELECT 2", 2, 8, "string literal"),
                Arguments.of(DEFAULTS, "SELECT 'it''s", 1, 8, "string literal"),
                Arguments.of(DEFAULTS, "SELECT 1;\r\nSELECT 2;\r\n  SELECT \"col;", 3, 10, "quoted identifier"),
                Arguments.of(DEFAULTS, "SELECT `a``", 1, 8, "backtick-quoted identifier"),
                Arguments.of(DEFAULTS, "SELECT 1 /* note;\n\nSELECT 2;", 1, 10, "block comment"),
                Arguments.of(PG, "SELECT 1;\n/* a /* b */ SELECT 2;", 2, 1, "block comment"),
                Arguments.of(PG, "SELECT 1;\n\nDO $fn$ BEGIN; END $f$;", 3, 4, "dollar-quoted string $fn$"),
                Arguments.of(DEFAULTS, "SELECT $$ a; $ $", 1, 8, "dollar-quoted string $$"),
                Arguments.of(DEFAULTS, "SELECT E'abc\\'; SELECT 2", 1, 8, "escape string"),
                Arguments.of(MARIADB, "SELECT 'abc\\", 1, 8, "string literal"),
                Arguments.of(MARIADB, "SELECT \"a\\\"", 1, 8, "double-quoted string"),
                Arguments.of(DEFAULTS, "SELECT 1;\rSELECT 'x", 2, 8, "string literal"));
    }

    @ParameterizedTest(name = "[{index}] {4} at {2}:{3}")
    @MethodSource("unterminated")
    void unterminatedConstructNamesWhereItStarted(SqlSplitOptions options, String script, int line, int column,
                                                    String what) {
        assertThatThrownBy(() -> SqlScriptSplitter.split(script, options))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
                    assertThat(e.getContext().line()).hasValue(line);
                    assertThat(e.getContext().column()).hasValue(Integer.toString(column));
                    assertThat(e.getDetail())
                            .contains("unterminated " + what)
                            .contains("line " + line + ", column " + column)
                            .contains("close it with");
                });
    }

    @Test
    void unterminatedDollarQuoteSaysWhichDelimiterCloses() {
        assertThatThrownBy(() -> SqlScriptSplitter.split("SELECT $body$ x $bod$", PG))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("close it with $body$");
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> SqlScriptSplitter.split(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("script is null");
        assertThatThrownBy(() -> SqlScriptSplitter.split("SELECT 1", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("options is null");
    }

    @Test
    void presetsDifferWhereTheDatabasesDo() {
        assertThat(SqlSplitOptions.postgresql().nestedBlockComments()).isTrue();
        assertThat(SqlSplitOptions.defaults().nestedBlockComments()).isFalse();
        assertThat(SqlSplitOptions.mariadb())
                .returns(true, SqlSplitOptions::backslashEscapes)
                .returns(true, SqlSplitOptions::hashComments)
                .returns(true, SqlSplitOptions::dashCommentNeedsWhitespace)
                .returns(false, SqlSplitOptions::dollarQuoting);
        assertThat(SqlSplitOptions.mariadb().withDollarQuoting(true).withHashComments(false))
                .returns(true, SqlSplitOptions::dollarQuoting)
                .returns(false, SqlSplitOptions::hashComments)
                .returns(true, SqlSplitOptions::backslashEscapes);
    }

    @Test
    void statementRecordValidates() {
        assertThatThrownBy(() -> new SqlStatement(" ", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlStatement("x", -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlStatement("x", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SqlStatement("x", 2, 3)).returns("x", SqlStatement::sql);
    }
}
