package dev.destsdk.testkit.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.ObjectMetadata;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InspectedTableTest {
    private static final ObjectRef REF = ObjectRef.of("main", "orders");
    private static final List<InspectedColumn> COLUMNS = List.of(
            new InspectedColumn("id", CanonicalType.LONG, "bigint", false),
            new InspectedColumn("amount", CanonicalType.DECIMAL, "numeric(10,2)", true),
            new InspectedColumn("at", CanonicalType.TIMESTAMP_TZ, "timestamptz", true),
            new InspectedColumn("_supa_job_id", CanonicalType.STRING, "text", false));

    private static InspectedTable table() {
        return new InspectedTable(REF, COLUMNS, List.of(
                Arrays.asList(3L, new BigDecimal("1.50"), OffsetDateTime.parse("2024-01-01T00:00:00Z"), "j1"),
                Arrays.asList(1L, null, null, "j1"),
                Arrays.asList(2L, new BigDecimal("2.00"), OffsetDateTime.parse("2024-01-01T05:30:00+05:30"), "j2")));
    }

    @Test
    void sortsProjectsAndDropsColumns() {
        InspectedTable sorted = table().sortedBy(List.of("id"));
        assertThat(sorted.values("id")).containsExactly(1L, 2L, 3L);
        assertThat(sorted.without(List.of("_supa_job_id", "not_there")).columnNames())
                .containsExactly("id", "amount", "at");
        assertThat(sorted.project(List.of("amount", "id")).rows().get(0)).containsExactly(null, 1L);
        assertThat(table().sortedBy(List.of("amount")).values("id")).containsExactly(1L, 3L, 2L);
        assertThat(sorted.rowsAsMaps().get(1)).containsExactly(Map.entry("id", 2L),
                Map.entry("amount", new BigDecimal("2.00")),
                Map.entry("at", OffsetDateTime.parse("2024-01-01T05:30:00+05:30")), Map.entry("_supa_job_id", "j2"));
        assertThat(sorted.column("at")).hasValueSatisfying(c -> assertThat(c.nativeType()).isEqualTo("timestamptz"));
    }

    @Test
    void multisetsCompareByStoredValueRegardlessOfOrderAndForm() {
        InspectedTable table = table();
        List<List<Object>> expected = List.of(
                Arrays.asList(2L, new BigDecimal("2"), OffsetDateTime.parse("2023-12-31T19:00:00-05:00"), "j2"),
                Arrays.asList(1L, null, null, "j1"),
                Arrays.asList(3L, new BigDecimal("1.5"), OffsetDateTime.parse("2024-01-01T00:00:00Z"), "j1"));
        assertThat(table.multiset()).isEqualTo(table.multisetOf(expected));
        List<List<Object>> duplicated = List.of(expected.get(0), expected.get(0), expected.get(1));
        assertThat(table.multiset()).isNotEqualTo(table.multisetOf(duplicated));
        assertThat(table.multisetOf(duplicated).values()).containsExactlyInAnyOrder(2L, 1L);
    }

    @Test
    void badShapesAreRefused() {
        assertThatThrownBy(() -> new InspectedTable(REF, COLUMNS, List.of(List.of(1L))))
                .hasMessageContaining("row 1 of main.orders has 1 values for 4 columns");
        assertThatThrownBy(() -> table().values("missing")).hasMessageContaining("no column 'missing'")
                .hasMessageContaining("[id, amount, at, _supa_job_id]");
        assertThatThrownBy(() -> table().multisetOf(List.of(List.of(1L))))
                .hasMessageContaining("an expected row has 1 values");
        assertThatThrownBy(() -> RowOrder.by()).hasMessageContaining("RowOrder.any()");
        assertThatThrownBy(() -> new InspectedColumn("", CanonicalType.STRING, "text", true))
                .hasMessageContaining("column name");
    }

    @Test
    void objectRefsNameMappedObjects() {
        ObjectMetadata mapped = ObjectMetadata.builder("orders").catalog("db").schema("main").build();
        ObjectRef ref = ObjectRef.of(mapped);
        assertThat(ref).isEqualTo(new ObjectRef(Optional.of("db"), Optional.of("main"), "orders"));
        assertThat(ref.toString()).isEqualTo("db.main.orders");
        assertThat(RowOrder.any().isOrdered()).isFalse();
        assertThat(RowOrder.by("id").keyColumns()).containsExactly("id");
    }

    @Test
    void inspectorDefaultsFindLeftoversAndMissingObjects() {
        ObjectRef staging = ObjectRef.of("main", "orders_stage_job1");
        DestinationInspector inspector = new DestinationInspector() {
            @Override
            public boolean exists(ObjectRef object) {
                return object.equals(REF) || object.equals(staging);
            }

            @Override
            public List<InspectedColumn> columns(ObjectRef object) {
                return COLUMNS;
            }

            @Override
            public InspectedTable read(ObjectRef object, RowOrder order) {
                return table();
            }

            @Override
            public List<ObjectRef> listObjects(Optional<String> catalog, Optional<String> schema) {
                return List.of(REF, staging);
            }
        };
        assertThat(inspector.leftovers(Optional.empty(), Optional.of("main"), List.of(REF))).containsExactly(staging);
        assertThat(inspector.readIfExists(ObjectRef.of("main", "nope"), RowOrder.any())).isEmpty();
        assertThat(inspector.readIfExists(REF, RowOrder.any())).hasValueSatisfying(t -> assertThat(t.rowCount())
                .isEqualTo(3));
        inspector.close();
    }
}
