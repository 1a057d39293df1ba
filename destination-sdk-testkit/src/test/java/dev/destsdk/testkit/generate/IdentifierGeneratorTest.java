package dev.destsdk.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.testkit.generate.IdentifierGenerator.Category;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdentifierGeneratorTest {
    private static final long BASE_SEED = Seeds.pick();

    @RepeatedTest(5)
    void sameSeedGivesTheSameIdentifiers(RepetitionInfo info) {
        long seed = Seeds.forCase(BASE_SEED, info.getCurrentRepetition());
        IdentifierGenerator a = new IdentifierGenerator(seed);
        IdentifierGenerator b = new IdentifierGenerator(seed);
        List<String> fromA = new ArrayList<>();
        List<String> fromB = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fromA.add(a.next());
            fromB.add(b.next());
        }
        fromA.addAll(a.nearCollisions());
        fromB.addAll(b.nearCollisions());
        fromA.addAll(a.distinct(30));
        fromB.addAll(b.distinct(30));
        assertThat(fromA).as(Seeds.describe(seed)).isEqualTo(fromB);
        assertThat(a.seed()).isEqualTo(seed);
    }

    @ParameterizedTest
    @EnumSource(Category.class)
    void everyCategoryProducesWhatItPromises(Category category) {
        long seed = Seeds.forCase(BASE_SEED, category.ordinal());
        IdentifierGenerator generator = new IdentifierGenerator(seed);
        Predicate<String> promise = promise(category, generator);
        for (int i = 0; i < 50; i++) {
            String name = generator.next(category);
            assertThat(name).as("%s %s", category, Seeds.describe(seed)).isNotEmpty();
            assertThat(promise.test(name)).as("%s '%s' %s", category, name, Seeds.describe(seed)).isTrue();
            assertThat(name.codePoints().noneMatch(cp -> Character.getType(cp) == Character.CONTROL))
                    .as("no control characters in '%s' %s", name, Seeds.describe(seed)).isTrue();
            assertThat(hasLoneSurrogate(name)).as("'%s' %s", name, Seeds.describe(seed)).isFalse();
        }
    }

    private static Predicate<String> promise(Category category, IdentifierGenerator generator) {
        return switch (category) {
            case PLAIN -> n -> n.matches("[a-z][a-z0-9_]*");
            case RESERVED_WORD -> n -> generator.reservedWords().contains(n.toUpperCase(Locale.ROOT));
            case MIXED_CASE -> n -> !n.equals(n.toLowerCase(Locale.ROOT)) && !n.equals(n.toUpperCase(Locale.ROOT));
            case EMBEDDED_DOUBLE_QUOTE -> n -> n.contains("\"");
            case EMBEDDED_BACKTICK -> n -> n.contains("`");
            case EMBEDDED_SINGLE_QUOTE -> n -> n.contains("'");
            case SPACES -> n -> n.contains(" ") && !n.startsWith(" ") && !n.endsWith(" ");
            case PUNCTUATION -> n -> n.chars().anyMatch(c -> "-./$#%@&+!?:;=~^()[]{}<>|*".indexOf(c) >= 0);
            case LEADING_DIGIT -> n -> Character.isDigit(n.charAt(0));
            case ACCENTED -> n -> n.chars().anyMatch(c -> c > 127 && Character.isLetter(c));
            case CJK -> n -> n.codePoints().anyMatch(cp -> {
                Character.UnicodeScript s = Character.UnicodeScript.of(cp);
                return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HANGUL
                        || s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA;
            });
            case EMOJI -> n -> n.codePoints().anyMatch(Character::isSupplementaryCodePoint);
            case COMBINING_MARK -> n -> n.codePoints().anyMatch(cp -> Character.getType(cp)
                    == Character.NON_SPACING_MARK);
            case VERY_LONG -> n -> n.length() == generator.veryLongLength() && n.matches("[a-z][a-z0-9_]*");
        };
    }

    @RepeatedTest(5)
    void reservedWordsAreAmongRandomIdentifiers(RepetitionInfo info) {
        long seed = Seeds.forCase(BASE_SEED, 100 + info.getCurrentRepetition());
        IdentifierGenerator generator = new IdentifierGenerator(seed);
        Set<Category> seen = new HashSet<>();
        int reserved = 0;
        for (int i = 0; i < 500; i++) {
            String name = generator.next();
            if (IdentifierGenerator.defaultReservedWords().contains(name.toUpperCase(Locale.ROOT))) {
                reserved++;
            }
            for (Category c : Category.values()) {
                if (promise(c, generator).test(name)) {
                    seen.add(c);
                }
            }
        }
        assertThat(reserved).as(Seeds.describe(seed)).isPositive();
        assertThat(seen).as(Seeds.describe(seed)).containsExactlyInAnyOrder(Category.values());
    }

    @RepeatedTest(5)
    void distinctNamesDoNotCollideIgnoringCaseOrNormalisation(RepetitionInfo info) {
        long seed = Seeds.forCase(BASE_SEED, 200 + info.getCurrentRepetition());
        List<String> names = new IdentifierGenerator(seed).distinct(60);
        Set<String> keys = new HashSet<>();
        for (String n : names) {
            keys.add(Normalizer.normalize(n, Normalizer.Form.NFC).toLowerCase(Locale.ROOT));
        }
        assertThat(names).as(Seeds.describe(seed)).hasSize(60);
        assertThat(keys).as(Seeds.describe(seed)).hasSize(60);
    }

    @RepeatedTest(3)
    void nearCollisionsAreDistinctButCollapseUnderCarelessNormalisation(RepetitionInfo info) {
        long seed = Seeds.forCase(BASE_SEED, 300 + info.getCurrentRepetition());
        IdentifierGenerator generator = new IdentifierGenerator(seed, Set.of("select"), 64);
        List<String> group = generator.nearCollisions();
        assertThat(group).as(Seeds.describe(seed)).hasSizeGreaterThanOrEqualTo(8).doesNotHaveDuplicates();
        // Lower-casing alone already merges some of them; so does NFC normalisation and truncation to 64.
        Set<String> lower = new HashSet<>();
        group.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        assertThat(lower.size()).as(Seeds.describe(seed)).isLessThan(group.size());
        assertThat(group.stream().filter(n -> n.length() > 64).map(n -> n.substring(0, 64)).distinct().count())
                .as(Seeds.describe(seed)).isEqualTo(1);
        assertThat(group.stream().map(n -> Normalizer.normalize(n, Normalizer.Form.NFC)).distinct().count())
                .as(Seeds.describe(seed)).isLessThan(group.size());
    }

    @RepeatedTest(3)
    void ofLengthGivesExactLengths(RepetitionInfo info) {
        long seed = Seeds.forCase(BASE_SEED, 400 + info.getCurrentRepetition());
        IdentifierGenerator generator = new IdentifierGenerator(seed);
        for (int length : new int[] {1, 2, 30, 63, 64, 65, 128, 129, 255, 256, 1000}) {
            String name = generator.ofLength(length);
            assertThat(name).as("%d %s", length, Seeds.describe(seed)).hasSize(length).matches("[a-z][a-z0-9_]*");
        }
    }

    @RepeatedTest(3)
    void customReservedWordsAreUsed(RepetitionInfo info) {
        long seed = Seeds.forCase(BASE_SEED, 500 + info.getCurrentRepetition());
        IdentifierGenerator generator = new IdentifierGenerator(seed, Set.of("qualify", "Sample"), 10);
        for (int i = 0; i < 20; i++) {
            assertThat(generator.next(Category.RESERVED_WORD).toUpperCase(Locale.ROOT))
                    .as(Seeds.describe(seed)).isIn("QUALIFY", "SAMPLE");
        }
        assertThat(generator.next(Category.VERY_LONG)).hasSize(10);
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
