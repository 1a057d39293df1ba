package dev.destsdk.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds scripts from random statements (identifiers, strings and quoted identifiers holding quotes, semicolons and
 * comment markers, comments holding semicolons, dollar-quoted bodies) joined by semicolons, random whitespace and
 * comment-only statements, and checks that splitting returns exactly the statements, with their lines.
 */
class SqlScriptSplitterGeneratedTest {

    enum Dialect {
        DEFAULTS(SqlSplitOptions.defaults()),
        POSTGRESQL(SqlSplitOptions.postgresql()),
        MARIADB(SqlSplitOptions.mariadb());

        final SqlSplitOptions options;

        Dialect(SqlSplitOptions options) {
            this.options = options;
        }
    }

    static Stream<Arguments> seeds() {
        List<Arguments> arguments = new ArrayList<>();
        for (Dialect dialect : Dialect.values()) {
            for (long i = 0; i < 20; i++) {
                arguments.add(Arguments.of(dialect, 7_919L * (dialect.ordinal() + 1) + i));
            }
        }
        return arguments.stream();
    }

    static Stream<Arguments> errorSeeds() {
        List<Arguments> arguments = new ArrayList<>();
        for (Dialect dialect : Dialect.values()) {
            for (long i = 0; i < 5; i++) {
                arguments.add(Arguments.of(dialect, 104_729L * (dialect.ordinal() + 1) + i));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("seeds")
    void splitReturnsExactlyTheGeneratedStatements(Dialect dialect, long seed) {
        Generator generator = new Generator(dialect, new Random(seed));
        GeneratedScript generated = generator.script();

        List<SqlStatement> split = SqlScriptSplitter.splitStatements(generated.script(), dialect.options);
        List<SqlStatement> streamed = new ArrayList<>();
        new SqlStatementReader(new SqlStatementReaderTest.ChunkedReader(new StringReader(generated.script()),
                1 + new Random(seed).nextInt(7)), dialect.options).forEachRemaining(streamed::add);

        assertThat(split).as("dialect=%s seed=%d script=%n%s", dialect, seed, generated.script())
                .isEqualTo(generated.expected());
        assertThat(streamed).as("streamed: dialect=%s seed=%d", dialect, seed).isEqualTo(generated.expected());
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("errorSeeds")
    void unterminatedConstructAfterValidStatementsIsReportedWhereItStarts(Dialect dialect, long seed) {
        Random random = new Random(seed);
        Generator generator = new Generator(dialect, random);
        String valid = generator.script().script();
        String prefix = valid + ";" + generator.whitespace() + "SELECT 1," + generator.whitespace();
        List<String> openers = new ArrayList<>(List.of("'", "\"", "/*"));
        if (dialect != Dialect.POSTGRESQL) {
            openers.add("`");
        }
        if (dialect != Dialect.MARIADB) {
            openers.addAll(List.of("$$", "$body$", "E'"));
        }
        String opener = openers.get(random.nextInt(openers.size()));
        StringBuilder rest = new StringBuilder(opener);
        for (int i = random.nextInt(6); i >= 0; i--) {
            rest.append(Generator.pick(random, "abc", " ", ";", "\n", "\r\n", "x y", ";;"));
        }
        String script = prefix + rest;
        int expectedLine = lineAt(script, prefix.length());
        int expectedColumn = columnAt(script, prefix.length());

        assertThatThrownBy(() -> SqlScriptSplitter.split(script, dialect.options))
                .as("dialect=%s seed=%d script=%n%s", dialect, seed, script)
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.getErrorType()).as("seed=%d", seed).isEqualTo(ErrorType.VALIDATION_ERROR);
                    assertThat(e.getContext().line()).as("seed=%d", seed).hasValue(expectedLine);
                    assertThat(e.getContext().column()).as("seed=%d", seed)
                            .hasValue(Integer.toString(expectedColumn));
                });
    }

    /** 1-based line of the character at {@code offset}; CRLF and a lone CR each end one line. */
    static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\r' || (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r'))) {
                line++;
            }
        }
        return line;
    }

    static int columnAt(String text, int offset) {
        int start = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
        return offset - start + 1;
    }

    record GeneratedScript(String script, List<SqlStatement> expected) {
    }

    /** Random SQL pieces valid for one dialect. Every token is separated from the next by whitespace. */
    static final class Generator {
        private static final String[] WORDS = {"a", "abc", "x1", "select", "from", "nul", "é", "日本", "\uD83D\uDE00"};
        private static final String[] WHITESPACE = {" ", "  ", "\n", "\t", "\r\n", " \n  ", "\r", "\n\n"};
        private static final String[] LINE_ENDS = {"\n", "\r\n", "\r"};
        private static final String[] DOLLAR_TAGS = {"", "a", "fn", "_x1", "tag_2", "é"};

        private final Dialect dialect;
        private final Random random;

        Generator(Dialect dialect, Random random) {
            this.dialect = dialect;
            this.random = random;
        }

        static String pick(Random random, String... choices) {
            return choices[random.nextInt(choices.length)];
        }

        private String pick(String... choices) {
            return pick(random, choices);
        }

        private boolean mariadb() {
            return dialect == Dialect.MARIADB;
        }

        GeneratedScript script() {
            StringBuilder script = new StringBuilder();
            List<SqlStatement> expected = new ArrayList<>();
            if (random.nextBoolean()) {
                script.append(whitespace()).append(comment()).append(whitespace()).append(';');
            }
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    script.append(separator());
                } else if (random.nextBoolean()) {
                    script.append(whitespace());
                }
                String statement = statement();
                int offset = script.length();
                script.append(statement);
                expected.add(new SqlStatement(statement.strip(), i, lineAt(script.toString(), offset)));
            }
            switch (random.nextInt(4)) {
                case 0 -> script.append(whitespace());
                case 1 -> script.append(';');
                case 2 -> script.append(';').append(whitespace()).append(comment());
                default -> {
                    // the last statement ends the script
                }
            }
            return new GeneratedScript(script.toString(), List.copyOf(expected));
        }

        /** A semicolon, possibly followed by statements holding nothing but comments and whitespace. */
        String separator() {
            StringBuilder separator = new StringBuilder();
            separator.append(random.nextBoolean() ? "" : whitespace()).append(';');
            for (int i = random.nextInt(3); i > 0; i--) {
                separator.append(whitespace());
                if (random.nextBoolean()) {
                    separator.append(comment()).append(whitespace());
                }
                separator.append(';');
            }
            return separator.append(random.nextBoolean() ? "" : whitespace()).toString();
        }

        /** Starts and ends with a non-whitespace piece (a line comment ends with its line break). */
        String statement() {
            List<String> pieces = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            boolean hasToken = false;
            for (int i = 0; i < count; i++) {
                if (random.nextInt(4) == 0) {
                    pieces.add(comment());
                } else {
                    pieces.add(token());
                    hasToken = true;
                }
            }
            if (!hasToken) {
                pieces.add(random.nextInt(pieces.size() + 1), token());
            }
            StringBuilder statement = new StringBuilder(pieces.get(0));
            for (int i = 1; i < pieces.size(); i++) {
                statement.append(whitespace()).append(pieces.get(i));
            }
            return statement.toString();
        }

        String whitespace() {
            return pick(WHITESPACE);
        }

        String comment() {
            return random.nextBoolean() ? blockComment(0) : lineComment();
        }

        String lineComment() {
            StringBuilder comment = new StringBuilder(mariadb() && random.nextBoolean() ? "#" : "--");
            if (mariadb() || random.nextBoolean()) {
                comment.append(' ');
            }
            for (int i = random.nextInt(6); i > 0; i--) {
                comment.append(pick(word(), " ", ";", "'", "\"", "`", "/*", "*/", "$$", "$a$", "--", "#", "E'"));
            }
            return comment.append(pick(LINE_ENDS)).toString();
        }

        String blockComment(int depth) {
            StringBuilder comment = new StringBuilder("/*");
            for (int i = random.nextInt(7); i > 0; i--) {
                if (dialect == Dialect.POSTGRESQL && depth < 2 && random.nextInt(5) == 0) {
                    comment.append(blockComment(depth + 1));
                } else if (dialect != Dialect.POSTGRESQL && random.nextInt(8) == 0) {
                    // an opener inside a non-nesting comment is text; the space keeps "/*" + "/*" from reading "*/"
                    comment.append("/* ");
                } else {
                    comment.append(pick(word(), " ", ";", "'", "\"", "`", "--", "$$", "#", "\n", "\r\n", "x*y", "a/b",
                            "$a$"));
                }
            }
            return comment.append("*/").toString();
        }

        String token() {
            int kind = random.nextInt(14);
            return switch (kind) {
                case 0 -> pick("SELECT", "FROM", "WHERE", "INSERT", "VALUES", "BEGIN", "END", "CREATE", "TABLE");
                case 1 -> identifier();
                case 2 -> Integer.toString(random.nextInt(1000));
                case 3 -> mariadb() ? pick("=", "+", "-", "*", "/", "||", "(", ")", ",", "<>", "5--2")
                        : pick("=", "+", "-", "*", "/", "||", "(", ")", ",", "<>", "::", "#");
                case 4, 5 -> singleQuoted();
                case 6 -> mariadb() ? singleQuoted() : escapeString();
                case 7 -> mariadb() ? doubleQuotedString() : quotedIdentifier();
                case 8 -> dialect == Dialect.POSTGRESQL ? quotedIdentifier() : backtickIdentifier();
                case 9, 10 -> mariadb() ? identifier() + "$" + identifier() : dollarQuoted();
                case 11 -> mariadb() ? "@" + identifier() : "$" + (1 + random.nextInt(12));
                case 12 -> identifier() + pick("$", "$$") + identifier();
                default -> identifier() + "E" + singleQuoted();
            };
        }

        private String word() {
            return pick(WORDS);
        }

        String identifier() {
            StringBuilder identifier = new StringBuilder();
            identifier.append("abcdefghijklmnopqrstuvwxyz_".charAt(random.nextInt(27)));
            for (int i = random.nextInt(8); i > 0; i--) {
                identifier.append("abcdefghijklmnopqrstuvwxyz_0123456789".charAt(random.nextInt(37)));
            }
            return identifier.toString();
        }

        String singleQuoted() {
            StringBuilder literal = new StringBuilder("'");
            for (int i = random.nextInt(8); i > 0; i--) {
                if (mariadb()) {
                    literal.append(pick(word(), " ", ";", "''", "\\'", "\\\\", "\\n", "\"", "`", "--", "/*", "$$",
                            "\n", "#"));
                } else {
                    literal.append(pick(word(), " ", ";", "''", "\"", "`", "--", "/*", "*/", "$$", "$t$", "\n",
                            "\r\n", "\\", "#"));
                }
            }
            return literal.append('\'').toString();
        }

        String escapeString() {
            StringBuilder literal = new StringBuilder(random.nextBoolean() ? "E'" : "e'");
            for (int i = random.nextInt(8); i > 0; i--) {
                literal.append(pick(word(), " ", ";", "''", "\\'", "\\\\", "\\n", "\"", "--", "/*", "$$"));
            }
            return literal.append('\'').toString();
        }

        String quotedIdentifier() {
            StringBuilder identifier = new StringBuilder("\"");
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                identifier.append(pick(word(), " ", ";", "\"\"", "'", "`", "--", "/*", "\\", "$$"));
            }
            return identifier.append('"').toString();
        }

        String doubleQuotedString() {
            StringBuilder literal = new StringBuilder("\"");
            for (int i = random.nextInt(6); i > 0; i--) {
                literal.append(pick(word(), " ", ";", "\"\"", "\\\"", "\\\\", "'", "`", "--", "/*"));
            }
            return literal.append('"').toString();
        }

        String backtickIdentifier() {
            StringBuilder identifier = new StringBuilder("`");
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                identifier.append(pick(word(), " ", ";", "``", "'", "\"", "\\", "--", "/*"));
            }
            return identifier.append('`').toString();
        }

        String dollarQuoted() {
            String tag = pick(DOLLAR_TAGS);
            String delimiter = "$" + tag + "$";
            while (true) {
                StringBuilder body = new StringBuilder();
                for (int i = random.nextInt(8); i > 0; i--) {
                    body.append(pick(word(), " ", ";", "'", "\"", "--", "/*", "*/", "$", "$1", "$other$", "$$", "$a",
                            "$fn", "\n", "\\", "$é"));
                }
                // the body must not close the quote early
                if ((body + delimiter).indexOf(delimiter) == body.length()) {
                    return delimiter + body + delimiter;
                }
            }
        }
    }
}
