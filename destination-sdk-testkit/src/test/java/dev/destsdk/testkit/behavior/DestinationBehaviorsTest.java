package dev.destsdk.testkit.behavior;

import static dev.destsdk.testkit.behavior.DestinationBehavior.ATOMIC_TRUNCATE_AND_LOAD;
import static dev.destsdk.testkit.behavior.DestinationBehavior.PRESERVES_TIMESTAMP_MICROS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_APPEND;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_CASE_SENSITIVE_COLUMNS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_HARD_DELETES;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_MERGE;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_OVERWRITE;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_SQL_SCRIPTS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_STAGING;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_TRUNCATE_AND_LOAD;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_TYPE_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.testkit.behavior.DestinationBehaviors.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DestinationBehaviorsTest {

    private static ConnectorCapabilitiesConfig warehouse() {
        return ConnectorCapabilitiesConfig.builder().asCloudWarehouse().build();
    }

    private static ConnectorCapabilitiesConfig database() {
        return ConnectorCapabilitiesConfig.builder().asTraditionalDatabase().build();
    }

    private static ConnectorCapabilitiesConfig api() {
        return ConnectorCapabilitiesConfig.builder().asAPIConnector().build();
    }

    static Stream<Arguments> declaredBehavioursPerPreset() {
        List<Arguments> out = new ArrayList<>();
        for (DestinationBehavior b : DestinationBehavior.values()) {
            if (b.isDeclared()) {
                out.add(Arguments.of(b, "warehouse"));
                out.add(Arguments.of(b, "database"));
                out.add(Arguments.of(b, "api"));
            }
        }
        return out.stream();
    }

    private static ConnectorCapabilitiesConfig preset(String name) {
        return switch (name) {
            case "warehouse" -> warehouse();
            case "database" -> database();
            default -> api();
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("declaredBehavioursPerPreset")
    void declaredBehavioursFollowCapabilitiesAndRefuseContradictingOverrides(DestinationBehavior b, String preset) {
        ConnectorCapabilitiesConfig caps = preset(preset);
        boolean declared = b.declaredBy(caps).orElseThrow();
        DestinationBehaviors resolved = DestinationBehaviors.of(caps);
        assertThat(resolved.has(b)).isEqualTo(declared);
        assertThat(resolved.source(b)).isEqualTo(Source.DECLARED);
        assertThat(resolved.explain(b)).startsWith(b + "=" + declared + " (declared: ");

        // Repeating the declaration is harmless.
        assertThat(DestinationBehaviors.builder(caps).override(b, declared).build().has(b)).isEqualTo(declared);
        // Contradicting it cannot be right.
        assertThatThrownBy(() -> DestinationBehaviors.builder(caps).override(b, !declared).build())
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR))
                .hasMessageContaining(b + " is overridden to " + !declared)
                .hasMessageContaining(b.capabilityName().orElseThrow())
                .hasMessageContaining("getCapabilitiesConfig()");
    }

    @Test
    void presetsResolveAsTheyDeclare() {
        DestinationBehaviors db = DestinationBehaviors.of(database());
        assertThat(db.has(SUPPORTS_MERGE)).isTrue();
        assertThat(db.has(SUPPORTS_TRUNCATE_AND_LOAD)).isTrue();
        assertThat(db.has(ATOMIC_TRUNCATE_AND_LOAD)).isTrue();
        assertThat(db.has(SUPPORTS_STAGING)).isFalse();
        assertThat(db.has(SUPPORTS_SQL_SCRIPTS)).isTrue();

        DestinationBehaviors saas = DestinationBehaviors.of(api());
        assertThat(saas.supported()).contains(SUPPORTS_APPEND, SUPPORTS_MERGE,
                DestinationBehavior.SUPPORTS_TABLE_HANDLING_MERGE, DestinationBehavior.SUPPORTS_SCHEMA_EVOLUTION_BLOCK_ALL);
        assertThat(saas.supported()).doesNotContain(SUPPORTS_OVERWRITE, SUPPORTS_TRUNCATE_AND_LOAD,
                ATOMIC_TRUNCATE_AND_LOAD, SUPPORTS_HARD_DELETES, SUPPORTS_SQL_SCRIPTS,
                DestinationBehavior.SUPPORTS_TABLE_HANDLING_FAIL);

        assertThat(DestinationBehaviors.of(warehouse()).has(SUPPORTS_STAGING)).isTrue();
    }

    @Test
    void atomicTruncateIsItsOwnDeclaration() {
        ConnectorCapabilitiesConfig caps = ConnectorCapabilitiesConfig.builder().asTraditionalDatabase()
                .atomicTruncateAndLoad(false).build();
        DestinationBehaviors resolved = DestinationBehaviors.of(caps);
        assertThat(resolved.has(SUPPORTS_TRUNCATE_AND_LOAD)).isTrue();
        assertThat(resolved.has(ATOMIC_TRUNCATE_AND_LOAD)).isFalse();
        assertThatThrownBy(() -> DestinationBehaviors.builder(caps).with(ATOMIC_TRUNCATE_AND_LOAD).build())
                .hasMessageContaining("ATOMIC_TRUNCATE_AND_LOAD is overridden to true");
    }

    @ParameterizedTest
    @EnumSource(CanonicalType.class)
    void typeBehavioursAreAssumedAndOverridable(CanonicalType type) {
        DestinationBehavior b = DestinationBehavior.of(type);
        assertThat(b.canonicalType()).hasValue(type);
        assertThat(b.isDeclared()).isFalse();
        DestinationBehaviors assumed = DestinationBehaviors.of(database());
        assertThat(assumed.has(b)).isTrue();
        assertThat(assumed.source(b)).isEqualTo(Source.ASSUMED);
        DestinationBehaviors without = DestinationBehaviors.builder(database()).without(b).build();
        assertThat(without.has(b)).isFalse();
        assertThat(without.source(b)).isEqualTo(Source.OVERRIDDEN);
    }

    @Test
    void aMissingPrerequisiteTurnsDependentBehavioursOff() {
        DestinationBehaviors resolved = DestinationBehaviors.builder(database()).without(SUPPORTS_TYPE_TIMESTAMP)
                .build();
        assertThat(resolved.has(PRESERVES_TIMESTAMP_MICROS)).isFalse();
        assertThat(resolved.source(PRESERVES_TIMESTAMP_MICROS)).isEqualTo(Source.MISSING_PREREQUISITE);
        assertThat(resolved.explain(PRESERVES_TIMESTAMP_MICROS)).contains("needs SUPPORTS_TYPE_TIMESTAMP");
    }

    @Test
    void overridingADependentBehaviourOnWithoutItsPrerequisiteIsRefused() {
        assertThatThrownBy(() -> DestinationBehaviors.builder(database()).without(SUPPORTS_TYPE_TIMESTAMP)
                .with(PRESERVES_TIMESTAMP_MICROS).build())
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("PRESERVES_TIMESTAMP_MICROS is overridden to true, but it needs "
                        + "[SUPPORTS_TYPE_TIMESTAMP]");
    }

    @Test
    void everyContradictionIsReportedAtOnce() {
        assertThatThrownBy(() -> DestinationBehaviors.builder(api())
                .overrides(Map.of(SUPPORTS_OVERWRITE, true, SUPPORTS_MERGE, false, SUPPORTS_SQL_SCRIPTS, true))
                .build())
                .hasMessageContaining("3 behaviour override(s)")
                .hasMessageContaining("SUPPORTS_OVERWRITE is overridden to true")
                .hasMessageContaining("SUPPORTS_MERGE is overridden to false")
                .hasMessageContaining("SUPPORTS_SQL_SCRIPTS is overridden to true");
    }

    @Test
    void assumedBehavioursCanBeTurnedOffFreely() {
        DestinationBehaviors resolved = DestinationBehaviors.builder(database())
                .without(SUPPORTS_CASE_SENSITIVE_COLUMNS).build();
        assertThat(resolved.has(SUPPORTS_CASE_SENSITIVE_COLUMNS)).isFalse();
        assertThat(resolved.explain(SUPPORTS_CASE_SENSITIVE_COLUMNS)).contains("overridden");
        assertThat(DestinationBehaviors.of(database()).explain(SUPPORTS_CASE_SENSITIVE_COLUMNS)).contains("assumed");
    }

    @Test
    void lookupsCoverEveryOption() {
        assertThat(Arrays.stream(LoadMode.values()).map(DestinationBehavior::of).distinct()).hasSize(4);
        assertThat(Arrays.stream(DestinationTableHandling.values()).map(DestinationBehavior::of).distinct())
                .hasSize(3);
        assertThat(Arrays.stream(SchemaEvolutionMode.values()).map(DestinationBehavior::of).distinct()).hasSize(4);
        assertThat(Arrays.stream(CanonicalType.values()).map(DestinationBehavior::of).distinct())
                .hasSize(CanonicalType.values().length);
        assertThat(DestinationBehavior.of(LoadMode.MERGE).capabilityName()).hasValue("load mode MERGE");
    }

    @Test
    void prerequisitesComeBeforeTheirDependents() {
        for (DestinationBehavior b : DestinationBehavior.values()) {
            for (DestinationBehavior p : b.prerequisites()) {
                assertThat(p.ordinal()).as("%s needs %s", b, p).isLessThan(b.ordinal());
            }
        }
    }
}
