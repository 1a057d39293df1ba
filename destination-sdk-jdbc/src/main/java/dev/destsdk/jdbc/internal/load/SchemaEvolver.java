package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.internal.load.HelperTables.Kind;
import dev.destsdk.jdbc.internal.load.LoadPlan.SchemaSteps;
import dev.destsdk.jdbc.plan.SchemaChange;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan's {@link SchemaSteps} on the target: columns added and widened in place (each registered to be undone
 * where DDL is not transactional), or the table rebuilt when a type cannot change in place; then the SDK's unique
 * key index replaced by a plain one where the plan says so. Not thread-safe; one per load.
 */
final class SchemaEvolver {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolver.class);

    private final LoadRun run;
    private final TableSteps steps;
    private final SqlExecutor sql;
    private final SqlDialect d;
    private final TableName target;
    private final List<ExistingColumn> existing;

    SchemaEvolver(LoadRun run, TableSteps steps, TargetStatus status) {
        this.run = run;
        this.steps = steps;
        this.sql = run.sql;
        this.d = run.d;
        this.target = run.target;
        this.existing = status.columns();
    }

    /** A column as it is, for DDL; a type the dialect does not know stays its native type (STRING stands in). */
    static ColumnDef asColumn(ExistingColumn column) {
        return new ColumnDef(column.name(), column.type().orElse(ColumnType.of(CanonicalType.STRING)),
                column.nativeType(), column.nullable(), Optional.empty());
    }

    /** Applies the steps in a transaction of their own where DDL is transactional (ddlOnly). */
    void applyInTransaction(SchemaSteps schema) {
        if (schema.changes().isEmpty()) {
            return;
        }
        boolean tx = d.transactionalDdl();
        try {
            if (tx) {
                sql.connection().setAutoCommit(false);
            }
            apply(schema);
            if (tx) {
                sql.connection().commit();
            }
        } catch (SQLException e) {
            throw sql.translate(e, null);
        } finally {
            run.restoreAutoCommit(tx);
        }
    }

    /** Applies the steps in the current transaction (or none, where DDL is not transactional). */
    void apply(SchemaSteps schema) {
        if (schema.rebuild()) {
            rebuild(schema);
            return;
        }
        for (SchemaChange change : schema.changes()) {
            switch (change.kind()) {
                case ADD -> {
                    run.report("adding column " + change.column().name());
                    sql.update(d.addColumn(target, change.column()));
                    run.resources.undoable(List.of(d.dropColumn(target, change.column().name())));
                }
                case WIDEN -> {
                    ExistingColumn old = change.existing().orElseThrow();
                    run.report("widening column " + old.name() + " from " + old.nativeType() + " to "
                            + change.column().nativeType());
                    d.widenColumn(target, asColumn(old), change.column()).orElseThrow().forEach(sql::update);
                    // the rows are rolled back, so they fit the old type again
                    d.widenColumn(target, change.column().withNullable(old.nullable()), asColumn(old))
                            .ifPresent(run.resources::undoable);
                }
            }
        }
        if (!schema.indexesToDemote().isEmpty()) {
            run.report("replacing the unique key index: " + run.request.loadMode() + " keeps duplicate keys");
            for (String index : schema.indexesToDemote()) {
                sql.update(d.dropIndex(target, index));
                d.createUniqueKeyIndex(target, index, run.layout.keyColumnDefs())
                        .ifPresent(s -> run.resources.undoable(List.of(s)));
            }
            String plain = steps.keyIndexName();
            Optional<String> create = d.createKeyIndex(target, plain, run.layout.keyColumnDefs());
            if (create.isPresent()) {
                sql.update(create.get());
                run.resources.undoable(List.of(d.dropIndex(target, plain)));
            }
        }
    }

    /**
     * Applies schema changes by rebuilding the table, for a dialect that cannot change a column's type in place:
     * creates the new definition beside the target (widened and added columns, in the existing order), copies the
     * rows converting the widened columns, builds the key index (unique when the target had one and keeps it), and
     * swaps it in. Rows, columns and the key index are kept; other indexes, constraints, defaults and grants of the
     * old table are not. In a transaction where DDL is transactional; elsewhere a failed load keeps the rebuilt
     * table (same rows, wider types).
     */
    private void rebuild(SchemaSteps schema) {
        List<SchemaChange> changes = schema.changes();
        run.request.cancellation().checkCancellation("load: rebuilding " + target);
        run.report("rebuilding " + target + ": " + d.name() + " cannot change a column's type in place");
        LOG.warn("rebuilding {} to widen column types; indexes other than the key index, constraints, defaults and"
                + " grants of the old table are not carried over", target);
        List<ColumnDef> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (ExistingColumn column : existing) {
            Optional<SchemaChange> widen = changes.stream().filter(c -> c.kind() == SchemaChange.Kind.WIDEN
                    && d.sameColumnName(c.existing().orElseThrow().name(), column.name())).findFirst();
            ColumnDef def = widen.map(c -> c.column().withNullable(column.nullable())).orElse(asColumn(column));
            columns.add(def);
            names.add(column.name());
            values.add(widen.isPresent() ? d.castTo(d.quote(column.name()), def) : d.quote(column.name()));
        }
        changes.stream().filter(c -> c.kind() == SchemaChange.Kind.ADD)
                .forEach(c -> columns.add(c.column().withNullable(true)));
        TableName rebuilt = run.helpers.rebuilt();
        sql.update(d.dropTableIfExists(rebuilt));
        run.resources.hold(Kind.REBUILT);
        sql.updateCatalog(d.createTable(rebuilt, columns));
        sql.update(d.insertSelect(rebuilt, names, values, target));
        if (!run.layout.keyColumns().isEmpty()) {
            String index = steps.keyIndexName();
            (schema.rebuildWithUniqueKeyIndex()
                    ? d.createUniqueKeyIndex(rebuilt, index, run.layout.keyColumnDefs()) : Optional.<String>empty())
                    .or(() -> d.createKeyIndex(rebuilt, index, run.layout.keyColumnDefs())).ifPresent(sql::update);
        }
        steps.swapIn(rebuilt);
        run.resources.published(Kind.REBUILT);
    }
}
