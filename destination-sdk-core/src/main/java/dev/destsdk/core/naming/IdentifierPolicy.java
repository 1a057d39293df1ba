package dev.destsdk.core.naming;

import java.util.List;

/**
 * The standard {@link IdentifierFormatter}, configured per destination: case folding, quote string, reserved words,
 * maximum length per kind, which characters are refused and what replaces them, and whether to always quote.
 * Immutable and thread-safe.
 */
public final class IdentifierPolicy implements IdentifierFormatter {
    // TODO(issue 2): implementation
    private IdentifierPolicy() {
    }

    @Override
    public KeywordProvider getKeywordProvider() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public String getQuoteString() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public String normalize(String raw, IdentifierKind kind) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public List<String> normalizeAll(List<String> raw, IdentifierKind kind) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public String quote(String identifier) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public String unquote(String quoted) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public String format(String identifier) {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return a builder with ANSI defaults: no folding, double quote, max length 128, no reserved words */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link IdentifierPolicy}. */
    public static final class Builder {
        private Builder() {
        }

        /** @param value case folding @return this builder */
        public Builder caseFolding(CaseFolding value) {
            return this;
        }

        /** @param value quote string @return this builder */
        public Builder quoteString(String value) {
            return this;
        }

        /** @param value reserved words @return this builder */
        public Builder keywords(KeywordProvider value) {
            return this;
        }

        /** @param value maximum length for every kind, in characters @return this builder */
        public Builder maxLength(int value) {
            return this;
        }

        /** @param kind the kind @param value maximum length for that kind @return this builder */
        public Builder maxLength(IdentifierKind kind, int value) {
            return this;
        }

        /**
         * @param value a regular expression character class of characters allowed in an identifier, e.g.
         *     {@code [A-Za-z0-9_$]}; others are replaced
         * @return this builder
         */
        public Builder allowedCharacters(String value) {
            return this;
        }

        /** @param value what replaces a refused character @return this builder */
        public Builder replacement(char value) {
            return this;
        }

        /** @param value whether {@code format} always quotes @return this builder */
        public Builder alwaysQuote(boolean value) {
            return this;
        }

        /** @return the policy */
        public IdentifierPolicy build() {
            return new IdentifierPolicy();
        }
    }
}
