package dev.destsdk.testkit.generate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Generates identifiers that stress a destination's identifier policy: reserved words, mixed case, embedded quotes
 * and backticks, spaces and punctuation, leading digits, accented letters, CJK, emoji, combining marks, very long
 * names and groups of near-collisions.
 *
 * <p>Deterministic: the same seed (and options) always gives the same sequence. Never produces an empty name, a
 * control character or a lone surrogate. Not thread-safe: use one generator per thread.
 */
public final class IdentifierGenerator {

    /** What a generated identifier stresses. */
    public enum Category {
        /** Lower-case letters, digits and underscores, e.g. {@code order_total_3}. */
        PLAIN,
        /** A reserved word of SQL or of the destination, in random case, e.g. {@code Select}. */
        RESERVED_WORD,
        /** Upper and lower case letters mixed, e.g. {@code orderTOTAL}. */
        MIXED_CASE,
        /** Contains a double quote, e.g. {@code order"total}. */
        EMBEDDED_DOUBLE_QUOTE,
        /** Contains a backtick, e.g. {@code order`total}. */
        EMBEDDED_BACKTICK,
        /** Contains a single quote, e.g. {@code customer's_name}. */
        EMBEDDED_SINGLE_QUOTE,
        /** Contains inner spaces, e.g. {@code order  total}. */
        SPACES,
        /** Contains punctuation such as {@code - . / $ # % @}, e.g. {@code order.total}. */
        PUNCTUATION,
        /** Starts with a digit, e.g. {@code 2024_sales}. */
        LEADING_DIGIT,
        /** Latin letters with diacritics and other alphabets, e.g. {@code prénom_größe}. */
        ACCENTED,
        /** Chinese, Japanese or Korean characters, e.g. {@code 客户_名前}. */
        CJK,
        /** Emoji outside the basic multilingual plane, e.g. {@code status_🚀}. */
        EMOJI,
        /** Letters followed by combining marks (decomposed form), e.g. {@code e + U+0301}. */
        COMBINING_MARK,
        /** Plain characters, exactly {@link #veryLongLength()} long. */
        VERY_LONG
    }

    private static final List<String> WORDS = List.of("order", "amount", "customer", "id", "created", "value",
            "name", "total", "status", "region", "flag", "note", "price", "count", "updated", "email", "city", "code");
    private static final Set<String> DEFAULT_RESERVED = Set.of("SELECT", "FROM", "WHERE", "TABLE", "ORDER", "GROUP",
            "BY", "USER", "KEY", "PRIMARY", "INDEX", "VALUES", "DEFAULT", "CHECK", "COLUMN", "CREATE", "DROP",
            "ALTER", "INSERT", "UPDATE", "DELETE", "MERGE", "JOIN", "UNION", "NULL", "NOT", "AND", "OR", "AS", "IN",
            "IS", "LIKE", "LIMIT", "OFFSET", "CASE", "WHEN", "THEN", "ELSE", "END", "DATE", "TIME", "TIMESTAMP",
            "INTERVAL", "CURRENT_DATE", "CURRENT_USER", "SCHEMA", "DATABASE", "GRANT", "REVOKE", "TO", "ON",
            "WITH", "ALL", "ANY", "DISTINCT", "HAVING", "RANGE", "ROWS", "TRUE", "FALSE", "CONSTRAINT",
            "REFERENCES", "FOREIGN", "UNIQUE", "FETCH", "WINDOW", "LATERAL", "ANALYSE", "RESTRICT", "CASCADE");
    private static final String ACCENTED = "àáâäãåçèéêëìíîïñòóôöõøùúûüýÿßæœÀÉÎÕÜÇÑαβγδλωЖжЯяЁё";
    private static final List<String> CJK = List.of("客户", "订单", "金额", "名前", "日付", "データ", "테이블", "이름",
            "状態", "数量");
    private static final List<String> EMOJI = List.of("😀", "🚀", "📦", "🧪", "💾", "🔑", "🌍", "👩‍💻");
    private static final char[] COMBINING = {'\u0301', '\u0300', '\u0308', '\u0323', '\u0327', '\u030A'};
    private static final String PUNCTUATION = "-./$#%@&+!?:;=~^()[]{}<>|*";

