package dev.destsdk.jdbc.plan;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares an existing table with the columns a load needs and decides the schema changes, before any data moves.
 *
 * <p>Rules: a missing column is added; a column whose type must hold wider values (along
 * {@link dev.destsdk.core.metadata.TypeHierarchy}, with precision and scale) is widened; a column whose requested type
 * is narrower than, or unrelated to, its current type is refused, naming table, column, old and new type. The
 * {@link SchemaEvolutionMode} then decides which of the remaining changes may run; tracking columns are always
 * added. Every refusal is reported in one exception. Stateless.
 */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    /**
     * @param layout the load's layout; not null
     * @param existing the table's columns as read; not empty
     * @param dialect the dialect; not null
     * @param mode the schema evolution mode; not null
     * @return the changes to apply, in column order
     * @throws ConnectorException SCHEMA_EVOLUTION_ERROR listing every refused change
     */
    public static List<SchemaChange> plan(TableLayout layout, List<ExistingColumn> existing, SqlDialect dialect,
                                          SchemaEvolutionMode mode) {
        List<SchemaChange> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String table = layout.table().toString();
        for (ColumnDef wanted : layout.allColumns()) {
            boolean tracking = layout.trackingColumns().contains(wanted);
            Optional<ExistingColumn> found = existing.stream()
                    .filter(e -> dialect.sameColumnName(e.name(), wanted.name())).findFirst();
            if (found.isEmpty()) {
                if (!tracking && (mode == SchemaEvolutionMode.ALLOW_TYPE_CHANGES_ONLY
                        || mode == SchemaEvolutionMode.BLOCK_ALL)) {
                    problems.add("new column '" + wanted.name() + "' (" + wanted.type() + ") is not in table " + table
                            + " and schema evolution mode " + mode + " forbids adding columns");
                } else {
                    changes.add(new SchemaChange(SchemaChange.Kind.ADD, wanted, Optional.empty(), tracking));
                }
                continue;
            }
            ExistingColumn have = found.get();
            if (have.nativeType().equalsIgnoreCase(wanted.nativeType())
                    || have.type().filter(t -> t.equals(wanted.type())).isPresent()) {
                continue;
            }
            if (have.type().isEmpty()) {
                problems.add("column '" + have.name() + "' of table " + table + " has native type " + have.nativeType()
                        + ", which has no canonical type; it cannot take " + wanted.type() + " values: change the"
                        + " column's type or drop the table");
                continue;
            }
            ColumnType old = have.type().get();
            if (wanted.type().holds(old)) {
                if (mode == SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY || mode == SchemaEvolutionMode.BLOCK_ALL) {
                    problems.add("column '" + have.name() + "' of table " + table + " would widen from " + old + " ("
                            + have.nativeType() + ") to " + wanted.type() + " (" + wanted.nativeType()
                            + ") and schema evolution mode " + mode + " forbids type changes");
                } else {
                    changes.add(new SchemaChange(SchemaChange.Kind.WIDEN, wanted.withNullable(have.nullable()),
                            Optional.of(have), tracking));
                }
            } else {
                problems.add("column '" + have.name() + "' of table " + table + " cannot change from " + old + " ("
                        + have.nativeType() + ") to " + wanted.type() + " (" + wanted.nativeType() + "): that would "
                        + (old.holds(wanted.type()) ? "narrow the column" : "lose data") + "; map the field to "
                        + old + " or a type that holds it (e.g. " + old.widenWith(wanted.type()) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw ConnectorException.builder(ErrorType.SCHEMA_EVOLUTION_ERROR, String.join("; ", problems))
                    .object(table).build();
        }
        return changes;
    }
}
