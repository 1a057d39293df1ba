package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.internal.load.LoadPlan.BuildAside;
import dev.destsdk.jdbc.internal.load.LoadPlan.NoRows;
import dev.destsdk.jdbc.internal.load.LoadPlan.StraightIn;
import dev.destsdk.jdbc.internal.load.LoadPlan.ThroughStaging;
import dev.destsdk.jdbc.plan.TableLayout;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@link dev.destsdk.jdbc.BaseWarehouseDestination}'s load, on one connection:
 * <ol>
 *   <li>drops helper tables that earlier loads of the table left behind;</li>
 *   <li>reads the target's status once ({@link TargetStatus});</li>
 *   <li>plans the load ({@link LoadPlanner}, pure);</li>
 *   <li>runs the plan's executor;</li>
 *   <li>on success drops the helper tables, then reports the ENDED event; on failure undoes the schema changes
 *       applied outside a transaction and drops the helper tables ({@link LoadResources}).</li>
 * </ol>
 * Not thread-safe; used once.
 */
public final class WarehouseLoad {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLoad.class);

    private final SqlExecutor sql;
    private final TableLayout layout;
    private final LoadRequest request;
    private final LoadInputs inputs;
    private final ProgressCallback callback;

    /**
     * @param sql the executor over the load's connection (in auto-commit mode); not null
     * @param layout the target's layout; not null
     * @param request the load request; not null
     * @param inputs what the load takes from the destination; not null
     * @param callback where progress goes; not null
     */
    public WarehouseLoad(SqlExecutor sql, TableLayout layout, LoadRequest request, LoadInputs inputs,
                         ProgressCallback callback) {
        this.sql = Objects.requireNonNull(sql, "sql is null");
        this.layout = Objects.requireNonNull(layout, "layout is null");
        this.request = Objects.requireNonNull(request, "request is null");
        this.inputs = Objects.requireNonNull(inputs, "inputs is null");
        this.callback = Objects.requireNonNull(callback, "callback is null");
    }

    /**
     * Runs the load; the connection is back in auto-commit mode when it returns or throws.
     *
     * @return the load's response
     * @throws dev.destsdk.core.error.ConnectorException when the load fails; the target is then as it was (or, where
     *     DDL is not transactional and the swap was the commit point, as the load published it)
     */
    public LoadResponse run() {
        HelperTables helpers = new HelperTables(layout.table(), sql.dialect(),
                request.sync().syncIdAsIdentifierPart());
        LoadProgress progress = new LoadProgress(callback);
        try (LoadResources resources = new LoadResources(sql, layout.table(), helpers)) {
            try {
                helpers.dropStale(sql, resources);
                LoadResponse response = execute(new LoadRun(sql, layout, request, inputs, helpers, resources,
                        progress));
                resources.commit();
                progress.ended(response.rowsLoaded(), response.message());
                return response;
            } catch (RuntimeException e) {
                resources.undoSchemaChanges(e);
                throw e;
            }
        }
    }

    private LoadResponse execute(LoadRun run) {
        run.report("reading the definition of " + run.target);
        TargetStatus status = TargetStatus.read(sql, layout);
        LoadPlan plan = LoadPlanner.plan(status, request, layout, sql.dialect());
        LOG.debug("plan for {}: {}", run.target, plan);
        TableSteps steps = new TableSteps(run);
        SchemaEvolver evolver = new SchemaEvolver(run, steps, status);
        LoadCounts counts;
        if (plan instanceof NoRows noRows) {
            return new NoRowsExecutor(run, steps, evolver).execute(noRows);
        } else if (plan instanceof BuildAside aside) {
            counts = new BuildAsideExecutor(run, steps).execute(aside);
        } else if (plan instanceof StraightIn straight) {
            counts = new StraightInExecutor(run, steps, evolver).execute(straight);
        } else {
            counts = new StagingExecutor(run, steps, evolver).execute((ThroughStaging) plan);
        }
        long loaded = counts.inserted() + counts.updated();
        String message = request.loadMode() + " into " + run.target + ": " + counts.inserted() + " inserted, "
                + counts.updated() + " updated, " + counts.deleted() + " deleted from " + run.progress.rows()
                + " loaded row(s)" + (run.resources.holdsStaging() ? " (through a staging table)" : "");
        LOG.info("{}", message);
        return new LoadResponse(loaded, counts.inserted(), counts.updated(), counts.deleted(), 0, message);
    }
}