    private final long seed;
    private final Random random;
    private final List<String> reservedWords;
    private final int veryLongLength;

    /**
     * A generator with the built-in SQL reserved words and very long names of 300 characters.
     *
     * @param seed the seed
     */
    public IdentifierGenerator(long seed) {
        this(seed, DEFAULT_RESERVED, 300);
    }

    /**
     * A generator with a destination's own reserved words (for example from its
     * {@link dev.destsdk.core.naming.KeywordProvider}).
     *
     * @param seed the seed
     * @param reservedWords the reserved words, any case; not null or empty
     * @param veryLongLength the length of {@link Category#VERY_LONG} names; at least 2
     */
    public IdentifierGenerator(long seed, Set<String> reservedWords, int veryLongLength) {
        Objects.requireNonNull(reservedWords, "reservedWords is null");
        if (reservedWords.isEmpty()) {
            throw new IllegalArgumentException("reservedWords is empty: pass at least one word, or use the default");
        }
        if (veryLongLength < 2) {
            throw new IllegalArgumentException("veryLongLength must be at least 2, got " + veryLongLength);
        }
        this.seed = seed;
        this.random = new Random(seed);
        // Sorted so that iteration order (and with it the output) does not depend on the Set implementation.
        this.reservedWords = reservedWords.stream().map(w -> w.toUpperCase(Locale.ROOT)).sorted().distinct().toList();
        this.veryLongLength = veryLongLength;
    }

    /** @return the built-in SQL reserved words, upper case; unmodifiable */
    public static Set<String> defaultReservedWords() {
        return DEFAULT_RESERVED;
    }

    /** @return the seed this generator was created with */
    public long seed() {
        return seed;
    }

    /** @return the length of {@link Category#VERY_LONG} names */
    public int veryLongLength() {
        return veryLongLength;
    }

    /** @return the reserved words this generator draws from, upper case, sorted; unmodifiable */
    public List<String> reservedWords() {
        return reservedWords;
    }

    /** @return an identifier of a randomly chosen category */
    public String next() {
        Category[] all = Category.values();
        return next(all[random.nextInt(all.length)]);
    }

