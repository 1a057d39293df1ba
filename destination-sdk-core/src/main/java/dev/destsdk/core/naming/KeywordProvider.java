package dev.destsdk.core.naming;

import java.util.Set;

/** The reserved words of a destination's language. Implementations are immutable and thread-safe. */
@FunctionalInterface
public interface KeywordProvider {

    /** @return the reserved words in upper case; unmodifiable, never null */
    Set<String> getReservedKeywords();

    /**
     * @param word an identifier; not null
     * @return whether {@code word} (compared case-insensitively) is reserved
     */
    default boolean isReserved(String word) {
        return getReservedKeywords().contains(word.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * @param words the reserved words, any case
     * @return a provider of exactly these words
     */
    static KeywordProvider of(Set<String> words) {
        Set<String> upper = words.stream().map(w -> w.toUpperCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return () -> upper;
    }
}
