package dev.destsdk.testkit.generate;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Chooses and reports the seeds of generated test cases, so that any failure can be replayed.
 *
 * <p>A test class picks a base seed with {@link #pick()}, and each generated case takes its own seed with
 * {@link #forCase(long, long)}: derived from the base seed and the case's index, unless the system property
 * {@value #PROPERTY} is set, in which case every case uses exactly that seed. Assertion messages name the case's
 * seed with {@link #describe(long)}, so {@code -Ddestsdk.seed=N} replays a failing case exactly.
 *
 * <p>Free of JUnit types: usable from any test framework or a plain {@code main}. Stateless and thread-safe.
 */
public final class Seeds {

    /** The system property that fixes the seed: {@code -Ddestsdk.seed=N}. */
    public static final String PROPERTY = "destsdk.seed";

    private Seeds() {
    }

    /**
     * Picks the base seed: {@link #PROPERTY} when set, otherwise a fresh random seed.
     *
     * @return the seed
     * @throws IllegalArgumentException when the property is set but is not a decimal {@code long}
     */
    public static long pick() {
        return pick(System::getProperty);
    }

    /**
     * Picks the base seed from a property lookup (for callers that keep configuration elsewhere).
     *
     * @param properties returns the value of a property name, or null when unset; not null
     * @return the configured seed, or a fresh random seed
     * @throws IllegalArgumentException when the property is set but is not a decimal {@code long}
     */
    public static long pick(UnaryOperator<String> properties) {
        OptionalLong configured = configured(properties);
        return configured.isPresent() ? configured.getAsLong() : new SecureRandom().nextLong();
    }

    /**
     * Reads the configured seed, if any.
     *
     * @param properties returns the value of a property name, or null when unset; not null
     * @return the seed {@link #PROPERTY} holds, or empty when it is unset or blank
     * @throws IllegalArgumentException when the property is set but is not a decimal {@code long}
     */
    public static OptionalLong configured(UnaryOperator<String> properties) {
        Objects.requireNonNull(properties, "properties is null");
        String value = properties.apply(PROPERTY);
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + PROPERTY + "='" + value
                    + "' is not a seed: pass a decimal long, e.g. -D" + PROPERTY + "=42", e);
        }
    }

    /**
     * The seed of one generated case.
     *
     * @param baseSeed the test's base seed, from {@link #pick()}
     * @param index the case, e.g. a repetition number or a parameter's ordinal
     * @return the seed {@value #PROPERTY} holds when it is set, otherwise {@link #derive(long, long)}
     * @throws IllegalArgumentException when the property is set but is not a decimal {@code long}
     */
    public static long forCase(long baseSeed, long index) {
        return forCase(baseSeed, index, System::getProperty);
    }

    /**
     * The seed of one generated case, reading the property from a lookup.
     *
     * @param baseSeed the test's base seed
     * @param index the case
     * @param properties returns the value of a property name, or null when unset; not null
     * @return the configured seed when set, otherwise {@link #derive(long, long)}
     */
    public static long forCase(long baseSeed, long index, UnaryOperator<String> properties) {
        OptionalLong configured = configured(properties);
        return configured.isPresent() ? configured.getAsLong() : derive(baseSeed, index);
    }

    /**
     * Derives the seed of one repetition from a base seed. Distinct indexes give well-spread, distinct seeds
     * (a SplitMix64 finaliser), and the same inputs always give the same seed.
     *
     * @param baseSeed the run's base seed
     * @param index the repetition, e.g. JUnit's current repetition number
     * @return the repetition's seed
     */
    public static long derive(long baseSeed, long index) {
        long z = baseSeed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The hint that goes into an assertion message.
     *
     * @param seed the seed of the failing case
     * @return e.g. {@code seed=42 (replay with -Ddestsdk.seed=42)}
     */
    public static String describe(long seed) {
        return "seed=" + seed + " (" + replayHint(seed) + ")";
    }


    /**
     * @param seed the seed of the failing case
     * @return e.g. {@code replay with -Ddestsdk.seed=42}
     */
    public static String replayHint(long seed) {
        return "replay with -D" + PROPERTY + "=" + seed;
    }
}
