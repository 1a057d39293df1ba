package dev.destsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.testkit.server.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against the PostgreSQL server of the tests (DESTSDK_PG_URL / _USER / _PASSWORD). */
class CliPostgresIT {
    static final TestDatabase DATABASE = TestDatabase.fromEnvironment("PostgreSQL", "DESTSDK_PG",
            "jdbc:postgresql://127.0.0.1:5432/test", "postgres");

    @TempDir
    Path dir;

    private Connection connection;
    private final String schema = "cli_it_" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void connect() {
        connection = DATABASE.connectOrSkip();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (connection != null) {
            try (Statement st = connection.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            connection.close();
        }
    }

    private List<String> args(String command, String... more) {
        List<String> a = new ArrayList<>(List.of(command, "-d", "postgresql", "-s", "url=" + DATABASE.url(),
                "-s", "user=" + DATABASE.user(), "-s", "tls=disable", "-s", "schema=" + schema,
                "--secret-env", "password=PGPASS_FOR_TEST"));
        a.addAll(List.of(more));
        return a;
    }

    private CliHarness.Result run(String command, String... more) {
        return CliHarness.run(Map.of("PGPASS_FOR_TEST", DATABASE.password()),
                args(command, more).toArray(String[]::new));
    }

    private long count(String table) throws SQLException {
        try (Statement st = connection.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void loadsOneTableThenSeveralInParallelAndQueriesThem() throws IOException, SQLException {
        Path data = CliHarness.shop(dir);
        CliHarness.Result one = run("load", "-m", dir.resolve("metadata.json").toString(), "-t", "orders",
                "--load-mode", "MERGE", data.toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(count("orders")).isEqualTo(5);

        Path many = CliHarness.many(dir, 4, 1000);
        CliHarness.Result parallel = run("load", "-p", "4", many.toString());
        assertThat(parallel.exitCode()).as(parallel.err()).isZero();
        assertThat(parallel.out()).contains("4 table(s), 0 failed, parallelism 4");
        for (int t = 0; t < 4; t++) {
            assertThat(count("t" + t)).isEqualTo(1000);
        }

        CliHarness.Result sql = run("sql", "SELECT customer_id, sum(amount) AS total FROM " + schema
                + ".orders GROUP BY customer_id ORDER BY customer_id; SELECT count(*) AS n FROM " + schema + ".t3");
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("customer_id | total", "1           | 11.00", "3           | 17.00", "1000");

        CliHarness.Result describe = run("describe");
        assertThat(describe.exitCode()).isZero();
        assertThat(describe.out()).contains("destination: postgresql", "TRUNCATE_AND_LOAD");
    }

    @Test
    void dryRunChangesNothingAndBadInputLeavesTheTableAsItWas() throws IOException, SQLException {
        Path data = CliHarness.shop(dir);
        CliHarness.Result dry = run("load", "-m", dir.resolve("metadata.json").toString(), "--dry-run",
                "--load-mode", "MERGE", data.toString());
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"", "numeric(10,2)",
                "INSERT INTO \"" + schema + "\".\"customers\"");
        try (Statement st = connection.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '"
                     + schema + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("dry run created nothing").isZero();
        }

        assertThat(run("load", "-m", dir.resolve("metadata.json").toString(), "-t", "customers",
                data.toString()).exitCode()).isZero();
        Files.writeString(data.resolve("customers.csv"), "id,email,balance\n7,x@example.com,1.00\n"
                + "8,y@example.com,12345678901.00\n");
        CliHarness.Result bad = run("load", "-m", dir.resolve("metadata.json").toString(), "-t", "customers",
                data.toString());
        assertThat(bad.exitCode()).isEqualTo(DestsdkCli.FAILED);
        assertThat(bad.err()).contains("error: table customers:", "balance");
        assertThat(count("customers")).as("the table is as it was").isEqualTo(3);

        CliHarness.Result flag = run("load", "--parallelism", "0", data.toString());
        assertThat(flag.exitCode()).isEqualTo(DestsdkCli.USAGE);
        assertThat(flag.err()).contains("--parallelism must be at least 1");
    }
}
