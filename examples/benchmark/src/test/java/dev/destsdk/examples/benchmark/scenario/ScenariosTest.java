package dev.destsdk.examples.benchmark.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void everySelectionResolvesToKnownScenariosOnce() {
        assertThat(Scenarios.select(List.of())).containsExactly(
                List.of("pg-load-sdk", "pg-load-psql", "pg-load-copymanager"),
                List.of("pg-load-insert"),
                List.of("pg-merge-sdk", "pg-merge-sql"),
                List.of("duckdb-load-sdk", "duckdb-load-copy"),
                List.of("mariadb-load-sdk", "mariadb-load-infile"),
                List.of("mariadb-merge-sdk", "mariadb-merge-sql"));
        assertThat(Scenarios.select(List.of("c"))).containsExactly(List.of("pg-load-insert", "pg-load-sdk"));
        assertThat(Scenarios.select(List.of("pg-load-psql", "a"))).containsExactly(List.of("pg-load-psql"),
                List.of("pg-load-sdk", "pg-load-copymanager"));
        assertThat(Scenarios.ids()).allMatch(id -> Scenarios.byId(id).map(Scenario::id).orElseThrow().equals(id));
        assertThat(Scenarios.needsMergeData(Scenarios.select(List.of("a", "d")))).isFalse();
        assertThat(Scenarios.needsMergeData(Scenarios.select(List.of("b")))).isTrue();
        assertThat(Scenarios.needsMergeData(Scenarios.select(List.of("f")))).isTrue();
        assertThat(Scenarios.needsMergeData(Scenarios.select(List.of("e")))).isFalse();
    }

    @Test
    void unknownSelectionIsNamed() {
        assertThatThrownBy(() -> Scenarios.select(List.of("g")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown scenario 'g'");
    }

    @Test
    void everyGroupHasItsTargetWithTheIssuesLimits() {
        assertThat(Scenarios.TARGETS).extracting(Scenarios.Target::letter)
                .containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(Scenarios.TARGETS).extracting(Scenarios.Target::limit)
                .containsExactly(1.15, 1.1, 3.0, 1.1, 1.1, 1.2);
        for (Scenarios.Target t : Scenarios.TARGETS) {
            assertThat(Scenarios.GROUPS.get(t.letter())).contains(t.sdk(), t.baseline());
        }
    }

    @Test
    void mergeCountsAreCheckedAgainstTheFile() {
        dev.destsdk.core.spi.LoadResponse right =
                new dev.destsdk.core.spi.LoadResponse(500_000, 250_000, 250_000, 0, 0, "");
        dev.destsdk.core.spi.LoadResponse wrong =
                new dev.destsdk.core.spi.LoadResponse(500_000, 500_000, 0, 0, 0, "");

        assertThat(SdkMergeScenario.countCheck(right, 500_000)).isEmpty();
        assertThat(SdkMergeScenario.countCheck(wrong, 500_000))
                .isEqualTo("inserted 500000 (expected 250000); updated 0 (expected 250000)");
    }

    @Test
    void targetsCompareInTheirDirection() {
        Scenarios.Target a = Scenarios.TARGETS.get(0);
        Scenarios.Target c = Scenarios.TARGETS.get(2);

        assertThat(a.ratio(9.0, 8.0)).isEqualTo(1.125);
        assertThat(a.met(1.125)).isTrue();
        assertThat(a.met(1.2)).isFalse();
        assertThat(c.ratio(10.0, 35.0)).isEqualTo(3.5);
        assertThat(c.met(3.5)).isTrue();
        assertThat(c.met(2.9)).isFalse();
    }
}
