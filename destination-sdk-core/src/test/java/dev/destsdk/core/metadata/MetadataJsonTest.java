package dev.destsdk.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class MetadataJsonTest {
    private static final long BASE_SEED = 0x1D0_15EEDL;

    /** The seed document's {@code selected_metadata} shape for an activation, with canonical types filled in. */
    private static final String SEED_SELECTED_METADATA = """
            {
              "name": "customers",
              "schema": "public",
              "activation_target": {
                "object_api_name": "Contact",
                "name": "Contact",
                "fully_qualified_name": "Contact",
                "formatted_fully_qualified_name": "Contact"
              },
              "selected_merge_keys": ["External_ID__c"],
              "activation_behaviour": { "operation": "UPSERT", "insert_nulls": true, "trim_whitespace": false },
              "fields": [
                { "name": "email", "canonical_type": "STRING", "activation_target_field": "Email" },
                { "name": "first_name", "canonical_type": "STRING", "activation_target_field": "FirstName" },
                { "name": "external_id", "canonical_type": "STRING", "primary_key": true,
                  "activation_target_field": "External_ID__c" },
                { "name": "account_ref", "canonical_type": "STRING", "activation_target_field": "AccountId",
                  "activation_lookup": {
                    "reference_to": "Account",
                    "relationship_api_name": "Account",
                    "parent_match_field": "External_ID__c",
                    "parent_object_api_name": "Account"
                  } }
              ]
            }
            """;

    // ---- generated round trips ---------------------------------------------------------------------------------

    @RepeatedTest(40)
    void generatedObjectsRoundTrip(RepetitionInfo repetition) {
        long seed = BASE_SEED + repetition.getCurrentRepetition();
        ObjectMetadata object = new MetadataGenerator(seed).object();

        String json = MetadataJson.write(object);
        ObjectMetadata back = MetadataJson.read(json, ObjectMetadata.class);

        assertThat(back).as("seed=%d json=%s", seed, json).isEqualTo(object);
        assertThat(back.hashCode()).as("seed=%d", seed).isEqualTo(object.hashCode());
        assertThat(MetadataJson.write(back)).as("seed=%d: writing again gives the same text", seed).isEqualTo(json);
        assertThat(object.toBuilder().build()).as("seed=%d: toBuilder round trip", seed).isEqualTo(object);
    }

    @RepeatedTest(20)
    void generatedFieldsRoundTrip(RepetitionInfo repetition) {
        long seed = BASE_SEED * 7 + repetition.getCurrentRepetition();
        FieldMetadata field = new MetadataGenerator(seed).field("f_" + repetition.getCurrentRepetition());

        String json = MetadataJson.write(field);

        assertThat(MetadataJson.read(json, FieldMetadata.class)).as("seed=%d json=%s", seed, json).isEqualTo(field);
        assertThat(field.toBuilder().build()).as("seed=%d", seed).isEqualTo(field);
    }

    @RepeatedTest(20)
    void generatedMappingsRoundTrip(RepetitionInfo repetition) {
        long seed = BASE_SEED * 13 + repetition.getCurrentRepetition();
        MetadataMapping mapping = new MetadataGenerator(seed).mapping();

        String json = MetadataJson.write(mapping);
        MetadataMapping back = MetadataJson.read(json, MetadataMapping.class);

        assertThat(back).as("seed=%d json=%s", seed, json).isEqualTo(mapping);
        assertThat(back.isFirstRun()).as("seed=%d", seed).isEqualTo(mapping.isFirstRun());
        assertThat(json).as("seed=%d", seed).contains("\"mapped_merged_source_metadata\"").doesNotContain("first_run");
    }

    // ---- JSON shape --------------------------------------------------------------------------------------------

    @Test
    void propertyNamesAreSnakeCase() {
        FieldMetadata field = FieldMetadata.builder("amount", CanonicalType.DECIMAL)
                .originalDataType("numeric(10,2)").precision(10).scale(2).primaryKey(true).sourcePrimaryKey(true)
                .cursorField(true).readOnly(true).description("d").sourcePath("$.a").formattedName("\"amount\"")
                .customAttributes(Map.of("k", 1)).activationTargetField("Amount__c")
                .activationLookup(Map.of("reference_to", "Account"))
                .build();
        ObjectMetadata object = ObjectMetadata.builder("orders").catalog("db").schema("s")
                .fullyQualifiedName("db.s.orders").formattedName("\"orders\"")
                .formattedFullyQualifiedName("\"db\".\"s\".\"orders\"").skippedReason("r").primaryKeyLocked(true)
                .cursorFieldLocked(true).addField(field).activationTarget(Map.of("object_api_name", "Order"))
                .selectedMergeKeys(List.of("amount")).activationBehaviour(Map.of("operation", "UPSERT"))
                .build();

        String json = MetadataJson.write(MetadataMapping.firstRun(object));

        assertThat(json).contains("\"mapped_merged_source_metadata\"", "\"canonical_type\":\"DECIMAL\"",
                "\"original_data_type\":\"numeric(10,2)\"", "\"primary_key\":true", "\"source_primary_key\":true",
                "\"cursor_field\":true", "\"read_only\":true", "\"source_path\"", "\"formatted_name\"",
                "\"custom_attributes\"", "\"activation_target_field\":\"Amount__c\"",
                "\"activation_lookup\":{\"reference_to\":\"Account\"}", "\"fully_qualified_name\"",
                "\"formatted_fully_qualified_name\"", "\"skipped_reason\"", "\"primary_key_locked\":true",
                "\"cursor_field_locked\":true", "\"activation_target\":{\"object_api_name\":\"Order\"}",
                "\"selected_merge_keys\":[\"amount\"]", "\"activation_behaviour\":{\"operation\":\"UPSERT\"}");
        assertThat(json).doesNotContain("canonicalType", "primaryKey", "unknown_properties", "unknownProperties",
                "activationLookup", "\"is_activation_lookup\"", "primary_key_fields", "field_names",
                "mapped_last_applied_source_metadata");
    }

    @Test
    void emptyActivationPartsAreLeftOut() {
        String json = MetadataJson.write(ObjectMetadata.builder("t")
                .addField(FieldMetadata.builder("c", CanonicalType.STRING).build()).build());

        assertThat(json).doesNotContain("activation_target", "selected_merge_keys", "activation_behaviour",
                "activation_lookup", "original_data_type", "precision");
    }

    @Test
    void seedSelectedMetadataParses() {
        ObjectMetadata object = MetadataJson.read(SEED_SELECTED_METADATA, ObjectMetadata.class);

        assertThat(object.getName()).isEqualTo("customers");
        assertThat(object.getSchema()).contains("public");
        assertThat(object.getActivationTarget()).containsEntry("object_api_name", "Contact")
                .containsEntry("formatted_fully_qualified_name", "Contact");
        assertThat(object.getSelectedMergeKeys()).containsExactly("External_ID__c");
        assertThat(object.getActivationBehaviour()).containsEntry("operation", "UPSERT")
                .containsEntry("insert_nulls", true).containsEntry("trim_whitespace", false);
        assertThat(object.getFieldNames()).containsExactly("email", "first_name", "external_id", "account_ref");
        assertThat(object.getField("email").flatMap(FieldMetadata::getActivationTargetField)).contains("Email");
        assertThat(object.getPrimaryKeyFields()).extracting(FieldMetadata::getName).containsExactly("external_id");
        FieldMetadata lookup = object.getField("account_ref").orElseThrow();
        assertThat(lookup.isActivationLookup()).isTrue();
        assertThat(lookup.getActivationLookup()).containsEntry("reference_to", "Account")
                .containsEntry("parent_match_field", "External_ID__c");
        assertThat(object.getField("email").orElseThrow().isActivationLookup()).isFalse();
        assertThat(object.getUnknownProperties()).isEmpty();
        // Defaults for absent properties follow the builders.
        assertThat(object.isSelected()).isTrue();
        assertThat(object.getField("email").orElseThrow().isNullable()).isTrue();
    }

    @Test
    void unknownPropertiesAreKeptAndWrittenBack() {
        String json = """
                {"name": "t", "future_object_flag": {"a": [1, null, "x"], "b": null}, "ttl": 30,
                 "fields": [{"name": "c", "canonical_type": "UUID", "future_field_hint": "hint", "nothing": null}]}
                """;

        ObjectMetadata object = MetadataJson.read(json, ObjectMetadata.class);

        Map<String, Object> flag = new LinkedHashMap<>();
        flag.put("a", Arrays.asList(1, null, "x"));
        flag.put("b", null);
        assertThat(object.getUnknownProperties()).containsEntry("future_object_flag", flag).containsEntry("ttl", 30);
        FieldMetadata field = object.getFields().get(0);
        assertThat(field.getUnknownProperties()).containsEntry("future_field_hint", "hint")
                .containsEntry("nothing", null);
        String written = MetadataJson.write(object);
        assertThat(written).contains("\"future_object_flag\":{\"a\":[1,null,\"x\"],\"b\":null}", "\"ttl\":30",
                "\"future_field_hint\":\"hint\"", "\"nothing\":null");
        assertThat(MetadataJson.read(written, ObjectMetadata.class)).isEqualTo(object);
    }

    @Test
    void nullValuesInsideCustomAttributesSurvive() {
        Map<String, Object> nested = new HashMap<>();
        nested.put("inner", null);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("none", null);
        attributes.put("list", Arrays.asList(null, List.of(), Map.of()));
        attributes.put("nested", nested);
        ObjectMetadata object = ObjectMetadata.builder("ünïcødé 表").customAttributes(attributes).build();

        String json = MetadataJson.write(object);

        assertThat(json).contains("\"none\":null", "\"list\":[null,[],{}]", "\"nested\":{\"inner\":null}",
                "ünïcødé 表");
        assertThat(MetadataJson.read(json, ObjectMetadata.class)).isEqualTo(object);
    }

    // ---- immutability ------------------------------------------------------------------------------------------

    @Test
    void nestedAttributesAreCopiedAndUnmodifiable() {
        List<Object> list = new ArrayList<>(List.of("a"));
        Map<String, Object> inner = new LinkedHashMap<>(Map.of("list", list));
        Map<String, Object> attributes = new LinkedHashMap<>(Map.of("inner", inner));
        FieldMetadata field = FieldMetadata.builder("c", CanonicalType.JSON).customAttributes(attributes).build();
        list.add("b");
        inner.put("late", 1);

        @SuppressWarnings("unchecked")
        Map<String, Object> kept = (Map<String, Object>) field.getCustomAttributes().get("inner");
        assertThat(kept).containsOnlyKeys("list");
        assertThat(kept.get("list")).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> kept.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> keptList = (List<Object>) kept.get("list");
        assertThatThrownBy(() -> keptList.add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void attributesReadFromJsonAreUnmodifiable() {
        ObjectMetadata object = MetadataJson.read("{\"name\":\"t\",\"custom_attributes\":{\"m\":{\"l\":[1]}}}",
                ObjectMetadata.class);

        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) object.getCustomAttributes().get("m");
        assertThatThrownBy(() -> m.clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> object.getCustomAttributes().put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- invalid input -----------------------------------------------------------------------------------------

    @Test
    void malformedJsonIsAValidationErrorWithLineAndColumn() {
        String json = "{\n  \"name\": \"t\",\n  \"fields\": [,]\n}";

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> MetadataJson.read(json, ObjectMetadata.class));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().line()).hasValue(3);
        assertThat(e.getContext().column()).isPresent();
        assertThat(e.getMessage()).startsWith("[VALIDATION_ERROR] invalid ObjectMetadata JSON").contains("line=3");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void aWrongValueNamesItsPropertyPath() {
        String json = "{\"name\": \"t\",\n \"fields\": [{\"name\": \"c\", \"canonical_type\": \"STRING\"},\n"
                + " {\"name\": \"d\", \"canonical_type\": \"STRING\", \"precision\": \"wide\"}]}";

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> MetadataJson.read(json, ObjectMetadata.class));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("at fields[1].precision").contains("line=3");
    }

    @Test
    void aModelRuleBrokenInJsonIsAValidationErrorWithTheRuleText() {
        String json = "{\"name\": \"t\", \"fields\": [{\"name\": \"email\"}]}";

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> MetadataJson.read(json, ObjectMetadata.class));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("at fields[0]").contains("canonical_type of field 'email' is null")
                .doesNotContain("Cannot construct instance");
    }

    @Test
    void unknownCanonicalTypeIsAValidationError() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> MetadataJson.read(
                "{\"name\": \"c\", \"canonical_type\": \"GEOGRAPHY\"}", FieldMetadata.class));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("canonical_type").contains("GEOGRAPHY");
    }

    @Test
    void missingMappedMetadataIsAValidationError() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> MetadataJson.read("{\"actual_destination_metadata\": {\"name\": \"t\"}}", MetadataMapping.class));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("mappedMergedSourceMetadata is null");
    }

    @Test
    void mappingWithoutOptionalPartsReadsAsFirstRun() {
        MetadataMapping mapping = MetadataJson.read("{\"mapped_merged_source_metadata\": {\"name\": \"t\"}}",
                MetadataMapping.class);

        assertThat(mapping.isFirstRun()).isTrue();
        assertThat(mapping.actualDestinationMetadata()).isEqualTo(Optional.empty());
        assertThat(mapping.mappedMergedSourceMetadata().getName()).isEqualTo("t");
    }
}
