package dev.destsdk.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void configuredSeedIsReadFromTheProperty() {
        Map<String, String> props = Map.of(Seeds.PROPERTY, " 42 ");
        assertThat(Seeds.configured(props::get)).hasValue(42L);
        assertThat(Seeds.pick(props::get)).isEqualTo(42L);
    }

    @Test
    void unsetOrBlankPropertyMeansNoConfiguredSeed() {
        assertThat(Seeds.configured(name -> null)).isEmpty();
        assertThat(Seeds.configured(name -> "  ")).isEmpty();
    }

    @Test
    void malformedPropertyIsRefusedWithTheFix() {
        assertThatThrownBy(() -> Seeds.pick(name -> "forty-two"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("destsdk.seed='forty-two'")
                .hasMessageContaining("-Ddestsdk.seed=42");
    }

    @Test
    void deriveIsDeterministicAndSpreadsIndexes() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(Seeds.derive(7, i)).isEqualTo(Seeds.derive(7, i));
            seen.add(Seeds.derive(7, i));
        }
        assertThat(seen).hasSize(1000);
        assertThat(Seeds.derive(7, 0)).isNotEqualTo(Seeds.derive(8, 0));
    }

    @Test
    void describeNamesTheSeedAndHowToReplay() {
        assertThat(Seeds.describe(42)).isEqualTo("seed=42 (replay with -Ddestsdk.seed=42)");
        assertThat(Seeds.replayHint(-7)).isEqualTo("replay with -Ddestsdk.seed=-7");
    }

    @Test
    void aConfiguredSeedIsUsedByEveryCaseSoAReportedSeedReplaysExactly() {
        Map<String, String> props = Map.of(Seeds.PROPERTY, "-99");
        assertThat(Seeds.forCase(1, 0, props::get)).isEqualTo(-99L);
        assertThat(Seeds.forCase(1, 5, props::get)).isEqualTo(-99L);
        assertThat(Seeds.forCase(1, 5, name -> null)).isEqualTo(Seeds.derive(1, 5));
    }
}
