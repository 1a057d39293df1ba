package dev.destsdk.examples.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.TableName;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-pass load of {@link DuckDbCsvLoader} against an in-memory DuckDB database: the checked stream feeds a
 * named pipe that {@code read_csv} reads. Bad input late in a large file, a statement that fails before it opens the
 * pipe, and a cancellation while DuckDB reads must all end the feeding thread, leave no pipe behind and report the
 * SDK's error; the table is rolled back to what it held.
 */
class DuckDbCsvLoaderTest {
    private static final DuckDbDialect DIALECT = new DuckDbDialect();
    private static final TableName TABLE = new TableName(Optional.empty(), Optional.of("main"), "t");
    private static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("id", ColumnType.of(CanonicalType.LONG), "BIGINT", false, Optional.empty()),
            new ColumnDef("name", ColumnType.of(CanonicalType.STRING), "VARCHAR", true, Optional.empty()),
            new ColumnDef("seq", ColumnType.of(CanonicalType.INTEGER), "INTEGER", true, Optional.empty()));

    @TempDir
    Path dir;
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE main.t (id BIGINT NOT NULL, name VARCHAR, seq INTEGER)");
            st.execute("INSERT INTO main.t VALUES (0, 'before', 0)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private Path write(String name, long rows, long badRecord, String badValue) throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,name,seq\n");
            for (long i = 1; i <= rows; i++) {
                w.write(i + ",\"name, " + i + "\"," + (i == badRecord ? badValue : Long.toString(i % 1000)) + "\n");
            }
        }
        return file;
    }

    private long load(Path file, TableName table, CancellationSignal cancellation) {
        SqlExecutor sql = new SqlExecutor(connection, DIALECT, cancellation, table.toString());
        return new DuckDbCsvLoader().load(sql, new BulkLoadTarget(table, COLUMNS),
                LoadFile.of(file, CsvFileFormat.DEFAULT));
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name, seq FROM main.t ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }

    private static boolean feedThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("destsdk-duckdb-feed"));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".csv")).toList();
        }
    }

    @Test
    void aLargeFileLoadsThroughThePipeAndTheRowsAreTheRecords() throws Exception {
        Path file = write("good.csv", 100_000, -1, "");

        assertThat(load(file, TABLE, CancellationSignal.never())).isEqualTo(100_000);

        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), sum(id), max(name) FILTER (WHERE id = 99999),"
                     + " sum(seq) FROM main.t WHERE id > 0")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(100_000);
            assertThat(rs.getLong(2)).isEqualTo(100_000L * 100_001 / 2);
            assertThat(rs.getString(3)).isEqualTo("name, 99999");
            assertThat(rs.getLong(4)).isEqualTo(100L * (999 * 1000 / 2));
        }
        assertThat(feedThreadAlive()).isFalse();
        assertThat(leftovers()).as("no pipe is left next to the file").isEmpty();
    }

    @Test
    void aBadValueLateInALargeFileFailsWithTheChecksErrorAndTheTransactionRollsBack() throws Exception {
        Path file = write("late.csv", 200_000, 150_000, "1e3");
        connection.setAutoCommit(false);

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> load(file, TABLE, CancellationSignal.never()));
        connection.rollback();
        connection.setAutoCommit(true);

        assertThat(e).as("the load must fail").isNotNull();
        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).as(e.getMessage()).hasValue("late.csv");
        assertThat(e.getContext().line()).as(e.getMessage()).hasValue(150_001L);
        assertThat(e.getContext().record()).as(e.getMessage()).hasValue(150_000L);
        assertThat(e.getContext().column()).as(e.getMessage()).hasValue("seq");
        assertThat(rows()).containsExactly("0|before|0");
        assertThat(feedThreadAlive()).isFalse();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aStatementThatFailsBeforeItOpensThePipeDoesNotLeaveTheFeedWaiting() throws Exception {
        Path file = write("missing.csv", 10_000, -1, "");
        TableName missing = new TableName(Optional.empty(), Optional.of("main"), "no_such_table");

        ConnectorException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                catchThrowableOfType(ConnectorException.class, () -> load(file, missing,
                        CancellationSignal.never())));

        assertThat(e).as("the load must fail").isNotNull();
        assertThat(e.getMessage()).contains("DuckDB could not read the file");
        assertThat(e.getContext().record()).as("not the checks' error: the file is good").isEmpty();
        assertThat(feedThreadAlive()).isFalse();
        assertThat(leftovers()).isEmpty();
        assertThat(rows()).containsExactly("0|before|0");
    }

    @Test
    void cancellingWhileDuckDbReadsThePipeReturnsPromptlyAndStopsTheFeed() throws Exception {
        Path file = write("big.csv", 2_000_000, -1, "");
        CancellationToken token = new CancellationToken();
        long[] cancelledAt = new long[1];
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(() -> {
                cancelledAt[0] = System.nanoTime();
                token.cancel();
            }, 300, TimeUnit.MILLISECONDS);
            connection.setAutoCommit(false);
            ConnectorException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    catchThrowableOfType(ConnectorException.class, () -> load(file, TABLE, token)));
            long returned = System.nanoTime();
            connection.rollback();
            connection.setAutoCommit(true);

            assertThat(e).as("the load must be cancelled").isNotNull();
            assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.CANCELLED);
            assertThat((returned - cancelledAt[0]) / 1_000_000).as("ms from the cancel to the return")
                    .isLessThan(3_000);
        } finally {
            timer.shutdownNow();
        }
        assertThat(feedThreadAlive()).isFalse();
        assertThat(leftovers()).isEmpty();
        assertThat(rows()).containsExactly("0|before|0");
    }

    @Test
    void aQuotedCarriageReturnAndAThreeMebibyteValueLoadThroughThePipe() throws Exception {
        String big = "x".repeat(3 << 20);
        Path file = dir.resolve("odd.csv");
        Files.writeString(file, "id,name,seq\n1,\"a\rb\",1\n2," + big + ",2\n3,\"c\r\nd\",3\n4,,\n");

        assertThat(load(file, TABLE, CancellationSignal.never())).isEqualTo(4);

        assertThat(rows()).containsExactly("0|before|0", "1|a\rb|1", "2|" + big + "|2", "3|c\r\nd|3", "4|null|null");
    }
}
