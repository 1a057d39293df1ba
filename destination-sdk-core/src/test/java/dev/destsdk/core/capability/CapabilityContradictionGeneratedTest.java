package dev.destsdk.core.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Generates consistent capability declarations from a seed, checks that they build, then breaks exactly one rule and
 * checks that build() rejects it with a message naming the broken option. Replay a failure with the seed in the
 * assertion message.
 */
class CapabilityContradictionGeneratedTest {
    private static final long BASE_SEED = 0x5EED_CA9AL;

    /** A plain, fully explicit description of a builder's inputs, so that a mutation changes exactly one thing. */
    private static final class Spec {
        EnumSet<LoadMode> loadModes;
        LoadMode defaultLoadMode;
        EnumSet<DestinationTableHandling> handlings;
        DestinationTableHandling defaultHandling;
        EnumSet<SchemaEvolutionMode> evolutions;
        SchemaEvolutionMode defaultEvolution;
        boolean supportsStaging;
        boolean requiresStaging;
        boolean requiresExplicitLoadStep;
        boolean atomicTruncateAndLoad;
        boolean[] otherFlags = new boolean[7];

        ConnectorCapabilitiesConfigBuilder toBuilder(Random random) {
            ConnectorCapabilitiesConfigBuilder b = ConnectorCapabilitiesConfigBuilder.builder();
            // Start from a random preset (or none) to check that explicit calls fully override it.
            switch (random.nextInt(4)) {
                case 0 -> b.asCloudWarehouse();
                case 1 -> b.asTraditionalDatabase();
                case 2 -> b.asAPIConnector();
                default -> { }
            }
            return b.loadModes(loadModes).defaultLoadMode(defaultLoadMode)
                    .destinationTableHandlings(handlings).defaultDestinationTableHandling(defaultHandling)
                    .schemaEvolutionModes(evolutions).defaultSchemaEvolutionMode(defaultEvolution)
                    .supportsStaging(supportsStaging).requiresStaging(requiresStaging)
                    .requiresExplicitLoadStep(requiresExplicitLoadStep).atomicTruncateAndLoad(atomicTruncateAndLoad)
                    .canAutoCreateSchema(otherFlags[0]).supportsHardDeletes(otherFlags[1])
                    .canPropagateEmptySchema(otherFlags[2]).supportsParallelization(otherFlags[3])
                    .supportsCheckpointing(otherFlags[4]).supportsRateLimit(otherFlags[5])
                    .supportsSqlScripts(otherFlags[6]);
        }
    }

    private static <E extends Enum<E>> EnumSet<E> nonEmptySubset(Random random, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        E[] all = type.getEnumConstants();
        for (E e : all) {
            if (random.nextBoolean()) {
                set.add(e);
            }
        }
        if (set.isEmpty()) {
            set.add(all[random.nextInt(all.length)]);
        }
        return set;
    }

    /** A member as the default, or null (implied) when the set has exactly one member and the coin says so. */
    private static <E extends Enum<E>> E validDefault(Random random, EnumSet<E> set) {
        if (set.size() == 1 && random.nextBoolean()) {
            return null;
        }
        return pick(random, set);
    }

    private static <E extends Enum<E>> E pick(Random random, EnumSet<E> set) {
        List<E> members = new ArrayList<>(set);
        return members.get(random.nextInt(members.size()));
    }

    static Spec validSpec(Random random) {
        Spec s = new Spec();
        s.loadModes = nonEmptySubset(random, LoadMode.class);
        s.defaultLoadMode = validDefault(random, s.loadModes);
        s.handlings = nonEmptySubset(random, DestinationTableHandling.class);
        s.defaultHandling = validDefault(random, s.handlings);
        s.evolutions = nonEmptySubset(random, SchemaEvolutionMode.class);
        s.defaultEvolution = validDefault(random, s.evolutions);
        s.supportsStaging = random.nextBoolean();
        s.requiresStaging = s.supportsStaging && random.nextBoolean();
        s.requiresExplicitLoadStep = !s.requiresStaging || random.nextBoolean();
        s.atomicTruncateAndLoad = s.loadModes.contains(LoadMode.TRUNCATE_AND_LOAD) && random.nextBoolean();
        for (int i = 0; i < s.otherFlags.length; i++) {
            s.otherFlags[i] = random.nextBoolean();
        }
        return s;
    }

    /** The rules a mutation can break, each with the option name its message must contain. */
    private enum Mutation {
        EMPTY_LOAD_MODES("loadModes"),
        EMPTY_TABLE_HANDLINGS("destinationTableHandlings"),
        EMPTY_EVOLUTION_MODES("schemaEvolutionModes"),
        LOAD_MODE_DEFAULT_OUTSIDE("defaultLoadMode"),
        TABLE_HANDLING_DEFAULT_OUTSIDE("defaultDestinationTableHandling"),
        EVOLUTION_DEFAULT_OUTSIDE("defaultSchemaEvolutionMode"),
        LOAD_MODE_DEFAULT_MISSING("defaultLoadMode"),
        TABLE_HANDLING_DEFAULT_MISSING("defaultDestinationTableHandling"),
        EVOLUTION_DEFAULT_MISSING("defaultSchemaEvolutionMode"),
        STAGING_REQUIRED_NOT_SUPPORTED("supportsStaging"),
        NO_WRITING_STEP("requiresExplicitLoadStep"),
        ATOMIC_TRUNCATE_WITHOUT_MODE("atomicTruncateAndLoad");

        final String option;

        Mutation(String option) {
            this.option = option;
        }
    }

