package dev.destsdk.core.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated cases for every policy preset. Each case prints its seed; rerun a failure with the same preset and seed.
 */
class IdentifierPolicyGeneratedTest {
    private static final long[] SEEDS = {1L, 42L, 20240611L, 0x5EEDL};
    private static final int NAMES_PER_CASE = 200;

    static Stream<Arguments> presetsAndSeeds() {
        return Stream.of(PolicyPresets.values())
                .flatMap(p -> java.util.Arrays.stream(SEEDS).mapToObj(s -> Arguments.of(p, s)));
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("presetsAndSeeds")
    void normalisingTwiceGivesTheSameName(PolicyPresets preset, long seed) {
        IdentifierPolicy policy = preset.policy();
        IdentifierSamples samples = new IdentifierSamples(seed);
        int normalised = 0;
        for (int i = 0; i < NAMES_PER_CASE; i++) {
            String raw = samples.next();
            for (IdentifierKind kind : IdentifierKind.values()) {
                String once;
                try {
                    once = policy.normalize(raw, kind);
                } catch (ConnectorException e) {
                    // Only a name with nothing the destination accepts may be refused.
                    assertThat(e.getErrorType()).as("seed=%d raw=%s", seed, raw).isEqualTo(ErrorType.VALIDATION_ERROR);
                    assertThat(fold(policy, raw).codePoints().noneMatch(cp -> accepts(policy, cp)))
                            .as("seed=%d raw=%s refused although it has accepted characters", seed, raw).isTrue();
                    continue;
                }
                normalised++;
                assertThat(policy.normalize(once, kind)).as("seed=%d raw=%s kind=%s", seed, raw, kind)
                        .isEqualTo(once);
                assertThat(length(policy, once)).as("seed=%d raw=%s kind=%s once=%s", seed, raw, kind, once)
                        .isLessThanOrEqualTo(policy.getMaxLength(kind));
                assertThat(once.codePoints().allMatch(cp -> accepts(policy, cp)))
                        .as("seed=%d raw=%s once=%s has only accepted characters", seed, raw, once).isTrue();
                assertThat(new String(once.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .as("seed=%d raw=%s once=%s is valid UTF-16 (no split pair)", seed, raw, once)
                        .isEqualTo(once);
            }
        }
        assertThat(normalised).as("seed=%d most names normalise", seed).isGreaterThan(NAMES_PER_CASE * 2);
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("presetsAndSeeds")
    void distinctInputsNeverShareAFinalNameSilently(PolicyPresets preset, long seed) {
        IdentifierPolicy policy = preset.policy();
        IdentifierSamples samples = new IdentifierSamples(seed);
        int clean = 0;
        int rejected = 0;
        for (int round = 0; round < 25; round++) {
            List<String> raw = samples.siblings(4 + round % 12, round % 2 == 1);
            // The oracle: normalise one by one and group by the destination's comparison.
            Map<String, List<Integer>> groups = new LinkedHashMap<>();
            List<Integer> invalid = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                try {
                    String name = policy.normalize(raw.get(i), IdentifierKind.COLUMN);
                    groups.computeIfAbsent(policy.comparisonKey(name), k -> new ArrayList<>()).add(i + 1);
                } catch (ConnectorException e) {
                    invalid.add(i + 1);
                }
            }
            List<List<Integer>> collisions = groups.values().stream().filter(g -> g.size() > 1).toList();
            if (collisions.isEmpty() && invalid.isEmpty()) {
                List<String> names = policy.normalizeAll(raw, IdentifierKind.COLUMN);
                assertThat(names).as("seed=%d round=%d raw=%s", seed, round, raw).hasSameSizeAs(raw);
                Set<String> keys = new HashSet<>();
                for (int i = 0; i < names.size(); i++) {
                    assertThat(names.get(i)).as("seed=%d round=%d", seed, round)
                            .isEqualTo(policy.normalize(raw.get(i), IdentifierKind.COLUMN));
                    assertThat(keys.add(policy.comparisonKey(names.get(i))))
                            .as("seed=%d round=%d %s is unique", seed, round, names.get(i)).isTrue();
                }
                clean++;
            } else {
                ConnectorException e = catchThrowableOfType(ConnectorException.class,
                        () -> policy.normalizeAll(raw, IdentifierKind.COLUMN));
                assertThat(e).as("seed=%d round=%d raw=%s must be rejected", seed, round, raw).isNotNull();
                assertThat(e.getErrorType()).as("seed=%d", seed).isEqualTo(ErrorType.VALIDATION_ERROR);
                assertThat(e.getMessage()).as("seed=%d round=%d", seed, round)
                        .contains("(" + collisions.size() + " collision");
                for (List<Integer> group : collisions) {
                    String positions = "(positions " + String.join(", ", group.stream().map(String::valueOf)
                            .toList()) + ")";
                    assertThat(e.getMessage()).as("seed=%d round=%d names every pair", seed, round)
                            .contains(positions).contains("columns '");
                }
                for (int position : invalid) {
                    assertThat(e.getMessage()).as("seed=%d round=%d", seed, round)
                            .contains("(position " + position + ")");
                }
                rejected++;
            }
        }
        assertThat(clean + rejected).as("seed=%d", seed).isEqualTo(25);
        assertThat(rejected).as("seed=%d near-duplicates are rejected", seed).isGreaterThan(0);
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("presetsAndSeeds")
    void quotingThenUnquotingGivesTheNameBack(PolicyPresets preset, long seed) {
        IdentifierPolicy policy = preset.policy();
        IdentifierSamples samples = new IdentifierSamples(seed);
        for (int i = 0; i < NAMES_PER_CASE; i++) {
            String name = samples.next();
            String quoted = policy.quote(name);
            assertThat(policy.unquote(quoted)).as("seed=%d name=%s quoted=%s", seed, name, quoted).isEqualTo(name);
            assertThat(quoted).as("seed=%d", seed).startsWith(policy.getQuoteString())
                    .endsWith(policy.getQuoteString());
            String formatted = policy.format(name);
            assertThat(formatted).as("seed=%d name=%s", seed, name).isIn(name, quoted);
            if (policy.getKeywordProvider().isReserved(name) || policy.isAlwaysQuote()) {
                assertThat(formatted).as("seed=%d reserved or always quoted: %s", seed, name).isEqualTo(quoted);
            }
            if (!formatted.equals(name)) {
                assertThat(policy.unquote(formatted)).as("seed=%d name=%s", seed, name).isEqualTo(name);
            }
        }
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("presetsAndSeeds")
    void truncationIsBoundedDeterministicAndDistinct(PolicyPresets preset, long seed) {
        IdentifierPolicy policy = preset.policy();
        IdentifierPolicy twin = policy.toBuilder().build();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            int prefix = 60 + random.nextInt(200);
            String raw = IdentifierSamples.sharedPrefix(prefix, random.nextInt(1_000_000));
            for (IdentifierKind kind : IdentifierKind.values()) {
                String name = policy.normalize(raw, kind);
                assertThat(length(policy, name)).as("seed=%d raw=%s kind=%s", seed, raw, kind)
                        .isLessThanOrEqualTo(policy.getMaxLength(kind));
                assertThat(twin.normalize(raw, kind)).as("seed=%d deterministic raw=%s", seed, raw).isEqualTo(name);
                if (kind == IdentifierKind.COLUMN) {
                    String key = policy.comparisonKey(name);
                    String earlier = seen.putIfAbsent(key, raw);
                    assertThat(earlier == null || earlier.equals(raw))
                            .as("seed=%d '%s' and '%s' both became '%s'", seed, earlier, raw, name).isTrue();
                }
            }
        }
    }

    private static boolean accepts(IdentifierPolicy policy, int cp) {
        if (Character.isISOControl(cp) || Character.isSurrogate((char) cp) && cp < 0x10000) {
            return false;
        }
        return policy.getAllowedCharacters().map(r -> Character.toString(cp).matches(r)).orElse(true);
    }

    private static String fold(IdentifierPolicy policy, String raw) {
        return switch (policy.getCaseFolding()) {
            case LOWER -> raw.toLowerCase(java.util.Locale.ROOT);
            case UPPER -> raw.toUpperCase(java.util.Locale.ROOT);
            case NONE -> raw;
        };
    }

    private static int length(IdentifierPolicy policy, String name) {
        return policy.getLengthUnit() == LengthUnit.UTF8_BYTES
                ? name.getBytes(StandardCharsets.UTF_8).length
                : name.codePointCount(0, name.length());
    }
}
