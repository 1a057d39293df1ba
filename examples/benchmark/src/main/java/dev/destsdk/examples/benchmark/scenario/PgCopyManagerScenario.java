package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.BenchSchema;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Extra baseline for (a): pgjdbc's CopyManager streaming the file's bytes into {@code COPY … FROM STDIN} in the
 * JVM, without parsing them: the floor for any JVM-side COPY path.
 */
final class PgCopyManagerScenario implements Scenario {

    @Override
    public String id() {
        return "pg-load-copymanager";
    }

    @Override
    public String title() {
        return "PostgreSQL initial load: pgjdbc CopyManager streaming the file (`COPY … FROM STDIN`)";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        ctx.postgres().recreateBaselineTable(Tables.LOAD);
        ctx.postgres().checkpoint();
    }

    @Override
    public RunOutcome run(ScenarioContext ctx) throws Exception {
        return RunOutcome.rows(copyIn(ctx, ctx.load().file(), ctx.postgres().qualified(Tables.LOAD)));
    }

    /**
     * Streams a canonical CSV file with one header row into a table through CopyManager, in its own auto-commit
     * transaction.
     */
    static long copyIn(ScenarioContext ctx, Path file, String qualifiedTable) throws Exception {
        try (Connection c = ctx.postgres().connect(Map.of());
             InputStream in = Files.newInputStream(file)) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + qualifiedTable + " ("
                    + BenchSchema.columnList() + ") FROM STDIN WITH (FORMAT csv, HEADER true)", in, 1 << 16);
        }
    }

    @Override
    public DatasetStats expected(ScenarioContext ctx) throws Exception {
        return ctx.load().expectedTable();
    }

    @Override
    public DatasetStats actual(ScenarioContext ctx) throws Exception {
        return ctx.postgres().stats(Tables.LOAD);
    }

    @Override
    public void cleanup(ScenarioContext ctx) throws Exception {
        ctx.postgres().dropTable(Tables.LOAD);
    }
}
