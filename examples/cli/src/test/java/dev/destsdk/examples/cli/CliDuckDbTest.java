package dev.destsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against an embedded DuckDB file: load, parallel load, dry run, sql, describe, bad input, bad flags. */
class CliDuckDbTest {
    private static final Map<String, String> ENV = Map.of();

    @TempDir
    Path dir;

    private String db() {
        return "path=" + dir.resolve("cli.duckdb");
    }

    private CliHarness.Result sql(String script) {
        return CliHarness.run(ENV, "sql", "-d", "duckdb", "-s", db(), script);
    }

    @Test
    void loadsOneTableWithMetadataAndMergesASecondLoad() throws IOException {
        Path data = CliHarness.shop(dir);
        CliHarness.Result first = CliHarness.run(ENV, "load", "-d", "duckdb", "-s", db(), "-m",
                dir.resolve("metadata.json").toString(), "-t", "customers", "--load-mode", "MERGE", data.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("customers | \"main\".\"customers\" | ok     | 3");
        Files.writeString(data.resolve("customers.csv"), "id,email,balance\n2,grace@new.example,21.00\n"
                + "4,barbara@example.com,1.00\n");
        CliHarness.Result second = CliHarness.run(ENV, "load", "-d", "duckdb", "-s", db(), "-m",
                dir.resolve("metadata.json").toString(), "-t", "customers", "--load-mode", "MERGE", data.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();

        CliHarness.Result rows = sql("SELECT id, email, balance FROM main.customers ORDER BY id");
        assertThat(rows.exitCode()).isZero();
        assertThat(rows.out()).contains("1  | ada@example.com     | 10.50", "2  | grace@new.example   | 21.00",
                "3  | edsger@example.com  | NULL", "4  | barbara@example.com | 1.00", "(4 rows)");
        assertThat(sql("SELECT count(*) AS n FROM main.orders").exitCode()).isEqualTo(DestsdkCli.FAILED);
    }

    @Test
    void loadsSeveralTablesEachFromItsFilesWithInferredColumns() throws IOException {
        Path data = CliHarness.many(dir, 5, 300);
        CliHarness.Result r = CliHarness.run(ENV, "load", "-d", "duckdb", "-s", db(), "--parallelism", "3",
                "--table-prefix", "p_", data.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("t0: no metadata given; columns inferred from the CSV header as STRING",
                "t0: no primary key: loading with APPEND", "tables load one after another",
                "5 table(s), 0 failed, parallelism 1");
        CliHarness.Result counts = sql("SELECT (SELECT count(*) FROM main.p_t0) + (SELECT count(*) FROM main.p_t1)"
                + " + (SELECT count(*) FROM main.p_t2) + (SELECT count(*) FROM main.p_t3)"
                + " + (SELECT count(*) FROM main.p_t4) AS total, (SELECT max(label) FROM main.p_t4) AS label");
        assertThat(counts.out()).contains("1500  | row 99");
    }

    @Test
    void aTableWithABadValueFailsAloneNamingFileLineAndColumnAndTheOthersLoad() throws IOException {
        Path data = CliHarness.shop(dir);
        Files.writeString(data.resolve("orders").resolve("b.csv"), "id,customer_id,amount\n14,3,8.00\n15,3,nine\n");
        CliHarness.Result r = CliHarness.run(ENV, "load", "-d", "duckdb", "-s", db(), "-m",
                dir.resolve("metadata.json").toString(), "-p", "2", data.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(DestsdkCli.FAILED);
        assertThat(r.out()).as(r.err()).contains("customers | \"main\".\"customers\" | ok", "orders    | -",
                "2 table(s), 1 failed");
        assertThat(r.err()).contains("error: table orders:", "VALIDATION_ERROR", "amount", "nine");
        assertThat(sql("SELECT count(*) AS n FROM main.customers").out()).contains("3");
        assertThat(sql("SELECT count(*) AS n FROM main.orders").exitCode())
                .as("the failed table is left as it was: not created").isEqualTo(DestsdkCli.FAILED);
    }

    @Test
    void dryRunPrintsTheMappedSchemaAndStatementsAndChangesNothing() throws IOException {
        Path data = CliHarness.shop(dir);
        CliHarness.Result r = CliHarness.run(ENV, "load", "-d", "duckdb", "-s", db(), "-m",
                dir.resolve("metadata.json").toString(), "--load-mode", "MERGE", "--dry-run", data.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("dry run: nothing is changed", "table orders -> \"main\".\"orders\" (MERGE,"
                + " 2 file(s))", "\"amount\"", "DECIMAL(10,2)", "CREATE TABLE \"main\".\"customers\"",
                "-- bulk load of the data files");
        assertThat(Files.exists(dir.resolve("cli.duckdb"))).as("no database created").isFalse();
    }

    @Test
    void describePrintsTheDeclaredCapabilities() {
        CliHarness.Result r = CliHarness.run(ENV, "describe", "-d", "duckdb");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("destination: duckdb", "load modes", "MERGE", "SQL scripts", "true");
        CliHarness.Result crm = CliHarness.run(Map.of("T", "secret-token-0042"), "describe", "-d", "crm",
                "-s", "base_url=http://127.0.0.1:9", "--secret-env", "token=T");
        assertThat(crm.exitCode()).isZero();
        assertThat(crm.out()).contains("rate limit", "SQL scripts").doesNotContain("secret-token-0042");
    }

    @Test
    void badFlagsAndBadSettingsExitWithTheirCodesAndMessages() throws IOException {
        Path data = CliHarness.shop(dir);
        CliHarness.Result unknown = CliHarness.run(ENV, "load", "-d", "duckdb", "--frobnicate", data.toString());
        assertThat(unknown.exitCode()).isEqualTo(DestsdkCli.USAGE);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'", "destsdk load --help");

        CliHarness.Result mode = CliHarness.run(ENV, "load", "-d", "duckdb", "--load-mode", "UPSERT",
                data.toString());
        assertThat(mode.exitCode()).isEqualTo(DestsdkCli.USAGE);
        assertThat(mode.err()).contains("--load-mode", "UPSERT");

        CliHarness.Result type = CliHarness.run(ENV, "describe", "-d", "oracle");
        assertThat(type.exitCode()).isEqualTo(DestsdkCli.USAGE);
        assertThat(type.err()).contains("unknown destination type 'oracle'");

        CliHarness.Result secret = CliHarness.run(ENV, "load", "-d", "postgresql", "-s", "password=hunter2",
                data.toString());
        assertThat(secret.exitCode()).isEqualTo(DestsdkCli.USAGE);
        assertThat(secret.err()).contains("setting 'password' is a secret").doesNotContain("hunter2");

        CliHarness.Result setting = CliHarness.run(ENV, "describe", "-d", "duckdb", "-s", "colour=blue");
        assertThat(setting.exitCode()).isEqualTo(DestsdkCli.BAD_INPUT);
        assertThat(setting.err()).contains("CONFIGURATION_ERROR", "colour");

        CliHarness.Result missing = CliHarness.run(ENV, "load", "-d", "duckdb", "-s", db(),
                dir.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(DestsdkCli.BAD_INPUT);
        assertThat(missing.err()).contains("VALIDATION_ERROR", "does not exist");

        Files.writeString(dir.resolve("bad.json"), "{\"name\": \"customers\", \"fields\": [");
        CliHarness.Result json = CliHarness.run(ENV, "load", "-d", "duckdb", "-s", db(), "-m",
                dir.resolve("bad.json").toString(), data.toString());
        assertThat(json.exitCode()).isEqualTo(DestsdkCli.BAD_INPUT);
        assertThat(json.err()).contains("metadata file", "is not valid metadata JSON");
        assertThat(Files.exists(dir.resolve("cli.duckdb"))).isFalse();
    }
}
