package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.internal.load.LoadPlan.StraightIn;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a {@link StraightIn} plan: in one transaction, applies the schema steps, removes an earlier attempt's rows
 * (APPEND) or all rows (TRUNCATE_AND_LOAD), and bulk-loads the files into the target with the tracking values as
 * constants. Not thread-safe; used once.
 */
final class StraightInExecutor {
    private final LoadRun run;
    private final TableSteps steps;
    private final SchemaEvolver evolver;

    StraightInExecutor(LoadRun run, TableSteps steps, SchemaEvolver evolver) {
        this.run = run;
        this.steps = steps;
        this.evolver = evolver;
    }

    LoadCounts execute(StraightIn plan) {
        SqlExecutor sql = run.sql;
        Connection c = sql.connection();
        try {
            c.setAutoCommit(false);
            evolver.apply(plan.schema());
            if (plan.mode() == LoadMode.APPEND) {
                steps.removeEarlierAttempt();
                run.report("appending");
            } else {
                run.report("emptying and reloading");
                sql.update(run.d.deleteAllRows(run.target));
            }
            run.loadFiles(run.target, run.trackingValues(), false);
            run.request.cancellation().checkCancellation("load: committing " + run.target);
            c.commit();
            return new LoadCounts(run.progress.rows(), 0, 0);
        } catch (SQLException e) {
            throw sql.translate(e, null);
        } finally {
            run.restoreAutoCommit(true);
        }
    }
}
