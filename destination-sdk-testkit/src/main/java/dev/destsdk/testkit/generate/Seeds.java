package dev.destsdk.testkit.generate;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Chooses and reports the seeds of generated test cases, so that any failure can be replayed.
 *
 * <p>A run picks one base seed: the value of the system property {@value #PROPERTY} when it is set, a random one
 * otherwise. Repetitions derive their own seeds from it with {@link #derive(long, long)}, so replaying the base seed
 * replays every repetition. Assertion messages name the seed with {@link #describe(long)}.
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
     * The hint for a case whose seed was derived from a base seed with {@link #derive(long, long)}.
     *
     * @param baseSeed the run's base seed
     * @param index the repetition
     * @return e.g. {@code seed=-81234 (repetition 3 of base seed 42; replay with -Ddestsdk.seed=42)}
     */
    public static String describe(long baseSeed, long index) {
        return "seed=" + derive(baseSeed, index) + " (repetition " + index + " of base seed " + baseSeed + "; "
                + replayHint(baseSeed) + ")";
    }

    /**
     * @param seed the seed of the failing case
     * @return e.g. {@code replay with -Ddestsdk.seed=42}
     */
    public static String replayHint(long seed) {
        return "replay with -D" + PROPERTY + "=" + seed;
    }
}
