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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The single-pass load of {@link DuckDbCsvLoader} against an in-memory DuckDB database, on both of its paths: each
 * case runs with LF line ends (DuckDB reads the file itself while the SDK checks it alongside) and with CRLF line ends
 * (the checked stream feeds a named pipe). Bad input in a large file, a statement that fails before it reads, and a
 * cancellation while DuckDB reads must all end the helper thread, leave no pipe behind and report the SDK's error;
 * the table is rolled back to what it held. {@link DuckDbDirectReadTest} holds the cases of the direct path only.
 */
class DuckDbCsvLoaderTest {
    private static final DuckDbDialect DIALECT = new DuckDbDialect();
    private static final TableName TABLE = new TableName(Optional.empty(), Optional.of("main"), "t");
    private static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("id", ColumnType.of(CanonicalType.LONG), "BIGINT", false, Optional.empty()),
            new ColumnDef("name", ColumnType.of(CanonicalType.STRING), "VARCHAR", true, Optional.empty()),
            new ColumnDef("seq", ColumnType.of(CanonicalType.INTEGER), "INTEGER", true, Optional.empty()));
    /** LF: DuckDB reads the file directly; CRLF: the file goes through the pipe. */
    private static final String LF = "\n";

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

    /** A file of {@code rows} records {@code id,"name, id",seq} whose lines end with {@code eol}. */
    static Path write(Path file, long rows, long badRecord, String badValue, String eol) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,name,seq" + eol);
            for (long i = 1; i <= rows; i++) {
                w.write(i + ",\"name, " + i + "\"," + (i == badRecord ? badValue : Long.toString(i % 1000)) + eol);
            }
        }
        return file;
    }

    /** Writes the file and checks that the load takes the path its line ends choose. */
    private Path write(String name, long rows, long badRecord, String badValue, String eol) throws IOException {
        return onItsPath(write(dir.resolve(name), rows, badRecord, badValue, eol), eol);
    }

    private Path onItsPath(Path file, String eol) {
        assertThat(DuckDbCsvLoader.readsFileDirectly(new BulkLoadTarget(TABLE, COLUMNS),
                LoadFile.of(file, CsvFileFormat.DEFAULT))).as("read directly").isEqualTo(eol.equals(LF));
        return file;
    }

    private long load(Path file, TableName table, CancellationSignal cancellation) {
        SqlExecutor sql = new SqlExecutor(connection, DIALECT, cancellation, table.toString());
        return new DuckDbCsvLoader().load(sql, new BulkLoadTarget(table, COLUMNS),
                LoadFile.of(file, CsvFileFormat.DEFAULT));
    }

    /**
     * Runs a load that must fail inside a transaction, rolls the transaction back and returns the failure. DuckDB
     * ends the transaction itself when an interrupt (the job's cancel) lands as the statement ends; the rollback and
     * the return to auto-commit then find none, and the table shows that nothing was kept.
     */
    static ConnectorException failedLoad(Connection connection, Runnable load) throws SQLException {
        connection.setAutoCommit(false);
        ConnectorException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                catchThrowableOfType(ConnectorException.class, load::run));
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException ended) {
            assertThat(ended.getMessage()).contains("no transaction is active");
            assertThat(e.getErrorType()).as("only a cancel interrupts").isEqualTo(ErrorType.CANCELLED);
        }
        assertThat(e).as("the load must fail").isNotNull();
        return e;
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

    /** Whether the pipe's feed or the direct path's check still runs. */
    static boolean helperThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive()
                && (t.getName().equals("destsdk-duckdb-feed") || t.getName().equals(CheckAlongside.THREAD_NAME)));
    }

    /** The files in {@code dir} other than the data files: a pipe or a copy left behind. */
    static List<Path> leftovers(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".csv")).toList();
        }
    }

    private void assertClean() throws IOException {
        assertThat(helperThreadAlive()).as("the feed or check thread has ended").isFalse();
        assertThat(leftovers(dir)).as("no pipe is left next to the file").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void aLargeFileLoadsAndTheRowsAreTheRecordsInFileOrder(String eol) throws Exception {
        Path file = write("good.csv", 200_000, -1, "", eol);

        assertThat(load(file, TABLE, CancellationSignal.never())).isEqualTo(200_000);

        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), sum(id), max(name) FILTER (WHERE id = 199999),"
                     + " sum(seq), count(*) FILTER (WHERE rowid <> id OR name <> 'name, ' || id) FROM main.t"
                     + " WHERE id > 0")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(200_000);
            assertThat(rs.getLong(2)).isEqualTo(200_000L * 200_001 / 2);
            assertThat(rs.getString(3)).isEqualTo("name, 199999");
            assertThat(rs.getLong(4)).isEqualTo(200L * (999 * 1000 / 2));
            assertThat(rs.getLong(5)).as("rows in file order, names as written").isZero();
        }
        assertClean();
    }

    /**
     * DuckDB expands {@code [ ] * ?} in a path even where a file has that very name: a staged file in
     * {@code export[1]/} would be read from a decoy {@code export1/} beside it, and one in {@code export*}{@code /}
     * from both. The loader hands DuckDB a pipe of its own instead, so the rows are the staged file's, and leaves
     * nothing behind.
     */
    @ParameterizedTest
    @ValueSource(strings = {"export[1]", "export*", "exp?rt1", "export{1}"})
    void aStagedFileWhosePathDuckDbWouldExpandLoadsItsOwnRows(String folder) throws Exception {
        Path staged = Files.createDirectory(dir.resolve(folder));
        Path decoy = Files.createDirectory(dir.resolve("export1"));
        write(staged.resolve("part.csv"), 3, -1, "", LF);
        Files.writeString(decoy.resolve("part.csv"), "id,name,seq\n7,decoy,7\n8,decoy,8\n9,decoy,9\n");
        assertThat(DuckDbCsvLoader.readsFileDirectly(new BulkLoadTarget(TABLE, COLUMNS),
                LoadFile.of(staged.resolve("part.csv"), CsvFileFormat.DEFAULT))).as("read directly").isFalse();

        assertThat(load(staged.resolve("part.csv"), TABLE, CancellationSignal.never())).isEqualTo(3);

        assertThat(rows()).containsExactly("0|before|0", "1|name, 1|1", "2|name, 2|2", "3|name, 3|3");
        assertThat(helperThreadAlive()).as("the feed thread has ended").isFalse();
        assertThat(leftovers(staged)).as("no pipe next to the file").isEmpty();
        try (Stream<Path> own = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(own.filter(p -> p.getFileName().toString().startsWith(DuckDbCsvLoader.PIPE_DIRECTORY_PREFIX)).toList())
                    .as("the pipe's own directory is gone").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/data/export[1]/part.csv", "/data/export*/part.csv", "/d/p?.csv", "/d/{a,b}.csv"})
    void pathsDuckDbWouldExpandAreRecognised(String path) {
        assertThat(DuckDbCsvLoader.hasGlobCharacters(Path.of(path))).isTrue();
        assertThat(DuckDbCsvLoader.hasGlobCharacters(Path.of("/data/export 1/part-1 (copy).csv"))).isFalse();
    }

    /**
     * A bad value in the last record of a large file, and one DuckDB's reader refuses too early in a larger one:
     * the check's error names file, line, record and column, whoever reads the record first.
     */
    @ParameterizedTest
    @CsvSource({"LF, 200000, 200000, 12x", "CRLF, 200000, 200000, 12x", "LF, 1000000, 10, abc",
            "CRLF, 1000000, 10, abc"})
    void aBadValueFailsWithTheChecksErrorAndTheTransactionRollsBack(String lineEnd, long records, long bad,
                                                                    String value) throws Exception {
        Path file = write("bad.csv", records, bad, value, lineEnd.equals("LF") ? LF : "\r\n");

        ConnectorException e = failedLoad(connection, () -> load(file, TABLE, CancellationSignal.never()));

        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).doesNotContain("DuckDB could not read");
        assertThat(e.getContext().file()).as(e.getMessage()).hasValue("bad.csv");
        assertThat(e.getContext().line()).as(e.getMessage()).hasValue(bad + 1);
        assertThat(e.getContext().record()).as(e.getMessage()).hasValue(bad);
        assertThat(e.getContext().column()).as(e.getMessage()).hasValue("seq");
        assertThat(rows()).containsExactly("0|before|0");
        assertClean();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void aStatementThatFailsBeforeItReadsDoesNotLeaveTheHelperWaiting(String eol) throws Exception {
        Path file = write("missing.csv", 10_000, -1, "", eol);
        TableName missing = new TableName(Optional.empty(), Optional.of("main"), "no_such_table");

        ConnectorException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                catchThrowableOfType(ConnectorException.class, () -> load(file, missing,
                        CancellationSignal.never())));

        assertThat(e).as("the load must fail").isNotNull();
        assertThat(e.getMessage()).contains("DuckDB could not read the file");
        assertThat(e.getContext().record()).as("not the checks' error: the file is good").isEmpty();
        assertClean();
        assertThat(rows()).containsExactly("0|before|0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void cancellingWhileDuckDbReadsReturnsPromptlyAndStopsTheHelper(String eol) throws Exception {
        Path file = write("big.csv", 2_000_000, -1, "", eol);
        CancelWhileReading signal = new CancelWhileReading(Thread.currentThread(), 4);

        ConnectorException e = failedLoad(connection, () -> load(file, TABLE, signal));
        long returned = System.nanoTime();

        assertThat(signal.cancelledAt).as("the cancel landed while the helper read the file").isNotZero();
        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.CANCELLED);
        assertThat((returned - signal.cancelledAt) / 1_000_000).as("ms from the cancel to the return")
                .isLessThan(3_000);
        assertClean();
        assertThat(rows()).containsExactly("0|before|0");
    }

    /**
     * Cancels the job from the helper thread (the pipe's feed or the check alongside DuckDB's read) at its
     * {@code polls}-th look at the signal, so the cancel always lands while the file is being read, however fast the
     * machine: a timer could fire after a quick load had already ended. The helper waits for the cancel's actions
     * (the statement's interrupt) to run before it reads on, so the load cannot finish first.
     */
    private static final class CancelWhileReading implements CancellationSignal {
        private final CancellationToken token = new CancellationToken();
        private final Thread caller;
        private final int polls;
        private final AtomicInteger seen = new AtomicInteger();
        private volatile long cancelledAt;

        CancelWhileReading(Thread caller, int polls) {
            this.caller = caller;
            this.polls = polls;
        }

        @Override
        public boolean isCancelled() {
            if (Thread.currentThread() != caller && seen.incrementAndGet() == polls) {
                cancelledAt = System.nanoTime();
                token.cancel();
            }
            return token.isCancelled();
        }

        @Override
        public Registration onCancel(Runnable action) {
            return token.onCancel(action);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void aQuotedCarriageReturnAndAThreeMebibyteValueLoad(String eol) throws Exception {
        String big = "x".repeat(3 << 20);
        Path file = onItsPath(Files.writeString(dir.resolve("odd.csv"), String.join(eol, "id,name,seq",
                "1,\"a\rb\",1", "2," + big + ",2", "3,\"c\r\nd\",3", "4,,") + eol), eol);

        assertThat(load(file, TABLE, CancellationSignal.never())).isEqualTo(4);

        assertThat(rows()).containsExactly("0|before|0", "1|a\rb|1", "2|" + big + "|2", "3|c\r\nd|3", "4|null|null");
    }

    /** A record just under the SDK's 32 MiB limit that crosses one of DuckDB's buffers loads whole, in file order. */
    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void aRecordNearTheLimitAcrossDuckDbsBufferLoads(String eol) throws Exception {
        String big = "z".repeat((31 << 20) + 12_345);
        Path file = dir.resolve("large.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,name,seq" + eol);
            for (int i = 1; i <= 300_000; i++) {
                w.write(i + ",n" + i + "," + (i % 7) + eol);
                if (i == 150_000) {
                    w.write("0," + big + ",0" + eol);
                }
            }
        }
        onItsPath(file, eol);

        assertThat(load(file, TABLE, CancellationSignal.never())).isEqualTo(300_001);

        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), sum(id), max(length(name)), count(*) FILTER (WHERE"
                     + " length(name) > 100 AND rowid = 150001), count(*) FILTER (WHERE id > 0 AND name <> 'n' || id)"
                     + " FROM main.t")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(300_002);
            assertThat(rs.getLong(2)).isEqualTo(300_000L * 300_001 / 2);
            assertThat(rs.getLong(3)).isEqualTo(big.length());
            assertThat(rs.getLong(4)).as("the large record in its place").isEqualTo(1);
            assertThat(rs.getLong(5)).isZero();
        }
    }

    /**
     * A target whose rows need not keep the file's order (a table built aside) gets every record, DuckDB inserting
     * them in parallel; the connection's settings are the database's again afterwards.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void aTargetThatNeedNotKeepTheFileOrderGetsEveryRecordAndTheSettingsBack(String eol) throws Exception {
        Path file = write("any-order.csv", 200_000, -1, "", eol);
        BulkLoadTarget anyOrder = new BulkLoadTarget(TABLE, COLUMNS, List.of(), false, String::equals,
                Optional.empty(), false);
        assertThat(DuckDbCsvLoader.insertionSettings(anyOrder)).containsExactly(
                "SET SESSION preserve_insertion_order = false", "SET SESSION write_buffer_row_group_count = 1");

        long rows = new DuckDbCsvLoader().load(new SqlExecutor(connection, DIALECT, CancellationSignal.never(),
                TABLE.toString()), anyOrder, LoadFile.of(file, CsvFileFormat.DEFAULT));

        assertThat(rows).isEqualTo(200_000);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), sum(id), count(DISTINCT id), sum(seq),"
                     + " count(*) FILTER (WHERE name <> 'name, ' || id) FROM main.t WHERE id > 0")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(200_000);
            assertThat(rs.getLong(2)).isEqualTo(200_000L * 200_001 / 2);
            assertThat(rs.getLong(3)).isEqualTo(200_000);
            assertThat(rs.getLong(4)).isEqualTo(200L * (999 * 1000 / 2));
            assertThat(rs.getLong(5)).as("every name as written").isZero();
        }
        assertThat(setting("preserve_insertion_order")).isEqualTo("true");
        assertThat(setting("write_buffer_row_group_count")).isEqualTo("5");
        assertClean();
    }

    /**
     * A target that keeps the file's order (the staging table, whose rowids number the load's records) keeps it
     * even in a database that lets DuckDB insert in any order, which stays so for the connection's other statements.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void aTargetThatKeepsTheFileOrderKeepsItWhereTheDatabaseWouldNot(String eol) throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("SET GLOBAL preserve_insertion_order = false");
        }
        Path file = write("in-order.csv", 200_000, -1, "", eol);
        assertThat(DuckDbCsvLoader.insertionSettings(new BulkLoadTarget(TABLE, COLUMNS)))
                .containsExactly("SET SESSION preserve_insertion_order = true");

        assertThat(load(file, TABLE, CancellationSignal.never())).isEqualTo(200_000);

        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE rowid <> id) FROM main.t"
                     + " WHERE id > 0")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(200_000);
            assertThat(rs.getLong(2)).as("rows in file order").isZero();
        }
        assertThat(setting("preserve_insertion_order")).isEqualTo("false");
        assertClean();
    }

    private String setting(String name) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "')::VARCHAR")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
