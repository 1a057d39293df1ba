package dev.destsdk.core.sql;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Splits a SQL script read from a {@link Reader} into statements, one at a time, holding only the statement being
 * read (plus a small read buffer) in memory. The rules are those of {@link SqlScriptSplitter}: a statement ends at a
 * semicolon outside strings, quoted identifiers, comments and dollar quotes, or at the end of the script; it is
 * trimmed; a statement with nothing but whitespace and comments is dropped.
 *
 * <p>Reading is lazy: {@link #hasNext()} reads up to the end of the next statement. A string, quoted identifier,
 * block comment or dollar quote still open at the end of the script makes {@code hasNext()} (or {@code next()}) throw
 * a {@link ConnectorException} of type {@link ErrorType#VALIDATION_ERROR} naming the line and column where it
 * started; a failure of the underlying reader throws one of type {@link ErrorType#IO_ERROR}. After either, the
 * reader is exhausted.
 *
 * <p>The caller that opened the underlying {@code Reader} closes it; this class never does. Not thread-safe.
 */
public final class SqlStatementReader implements Iterator<SqlStatement> {
    private static final int INITIAL_BUFFER = 8192;

    private final Reader in;
    private final SqlSplitOptions options;

    private char[] buffer = new char[INITIAL_BUFFER];
    private int position;
    private int limit;
    private boolean endOfInput;
    /** Line and column of the character at {@link #position}. */
    private int line = 1;
    private int column = 1;
    private boolean afterCarriageReturn;

    private final StringBuilder text = new StringBuilder();
    private boolean hasContent;
    private boolean afterIdentifierChar;
    private int statementLine;
    private int nextIndex;

    private SqlStatement pending;
    private boolean finished;

    /**
     * Creates a reader over a script.
     *
     * @param in the script; not null; not closed by this class
     * @param options which constructs to recognise; not null
     */
    public SqlStatementReader(Reader in, SqlSplitOptions options) {
        this.in = Objects.requireNonNull(in, "in is null");
        this.options = Objects.requireNonNull(options, "options is null");
    }

    /**
     * Reads ahead to the next statement if it has not been read yet.
     *
     * @return whether another statement follows
     * @throws ConnectorException VALIDATION_ERROR for an unterminated construct, IO_ERROR when reading fails
     */
    @Override
    public boolean hasNext() {
        if (pending == null && !finished) {
            try {
                pending = readStatement();
            } catch (RuntimeException e) {
                finished = true;
                throw e;
            }
            if (pending == null) {
                finished = true;
            }
        }
        return pending != null;
    }

    /**
     * Returns the next statement.
     *
     * @return the next statement; never null
     * @throws NoSuchElementException when there are no more statements
     * @throws ConnectorException VALIDATION_ERROR for an unterminated construct, IO_ERROR when reading fails
     */
    @Override
    public SqlStatement next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more statements in the SQL script");
        }
        SqlStatement result = pending;
        pending = null;
        return result;
    }

    /**
     * The remaining statements as a sequential, ordered stream backed by this reader. Consuming the stream consumes
     * the reader; closing the stream does not close the underlying {@code Reader}.
     *
     * @return the stream; never null
     */
    public Stream<SqlStatement> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private SqlStatement readStatement() {
        while (true) {
            int c = peek(0);
            if (c < 0) {
                return endStatement();
            }
            if (c == ';') {
                consume();
                SqlStatement statement = endStatement();
                if (statement != null) {
                    return statement;
                }
            } else if (text.length() == 0 && Character.isWhitespace(c)) {
                consume();
            } else {
                if (text.length() == 0) {
                    statementLine = line;
                }
                readToken((char) c);
            }
        }
    }

    /** Ends the current statement; returns it, or null when it has no content. */
    private SqlStatement endStatement() {
        SqlStatement statement = null;
        if (hasContent) {
            int end = text.length();
            while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            statement = new SqlStatement(text.substring(0, end), nextIndex++, statementLine);
        }
        text.setLength(0);
        hasContent = false;
        afterIdentifierChar = false;
        return statement;
    }

    /** Reads one token (or one plain character) starting with {@code c}, which has not been consumed yet. */
    private void readToken(char c) {
        boolean wasAfterIdentifierChar = afterIdentifierChar;
        afterIdentifierChar = false;
        switch (c) {
            case '\'' -> {
                hasContent = true;
                readQuoted('\'', options.backslashEscapes(), "string literal");
                return;
            }
            case '"' -> {
                hasContent = true;
                if (options.doubleQuotedStrings()) {
                    readQuoted('"', options.backslashEscapes(), "double-quoted string");
                } else {
                    readQuoted('"', false, "quoted identifier");
                }
                return;
            }
            case '`' -> {
                if (options.backtickIdentifiers()) {
                    hasContent = true;
                    readQuoted('`', false, "backtick-quoted identifier");
                    return;
                }
            }
            case 'E', 'e' -> {
                if (options.escapeStringPrefix() && !wasAfterIdentifierChar && peek(1) == '\'') {
                    hasContent = true;
                    int startLine = line;
                    int startColumn = column;
                    append(consume());
                    readQuoted('\'', true, "escape string (E'...')", startLine, startColumn);
                    return;
                }
            }
            case '-' -> {
                if (peek(1) == '-' && (!options.dashCommentNeedsWhitespace() || isSpaceOrControlOrEnd(peek(2)))) {
                    readLineComment();
                    return;
                }
            }
            case '#' -> {
                if (options.hashComments()) {
                    readLineComment();
                    return;
                }
            }
            case '/' -> {
                if (peek(1) == '*') {
                    readBlockComment();
                    return;
                }
            }
            case '$' -> {
                if (options.dollarQuoting() && !wasAfterIdentifierChar) {
                    readDollarQuoteOrParameter();
                    return;
                }
            }
            default -> {
                // an ordinary character, handled below
            }
        }
        append(consume());
        if (!Character.isWhitespace(c)) {
            hasContent = true;
            afterIdentifierChar = isIdentifierChar(c);
        }
    }

    private void readQuoted(char quote, boolean backslashEscapes, String what) {
        readQuoted(quote, backslashEscapes, what, line, column);
    }

    /** Reads a quoted token whose opening quote is the next character; the token started at the given position. */
    private void readQuoted(char quote, boolean backslashEscapes, String what, int startLine, int startColumn) {
        append(consume());
        while (true) {
            int c = peek(0);
            if (c < 0) {
                throw unterminated(what, startLine, startColumn, "close it with " + quote
                        + " (a " + quote + " inside it is written " + quote + quote
                        + (backslashEscapes ? " or \\" + quote : "") + ")");
            }
            append(consume());
            if (c == quote) {
                if (peek(0) != quote) {
                    return;
                }
                append(consume());
            } else if (c == '\\' && backslashEscapes) {
                if (peek(0) < 0) {
                    throw unterminated(what, startLine, startColumn, "close it with " + quote
                            + " (the backslash at the end of the script escapes nothing)");
                }
                append(consume());
            }
        }
    }

    private void readLineComment() {
        while (true) {
            int c = peek(0);
            if (c < 0 || c == '\n' || c == '\r') {
                return;
            }
            append(consume());
        }
    }

    private void readBlockComment() {
        int startLine = line;
        int startColumn = column;
        append(consume());
        append(consume());
        if (options.executableComments() && (peek(0) == '!' || (peek(0) == 'M' && peek(1) == '!'))) {
            hasContent = true;
        }
        int depth = 1;
        while (true) {
            int c = peek(0);
            if (c < 0) {
                throw unterminated("block comment", startLine, startColumn,
                        depth > 1 || !options.nestedBlockComments()
                                ? "close it with */"
                                : "close it with */ (block comments nest here: each /* inside needs its own */)");
            }
            if (c == '*' && peek(1) == '/') {
                append(consume());
                append(consume());
                if (--depth == 0) {
                    return;
                }
            } else if (c == '/' && peek(1) == '*' && options.nestedBlockComments()) {
                append(consume());
                append(consume());
                depth++;
            } else {
                append(consume());
            }
        }
    }

    /**
     * At a {@code $} that does not follow an identifier character: a dollar quote {@code $tag$...$tag$} when a valid
     * tag and a second {@code $} follow, otherwise an ordinary character (e.g. the start of a {@code $1} parameter).
     */
    private void readDollarQuoteOrParameter() {
        int startLine = line;
        int startColumn = column;
        hasContent = true;
        append(consume());
        StringBuilder tag = new StringBuilder();
        if (isDollarTagStart(peek(0))) {
            while (isDollarTagPart(peek(0))) {
                char c = consume();
                tag.append(c);
                append(c);
            }
        }
        if (peek(0) != '$') {
            // not a dollar quote: "$1", or "$name" without a closing "$"; the "$" and tag are ordinary text
            afterIdentifierChar = true;
            return;
        }
        append(consume());
        while (true) {
            int c = peek(0);
            if (c < 0) {
                String delimiter = "$" + tag + "$";
                throw unterminated("dollar-quoted string " + delimiter, startLine, startColumn,
                        "close it with " + delimiter);
            }
            append(consume());
            if (c == '$' && matchesClosingTag(tag)) {
                return;
            }
        }
    }

    /**
     * After a {@code $} inside a dollar quote: consumes {@code tag$} if it follows. On a mismatch the characters that
     * matched so far are body text and the mismatching one is left unread, so a {@code $} there can start the close.
     */
    private boolean matchesClosingTag(CharSequence tag) {
        for (int i = 0; i < tag.length(); i++) {
            if (peek(0) != tag.charAt(i)) {
                return false;
            }
            append(consume());
        }
        if (peek(0) != '$') {
            return false;
        }
        append(consume());
        return true;
    }

    private ConnectorException unterminated(String what, int startLine, int startColumn, String fix) {
        return ConnectorException.builder(ErrorType.VALIDATION_ERROR,
                        "unterminated " + what + " in SQL script starting at line " + startLine + ", column "
                                + startColumn + ": " + fix)
                .line(startLine)
                .column(Integer.toString(startColumn))
                .build();
    }

    private void append(char c) {
        text.append(c);
    }

    /** Consumes the character at the current position, which must exist, keeping line and column up to date. */
    private char consume() {
        char c = buffer[position++];
        if (c == '\n') {
            if (!afterCarriageReturn) {
                line++;
            }
            column = 1;
        } else if (c == '\r') {
            line++;
            column = 1;
        } else {
            column++;
        }
        afterCarriageReturn = c == '\r';
        return c;
    }

    /** Returns the character {@code offset} places ahead of the current position, or -1 past the end. */
    private int peek(int offset) {
        if (position + offset >= limit && !fill(offset + 1)) {
            return -1;
        }
        return buffer[position + offset];
    }

    /** Tries to make {@code count} characters available from the current position; false at the end of input. */
    private boolean fill(int count) {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (count > buffer.length) {
            char[] larger = new char[Math.max(count, buffer.length * 2)];
            System.arraycopy(buffer, 0, larger, 0, limit);
            buffer = larger;
        }
        while (limit < count && !endOfInput) {
            int read;
            try {
                read = in.read(buffer, limit, buffer.length - limit);
            } catch (IOException e) {
                throw ConnectorException.builder(ErrorType.IO_ERROR,
                                "reading the SQL script failed near line " + line + ": "
                                        + Objects.toString(e.getMessage(), e.getClass().getSimpleName()))
                        .line(line)
                        .cause(e)
                        .build();
            }
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }
        return limit >= count;
    }

    private static boolean isSpaceOrControlOrEnd(int c) {
        return c <= ' ' || c == 0x7f;
    }

    /** A character that can continue an unquoted identifier (PostgreSQL's rule, which is also MySQL's). */
    private static boolean isIdentifierChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }

    private static boolean isDollarTagStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isDollarTagPart(int c) {
        return isDollarTagStart(c) || (c >= '0' && c <= '9');
    }
}