    /**
     * @param category what the identifier should stress; not null
     * @return an identifier of that category
     */
    public String next(Category category) {
        Objects.requireNonNull(category, "category is null");
        return switch (category) {
            case PLAIN -> plain();
            case RESERVED_WORD -> randomCase(pick(reservedWords));
            case MIXED_CASE -> mixedCase();
            case EMBEDDED_DOUBLE_QUOTE -> embed("\"");
            case EMBEDDED_BACKTICK -> embed("`");
            case EMBEDDED_SINGLE_QUOTE -> embed("'");
            case SPACES -> word() + " ".repeat(1 + random.nextInt(2)) + word();
            case PUNCTUATION -> word() + PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())) + word();
            case LEADING_DIGIT -> random.nextInt(10) + (random.nextBoolean() ? "_" : "") + word();
            case ACCENTED -> accented();
            case CJK -> pick(CJK) + (random.nextBoolean() ? "_" + pick(CJK) : "");
            case EMOJI -> word() + "_" + pick(EMOJI);
            case COMBINING_MARK -> combining();
            case VERY_LONG -> ofLength(veryLongLength);
        };
    }

    /**
     * @param length the length in characters; at least 1
     * @return a plain identifier (lower-case letters, digits, underscores, starting with a letter) of exactly that
     *     length
     */
    public String ofLength(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1, got " + length);
        }
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(word());
        }
        sb.setLength(length);
        if (sb.charAt(length - 1) == '_') {
            sb.setCharAt(length - 1, 'x');
        }
        return sb.toString();
    }

    /**
     * Generates {@code count} identifiers of random categories that are pairwise distinct even when compared
     * case-insensitively and after Unicode NFC normalisation, so they can name the columns of one table in any
     * destination that does not truncate them.
     *
     * @param count how many; at least 0
     * @return the identifiers in generation order; unmodifiable
     */
    public List<String> distinct(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>(count);
        int attempts = 0;
        while (out.size() < count) {
            String candidate = next();
            if (++attempts > 50 * (count + 1)) {
                // Random categories ran dry (tiny reserved word lists): fall back to numbered plain names.
                candidate = plain() + "_" + out.size();
            }
            if (seen.add(collisionKey(candidate))) {
                out.add(candidate);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Generates a group of distinct names that a careless identifier policy maps to the same identifier: the same
     * word in other cases, with spaces or hyphens instead of underscores, with a leading or trailing underscore,
     * precomposed and decomposed accents, and two very long names that differ only in their last characters.
     *
     * @return the group, at least eight names, pairwise distinct as Java strings; unmodifiable
     */
    public List<String> nearCollisions() {
        String a = word();
        String b = word();
        String base = a + "_" + b;
        String accented = a + "_caf\u00e9";
        String longPrefix = ofLength(veryLongLength);
        Set<String> group = new LinkedHashSet<>();
        group.add(base);
        group.add(base.toUpperCase(Locale.ROOT));
        group.add(Character.toUpperCase(a.charAt(0)) + a.substring(1) + "_" + b);
        group.add(a + " " + b);
        group.add(a + "-" + b);
        group.add(base + "_");
        group.add("_" + base);
        group.add(accented);
        group.add(Normalizer.normalize(accented, Normalizer.Form.NFD));
        group.add(longPrefix + "_a");
        group.add(longPrefix + "_b");
        return List.copyOf(group);
    }

    private static String collisionKey(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private String plain() {
        String name = word() + "_" + word();
        return random.nextBoolean() ? name + "_" + random.nextInt(100) : name;
    }

    private String mixedCase() {
        String name = word() + "_" + word();
        char[] chars = name.toCharArray();
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < chars.length; i++) {
            if (Character.isLetter(chars[i])) {
                boolean up = random.nextBoolean();
                chars[i] = up ? Character.toUpperCase(chars[i]) : Character.toLowerCase(chars[i]);
                upper |= up;
                lower |= !up;
            }
        }
        // Guarantee both cases: the first letter upper, the last letter lower when the coin flips all one way.
        if (!upper) {
            chars[0] = Character.toUpperCase(chars[0]);
        }
        if (!lower) {
            chars[chars.length - 1] = Character.toLowerCase(chars[chars.length - 1]);
        }
        return new String(chars);
    }

    private String randomCase(String word) {
        return switch (random.nextInt(3)) {
            case 0 -> word.toUpperCase(Locale.ROOT);
            case 1 -> word.toLowerCase(Locale.ROOT);
            default -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT);
        };
    }

    private String embed(String quote) {
        return switch (random.nextInt(3)) {
            case 0 -> word() + quote + word();
            case 1 -> quote + word() + quote;
            default -> word() + quote + quote + word();
        };
    }

    private String accented() {
        StringBuilder sb = new StringBuilder(word());
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.insert(random.nextInt(sb.length() + 1), ACCENTED.charAt(random.nextInt(ACCENTED.length())));
        }
        return sb.toString();
    }

    private String combining() {
        String w = word();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length(); i++) {
            sb.append(w.charAt(i));
            if (i == 0 || random.nextInt(3) == 0) {
                sb.append(COMBINING[random.nextInt(COMBINING.length)]);
            }
        }
        return sb.toString();
    }

    private String word() {
        return pick(WORDS);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @Override
    public String toString() {
        return "IdentifierGenerator{seed=" + seed + ", reservedWords=" + reservedWords.size() + ", veryLongLength="
                + veryLongLength + "}";
    }
}
