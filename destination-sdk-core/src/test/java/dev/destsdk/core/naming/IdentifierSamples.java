package dev.destsdk.core.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small seeded generator of awkward source names for the naming tests: reserved words, mixed case, embedded quotes,
 * spaces, unicode (accents, Greek, CJK, emoji), control characters, very long names, and families of names that
 * differ only in case or only after position 60. The same seed always gives the same names.
 */
final class IdentifierSamples {
    private static final String[] RESERVED = {"select", "FROM", "Where", "order", "group", "User", "table", "value",
        "timestamp", "Date", "end", "END-EXEC", "current_user", "primary"};
    private static final String[] WORDS = {"id", "name", "Customer", "orderDate", "total_amount", "Übergröße", "straße",
        "ΣΟΦΙΑ", "σοφία", "İstanbul", "naïve", "café", "客户", "顾客名称", "データ", "🚀rocket", "emoji😀face", "x", "a1",
        "1st", "$cost", "_hidden", "col-with-dash", "dot.name", "ǅungla"};
    private static final String[] PIECES = {"\"", "`", "'", "\"\"", " ", "  ", "\t", "\u0000", "\u0007", "\n",
        "\u007F", "\u0085", "😀", "𝔘", "中", "é", "ß", "ς", "$", "#", "@", "%", "-", ".", "/", "\\", "[", "]"};

    private final SplittableRandom random;

    IdentifierSamples(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** @return one awkward, non-blank name */
    String next() {
        return switch (random.nextInt(10)) {
            case 0 -> randomCase(pick(RESERVED));
            case 1 -> randomCase(pick(WORDS));
            case 2 -> pick(WORDS) + pick(PIECES) + pick(WORDS);
            case 3 -> " " + pick(WORDS) + "  ";
            case 4 -> withEmbedded(pick(WORDS), pick(PIECES));
            case 5 -> longName(60 + random.nextInt(240));
            case 6 -> longUnicodeName(20 + random.nextInt(120));
            case 7 -> sharedPrefix(60 + random.nextInt(10), random.nextInt(1000));
            case 8 -> randomCase(pick(WORDS)) + random.nextInt(100);
            default -> mixed(1 + random.nextInt(30));
        };
    }

    /**
     * @param size how many names
     * @param nearDuplicates whether to add deliberate near-duplicates: case variants, exact duplicates and long names
     *     that differ only after position 60; without them every name ends in its own position number, so that
     *     the list rarely collides
     * @return sibling names, such as the columns of one table
     */
    List<String> siblings(int size, boolean nearDuplicates) {
        List<String> names = new ArrayList<>(size);
        while (names.size() < size) {
            if (!nearDuplicates) {
                names.add(next() + "_" + names.size());
                continue;
            }
            int choice = random.nextInt(8);
            if (choice == 0 && !names.isEmpty()) {
                names.add(randomCase(names.get(random.nextInt(names.size()))));
            } else if (choice == 1 && !names.isEmpty() && random.nextInt(3) == 0) {
                names.add(names.get(random.nextInt(names.size())));
            } else if (choice == 2) {
                names.add(sharedPrefix(61, random.nextInt(5)));
            } else {
                names.add(next());
            }
        }
        return names;
    }

    /**
     * @param length the prefix length, at least 60
     * @param tail what varies after the prefix
     * @return a long name whose first {@code length} characters are the same for every call
     */
    static String sharedPrefix(int length, int tail) {
        StringBuilder sb = new StringBuilder(length + 8);
        String unit = "shared_prefix_";
        while (sb.length() < length) {
            sb.append(unit);
        }
        sb.setLength(length);
        return sb.append("_tail").append(tail).toString();
    }

    private String longName(int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(randomCase(pick(WORDS))).append('_');
        }
        sb.setLength(length);
        if (Character.isHighSurrogate(sb.charAt(length - 1))) {
            sb.append('x');
        }
        return sb.toString();
    }

    private String longUnicodeName(int codePoints) {
        StringBuilder sb = new StringBuilder();
        int[] ranges = {0x00C0, 0x0391, 0x4E00, 0x3041, 0x1F600, 0x1D400};
        for (int i = 0; i < codePoints; i++) {
            int base = ranges[random.nextInt(ranges.length)];
            sb.appendCodePoint(base + random.nextInt(40));
        }
        return sb.toString();
    }

    private String mixed(int pieces) {
        StringBuilder sb = new StringBuilder("n");
        for (int i = 0; i < pieces; i++) {
            sb.append(random.nextBoolean() ? pick(PIECES) : pick(WORDS));
        }
        return sb.toString();
    }

    private String withEmbedded(String word, String piece) {
        int at = random.nextInt(word.length() + 1);
        if (at > 0 && at < word.length() && Character.isLowSurrogate(word.charAt(at))) {
            at++;
        }
        return word.substring(0, at) + piece + word.substring(at);
    }

    private String randomCase(String s) {
        return switch (random.nextInt(3)) {
            case 0 -> s.toUpperCase(Locale.ROOT);
            case 1 -> s.toLowerCase(Locale.ROOT);
            default -> {
                StringBuilder sb = new StringBuilder(s.length());
                s.codePoints().forEach(cp -> sb.appendCodePoint(
                        random.nextBoolean() ? Character.toUpperCase(cp) : Character.toLowerCase(cp)));
                yield sb.toString();
            }
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
