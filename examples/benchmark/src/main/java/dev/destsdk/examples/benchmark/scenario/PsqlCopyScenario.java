package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.BenchSchema;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Baseline (a): {@code psql -c "\copy … from '<file>' with (format csv, header true)"} into a fresh table, psql run
 * as a subprocess. When GNU time is at {@code /usr/bin/time}, it wraps psql to report psql's peak RSS.
 */
final class PsqlCopyScenario implements Scenario {
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final Pattern COPY_COUNT = Pattern.compile("COPY (\\d+)");

    @Override
    public String id() {
        return "pg-load-psql";
    }

    @Override
    public String title() {
        return "PostgreSQL initial load: `psql \\copy … csv header` (subprocess)";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        try {
            Process p = new ProcessBuilder(ctx.options().psql(), "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new ScenarioUnavailableException("'" + ctx.options().psql() + " --version' failed", null);
            }
        } catch (IOException e) {
            throw new ScenarioUnavailableException("psql not found: install the PostgreSQL client or pass "
                    + "--psql=/path/to/psql", e);
        }
        ctx.postgres().recreateBaselineTable(Tables.LOAD);
        ctx.postgres().checkpoint();
    }

    @Override
    public RunOutcome run(ScenarioContext ctx) throws Exception {
        Path file = ctx.load().file();
        if (file.toString().indexOf('\'') >= 0) {
            throw new IllegalArgumentException("the data path must not contain a single quote: " + file);
        }
        Path out = Files.createTempFile("bench-psql", ".out");
        Path err = Files.createTempFile("bench-psql", ".err");
        Path rss = Files.createTempFile("bench-psql", ".rss");
        try {
            List<String> cmd = new ArrayList<>();
            boolean timed = Files.isExecutable(GNU_TIME);
            if (timed) {
                cmd.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rss.toString()));
            }
            cmd.addAll(List.of(ctx.options().psql(), "-X", "-v", "ON_ERROR_STOP=1",
                    "-h", ctx.options().pgHost(), "-p", Integer.toString(ctx.options().pgPort()),
                    "-U", ctx.options().pgUser(), "-d", ctx.options().pgDatabase(),
                    "-c", "\\copy " + ctx.postgres().qualified(Tables.LOAD) + " (" + BenchSchema.columnList()
                            + ") from '" + file + "' with (format csv, header true)"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            ctx.options().pgPassword().ifPresent(pw -> pb.environment().put("PGPASSWORD", pw));
            Process p = pb.start();
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("psql exited with " + exit + ": "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            Matcher m = COPY_COUNT.matcher(Files.readString(out, StandardCharsets.UTF_8));
            long rows = m.find() ? Long.parseLong(m.group(1)) : -1;
            OptionalLong peak = OptionalLong.empty();
            if (timed) {
                String kb = Files.readString(rss, StandardCharsets.UTF_8).strip();
                if (kb.matches("\\d+")) {
                    peak = OptionalLong.of(Long.parseLong(kb) * 1024);
                }
            }
            return new RunOutcome(rows, peak, "");
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(rss);
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
