package dev.destsdk.core.csv;

import java.util.Objects;

/**
 * The lexical parts of a {@link CsvFileFormat} as the reader and the writer apply them, shared so that both agree.
 *
 * <p>An escape character equal to the quote character means "quotes are doubled" and is treated as no escape, so
 * that {@code ESCAPE '"'} (the PostgreSQL default) behaves like no escape at all. Whitespace, for trimming, is what
 * {@link Character#isWhitespace(char)} says (the definition commons-csv uses), except the field delimiter.
 *
 * @param delimiter the field delimiter
 * @param quote the quote character, or {@link #NONE}
 * @param escape the effective escape character, or {@link #NONE}
 * @param trimSpace whether unquoted fields are trimmed
 * @param skipBlankLines whether empty lines are skipped
 */
record CsvSyntax(char delimiter, int quote, int escape, boolean trimSpace, boolean skipBlankLines) {

    /** No quote or no escape character. Never equal to a {@code char} value. */
    static final int NONE = -3;

    CsvSyntax {
        if (quote == '\r' || quote == '\n' || escape == '\r' || escape == '\n') {
            throw new IllegalArgumentException("quote and escape characters must not be line breaks");
        }
    }

    /**
     * @param format the format; not null
     * @return its syntax
     */
    static CsvSyntax of(CsvFileFormat format) {
        Objects.requireNonNull(format, "format is null");
        int quote = format.quote().map(c -> (int) c.charValue()).orElse(NONE);
        int escape = format.escape().map(c -> (int) c.charValue()).orElse(NONE);
        if (escape == quote) {
            escape = NONE;
        }
        return new CsvSyntax(format.fieldDelimiter(), quote, escape, format.trimSpace(), format.skipBlankLines());
    }

    boolean hasQuote() {
        return quote != NONE;
    }

    boolean hasEscape() {
        return escape != NONE;
    }

    /**
     * @param c a character
     * @return whether trimming removes it at the edge of an unquoted field
     */
    boolean isTrimmable(int c) {
        return c >= 0 && c != delimiter && Character.isWhitespace((char) c);
    }

    /**
     * The value the reader produces for an unquoted field whose raw text (after skipping leading whitespace when
     * trimming) is {@code raw}: escape sequences resolved as commons-csv resolves them, trailing whitespace removed
     * when trimming.
     *
     * @param raw raw field text; not null
     * @return the value
     */
    String unquotedValue(String raw) {
        String value = raw;
        if (hasEscape() && raw.indexOf(escape) >= 0) {
            StringBuilder sb = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c != escape || i + 1 == raw.length()) {
                    sb.append(c);
                    continue;
                }
                char next = raw.charAt(++i);
                int resolved = resolveEscape(next);
                if (resolved < 0) {
                    sb.append(c).append(next);
                } else {
                    sb.append((char) resolved);
                }
            }
            value = sb.toString();
        }
        if (trimSpace) {
            int end = value.length();
            while (end > 0 && Character.isWhitespace(value.charAt(end - 1))) {
                end--;
            }
            value = value.substring(0, end);
        }
        return value;
    }

    /**
     * What commons-csv makes of the escape character followed by {@code next}.
     *
     * @param next the character after the escape
     * @return the resulting character, or -1 when the pair is kept literally
     */
    int resolveEscape(char next) {
        switch (next) {
            case 'r':
                return '\r';
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case '\r':
            case '\n':
            case '\f':
            case '\t':
            case '\b':
                return next;
            default:
                if (next == delimiter || next == escape || next == quote) {
                    return next;
                }
                return -1;
        }
    }
}
