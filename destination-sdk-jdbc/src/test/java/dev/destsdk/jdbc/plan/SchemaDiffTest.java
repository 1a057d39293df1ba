package dev.destsdk.jdbc.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import dev.destsdk.jdbc.dialect.GeneralSqlDialect;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {
    static final class Dialect extends GeneralSqlDialect {
        Dialect() {
            super("test", IdentifierPolicy.builder().caseInsensitiveComparison(true).build());
        }
    }

    private final Dialect dialect = new Dialect();

    private TableLayout layout(FieldMetadata... fields) {
        return TableLayout.of(ObjectMetadata.builder("t").schema("s").fields(List.of(fields)).build(), dialect,
                TrackingColumns.DEFAULT);
    }

    private static ExistingColumn col(String name, String nativeType, ColumnType type) {
        return new ExistingColumn(name, nativeType, Optional.of(type), true);
    }

    private static List<ExistingColumn> tracking() {
        return List.of(col("_supa_synced", "TIMESTAMP WITH TIME ZONE", ColumnType.of(CanonicalType.TIMESTAMP_TZ)),
                col("_supa_job_id", "VARCHAR(128)", new ColumnType(CanonicalType.STRING, Optional.of(128),
                        Optional.empty())),
                col("_supa_deleted", "BOOLEAN", ColumnType.of(CanonicalType.BOOLEAN)));
    }

    private static List<ExistingColumn> with(ExistingColumn... columns) {
        return java.util.stream.Stream.concat(List.of(columns).stream(), tracking().stream()).toList();
    }

    @Test
    void addsNewColumnsAndWidensAlongTheHierarchyComparingNamesAsTheDatabaseDoes() {
        TableLayout layout = layout(FieldMetadata.builder("ID", CanonicalType.LONG).primaryKey(true).build(),
                FieldMetadata.builder("extra", CanonicalType.STRING).build());
        List<SchemaChange> changes = SchemaDiff.plan(layout, with(col("id", "INTEGER",
                ColumnType.of(CanonicalType.INTEGER))), dialect, SchemaEvolutionMode.ALLOW_ALL);
        assertThat(changes).extracting(c -> c.kind() + " " + c.column().name())
                .containsExactly("WIDEN ID", "ADD extra");
    }

    @Test
    void addsMissingTrackingColumnsWhateverTheMode() {
        TableLayout layout = layout(FieldMetadata.builder("id", CanonicalType.LONG).build());
        List<SchemaChange> changes = SchemaDiff.plan(layout, List.of(col("id", "BIGINT",
                ColumnType.of(CanonicalType.LONG))), dialect, SchemaEvolutionMode.BLOCK_ALL);
        assertThat(changes).extracting(c -> c.column().name())
                .containsExactly("_supa_synced", "_supa_job_id", "_supa_deleted");
        assertThat(changes).allMatch(SchemaChange::tracking);
    }

    @Test
    void refusesNarrowingNamingTableColumnAndBothTypes() {
        TableLayout layout = layout(FieldMetadata.builder("n", CanonicalType.INTEGER).build());
        assertThatThrownBy(() -> SchemaDiff.plan(layout, with(col("n", "BIGINT", ColumnType.of(CanonicalType.LONG))),
                dialect, SchemaEvolutionMode.ALLOW_ALL))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.getErrorType()).isEqualTo(ErrorType.SCHEMA_EVOLUTION_ERROR);
                    assertThat(e.getMessage()).contains("s.t").contains("'n'").contains("LONG").contains("INTEGER")
                            .contains("narrow");
                });
    }

    @Test
    void modesRefuseWhatTheyForbidAndReportEveryRefusal() {
        TableLayout layout = layout(FieldMetadata.builder("n", CanonicalType.LONG).build(),
                FieldMetadata.builder("added", CanonicalType.DATE).build());
        List<ExistingColumn> existing = with(col("n", "INTEGER", ColumnType.of(CanonicalType.INTEGER)));
        assertThatThrownBy(() -> SchemaDiff.plan(layout, existing, dialect, SchemaEvolutionMode.BLOCK_ALL))
                .hasMessageContaining("forbids adding columns").hasMessageContaining("forbids type changes");
        assertThatThrownBy(() -> SchemaDiff.plan(layout, existing, dialect, SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY))
                .hasMessageContaining("forbids type changes").hasMessageNotContaining("forbids adding");
        assertThatThrownBy(() -> SchemaDiff.plan(layout, existing, dialect, SchemaEvolutionMode.ALLOW_TYPE_CHANGES_ONLY))
                .hasMessageContaining("forbids adding columns").hasMessageNotContaining("forbids type");
    }

    @Test
    void sameNativeTypeIsNoChange() {
        TableLayout layout = layout(FieldMetadata.builder("d", CanonicalType.TIMESTAMP_TZ).build());
        List<SchemaChange> changes = SchemaDiff.plan(layout, with(col("d", "timestamp with time zone",
                ColumnType.of(CanonicalType.TIMESTAMP))), dialect, SchemaEvolutionMode.BLOCK_ALL);
        assertThat(changes).isEmpty();
    }

    @Test
    void aFieldNamedLikeATrackingColumnIsRefusedUnlessItIsTheBooleanDeleteMarker() {
        assertThatThrownBy(() -> layout(FieldMetadata.builder("_SUPA_JOB_ID", CanonicalType.STRING).build()))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("tracking column");
        assertThatThrownBy(() -> layout(FieldMetadata.builder("_supa_deleted", CanonicalType.STRING).build()))
                .hasMessageContaining("must be BOOLEAN");
        TableLayout ok = layout(FieldMetadata.builder("_supa_deleted", CanonicalType.BOOLEAN).build());
        assertThat(ok.sourceSendsDeleted()).isTrue();
        assertThat(ok.trackingColumns()).extracting(c -> c.name()).containsExactly("_supa_synced", "_supa_job_id");
    }
}
