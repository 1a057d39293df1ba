package dev.destsdk.testkit.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Seeded hostile identifiers for name fuzzing: every {@link IdentifierGenerator.Category}, plus names built to break
 * SQL built by concatenation or a careless identifier policy: quotes of every kind, backslashes, semicolons, comment
 * markers, {@code DROP TABLE} fragments, control characters, unicode confusables and bidirectional marks, reserved
 * words, names differing only in case, very long names and names sharing a long prefix, empty and whitespace-only
 * names. A name either works through real DDL and DML or must be refused when mapping; never anything else.
 *
 * <p>Not thread-safe; the same seed gives the same names.
 */
public final class HostileNames {
    private static final String[] FRAGMENTS = {"\"", "\"\"", "'", "''", "`", "``", "\\", "\\\\", ";", "--", "/*", "*/",
        "#", "; DROP TABLE canary; --", "\"; DROP TABLE \"canary", "' OR '1'='1", "`; DROP TABLE `canary", "%s", "%",
        "_", "$1", "?", ":name", "\u202E", "\u200F", "\u200B", "\uFEFF", "\u0430", "\u0435", "\u043E", "\u0131",
        "\u00A0", "\t", "\n", "\r", "\u0000", "\u0007", "\u001B", "\u007F", "NULL", "select", "TABLE", "ß", "İ"};
    private static final String PREFIX = "shared_long_prefix_for_names_that_only_differ_at_the_very_end_";

    private final IdentifierGenerator identifiers;
    private final Random random;
    private final long seed;

    /**
     * @param seed the seed; printed on failure to replay a run
     */
    public HostileNames(long seed) {
        this.seed = seed;
        this.identifiers = new IdentifierGenerator(seed);
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the next hostile name; may be empty or whitespace only */
    public String next() {
        return switch (random.nextInt(10)) {
            case 0, 1 -> identifiers.next();
            case 2 -> {
                // a case pair: the same word in another case
                String base = identifiers.next(IdentifierGenerator.Category.PLAIN);
                yield random.nextBoolean() ? base.toUpperCase(java.util.Locale.ROOT) : base;
            }
            case 3 -> PREFIX + random.nextInt(1000);
            case 4 -> random.nextInt(3) == 0 ? "" : " ".repeat(1 + random.nextInt(3));
            case 5 -> "x".repeat(60 + random.nextInt(80)) + random.nextInt(100);
            default -> {
                StringBuilder sb = new StringBuilder();
                int pieces = 1 + random.nextInt(4);
                for (int i = 0; i < pieces; i++) {
                    sb.append(random.nextBoolean() ? FRAGMENTS[random.nextInt(FRAGMENTS.length)]
                            : identifiers.next(IdentifierGenerator.Category.PLAIN));
                }
                yield sb.toString();
            }
        };
    }

    /**
     * @param count how many; not negative
     * @return that many names (repeats possible)
     */
    public List<String> next(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Objects.requireNonNull(next()));
        }
        return out;
    }
}