    /** Makes {@code set} a set the default can lie outside of (at least one value missing), keeping it non-empty. */
    private static <E extends Enum<E>> E outsider(Random random, EnumSet<E> set, Class<E> type) {
        if (set.size() == type.getEnumConstants().length) {
            set.remove(pick(random, set));
        }
        return pick(random, EnumSet.complementOf(set));
    }

    /** Grows {@code set} to at least two members. */
    private static <E extends Enum<E>> void atLeastTwo(Random random, EnumSet<E> set, Class<E> type) {
        while (set.size() < 2) {
            set.add(pick(random, EnumSet.complementOf(set)));
        }
    }

    private static <E extends Enum<E>> E memberOr(E value, EnumSet<E> set, Random random) {
        return value != null && set.contains(value) ? value : pick(random, set);
    }

    static void apply(Mutation m, Spec s, Random random) {
        switch (m) {
            case EMPTY_LOAD_MODES -> {
                s.loadModes = EnumSet.noneOf(LoadMode.class);
                s.defaultLoadMode = null;
                s.atomicTruncateAndLoad = false;
            }
            case EMPTY_TABLE_HANDLINGS -> {
                s.handlings = EnumSet.noneOf(DestinationTableHandling.class);
                s.defaultHandling = null;
            }
            case EMPTY_EVOLUTION_MODES -> {
                s.evolutions = EnumSet.noneOf(SchemaEvolutionMode.class);
                s.defaultEvolution = null;
            }
            case LOAD_MODE_DEFAULT_OUTSIDE -> {
                s.defaultLoadMode = outsider(random, s.loadModes, LoadMode.class);
                if (!s.loadModes.contains(LoadMode.TRUNCATE_AND_LOAD)) {
                    s.atomicTruncateAndLoad = false;
                }
            }
            case TABLE_HANDLING_DEFAULT_OUTSIDE ->
                    s.defaultHandling = outsider(random, s.handlings, DestinationTableHandling.class);
            case EVOLUTION_DEFAULT_OUTSIDE ->
                    s.defaultEvolution = outsider(random, s.evolutions, SchemaEvolutionMode.class);
            case LOAD_MODE_DEFAULT_MISSING -> {
                atLeastTwo(random, s.loadModes, LoadMode.class);
                s.defaultLoadMode = null;
            }
            case TABLE_HANDLING_DEFAULT_MISSING -> {
                atLeastTwo(random, s.handlings, DestinationTableHandling.class);
                s.defaultHandling = null;
            }
            case EVOLUTION_DEFAULT_MISSING -> {
                atLeastTwo(random, s.evolutions, SchemaEvolutionMode.class);
                s.defaultEvolution = null;
            }
            case STAGING_REQUIRED_NOT_SUPPORTED -> {
                s.supportsStaging = false;
                s.requiresStaging = true;
            }
            case NO_WRITING_STEP -> {
                s.requiresStaging = false;
                s.requiresExplicitLoadStep = false;
            }
            case ATOMIC_TRUNCATE_WITHOUT_MODE -> {
                s.loadModes.remove(LoadMode.TRUNCATE_AND_LOAD);
                if (s.loadModes.isEmpty()) {
                    s.loadModes.add(LoadMode.APPEND);
                }
                s.defaultLoadMode = memberOr(s.defaultLoadMode, s.loadModes, random);
                s.atomicTruncateAndLoad = true;
            }
            default -> throw new AssertionError(m);
        }
    }

    @RepeatedTest(60)
    void validDeclarationsBuildAndEachBrokenRuleIsRejected(RepetitionInfo repetition) {
        long seed = BASE_SEED + repetition.getCurrentRepetition();
        Random random = new Random(seed);

        Spec valid = validSpec(random);
        ConnectorCapabilitiesConfigBuilder builder = valid.toBuilder(random);
        assertThat(builder.contradictions()).as("seed=%d", seed).isEmpty();
        ConnectorCapabilitiesConfig config = builder.build();
        assertThat(config.getLoadModes()).as("seed=%d", seed).isEqualTo(valid.loadModes);
        assertThat(config.getLoadModes()).as("seed=%d", seed).contains(config.getDefaultLoadMode());
        assertThat(config.getDestinationTableHandlings()).as("seed=%d", seed)
                .contains(config.getDefaultDestinationTableHandling());
        assertThat(config.getSchemaEvolutionModes()).as("seed=%d", seed)
                .contains(config.getDefaultSchemaEvolutionMode());
        if (valid.defaultLoadMode != null) {
            assertThat(config.getDefaultLoadMode()).as("seed=%d", seed).isEqualTo(valid.defaultLoadMode);
        }
        assertThat(config.toBuilder().build()).as("seed=%d", seed).isEqualTo(config);

        // Each repetition breaks every rule once, each on a fresh copy of the valid declaration.
        for (Mutation m : Mutation.values()) {
            Random mutationRandom = new Random(seed * 31 + m.ordinal());
            Spec broken = validSpec(new Random(seed));
            apply(m, broken, mutationRandom);
            ConnectorCapabilitiesConfigBuilder b = broken.toBuilder(mutationRandom);

            assertThat(b.contradictions()).as("seed=%d mutation=%s", seed, m).hasSize(1);
            assertThat(b.contradictions().get(0)).as("seed=%d mutation=%s", seed, m).contains(m.option);
            ConnectorException e = catchThrowableOfType(ConnectorException.class, b::build);
            assertThat(e).as("seed=%d mutation=%s", seed, m).isNotNull();
            assertThat(e.getErrorType()).as("seed=%d mutation=%s", seed, m).isEqualTo(ErrorType.CONFIGURATION_ERROR);
            assertThat(e.getMessage()).as("seed=%d mutation=%s", seed, m)
                    .contains("(1 problem)").contains(m.option);
        }
    }
}
