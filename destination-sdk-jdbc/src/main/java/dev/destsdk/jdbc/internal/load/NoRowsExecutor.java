package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.internal.load.HelperTables.Kind;
import dev.destsdk.jdbc.internal.load.LoadPlan.NoRows;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a {@link NoRows} plan (ddlOnly, zeroRows): creates the empty table aside and publishes it, alters it, or
 * leaves it. Not thread-safe; used once.
 */
final class NoRowsExecutor {
    private final LoadRun run;
    private final TableSteps steps;
    private final SchemaEvolver evolver;

    NoRowsExecutor(LoadRun run, TableSteps steps, SchemaEvolver evolver) {
        this.run = run;
        this.steps = steps;
        this.evolver = evolver;
    }

    LoadResponse execute(NoRows plan) {
        String what = switch (plan.outcome()) {
            case CREATE, RECREATE -> {
                buildEmpty(plan.outcome() == LoadPlan.TableOutcome.RECREATE);
                yield plan.outcome().words();
            }
            case ALTER -> {
                evolver.applyInTransaction(plan.schema());
                yield plan.outcome().words() + " (" + plan.schema().changes().size() + " change(s))";
            }
            case UNCHANGED -> plan.outcome().words();
        };
        return LoadResponse.noRows((plan.ddlOnly() ? "ddl only" : "zero rows") + ": table " + run.target + " " + what);
    }

    /** Creates the empty table aside and publishes it. */
    private void buildEmpty(boolean exists) {
        run.report((exists ? "replacing " : "creating ") + run.target);
        SqlDialect d = run.d;
        SqlExecutor sql = run.sql;
        boolean tx = d.transactionalDdl();
        Connection c = sql.connection();
        try {
            steps.ensureSchema();
            sql.update(d.dropTableIfExists(run.helpers.aside()));
            if (tx) {
                c.setAutoCommit(false);
            }
            run.resources.hold(Kind.ASIDE);
            sql.updateCatalog(d.createTable(run.helpers.aside(), run.layout.allColumns()));
            steps.keyIndex(run.helpers.aside()).ifPresent(sql::update);
            steps.publish(exists);
            if (tx) {
                c.commit();
            }
            run.resources.published(Kind.ASIDE);
        } catch (SQLException e) {
            throw sql.translate(e, null);
        } finally {
            run.restoreAutoCommit(tx);
        }
    }
}
