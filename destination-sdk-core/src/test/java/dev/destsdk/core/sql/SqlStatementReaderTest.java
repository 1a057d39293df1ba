package dev.destsdk.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SqlStatementReaderTest {

    /** Hands out at most {@code chunk} characters per read, so tokens straddle buffer refills. */
    static final class ChunkedReader extends FilterReader {
        private final int chunk;
        boolean closed;

        ChunkedReader(Reader in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            return super.read(cbuf, off, Math.min(len, chunk));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    @Test
    void oneCharacterAtATimeGivesTheSameStatementsAsSplit() {
        String script = "-- head\n;SELECT 'a;''b', E'\\';', \"q;\"\"\" /* c; */ FROM t;\r\n"
                + "DO $outer_tag$ BEGIN PERFORM $$;$$; END $outer_tag$;\n\nSELECT $1 -- x;\n;-- tail";
        SqlStatementReader reader = new SqlStatementReader(new ChunkedReader(new StringReader(script), 1),
                SqlSplitOptions.postgresql());

        List<SqlStatement> streamed = new ArrayList<>();
        reader.forEachRemaining(streamed::add);

        assertThat(streamed)
                .isEqualTo(SqlScriptSplitter.splitStatements(script, SqlSplitOptions.postgresql()))
                .extracting(SqlStatement::sql)
                .containsExactly("SELECT 'a;''b', E'\\';', \"q;\"\"\" /* c; */ FROM t",
                        "DO $outer_tag$ BEGIN PERFORM $$;$$; END $outer_tag$",
                        "SELECT $1 -- x;");
        assertThat(streamed).extracting(SqlStatement::line).containsExactly(2, 3, 5);
    }

    @Test
    void statementsBeforeAnErrorAreDeliveredFirst() {
        SqlStatementReader reader = new SqlStatementReader(new StringReader("SELECT 1;\nSELECT 2;\nSELECT 'oops"),
                SqlSplitOptions.defaults());

        assertThat(reader.next()).isEqualTo(new SqlStatement("SELECT 1", 0, 1));
        assertThat(reader.next()).isEqualTo(new SqlStatement("SELECT 2", 1, 2));
        assertThatThrownBy(reader::hasNext)
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
                    assertThat(e.getContext().line()).hasValue(3);
                });
        assertThat(reader.hasNext()).as("exhausted after an error").isFalse();
    }

    @Test
    void nextAfterTheLastStatementThrows() {
        SqlStatementReader reader = new SqlStatementReader(new StringReader("SELECT 1;;"), SqlSplitOptions.defaults());

        assertThat(reader.next().sql()).isEqualTo("SELECT 1");
        assertThat(reader.hasNext()).isFalse();
        assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void readFailureBecomesIoError() {
        Reader failing = new Reader() {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> SqlScriptSplitter.stream(failing, SqlSplitOptions.defaults()).toList())
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.getErrorType()).isEqualTo(ErrorType.IO_ERROR);
                    assertThat(e.getDetail()).contains("disk gone");
                    assertThat(e.getCause()).isInstanceOf(IOException.class);
                });
    }

    @Test
    void largeScriptStreamsWithLineNumbersAndLeavesTheReaderOpen() {
        int count = 20_000;
        String script = IntStream.range(0, count)
                .mapToObj(i -> "INSERT INTO t VALUES (" + i + ", 'v;" + i + "');\n-- row " + i + ";\n")
                .collect(Collectors.joining());
        ChunkedReader in = new ChunkedReader(new StringReader(script), 4093);

        List<SqlStatement> statements = SqlScriptSplitter.stream(in, SqlSplitOptions.defaults()).toList();

        assertThat(statements).hasSize(count);
        assertThat(statements.get(0)).isEqualTo(new SqlStatement("INSERT INTO t VALUES (0, 'v;0')", 0, 1));
        assertThat(statements.get(count - 1)).isEqualTo(new SqlStatement(
                "-- row " + (count - 2) + ";\nINSERT INTO t VALUES (" + (count - 1) + ", 'v;" + (count - 1) + "')",
                count - 1, 2 * count - 2));
        assertThat(in.closed).as("the caller closes the reader").isFalse();
    }
}
