package dev.destsdk.core.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectorCapabilitiesConfigTest {

    /** A minimal consistent builder: only the mandatory load modes are declared. */
    private static ConnectorCapabilitiesConfigBuilder minimal() {
        return ConnectorCapabilitiesConfig.builder().loadModes(LoadMode.APPEND);
    }

    private static ConnectorException rejection(ConnectorCapabilitiesConfigBuilder builder) {
        try {
            builder.build();
        } catch (ConnectorException e) {
            return e;
        }
        throw new AssertionError("build() accepted a contradictory config: " + builder.contradictions());
    }

    // ---- the plain builder -------------------------------------------------------------------------------------

    @Test
    void minimalBuilderDeclaresOnlyTheConservativeBaseline() {
        ConnectorCapabilitiesConfig config = minimal().build();

        assertThat(config.getLoadModes()).containsExactly(LoadMode.APPEND);
        assertThat(config.getDefaultLoadMode()).isEqualTo(LoadMode.APPEND);
        assertThat(config.getDestinationTableHandlings()).containsExactly(DestinationTableHandling.FAIL);
        assertThat(config.getDefaultDestinationTableHandling()).isEqualTo(DestinationTableHandling.FAIL);
        assertThat(config.getSchemaEvolutionModes()).containsExactly(SchemaEvolutionMode.BLOCK_ALL);
        assertThat(config.getDefaultSchemaEvolutionMode()).isEqualTo(SchemaEvolutionMode.BLOCK_ALL);
        assertThat(config.requiresExplicitLoadStep()).isTrue();
        assertThat(List.of(config.canAutoCreateSchema(), config.supportsStaging(), config.requiresStaging(),
                config.supportsHardDeletes(), config.canPropagateEmptySchema(), config.supportsParallelization(),
                config.supportsCheckpointing(), config.supportsRateLimit(), config.atomicTruncateAndLoad(),
                config.supportsSqlScripts())).containsOnly(false);
    }

    @Test
    void seedExampleBuildsWithTheDeclaredValues() {
        ConnectorCapabilitiesConfig config = ConnectorCapabilitiesConfigBuilder.builder()
                .asCloudWarehouse()
                .loadModes(LoadMode.APPEND, LoadMode.MERGE, LoadMode.OVERWRITE, LoadMode.TRUNCATE_AND_LOAD)
                .defaultLoadMode(LoadMode.MERGE)
                .destinationTableHandlings(DestinationTableHandling.FAIL, DestinationTableHandling.DROP,
                        DestinationTableHandling.MERGE)
                .defaultDestinationTableHandling(DestinationTableHandling.MERGE)
                .canAutoCreateSchema(true)
                .schemaEvolutionModes(SchemaEvolutionMode.ALLOW_ALL, SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY)
                .defaultSchemaEvolutionMode(SchemaEvolutionMode.ALLOW_ALL)
                .supportsStaging(true)
                .requiresStaging(true)
                .requiresExplicitLoadStep(true)
                .supportsHardDeletes(true)
                .canPropagateEmptySchema(true)
                .supportsParallelization(true)
                .supportsCheckpointing(false)
                .build();

        assertThat(config.getSchemaEvolutionModes())
                .containsExactly(SchemaEvolutionMode.ALLOW_ALL, SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY);
        assertThat(config.supportsLoadMode(LoadMode.OVERWRITE)).isTrue();
        assertThat(config.supportsSchemaEvolutionMode(SchemaEvolutionMode.BLOCK_ALL)).isFalse();
        assertThat(config.supportsDestinationTableHandling(DestinationTableHandling.DROP)).isTrue();
    }

    // ---- presets -----------------------------------------------------------------------------------------------

    @Test
    void cloudWarehousePresetValues() {
        ConnectorCapabilitiesConfig c = ConnectorCapabilitiesConfigBuilder.builder().asCloudWarehouse().build();

        assertThat(c.getLoadModes()).containsExactlyInAnyOrder(LoadMode.values());
        assertThat(c.getDefaultLoadMode()).isEqualTo(LoadMode.MERGE);
        assertThat(c.getDestinationTableHandlings()).containsExactlyInAnyOrder(DestinationTableHandling.values());
        assertThat(c.getDefaultDestinationTableHandling()).isEqualTo(DestinationTableHandling.MERGE);
        assertThat(c.getSchemaEvolutionModes()).containsExactlyInAnyOrder(SchemaEvolutionMode.values());
        assertThat(c.getDefaultSchemaEvolutionMode()).isEqualTo(SchemaEvolutionMode.ALLOW_ALL);
        assertThat(c.supportsStaging()).isTrue();
        assertThat(c.requiresStaging()).isTrue();
        assertThat(c.requiresExplicitLoadStep()).isTrue();
        assertThat(c.canAutoCreateSchema()).isTrue();
        assertThat(c.supportsHardDeletes()).isTrue();
        assertThat(c.canPropagateEmptySchema()).isTrue();
        assertThat(c.supportsParallelization()).isTrue();
        assertThat(c.atomicTruncateAndLoad()).isTrue();
        assertThat(c.supportsSqlScripts()).isTrue();
        assertThat(c.supportsCheckpointing()).isFalse();
        assertThat(c.supportsRateLimit()).isFalse();
    }

    @Test
    void traditionalDatabasePresetValues() {
        ConnectorCapabilitiesConfig c = ConnectorCapabilitiesConfigBuilder.builder().asTraditionalDatabase().build();

        assertThat(c.canAutoCreateSchema()).isTrue();
        assertThat(c.supportsHardDeletes()).isTrue();
        assertThat(c.supportsStaging()).isFalse();
        assertThat(c.requiresStaging()).isFalse();
        assertThat(c.requiresExplicitLoadStep()).isTrue();
        assertThat(c.getLoadModes()).containsExactlyInAnyOrder(LoadMode.values());
        assertThat(c.getDefaultLoadMode()).isEqualTo(LoadMode.MERGE);
        assertThat(c.getDefaultDestinationTableHandling()).isEqualTo(DestinationTableHandling.MERGE);
        assertThat(c.getDefaultSchemaEvolutionMode()).isEqualTo(SchemaEvolutionMode.ALLOW_ALL);
        assertThat(c.atomicTruncateAndLoad()).isTrue();
        assertThat(c.supportsSqlScripts()).isTrue();
        assertThat(c.supportsRateLimit()).isFalse();
    }

    @Test
    void apiConnectorPresetValues() {
        ConnectorCapabilitiesConfig c = ConnectorCapabilitiesConfigBuilder.builder().asAPIConnector().build();

        assertThat(c.supportsHardDeletes()).isFalse();
        assertThat(c.canAutoCreateSchema()).isFalse();
        assertThat(c.supportsRateLimit()).isTrue();
        assertThat(c.getLoadModes()).containsExactly(LoadMode.APPEND, LoadMode.MERGE);
        assertThat(c.getDefaultLoadMode()).isEqualTo(LoadMode.MERGE);
        assertThat(c.getDestinationTableHandlings()).containsExactly(DestinationTableHandling.MERGE);
        assertThat(c.getSchemaEvolutionModes()).containsExactly(SchemaEvolutionMode.BLOCK_ALL);
        assertThat(c.supportsStaging()).isFalse();
        assertThat(c.requiresExplicitLoadStep()).isTrue();
        assertThat(c.supportsSqlScripts()).isFalse();
        assertThat(c.atomicTruncateAndLoad()).isFalse();
        assertThat(c.supportsParallelization()).isFalse();
        assertThat(c.canPropagateEmptySchema()).isFalse();
    }

    @Test
    void callsAfterAPresetOverrideIt() {
        ConnectorCapabilitiesConfig c = ConnectorCapabilitiesConfigBuilder.builder()
                .asTraditionalDatabase()
                .supportsHardDeletes(false)
                .defaultLoadMode(LoadMode.APPEND)
                .schemaEvolutionModes(SchemaEvolutionMode.ALLOW_ALL, SchemaEvolutionMode.BLOCK_ALL)
                .supportsCheckpointing(true)
                .build();

        assertThat(c.supportsHardDeletes()).isFalse();
        assertThat(c.getDefaultLoadMode()).isEqualTo(LoadMode.APPEND);
        assertThat(c.getSchemaEvolutionModes())
                .containsExactly(SchemaEvolutionMode.ALLOW_ALL, SchemaEvolutionMode.BLOCK_ALL);
        assertThat(c.getDefaultSchemaEvolutionMode())
                .as("the preset's ALLOW_ALL default is still a member, so it is kept")
                .isEqualTo(SchemaEvolutionMode.ALLOW_ALL);
        assertThat(c.supportsCheckpointing()).isTrue();
        assertThat(c.canAutoCreateSchema()).as("untouched preset value").isTrue();
    }

    @Test
    void aLaterPresetReplacesAnEarlierOneEntirely() {
        ConnectorCapabilitiesConfig mixed = ConnectorCapabilitiesConfigBuilder.builder()
                .asCloudWarehouse().asAPIConnector().build();

        assertThat(mixed).isEqualTo(ConnectorCapabilitiesConfigBuilder.builder().asAPIConnector().build());
    }

    @Test
    void presetDefaultLeftOutsideANewOneMemberSetGivesWayToTheImpliedDefault() {
        ConnectorCapabilitiesConfig c = ConnectorCapabilitiesConfigBuilder.builder()
                .asAPIConnector().loadModes(LoadMode.APPEND).build();

        assertThat(c.getLoadModes()).containsExactly(LoadMode.APPEND);
        assertThat(c.getDefaultLoadMode()).isEqualTo(LoadMode.APPEND);
    }

    @Test
    void presetDefaultLeftOutsideANewMultiMemberSetAsksForAnExplicitDefault() {
        ConnectorException e = rejection(ConnectorCapabilitiesConfigBuilder.builder()
                .asCloudWarehouse().loadModes(LoadMode.APPEND, LoadMode.OVERWRITE));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getMessage())
                .contains("defaultLoadMode is not set")
                .contains("[APPEND, OVERWRITE]")
                .contains("preset's default MERGE")
                .contains("call defaultLoadMode(...)");
    }

    @Test
    void explicitDefaultIsNotSilentlyDroppedWhenTheSetChangesLater() {
        ConnectorException e = rejection(ConnectorCapabilitiesConfigBuilder.builder()
                .defaultLoadMode(LoadMode.MERGE).loadModes(LoadMode.APPEND));

        assertThat(e.getMessage()).contains(
                "defaultLoadMode MERGE is not in loadModes [APPEND]: add it to loadModes or choose one of them");
    }

    // ---- single-member sets ------------------------------------------------------------------------------------

    @Test
    void aOneMemberSetImpliesItsDefaultInEveryDimension() {
        ConnectorCapabilitiesConfig c = ConnectorCapabilitiesConfigBuilder.builder().asCloudWarehouse()
                .loadModes(LoadMode.OVERWRITE).defaultLoadMode(null)
                .destinationTableHandlings(DestinationTableHandling.DROP).defaultDestinationTableHandling(null)
                .schemaEvolutionModes(SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY).defaultSchemaEvolutionMode(null)
                .atomicTruncateAndLoad(false)
                .build();

        assertThat(c.getDefaultLoadMode()).isEqualTo(LoadMode.OVERWRITE);
        assertThat(c.getDefaultDestinationTableHandling()).isEqualTo(DestinationTableHandling.DROP);
        assertThat(c.getDefaultSchemaEvolutionMode()).isEqualTo(SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY);
    }

    // ---- one targeted test per rule ----------------------------------------------------------------------------

    @Test
    void rule1EmptyLoadModesIsRejected() {
        ConnectorException e = rejection(ConnectorCapabilitiesConfig.builder());

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("[CONFIGURATION_ERROR] ").contains(
                "loadModes is empty: declare at least one supported value with loadModes(...)");
    }

    static Stream<Arguments> otherSetsEmptied() {
        return Stream.of(
                Arguments.of("destinationTableHandlings",
                        (Consumer<ConnectorCapabilitiesConfigBuilder>) b -> b.destinationTableHandlings()),
                Arguments.of("schemaEvolutionModes",
                        (Consumer<ConnectorCapabilitiesConfigBuilder>) b -> b.schemaEvolutionModes()));
    }

    @ParameterizedTest(name = "rule 1: empty {0}")
    @MethodSource("otherSetsEmptied")
    void rule1EveryOtherEmptySetIsRejected(String setName, Consumer<ConnectorCapabilitiesConfigBuilder> emptyIt) {
        ConnectorCapabilitiesConfigBuilder b = minimal();
        emptyIt.accept(b);

        assertThat(b.contradictions()).hasSize(1);
        assertThat(rejection(b).getMessage()).contains(setName + " is empty: declare at least one");
    }

    static Stream<Arguments> defaultsOutsideTheirSets() {
        return Stream.of(
                Arguments.of((Consumer<ConnectorCapabilitiesConfigBuilder>) b -> b.defaultLoadMode(LoadMode.MERGE),
                        "defaultLoadMode MERGE is not in loadModes [APPEND]: add it to loadModes or choose one of them"),
                Arguments.of((Consumer<ConnectorCapabilitiesConfigBuilder>) b ->
                                b.defaultDestinationTableHandling(DestinationTableHandling.DROP),
                        "defaultDestinationTableHandling DROP is not in destinationTableHandlings [FAIL]: "
                                + "add it to destinationTableHandlings or choose one of them"),
                Arguments.of((Consumer<ConnectorCapabilitiesConfigBuilder>) b ->
                                b.defaultSchemaEvolutionMode(SchemaEvolutionMode.ALLOW_ALL),
                        "defaultSchemaEvolutionMode ALLOW_ALL is not in schemaEvolutionModes [BLOCK_ALL]: "
                                + "add it to schemaEvolutionModes or choose one of them"));
    }

    @ParameterizedTest(name = "rule 2: {1}")
    @MethodSource("defaultsOutsideTheirSets")
    void rule2DefaultOutsideItsSetIsRejected(Consumer<ConnectorCapabilitiesConfigBuilder> breakIt, String expected) {
        ConnectorCapabilitiesConfigBuilder b = minimal();
        breakIt.accept(b);

        assertThat(b.contradictions()).containsExactly(expected);
        assertThat(rejection(b).getMessage()).contains(expected);
    }

    static Stream<Arguments> multiMemberSetsWithoutDefault() {
        return Stream.of(
                Arguments.of("defaultLoadMode", (Consumer<ConnectorCapabilitiesConfigBuilder>) b ->
                        b.loadModes(LoadMode.APPEND, LoadMode.MERGE)),
                Arguments.of("defaultDestinationTableHandling", (Consumer<ConnectorCapabilitiesConfigBuilder>) b ->
                        b.destinationTableHandlings(DestinationTableHandling.FAIL, DestinationTableHandling.MERGE)),
                Arguments.of("defaultSchemaEvolutionMode", (Consumer<ConnectorCapabilitiesConfigBuilder>) b ->
                        b.schemaEvolutionModes(SchemaEvolutionMode.BLOCK_ALL, SchemaEvolutionMode.ALLOW_ALL)));
    }

    @ParameterizedTest(name = "rule 3: {0} unset")
    @MethodSource("multiMemberSetsWithoutDefault")
    void rule3UnsetDefaultOfAMultiMemberSetIsRejected(String defaultName,
                                                      Consumer<ConnectorCapabilitiesConfigBuilder> breakIt) {
        ConnectorCapabilitiesConfigBuilder b = minimal();
        breakIt.accept(b);

        assertThat(b.contradictions()).hasSize(1);
        assertThat(rejection(b).getMessage())
                .contains(defaultName + " is not set and ")
                .contains("call " + defaultName + "(...) with one of them");
    }

    @Test
    void rule4RequiresStagingWithoutSupportsStagingIsRejected() {
        ConnectorException e = rejection(minimal().requiresStaging(true));

        assertThat(e.getMessage()).contains("requiresStaging is true but supportsStaging is false: "
                + "set supportsStaging(true) if stage() uploads to a staging area, or requiresStaging(false)");
    }

    @Test
    void rule5NoMandatoryWritingStepIsRejected() {
        ConnectorException e = rejection(minimal().requiresExplicitLoadStep(false));

        assertThat(e.getMessage())
                .contains("requiresExplicitLoadStep and requiresStaging are both false")
                .contains("set requiresExplicitLoadStep(true) if load() writes the rows, "
                        + "or requiresStaging(true) if stage() does");
    }

    @Test
    void rule5AllowsStageToWriteTheRowsWhenStagingIsRequired() {
        ConnectorCapabilitiesConfig c = minimal().supportsStaging(true).requiresStaging(true)
                .requiresExplicitLoadStep(false).build();

        assertThat(c.requiresExplicitLoadStep()).isFalse();
        assertThat(c.requiresStaging()).isTrue();
    }

    @Test
    void rule5AllowsAnExplicitLoadStepWithoutStaging() {
        ConnectorCapabilitiesConfig c = minimal().supportsStaging(false).requiresExplicitLoadStep(true).build();

        assertThat(c.supportsStaging()).isFalse();
        assertThat(c.requiresExplicitLoadStep()).isTrue();
    }

    @Test
    void rule6AtomicTruncateAndLoadWithoutThatModeIsRejected() {
        ConnectorException e = rejection(minimal().atomicTruncateAndLoad(true));

        assertThat(e.getMessage()).contains("atomicTruncateAndLoad is true but loadModes [APPEND] does not contain "
                + "TRUNCATE_AND_LOAD: add TRUNCATE_AND_LOAD to loadModes or set atomicTruncateAndLoad(false)");
    }

    @Test
    void everyContradictionIsReportedInOneException() {
        ConnectorCapabilitiesConfigBuilder b = ConnectorCapabilitiesConfig.builder()
                .destinationTableHandlings()
                .defaultSchemaEvolutionMode(SchemaEvolutionMode.ALLOW_ALL)
                .requiresStaging(true)
                .atomicTruncateAndLoad(true);

        ConnectorException e = rejection(b);

        assertThat(b.contradictions()).hasSize(5);
        assertThat(e.getMessage())
                .contains("(5 problems): 1) loadModes is empty")
                .contains("; 2) destinationTableHandlings is empty")
                .contains("; 3) defaultSchemaEvolutionMode ALLOW_ALL is not in schemaEvolutionModes")
                .contains("; 4) requiresStaging is true but supportsStaging is false")
                .contains("; 5) atomicTruncateAndLoad is true");
    }

    @Test
    void nullSetsAndNullMembersAreRefused() {
        assertThatThrownBy(() -> minimal().loadModes((LoadMode[]) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("loadModes is null");
        assertThatThrownBy(() -> minimal().schemaEvolutionModes(SchemaEvolutionMode.ALLOW_ALL, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("schemaEvolutionModes contains null");
    }

    // ---- value semantics ---------------------------------------------------------------------------------------

    @Test
    void toBuilderRoundTripGivesAnEqualConfig() {
        for (ConnectorCapabilitiesConfig c : List.of(
                ConnectorCapabilitiesConfigBuilder.builder().asCloudWarehouse().build(),
                ConnectorCapabilitiesConfigBuilder.builder().asTraditionalDatabase().build(),
                ConnectorCapabilitiesConfigBuilder.builder().asAPIConnector().supportsCheckpointing(true).build(),
                minimal().build())) {
            ConnectorCapabilitiesConfig copy = c.toBuilder().build();

            assertThat(copy).isEqualTo(c).hasSameHashCodeAs(c).isNotSameAs(c);
            assertThat(copy.toString()).isEqualTo(c.toString());
        }
    }

    @Test
    void toBuilderChangesOnlyWhatIsCalled() {
        ConnectorCapabilitiesConfig base = ConnectorCapabilitiesConfigBuilder.builder().asCloudWarehouse().build();
        ConnectorCapabilitiesConfig changed = base.toBuilder().supportsRateLimit(true).build();

        assertThat(changed).isNotEqualTo(base);
        assertThat(changed.supportsRateLimit()).isTrue();
        assertThat(changed.toBuilder().supportsRateLimit(false).build()).isEqualTo(base);
    }

    @Test
    void toBuilderDefaultsCountAsDeclared() {
        ConnectorCapabilitiesConfig base = ConnectorCapabilitiesConfigBuilder.builder().asAPIConnector().build();

        assertThat(ConnectorCapabilitiesConfigBuilder.builder().asAPIConnector().loadModes(LoadMode.APPEND)
                .contradictions()).as("a preset's default gives way").isEmpty();
        assertThat(base.toBuilder().loadModes(LoadMode.APPEND).contradictions())
                .containsExactly("defaultLoadMode MERGE is not in loadModes [APPEND]: "
                        + "add it to loadModes or choose one of them");
    }

    @Test
    void setsAreUnmodifiableAndDetachedFromTheBuilder() {
        ConnectorCapabilitiesConfigBuilder b = minimal();
        ConnectorCapabilitiesConfig c = b.build();
        b.loadModes(LoadMode.MERGE);

        assertThat(c.getLoadModes()).containsExactly(LoadMode.APPEND);
        assertThatThrownBy(() -> c.getLoadModes().add(LoadMode.MERGE))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.getSchemaEvolutionModes().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(b.build().getLoadModes()).containsExactly(LoadMode.MERGE);
    }

    @Test
    void collectionSettersCopyTheirArgument() {
        EnumSet<LoadMode> modes = EnumSet.of(LoadMode.APPEND, LoadMode.MERGE);
        ConnectorCapabilitiesConfigBuilder b = ConnectorCapabilitiesConfig.builder()
                .loadModes(modes).defaultLoadMode(LoadMode.MERGE);
        modes.clear();

        assertThat(b.build().getLoadModes()).containsExactly(LoadMode.APPEND, LoadMode.MERGE);
    }

    @Test
    void equalsDistinguishesEveryFlag() {
        ConnectorCapabilitiesConfig base = minimal().build();
        List<ConnectorCapabilitiesConfig> variants = List.of(
                minimal().canAutoCreateSchema(true).build(),
                minimal().supportsStaging(true).build(),
                minimal().supportsStaging(true).requiresStaging(true).build(),
                minimal().supportsStaging(true).requiresStaging(true).requiresExplicitLoadStep(false).build(),
                minimal().supportsHardDeletes(true).build(),
                minimal().canPropagateEmptySchema(true).build(),
                minimal().supportsParallelization(true).build(),
                minimal().supportsCheckpointing(true).build(),
                minimal().supportsRateLimit(true).build(),
                minimal().loadModes(LoadMode.TRUNCATE_AND_LOAD).atomicTruncateAndLoad(true).build(),
                minimal().supportsSqlScripts(true).build());

        assertThat(variants).doesNotContain(base).doesNotHaveDuplicates();
        assertThat(base.toString()).contains("loadModes=[APPEND]", "defaultLoadMode=APPEND",
                "requiresExplicitLoadStep=true", "supportsSqlScripts=false");
    }
}
