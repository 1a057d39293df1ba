package dev.destsdk.core.naming;

import java.util.List;

/**
 * Turns names from the source into identifiers a destination accepts, and renders them in SQL or paths. The one
 * place names are decided: DDL, queries and paths all use its output. Implementations are immutable and thread-safe;
 * {@link IdentifierPolicy} is the configurable standard one.
 */
public interface IdentifierFormatter {

    /** @return the destination's reserved words; never null */
    KeywordProvider getKeywordProvider();

    /** @return the quote string, e.g. {@code "} or a backtick; never null */
    String getQuoteString();

    /**
     * Normalises one raw name: folds case, replaces characters the destination refuses, and truncates to the
     * maximum length for {@code kind} with a deterministic short-hash suffix. Idempotent:
     * {@code normalize(normalize(x)) == normalize(x)}.
     *
     * @param raw the raw name; not null or empty
     * @param kind what it names; not null
     * @return the final, unquoted identifier
     * @throws dev.destsdk.core.error.ConnectorException VALIDATION_ERROR when nothing usable remains
     */
    String normalize(String raw, IdentifierKind kind);

    /**
     * Normalises a set of sibling names (the columns of one table, the tables of one schema) and checks that no two
     * distinct raw names end up as the same identifier, comparing as the destination does (case-insensitively when
     * it folds case).
     *
     * @param raw the raw names in order; not null
     * @param kind what they name; not null
     * @return the final identifiers, in the same order
     * @throws dev.destsdk.core.error.ConnectorException VALIDATION_ERROR listing every collision, before any DDL runs
     */
    List<String> normalizeAll(List<String> raw, IdentifierKind kind);

    /**
     * Quotes an identifier, escaping the quote character inside it. {@link #unquote(String)} reverses it.
     *
     * @param identifier a final identifier; not null
     * @return the quoted form
     */
    String quote(String identifier);

    /**
     * Reverses {@link #quote(String)}; an unquoted input is returned as it is.
     *
     * @param quoted a quoted identifier; not null
     * @return the identifier
     */
    String unquote(String quoted);

    /**
     * Renders an identifier for SQL: quoted when the policy always quotes, or when the identifier is reserved, has
     * characters outside the unquoted set, or would be folded differently by the destination.
     *
     * @param identifier a final identifier; not null
     * @return the identifier as SQL writes it
     */
    String format(String identifier);

    /**
     * Whether the destination treats two final identifiers as one name (e.g. a database that compares names
     * ignoring case, even quoted ones).
     *
     * @param a a final identifier; not null
     * @param b another final identifier; not null
     * @return whether they name the same thing; the default compares them exactly
     */
    default boolean isSameIdentifier(String a, String b) {
        return a.equals(b);
    }
}
