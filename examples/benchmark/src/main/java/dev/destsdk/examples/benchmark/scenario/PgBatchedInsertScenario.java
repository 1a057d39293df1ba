package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.BenchCsv;
import dev.destsdk.examples.benchmark.data.BenchSchema;
import dev.destsdk.examples.benchmark.data.DatasetStats;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Baseline (c): what the JDBC sinks of Debezium and Kafka Connect do: records bound as typed parameters of a
 * prepared INSERT, sent in batches ({@code --batch-size}, default 1000) with {@code reWriteBatchedInserts=true},
 * committed per batch. The file is read with commons-csv (a sink receives records already parsed; reading the file
 * is the smallest equivalent here).
 */
final class PgBatchedInsertScenario implements Scenario {

    @Override
    public String id() {
        return "pg-load-insert";
    }

    @Override
    public String title() {
        return "PostgreSQL initial load: JDBC batched INSERT (reWriteBatchedInserts=true, commit per batch)";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        ctx.postgres().recreateBaselineTable(Tables.LOAD);
        ctx.postgres().checkpoint();
    }

    @Override
    public RunOutcome run(ScenarioContext ctx) throws Exception {
        int batchSize = ctx.options().batchSize();
        String sql = "INSERT INTO " + ctx.postgres().qualified(Tables.LOAD) + " (" + BenchSchema.columnList()
                + ") VALUES (" + String.join(", ", Collections.nCopies(BenchSchema.COLUMNS.size(), "?")) + ")";
        long rows = 0;
        try (Connection c = ctx.postgres().connect(Map.of("reWriteBatchedInserts", "true"));
             Reader reader = Files.newBufferedReader(ctx.load().file(), StandardCharsets.UTF_8);
             CSVParser parser = BenchCsv.commonsCsvFormat().parse(reader)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int inBatch = 0;
                for (CSVRecord r : parser) {
                    bind(ps, r);
                    ps.addBatch();
                    if (++inBatch == batchSize) {
                        ps.executeBatch();
                        c.commit();
                        rows += inBatch;
                        inBatch = 0;
                    }
                }
                if (inBatch > 0) {
                    ps.executeBatch();
                    c.commit();
                    rows += inBatch;
                }
            }
        }
        return RunOutcome.rows(rows);
    }

    private static void bind(PreparedStatement ps, CSVRecord r) throws java.sql.SQLException {
        ps.setLong(1, Long.parseLong(r.get(0)));
        ps.setObject(2, LocalDateTime.parse(r.get(1)));
        String qty = r.get(2);
        if (qty == null) {
            ps.setNull(3, Types.INTEGER);
        } else {
            ps.setInt(3, Integer.parseInt(qty));
        }
        ps.setBigDecimal(4, new BigDecimal(r.get(3)));
        ps.setDouble(5, Double.parseDouble(r.get(4)));
        ps.setBoolean(6, Boolean.parseBoolean(r.get(5)));
        ps.setObject(7, LocalDate.parse(r.get(6)));
        ps.setObject(8, OffsetDateTime.parse(r.get(7)));
        ps.setString(9, r.get(8));
        ps.setString(10, r.get(9));
        ps.setObject(11, UUID.fromString(r.get(10)));
        String note = r.get(11);
        if (note == null) {
            ps.setNull(12, Types.VARCHAR);
        } else {
            ps.setString(12, note);
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
