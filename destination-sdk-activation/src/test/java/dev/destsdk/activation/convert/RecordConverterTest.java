package dev.destsdk.activation.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.activation.ActivationLimits;
import dev.destsdk.activation.ApiFieldType;
import dev.destsdk.activation.FieldDescription;
import dev.destsdk.activation.LookupReference;
import dev.destsdk.activation.ObjectDescription;
import dev.destsdk.activation.plan.ActivationPlan;
import dev.destsdk.activation.plan.ActivationPlanner;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordConverterTest {
    private static final ObjectDescription DEALS = ObjectDescription.of("deals", List.of(
            new FieldDescription("key", ApiFieldType.STRING, false, true, true, false, true, List.of(),
                    Optional.empty()),
            FieldDescription.writable("name", ApiFieldType.STRING),
            FieldDescription.writable("amount", ApiFieldType.NUMBER),
            FieldDescription.writable("count", ApiFieldType.INTEGER),
            FieldDescription.writable("won", ApiFieldType.BOOLEAN),
            FieldDescription.writable("close", ApiFieldType.DATE),
            FieldDescription.writable("seen", ApiFieldType.DATETIME),
            new FieldDescription("stage", ApiFieldType.PICKLIST, false, true, true, false, false,
                    List.of("open", "won"), Optional.empty()),
            new FieldDescription("company", ApiFieldType.REFERENCE, false, true, true, false, false, List.of(),
                    Optional.of("companies"))));

    private static RecordConverter converter(String operation, boolean insertNulls, boolean trim) {
        List<FieldMetadata> fields = DEALS.fields().keySet().stream().map(n -> {
            FieldMetadata.Builder b = FieldMetadata.builder("src_" + n, CanonicalType.STRING).activationTargetField(n);
            if (n.equals("company")) {
                b.activationLookup(Map.of("parent_object_api_name", "companies", "parent_match_field", "domain"));
            }
            return b.build();
        }).toList();
        ObjectMetadata target = ObjectMetadata.builder("src").fields(fields)
                .activationTarget(Map.of("object_api_name", "deals")).selectedMergeKeys(List.of("key"))
                .activationBehaviour(Map.of("operation", operation, "insert_nulls", insertNulls, "trim_whitespace",
                        trim)).build();
        ActivationPlan plan = ActivationPlanner.plan("crm", target, n -> DEALS, d -> List.of(),
                ActivationLimits.defaults());
        return new RecordConverter(plan);
    }

    @Test
    void convertsEachTypeAndLookups() throws Exception {
        ConvertedRecord r = converter("UPSERT", true, false).convert(Arrays.asList("K1", "Big deal", "12.50", "7",
                "TRUE", "2024-02-29", "2024-02-29 10:15:00", "won", "acme.com"));
        assertThat(r.mergeKeyValues()).containsExactly("K1");
        assertThat(r.values()).doesNotContainKey("key");
        assertThat(r.values()).containsEntry("name", "Big deal").containsEntry("amount", new BigDecimal("12.50"))
                .containsEntry("count", BigInteger.valueOf(7)).containsEntry("won", Boolean.TRUE)
                .containsEntry("close", LocalDate.of(2024, 2, 29))
                .containsEntry("seen", Instant.parse("2024-02-29T10:15:00Z"))
                .containsEntry("stage", "won")
                .containsEntry("company", new LookupReference("companies", "domain", "acme.com"));
        assertThat(r.sizeBytes()).isGreaterThan(50);
    }

    @Test
    void insertKeepsTheMergeKeyAmongTheValues() throws Exception {
        ConvertedRecord r = converter("INSERT", true, false).convert(Arrays.asList("K1", "n", null, null, null,
                null, null, null, null));
        assertThat(r.values()).containsEntry("key", "K1");
    }

    @Test
    void nullsAndEmptyStringsFollowInsertNulls() throws Exception {
        List<String> values = Arrays.asList("K1", "", null, null, null, null, null, null, null);
        assertThat(converter("UPSERT", true, false).convert(values).values()).containsEntry("name", null)
                .containsEntry("amount", null).hasSize(8);
        assertThat(converter("UPSERT", false, false).convert(values).values()).isEmpty();
    }

    @Test
    void trimWhitespaceTrimsBeforeConversion() throws Exception {
        List<String> values = Arrays.asList(" K1 ", "  Ann  ", " 3 ", null, null, null, null, " open", null);
        ConvertedRecord trimmed = converter("UPSERT", false, true).convert(values);
        assertThat(trimmed.mergeKeyValues()).containsExactly("K1");
        assertThat(trimmed.values()).containsEntry("name", "Ann").containsEntry("stage", "open");
        ConvertedRecord kept = converter("UPSERT", false, false).convert(Arrays.asList(" K1 ", "  Ann  ", null,
                null, null, null, null, null, null));
        assertThat(kept.values()).containsEntry("name", "  Ann  ");
        assertThatThrownBy(() -> converter("UPSERT", false, false).convert(values))
                .hasMessageContaining("' open' is not an allowed value of picklist stage");
    }

    @Test
    void badValuesFailTheRecordWithColumnAndReason() {
        RecordConverter c = converter("UPSERT", true, false);
        assertThatThrownBy(() -> c.convert(Arrays.asList("K", null, "12,5", null, null, null, null, null, null)))
                .isInstanceOf(ConversionException.class)
                .hasMessage("column src_amount: '12,5' is not a valid number for amount");
        assertThatThrownBy(() -> c.convert(Arrays.asList("K", null, null, "1.5", null, null, null, null, null)))
                .hasMessage("column src_count: '1.5' is not a valid integer for count");
        assertThatThrownBy(() -> c.convert(Arrays.asList("K", null, null, null, "yes", null, null, null, null)))
                .hasMessageContaining("'yes' is not a valid boolean for won");
        assertThatThrownBy(() -> c.convert(Arrays.asList("K", null, null, null, null, "2024-02-30", null, null,
                null))).hasMessage("column src_close: '2024-02-30' is not a valid date for close");
        assertThatThrownBy(() -> c.convert(Arrays.asList("K", null, null, null, null, null, null, "lost", null)))
                .hasMessage("column src_stage: 'lost' is not an allowed value of picklist stage [open, won]");
        assertThatThrownBy(() -> c.convert(Arrays.asList("", null, null, null, null, null, null, null, null)))
                .hasMessageContaining("merge key key is empty");
        assertThatThrownBy(() -> c.convert(Arrays.asList("K", null, "x".repeat(100), null, null, null, null, null,
                null))).hasMessageContaining("'xxxxxxxxxxxxxxxxxxxx…'");
    }
}
