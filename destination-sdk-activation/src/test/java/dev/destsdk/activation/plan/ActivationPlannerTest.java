package dev.destsdk.activation.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.activation.ActivationLimits;
import dev.destsdk.activation.ApiFieldType;
import dev.destsdk.activation.FieldDescription;
import dev.destsdk.activation.ObjectDescription;
import dev.destsdk.activation.Operation;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActivationPlannerTest {
    static final ObjectDescription CONTACTS = ObjectDescription.of("contacts", List.of(
            new FieldDescription("hs_object_id", ApiFieldType.STRING, false, false, false, true, true, List.of(),
                    Optional.empty()),
            new FieldDescription("email", ApiFieldType.STRING, false, true, true, false, true, List.of(),
                    Optional.empty()),
            new FieldDescription("firstname", ApiFieldType.STRING, true, true, true, false, false, List.of(),
                    Optional.empty()),
            FieldDescription.writable("phone", ApiFieldType.STRING),
            new FieldDescription("signup", ApiFieldType.DATE, false, true, false, false, false, List.of(),
                    Optional.empty()),
            new FieldDescription("company", ApiFieldType.REFERENCE, false, true, true, false, false, List.of(),
                    Optional.of("companies"))));

    private static FieldMetadata field(String name, String target) {
        return FieldMetadata.builder(name, CanonicalType.STRING).activationTargetField(target).build();
    }

    private static ObjectMetadata.Builder object(FieldMetadata... fields) {
        return ObjectMetadata.builder("customers").fields(List.of(fields))
                .activationTarget(Map.of("object_api_name", "contacts", "name", "ignored"));
    }

    private static ActivationPlan plan(ObjectMetadata target) {
        return ActivationPlanner.plan("crm", target, name -> {
            assertThat(name).isEqualTo("contacts");
            return CONTACTS;
        }, d -> List.of(), ActivationLimits.defaults());
    }

    @Test
    void resolvesObjectOperationKeysAndOptions() {
        ActivationPlan p = plan(object(field("mail", "email"), field("first", "firstname"), field("other", null))
                .selectedMergeKeys(List.of("email"))
                .activationBehaviour(Map.of("operation", "update", "insert_nulls", "false", "trim_whitespace", true))
                .build());
        assertThat(p.objectName()).isEqualTo("contacts");
        assertThat(p.operation()).isEqualTo(Operation.UPDATE);
        assertThat(p.mergeKeys()).containsExactly("email");
        assertThat(p.fields()).extracting(MappedField::column).containsExactly("mail", "first");
        assertThat(p.fields().get(0).mergeKey()).isTrue();
        assertThat(p.options().insertNulls()).isFalse();
        assertThat(p.options().trimWhitespace()).isTrue();
        assertThat(p.stateScope()).isEqualTo("contacts|email");
    }

    @Test
    void objectNameFollowsTheSeedsOrder() {
        ObjectMetadata o = ObjectMetadata.builder("x").activationTarget(Map.of("name", "n", "object_api_name", "api",
                "fully_qualified_name", "fq", "formatted_fully_qualified_name", " ")).build();
        assertThat(ActivationPlanner.resolveObjectName(o)).contains("fq");
        assertThat(ActivationPlanner.resolveObjectName(ObjectMetadata.builder("x").build())).isEmpty();
    }

    @Test
    void defaultsToUpsertAndTheConnectorsMergeKeys() {
        ActivationPlan p = ActivationPlanner.plan("crm", object(field("mail", "email"), field("first", "firstname"))
                .build(), n -> CONTACTS, d -> List.of("email"), ActivationLimits.defaults());
        assertThat(p.operation()).isEqualTo(Operation.UPSERT);
        assertThat(p.mergeKeys()).containsExactly("email");
        assertThat(p.options().insertNulls()).isTrue();
        assertThat(p.options().trimWhitespace()).isFalse();
    }

    @Test
    void reportsEveryProblemTogether() {
        ObjectMetadata bad = object(field("mail", "email"), field("x", "shoe_size"), field("id", "hs_object_id"),
                field("signed", "signup"), field("co", "company"))
                .selectedMergeKeys(List.of("phone"))
                .activationBehaviour(Map.of("operation", "UPSERT", "insert_nulls", "maybe"))
                .build();
        assertThatThrownBy(() -> plan(bad)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
            assertThat(e.getMessage())
                    .contains("7 problem(s)")
                    .contains("activation_behaviour.insert_nulls 'maybe' is not true or false")
                    .contains("field 'x' maps to 'shoe_size', which contacts does not have")
                    .contains("field 'id' maps to 'hs_object_id', which is read-only")
                    .contains("field 'signed' maps to 'signup', which cannot be updated")
                    .contains("field 'co' maps to the reference field 'company' without an activation_lookup")
                    .contains("merge key 'phone' is not an id or external-id field of contacts; choose one of "
                            + "[hs_object_id, email]")
                    .contains("required field 'firstname' of contacts is not mapped");
        });
    }

    @Test
    void unknownOperationAndMissingMergeKeyAndUnmappedKey() {
        assertThatThrownBy(() -> plan(object(field("mail", "email")).activationBehaviour(Map.of("operation",
                "MERGE_ALL")).build())).hasMessageContaining("activation_behaviour.operation 'MERGE_ALL' is not an "
                + "operation; use INSERT, UPDATE or UPSERT");
        assertThatThrownBy(() -> plan(object(field("first", "firstname")).build()))
                .hasMessageContaining("UPSERT needs a merge key");
        assertThatThrownBy(() -> plan(object(field("first", "firstname")).selectedMergeKeys(List.of("email"))
                .build())).hasMessageContaining("merge key 'email' is not mapped; map a source field to it");
    }

    @Test
    void lookupsNeedAReferenceFieldAndTheRightParent() {
        FieldMetadata lookup = FieldMetadata.builder("co", CanonicalType.STRING).activationTargetField("company")
                .activationLookup(Map.of("parent_object_api_name", "deals", "parent_match_field", "domain")).build();
        assertThatThrownBy(() -> plan(object(field("mail", "email"), field("first", "firstname"), lookup)
                .selectedMergeKeys(List.of("email")).build()))
                .hasMessageContaining("looks up deals but 'company' refers to companies");
        FieldMetadata good = lookup.toBuilder().activationLookup(Map.of("parent_object_api_name", "companies",
                "parent_match_field", "domain")).build();
        ActivationPlan p = plan(object(field("mail", "email"), field("first", "firstname"), good)
                .selectedMergeKeys(List.of("email")).build());
        assertThat(p.fields().get(2).isLookup()).isTrue();
        assertThat(p.fields().get(2).lookupMatchField()).contains("domain");
    }

    @Test
    void missingTargetFailsAtOnce() {
        assertThatThrownBy(() -> ActivationPlanner.plan("crm", ObjectMetadata.builder("x").build(), n -> CONTACTS,
                d -> List.of(), ActivationLimits.defaults()))
                .hasMessageContaining("activation_target names no object");
    }
}
