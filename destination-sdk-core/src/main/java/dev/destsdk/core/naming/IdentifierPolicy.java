package dev.destsdk.core.naming;

import com.google.common.hash.Hashing;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard {@link IdentifierFormatter}, configured per destination: case folding, quote string, reserved words,
 * maximum length per kind (in characters or UTF-8 bytes), which characters are refused and what replaces them,
 * whether to always quote, and whether the destination compares names case-insensitively. Immutable and thread-safe.
 *
 * <p>{@link #normalize(String, IdentifierKind)} works in three steps:
 * <ol>
 *   <li>fold the case ({@link CaseFolding}, in {@link Locale#ROOT});</li>
 *   <li>replace every refused character by the replacement character: control characters (including NUL) and
 *       unpaired UTF-16 surrogates are always refused, and, when {@link Builder#allowedCharacters(String)} is set,
 *       every character it does not match;</li>
 *   <li>when the result is longer than the maximum for the kind, keep the longest prefix of whole characters that
 *       leaves room for a suffix made of the replacement character and 8 hex digits of the SHA-256 of the whole
 *       (folded, cleaned) name. The prefix never ends inside a surrogate pair or a multi-byte character.</li>
 * </ol>
 * A name that already is final (folded, only accepted characters, within the limit) is returned unchanged, which makes
 * the normalisation idempotent. Two names that differ only after the cut point get different suffixes; names the
 * destination would compare as equal (see {@link #comparisonKey(String)}) get the same suffix, so that
 * {@link #normalizeAll(List, IdentifierKind)} reports them as a collision as it would for short names.
 *
 * <p>Build with {@link #builder()}: the defaults are no folding, double quote, maximum length 128 characters for every
 * kind, no reserved words, every character accepted except controls, replacement {@code _}, quoting only where needed
 * and exact comparison.
 */
public final class IdentifierPolicy implements IdentifierFormatter {
    /** The maximum length the builder starts with, for every kind. */
    public static final int DEFAULT_MAX_LENGTH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(IdentifierPolicy.class);
    private static final int HASH_HEX_DIGITS = 8;
    private static final String HEX_DIGITS = "0123456789abcdef";
    private static final Pattern LOWER_SHAPE = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final Pattern UPPER_SHAPE = Pattern.compile("[A-Z_][A-Z0-9_$]*");
    private static final Pattern MIXED_SHAPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private final CaseFolding caseFolding;
    private final String quoteString;
    private final String doubledQuote;
    private final KeywordProvider keywords;
    private final Map<IdentifierKind, Integer> maxLengths;
    private final LengthUnit lengthUnit;
    private final Optional<String> allowedCharacters;
    private final Optional<Pattern> allowedPattern;
    private final char replacement;
    private final boolean alwaysQuote;
    private final boolean caseInsensitiveComparison;
    private final boolean refusesEdgeSpaces;
    private final Pattern unquotedShape;

    private IdentifierPolicy(Builder b) {
        this.caseFolding = b.caseFolding;
        this.quoteString = b.quoteString;
        this.doubledQuote = b.quoteString + b.quoteString;
        this.keywords = b.keywords;
        this.maxLengths = Collections.unmodifiableMap(new EnumMap<>(b.maxLengths));
        this.lengthUnit = b.lengthUnit;
        this.allowedCharacters = Optional.ofNullable(b.allowedCharacters);
        this.allowedPattern = allowedCharacters.map(IdentifierPolicy::compileAllowed);
        this.replacement = b.replacement;
        this.alwaysQuote = b.alwaysQuote;
        this.caseInsensitiveComparison = b.caseInsensitiveComparison;
        this.refusesEdgeSpaces = b.refusesEdgeSpaces;
        this.unquotedShape = switch (caseFolding) {
            case LOWER -> LOWER_SHAPE;
            case UPPER -> UPPER_SHAPE;
            case NONE -> MIXED_SHAPE;
        };
        validate();
    }

    /**
     * Starts a builder with the defaults: no folding, double quote, maximum length {@value #DEFAULT_MAX_LENGTH}
     * characters for every kind, no reserved words, every character accepted except controls, replacement {@code _},
     * no forced quoting, exact comparison.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder preloaded with this policy's configuration, to derive a variant.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.caseFolding = caseFolding;
        b.quoteString = quoteString;
        b.keywords = keywords;
        b.maxLengths.putAll(maxLengths);
        b.lengthUnit = lengthUnit;
        b.allowedCharacters = allowedCharacters.orElse(null);
        b.replacement = replacement;
        b.alwaysQuote = alwaysQuote;
        b.caseInsensitiveComparison = caseInsensitiveComparison;
        b.refusesEdgeSpaces = refusesEdgeSpaces;
        return b;
    }

    @Override
    public KeywordProvider getKeywordProvider() {
        return keywords;
    }

    @Override
    public String getQuoteString() {
        return quoteString;
    }

    /** @return how identifiers are folded; never null */
    public CaseFolding getCaseFolding() {
        return caseFolding;
    }

    /**
     * @param kind what the identifier names; not null
     * @return the maximum length of an identifier of that kind, in {@link #getLengthUnit()}
     */
    public int getMaxLength(IdentifierKind kind) {
        return maxLengths.get(Objects.requireNonNull(kind, "kind is null"));
    }

    /** @return how lengths are measured; never null */
    public LengthUnit getLengthUnit() {
        return lengthUnit;
    }

    /** @return the regular expression a character must match to be kept, or empty when every non-control is kept */
    public Optional<String> getAllowedCharacters() {
        return allowedCharacters;
    }

    /** @return the character that replaces refused characters and starts the hash suffix of truncated names */
    public char getReplacement() {
        return replacement;
    }

    /** @return whether {@link #format(String)} quotes every identifier */
    public boolean isAlwaysQuote() {
        return alwaysQuote;
    }

    /**
     * @return whether the destination compares identifiers case-insensitively although it keeps their case (true for
     *     MariaDB column names); policies that fold case always compare case-insensitively
     */
    public boolean isCaseInsensitiveComparison() {
        return caseInsensitiveComparison;
    }

    /**
     * The key under which the destination considers an identifier: the identifier itself when names are compared
     * exactly, its lower case ({@link Locale#ROOT}) when the policy folds case or compares case-insensitively.
     *
     * @param identifier a final identifier; not null
     * @return the comparison key; never null
     */
    public String comparisonKey(String identifier) {
        Objects.requireNonNull(identifier, "identifier is null");
        return comparesIgnoringCase() ? identifier.toLowerCase(Locale.ROOT) : identifier;
    }

    /**
     * @param a a final identifier; not null
     * @param b another final identifier; not null
     * @return whether the destination considers {@code a} and {@code b} the same name
     */
    @Override
    public boolean isSameIdentifier(String a, String b) {
        return comparisonKey(a).equals(comparisonKey(b));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The error names the column (for {@link IdentifierKind#COLUMN}) or the object (for the other kinds) in its
     * context.
     */
    @Override
    public String normalize(String raw, IdentifierKind kind) {
        Objects.requireNonNull(raw, "raw is null");
        Objects.requireNonNull(kind, "kind is null");
        if (raw.isBlank()) {
            throw invalid(kind, raw, singular(kind) + " name " + display(raw) + " is empty or blank; give the source "
                    + singular(kind) + " a name, or map it to one with the namespace rules");
        }
        if (refusesEdgeSpaces && (Character.isWhitespace(raw.codePointAt(0))
                || Character.isWhitespace(raw.codePointBefore(raw.length())))) {
            throw invalid(kind, raw, singular(kind) + " name " + display(raw) + " begins or ends with a space, which"
                    + " the destination does not keep in names; trim it in the source or map it with the namespace"
                    + " rules");
        }
        String folded = fold(raw);
        StringBuilder cleaned = new StringBuilder(folded.length());
        boolean anyAccepted = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (isAccepted(cp)) {
                cleaned.appendCodePoint(cp);
                anyAccepted = true;
            } else {
                cleaned.append(replacement);
            }
        }
        if (!anyAccepted) {
            throw invalid(kind, raw, singular(kind) + " name " + display(raw) + " has no character the destination "
                    + "accepts" + allowedCharacters.map(a -> " (accepted: " + a + ")").orElse("")
                    + "; rename it in the source or map it with the namespace rules");
        }
        String name = cleaned.toString();
        int max = maxLengths.get(kind);
        if (measure(name) <= max) {
            return name;
        }
        String truncated = truncate(name, max);
        LOG.debug("{} name '{}' is longer than {} {}; truncated to '{}'", singular(kind), name, max, lengthUnit,
                truncated);
        return truncated;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Names are compared as {@link #comparisonKey(String)} says. Identical raw duplicates are collisions too. Blank
     * names and names with no accepted character are reported in the same exception as the collisions.
     */
    @Override
    public List<String> normalizeAll(List<String> raw, IdentifierKind kind) {
        Objects.requireNonNull(raw, "raw is null");
        Objects.requireNonNull(kind, "kind is null");
        List<String> problems = new ArrayList<>();
        List<String> finals = new ArrayList<>(raw.size());
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String name = raw.get(i);
            if (name == null) {
                problems.add(singular(kind) + " at position " + (i + 1) + " has no name (null)");
                finals.add(null);
                continue;
            }
            try {
                String normalized = normalize(name, kind);
                finals.add(normalized);
                byKey.computeIfAbsent(comparisonKey(normalized), k -> new ArrayList<>()).add(i);
            } catch (ConnectorException e) {
                problems.add(e.getDetail() + " (position " + (i + 1) + ")");
                finals.add(null);
            }
        }
        int collisions = 0;
        for (List<Integer> group : byKey.values()) {
            if (group.size() > 1) {
                collisions++;
                problems.add(describeCollision(kind, raw, finals, group));
            }
        }
        if (!problems.isEmpty()) {
            String detail = problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " with "
                    + singular(kind) + " names (" + collisions + " collision" + (collisions == 1 ? "" : "s")
                    + "), found before any DDL: " + String.join("; ", problems) + ". Rename the "
                    + plural(kind) + " in the source or change the namespace rules so that every " + singular(kind)
                    + " gets a distinct, non-empty name" + (comparesIgnoringCase()
                            ? " (this destination compares names case-insensitively)" : "") + ".";
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, detail);
        }
        return List.copyOf(finals);
    }

    @Override
    public String quote(String identifier) {
        Objects.requireNonNull(identifier, "identifier is null");
        return quoteString + identifier.replace(quoteString, doubledQuote) + quoteString;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ConnectorException VALIDATION_ERROR when {@code quoted} starts with the quote string but is not a
     *     well-formed quoted identifier (no closing quote, or a quote inside that is not doubled)
     */
    @Override
    public String unquote(String quoted) {
        Objects.requireNonNull(quoted, "quoted is null");
        if (!quoted.startsWith(quoteString)) {
            return quoted;
        }
        int q = quoteString.length();
        if (quoted.length() < 2 * q || !quoted.endsWith(quoteString)) {
            throw malformedQuoted(quoted, "it has no closing " + quoteString);
        }
        String inner = quoted.substring(q, quoted.length() - q);
        StringBuilder out = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); ) {
            if (inner.startsWith(quoteString, i)) {
                if (!inner.startsWith(quoteString, i + q)) {
                    throw malformedQuoted(quoted, "the " + quoteString + " at offset " + (i + q)
                            + " is neither doubled nor the closing quote");
                }
                out.append(quoteString);
                i += 2 * q;
            } else {
                out.append(inner.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    @Override
    public String format(String identifier) {
        Objects.requireNonNull(identifier, "identifier is null");
        if (alwaysQuote || keywords.isReserved(identifier) || !unquotedShape.matcher(identifier).matches()) {
            return quote(identifier);
        }
        return identifier;
    }

    @Override
    public String toString() {
        return "IdentifierPolicy{caseFolding=" + caseFolding
                + ", quoteString=" + quoteString
                + ", maxLength=" + maxLengths + " " + lengthUnit
                + ", allowedCharacters=" + allowedCharacters.orElse("<any but controls>")
                + ", replacement=" + replacement
                + ", alwaysQuote=" + alwaysQuote
                + ", caseInsensitiveComparison=" + caseInsensitiveComparison
                + ", reservedKeywords=" + keywords.getReservedKeywords().size()
                + "}";
    }

    private boolean comparesIgnoringCase() {
        return caseInsensitiveComparison || caseFolding != CaseFolding.NONE;
    }

    private String fold(String s) {
        return switch (caseFolding) {
            case LOWER -> s.toLowerCase(Locale.ROOT);
            case UPPER -> s.toUpperCase(Locale.ROOT);
            case NONE -> s;
        };
    }

    private boolean isAccepted(int cp) {
        if (Character.isISOControl(cp) || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
            return false;
        }
        return allowedPattern.map(p -> p.matcher(Character.toString(cp)).matches()).orElse(true);
    }

    private int measure(String s) {
        int total = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            total += measure(cp);
        }
        return total;
    }

    private int measure(int cp) {
        if (lengthUnit == LengthUnit.CHARACTERS || cp < 0x80) {
            return 1;
        }
        if (cp < 0x800) {
            return 2;
        }
        return cp < 0x10000 ? 3 : 4;
    }

    private String hashSuffix(String name) {
        // Names the destination treats as equal hash alike, so a long collision is reported like a short one.
        String key = comparisonKey(name);
        String hex = Hashing.sha256().hashString(key, StandardCharsets.UTF_8).toString()
                .substring(0, HASH_HEX_DIGITS);
        return fold(replacement + hex);
    }

    private String truncate(String name, int max) {
        String suffix = hashSuffix(name);
        int budget = max - measure(suffix);
        StringBuilder kept = new StringBuilder(max + suffix.length());
        int used = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int width = measure(cp);
            if (used + width > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += width;
            i += Character.charCount(cp);
        }
        return kept.append(suffix).toString();
    }

    private void validate() {
        if (!isAccepted(replacement) || fold(String.valueOf(replacement)).length() != 1
                || fold(String.valueOf(replacement)).charAt(0) != replacement) {
            throw config("replacement " + display(String.valueOf(replacement)) + " must be a character the policy "
                    + "accepts and its case folding keeps; choose e.g. '_'");
        }
        String hex = fold(HEX_DIGITS);
        for (int i = 0; i < hex.length(); i++) {
            if (!isAccepted(hex.charAt(i))) {
                throw config("allowedCharacters " + allowedCharacters.orElse("") + " must accept the hex digits "
                        + hex + " used in the hash suffix of truncated names; add them to the character class");
            }
        }
        int suffixLength = measure(hashSuffix("x"));
        for (IdentifierKind kind : IdentifierKind.values()) {
            int max = maxLengths.get(kind);
            if (max <= suffixLength) {
                throw config("maxLength for " + kind + " is " + max + "; it must be at least " + (suffixLength + 1)
                        + " so that a truncated name keeps a character before its " + suffixLength + "-"
                        + lengthUnit.name().toLowerCase(Locale.ROOT) + " hash suffix");
            }
        }
    }

    private static Pattern compileAllowed(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw ConnectorException.builder(ErrorType.CONFIGURATION_ERROR, "allowedCharacters '" + regex
                    + "' is not a valid regular expression (" + e.getDescription() + "); give a character class "
                    + "such as [A-Za-z0-9_$]").cause(e).build();
        }
    }

    private static ConnectorException config(String detail) {
        return new ConnectorException(ErrorType.CONFIGURATION_ERROR, "identifier policy: " + detail);
    }

    private static ConnectorException invalid(IdentifierKind kind, String raw, String detail) {
        ConnectorException.Builder b = ConnectorException.builder(ErrorType.VALIDATION_ERROR, detail);
        return (kind == IdentifierKind.COLUMN ? b.column(raw) : b.object(raw)).build();
    }

    private ConnectorException malformedQuoted(String quoted, String why) {
        return new ConnectorException(ErrorType.VALIDATION_ERROR, display(quoted) + " is not a well-formed quoted "
                + "identifier: " + why + "; quote identifiers with quote(), which doubles every embedded "
                + quoteString);
    }

    private static String describeCollision(IdentifierKind kind, List<String> raw, List<String> finals,
            List<Integer> group) {
        List<String> raws = new ArrayList<>(group.size());
        Set<String> results = new LinkedHashSet<>();
        List<String> positions = new ArrayList<>(group.size());
        for (int i : group) {
            raws.add(display(raw.get(i)));
            results.add(display(finals.get(i)));
            positions.add(String.valueOf(i + 1));
        }
        String verb = group.size() == 2 ? "both become " : "all become ";
        String outcome = results.size() == 1
                ? verb + results.iterator().next()
                : "become " + joinAnd(new ArrayList<>(results)) + ", which the destination compares as equal";
        return plural(kind) + " " + joinAnd(raws) + " " + outcome + " (positions " + String.join(", ", positions)
                + ")";
    }

    private static String joinAnd(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Renders a name for a message: single-quoted, with controls and quotes visible. */
    private static String display(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 2).append('\'');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !isPairedAt(name, i)) {
                sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else if (c == '\'') {
                sb.append("\\'");
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    private static boolean isPairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String singular(IdentifierKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String plural(IdentifierKind kind) {
        return singular(kind) + "s";
    }

    /**
     * Builds an {@link IdentifierPolicy}. Not thread-safe; {@link #build()} validates the whole configuration and
     * throws {@link ConnectorException} ({@link ErrorType#CONFIGURATION_ERROR}) naming what to change.
     */
    public static final class Builder {
        private CaseFolding caseFolding = CaseFolding.NONE;
        private String quoteString = "\"";
        private KeywordProvider keywords = SqlKeywords.none();
        private final Map<IdentifierKind, Integer> maxLengths = new EnumMap<>(IdentifierKind.class);
        private LengthUnit lengthUnit = LengthUnit.CHARACTERS;
        private String allowedCharacters;
        private char replacement = '_';
        private boolean alwaysQuote;
        private boolean caseInsensitiveComparison;
        private boolean refusesEdgeSpaces;

        private Builder() {
            maxLength(DEFAULT_MAX_LENGTH);
        }

        /**
         * @param value how the destination folds unquoted identifiers, and so how names are normalised; not null
         * @return this builder
         */
        public Builder caseFolding(CaseFolding value) {
            this.caseFolding = Objects.requireNonNull(value, "caseFolding is null");
            return this;
        }

        /**
         * @param value the quote string: exactly one character that is not a letter, digit, whitespace or control,
         *     e.g. {@code "} or a backtick; not null
         * @return this builder
         */
        public Builder quoteString(String value) {
            Objects.requireNonNull(value, "quoteString is null");
            if (value.codePointCount(0, value.length()) != 1) {
                throw config("quoteString '" + value + "' must be exactly one character, e.g. \" or `");
            }
            int cp = value.codePointAt(0);
            if (Character.isLetterOrDigit(cp) || Character.isWhitespace(cp) || Character.isISOControl(cp)
                    || Character.isSurrogate(value.charAt(0))) {
                throw config("quoteString " + display(value) + " must not be a letter, digit, whitespace or control "
                        + "character; use e.g. \" or `");
            }
            this.quoteString = value;
            return this;
        }

        /**
         * @param value the destination's reserved words, which {@code format} quotes; not null (use
         *     {@link SqlKeywords#none()} for none, the default)
         * @return this builder
         */
        public Builder keywords(KeywordProvider value) {
            this.keywords = Objects.requireNonNull(value, "keywords is null");
            return this;
        }

        /**
         * @param value maximum length for every kind, in the {@link #lengthUnit(LengthUnit) length unit} (characters
         *     by default); at least 10
         * @return this builder
         */
        public Builder maxLength(int value) {
            for (IdentifierKind kind : IdentifierKind.values()) {
                maxLength(kind, value);
            }
            return this;
        }

        /**
         * @param kind the kind; not null
         * @param value maximum length for that kind, in the {@link #lengthUnit(LengthUnit) length unit}; at least 10
         * @return this builder
         */
        public Builder maxLength(IdentifierKind kind, int value) {
            Objects.requireNonNull(kind, "kind is null");
            maxLengths.put(kind, value);
            return this;
        }

        /**
         * @param value whether maximum lengths count characters (the default) or UTF-8 bytes; not null
         * @return this builder
         */
        public Builder lengthUnit(LengthUnit value) {
            this.lengthUnit = Objects.requireNonNull(value, "lengthUnit is null");
            return this;
        }

        /**
         * @param value a regular expression, usually a character class, that one character must match to be kept,
         *     e.g. {@code [A-Za-z0-9_$]}; others are replaced. It is applied after case folding and must accept the
         *     replacement character and the hex digits of the hash suffix. Control characters are refused whatever
         *     it says. Not null; by default every character but controls is accepted
         * @return this builder
         */
        public Builder allowedCharacters(String value) {
            this.allowedCharacters = Objects.requireNonNull(value, "allowedCharacters is null");
            return this;
        }

        /**
         * @param value what replaces a refused character, and what separates a truncated name from its hash suffix;
         *     must be accepted and unchanged by case folding; {@code _} by default
         * @return this builder
         */
        public Builder replacement(char value) {
            this.replacement = value;
            return this;
        }

        /**
         * @param value whether {@code format} always quotes, rather than only reserved words and identifiers that do
         *     not have the unquoted shape
         * @return this builder
         */
        public Builder alwaysQuote(boolean value) {
            this.alwaysQuote = value;
            return this;
        }

        /**
         * @param value whether the destination compares identifiers case-insensitively although it keeps their case,
         *     as MariaDB does for column names; used by collision detection. Policies that fold case compare
         *     case-insensitively regardless
         * @return this builder
         */
        public Builder caseInsensitiveComparison(boolean value) {
            this.caseInsensitiveComparison = value;
            return this;
        }

        /**
         * @param value whether names that begin or end with whitespace are refused (VALIDATION_ERROR when mapping),
         *     for destinations that strip or reject such names (MariaDB); default false
         * @return this builder
         */
        public Builder refuseEdgeSpaces(boolean value) {
            this.refusesEdgeSpaces = value;
            return this;
        }

        /**
         * @return the policy
         * @throws ConnectorException CONFIGURATION_ERROR when the configuration is contradictory: a replacement the
         *     policy refuses or folds, allowed characters that refuse the hash digits, an invalid regular expression,
         *     or a maximum length too short for the hash suffix
         */
        public IdentifierPolicy build() {
            return new IdentifierPolicy(this);
        }
    }
}
