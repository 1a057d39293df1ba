package dev.destsdk.examples.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.KeyOrder;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.bulk.ValueRules;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.TableName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The direct path of {@link DuckDbCsvLoader}: DuckDB's {@code read_csv} reads the file itself while the SDK's check
 * reads it on another thread (the cases both paths share are in {@link DuckDbCsvLoaderTest}). Whatever the check
 * refuses, including values and headers DuckDB's reader would take, fails the load with the check's error and leaves
 * the table as it was once the transaction is rolled back; the rows DuckDB inserted must be the records the check
 * accepted; NULL markers and blank lines mean what the format says; files DuckDB might read otherwise than the
 * format says go through the pipe.
 */
class DuckDbDirectReadTest {
    private static final DuckDbDialect DIALECT = new DuckDbDialect();
    private static final TableName TABLE = new TableName(Optional.empty(), Optional.of("main"), "t");
    private static final TableName TYPED = new TableName(Optional.empty(), Optional.of("main"), "typed");
    private static final TableName NAME_LAST = new TableName(Optional.empty(), Optional.of("main"), "name_last");
    private static final List<ColumnDef> COLUMNS = List.of(
            column("id", CanonicalType.LONG, "BIGINT", false),
            column("name", CanonicalType.STRING, "VARCHAR", true),
            column("seq", CanonicalType.INTEGER, "INTEGER", true));
    private static final List<ColumnDef> TYPED_COLUMNS = List.of(
            column("id", CanonicalType.LONG, "BIGINT", false),
            column("ts", CanonicalType.TIMESTAMP, "TIMESTAMP", true),
            column("flag", CanonicalType.BOOLEAN, "BOOLEAN", true),
            column("n", CanonicalType.INTEGER, "INTEGER", true));
    private static final List<ColumnDef> NAME_LAST_COLUMNS = List.of(
            column("id", CanonicalType.LONG, "BIGINT", false),
            column("name", CanonicalType.STRING, "VARCHAR", true));

    @TempDir
    Path dir;
    private Connection connection;

    private static ColumnDef column(String name, CanonicalType type, String nativeType, boolean nullable) {
        return new ColumnDef(name, ColumnType.of(type), nativeType, nullable, Optional.empty());
    }

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE main.t (id BIGINT NOT NULL, name VARCHAR, seq INTEGER)");
            st.execute("INSERT INTO main.t VALUES (0, 'before', 0)");
            st.execute("CREATE TABLE main.typed (id BIGINT NOT NULL, ts TIMESTAMP, flag BOOLEAN, n INTEGER)");
            st.execute("INSERT INTO main.typed VALUES (0, TIMESTAMP '2000-01-01 00:00:00', false, 0)");
            st.execute("CREATE TABLE main.name_last (id BIGINT NOT NULL, name VARCHAR)");
            st.execute("INSERT INTO main.name_last VALUES (0, 'before')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private Path write(String name, long rows, long badRecord, String badValue) throws IOException {
        return DuckDbCsvLoaderTest.write(dir.resolve(name), rows, badRecord, badValue, "\n");
    }

    private Path writeString(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static SqlExecutor sql(Connection c, TableName table, CancellationSignal cancellation) {
        return new SqlExecutor(c, DIALECT, cancellation, table.toString());
    }

    private long load(BulkLoadTarget target, LoadFile file, CancellationSignal cancellation) {
        return new DuckDbCsvLoader().load(sql(connection, target.table(), cancellation), target, file);
    }

    private long load(Path file) {
        return load(new BulkLoadTarget(TABLE, COLUMNS), LoadFile.of(file, CsvFileFormat.DEFAULT),
                CancellationSignal.never());
    }

    private ConnectorException failedLoad(Runnable load) throws SQLException {
        return DuckDbCsvLoaderTest.failedLoad(connection, load);
    }

    private boolean direct(List<ColumnDef> columns, Path file, CsvFileFormat format) {
        return DuckDbCsvLoader.readsFileDirectly(new BulkLoadTarget(TABLE, columns), LoadFile.of(file, format));
    }

    private List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private List<String> rows() throws SQLException {
        return rows("SELECT id, name, seq FROM main.t ORDER BY id");
    }

    private void assertClean() throws IOException {
        assertThat(DuckDbCsvLoaderTest.helperThreadAlive()).as("the check's thread has ended").isFalse();
        assertThat(DuckDbCsvLoaderTest.leftovers(dir)).as("nothing is left next to the file").isEmpty();
    }

    /**
     * Values DuckDB's reader takes (it proves so below, reading the same file without the SDK) that are not in
     * their canonical form: the SDK refuses them, so DuckDB's leniency never reaches the table.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "a timestamp with a space;        2024-01-02 03:04:05; true;  5;   ts",
            "a timestamp with a zone;         2024-01-02T03:04:05+02:00; true; 5; ts",
            "a boolean as a letter;           2024-01-02T03:04:05; t;     5;   flag",
            "a boolean in capitals;           2024-01-02T03:04:05; TRUE;  5;   flag",
            "an integer with an exponent;     2024-01-02T03:04:05; true;  1e3; n",
            "an integer with a decimal point; 2024-01-02T03:04:05; true;  5.0; n",
            "an integer with a plus sign;     2024-01-02T03:04:05; true;  +5;  n"})
    void aValueDuckDbWouldCoerceIsRefusedAndTheTableIsUnchanged(String what, String ts, String flag, String n,
                                                                String column) throws Exception {
        StringBuilder csv = new StringBuilder("id,ts,flag,n\n");
        for (int i = 1; i < 1000; i++) {
            csv.append(i).append(",2024-01-02T03:04:05,false,").append(i).append('\n');
        }
        csv.append("1000,").append(ts).append(',').append(flag).append(',').append(n).append('\n');
        Path file = writeString("lenient.csv", csv.toString());
        BulkLoadTarget target = new BulkLoadTarget(TYPED, TYPED_COLUMNS);
        LoadFile load = LoadFile.of(file, CsvFileFormat.DEFAULT);
        assertThat(DuckDbCsvLoader.readsFileDirectly(target, load)).isTrue();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE main.scratch AS SELECT * FROM main.typed LIMIT 0");
            String alone = DuckDbCsvLoader.insertSql(DIALECT, new BulkLoadTarget(
                    new TableName(Optional.empty(), Optional.of("main"), "scratch"), TYPED_COLUMNS), load);
            assertThat(st.executeUpdate(alone)).as("DuckDB alone reads %s", what).isEqualTo(1000);
        }

        ConnectorException e = failedLoad(() -> load(target, load, CancellationSignal.never()));

        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).as(e.getMessage()).hasValue("lenient.csv");
        assertThat(e.getContext().record()).as(e.getMessage()).hasValue(1000L);
        assertThat(e.getContext().column()).as(e.getMessage()).hasValue(column);
        assertThat(rows("SELECT * FROM main.typed")).containsExactly("0|2000-01-01 00:00:00.0|false|0");
        assertClean();
    }

    @Test
    void aHeaderDuckDbWouldSkipUnreadIsChecked() throws Exception {
        Path file = writeString("header.csv", "id,nom,seq\n1,a,1\n");

        ConnectorException e = failedLoad(() -> load(file));

        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().line()).as(e.getMessage()).hasValue(1L);
        assertThat(e.getContext().column()).as(e.getMessage()).hasValue("name");
        assertThat(rows()).containsExactly("0|before|0");
    }

    @Test
    void rowsOtherThanTheChecksRecordsAreNeverCommitted() throws Exception {
        Path file = write("count.csv", 1000, -1, "");
        LoadFile load = LoadFile.of(file, CsvFileFormat.DEFAULT);
        BulkLoadTarget target = new BulkLoadTarget(TABLE, COLUMNS);
        // a reader that silently drops a record, as a lenient reader could
        String dropsOne = DuckDbCsvLoader.insertSql(DIALECT, target, load) + " WHERE c1 <> 500";

        ConnectorException e = failedLoad(() -> DuckDbCsvLoader.loadDirectly(sql(connection, TABLE,
                CancellationSignal.never()), load, ValueRules.of(target, load.format()), dropsOne));

        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.INTERNAL_ERROR);
        assertThat(e.getMessage()).contains("inserted 999 row(s) from a file of 1000 record(s)");
        assertThat(e.getContext().file()).hasValue("count.csv");
        assertThat(rows()).containsExactly("0|before|0");
        assertClean();
    }

    @Test
    void aLineEndedByCarriageReturnAfterTheStartIsNeverLoadedAsDuckDbReadsIt() throws Exception {
        StringBuilder csv = new StringBuilder("id,name\n");
        int i = 1;
        while (csv.length() < DuckDbCsvLoader.PEEK_BYTES + 100) {
            csv.append(i).append(",n").append(i++).append('\n');
        }
        int lfLines = i;
        csv.append(i).append(",n").append(i++).append("\r\n").append(i).append(",n").append(i).append('\n');
        Path file = writeString("mixed.csv", csv.toString());
        BulkLoadTarget target = new BulkLoadTarget(NAME_LAST, NAME_LAST_COLUMNS);
        LoadFile load = LoadFile.of(file, CsvFileFormat.DEFAULT);
        assertThat(DuckDbCsvLoader.readsFileDirectly(target, load)).isTrue();

        ConnectorException e = failedLoad(() -> load(target, load, CancellationSignal.never()));

        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().line()).as(e.getMessage()).hasValue((long) lfLines + 1);
        assertThat(e.getMessage()).contains("carriage return");
        assertThat(rows("SELECT * FROM main.name_last")).containsExactly("0|before");
        assertClean();
    }

    @Test
    void filesAndFormatsDuckDbMightReadOtherwiseGoThroughThePipe() throws Exception {
        Path lf = write("lf.csv", 10, -1, "");
        Path crlf = DuckDbCsvLoaderTest.write(dir.resolve("crlf.csv"), 10, -1, "", "\r\n");
        Path blankFirst = writeString("blank.csv", "\nid,name,seq\n1,a,1\n");
        Path quotedHeader = writeString("quoted.csv", "\"id\",\"name\",\"seq\"\n2,b,2\n");
        CsvFileFormat d = CsvFileFormat.DEFAULT;

        assertThat(direct(COLUMNS, lf, d)).isTrue();
        assertThat(direct(COLUMNS, lf, d.toBuilder().nullIf("NULL").build())).isTrue();
        assertThat(direct(COLUMNS, lf, d.toBuilder().skipHeader(0).build())).isTrue();
        assertThat(direct(COLUMNS, lf, d.toBuilder().fieldDelimiter('|').build())).isTrue();
        assertThat(direct(COLUMNS, crlf, d)).as("CRLF line ends").isFalse();
        assertThat(direct(COLUMNS, blankFirst, d)).as("a blank first line").isFalse();
        assertThat(direct(COLUMNS, quotedHeader, d)).as("a quoted header").isFalse();
        assertThat(direct(COLUMNS, quotedHeader, d.toBuilder().skipHeader(0).build())).as("no header").isTrue();
        assertThat(direct(COLUMNS, lf, d.toBuilder().gzip(true).build())).as("gzip").isFalse();
        assertThat(direct(COLUMNS, lf, d.toBuilder().skipHeader(2).build())).as("two header rows").isFalse();
        assertThat(direct(COLUMNS, lf, d.toBuilder().escape('\\').build())).as("an escape").isFalse();
        assertThat(direct(COLUMNS, lf, d.toBuilder().emptyFieldAsNull(false).build())).as("no NULL").isFalse();
        assertThat(direct(COLUMNS, lf, d.toBuilder().trimSpace(true).build())).as("trimming").isFalse();
        assertThat(direct(COLUMNS.subList(0, 1), lf, d)).as("one column").isFalse();

        assertThat(load(crlf)).isEqualTo(10);
        assertThat(load(blankFirst)).isEqualTo(1);
        assertThat(load(quotedHeader)).isEqualTo(1);
        assertThat(rows()).hasSize(13).contains("1|a|1", "2|b|2", "10|name, 10|10");
        assertClean();
    }

    @Test
    void nullMarkersBlankLinesAndQuotedValuesMeanWhatTheFormatSays() throws Exception {
        Path file = writeString("nulls.csv", "id,name,seq\n1,NULL,1\n\n2,\"NULL\",\n3,,3\n4,\"\",4\n\n5,\"a,\"\"b\"\"\n"
                + "c\",NULL\n\n");
        CsvFileFormat format = CsvFileFormat.builder().nullIf("NULL").build();
        assertThat(direct(COLUMNS, file, format)).isTrue();

        assertThat(load(new BulkLoadTarget(TABLE, COLUMNS), LoadFile.of(file, format), CancellationSignal.never()))
                .isEqualTo(5);

        assertThat(rows("SELECT id, coalesce(name, '<null>'), seq FROM main.t ORDER BY id")).containsExactly(
                "0|before|0", "1|<null>|1", "2|NULL|null", "3|<null>|3", "4||4", "5|a,\"b\"\nc|null");
    }

    @Test
    void anEmptyUnquotedFieldIsTheEmptyStringWhenOnlyMarkersMeanNull() throws Exception {
        Path file = writeString("markers.csv", "id,name,seq\n1,\\N,1\n2,,2\n3,\"\",\\N\n");
        CsvFileFormat format = CsvFileFormat.builder().emptyFieldAsNull(false).nullIf("\\N").build();
        assertThat(direct(COLUMNS, file, format)).isTrue();

        long rows = load(new BulkLoadTarget(TABLE, COLUMNS), LoadFile.of(file, format), CancellationSignal.never());

        assertThat(rows).isEqualTo(3);
        assertThat(rows("SELECT id, coalesce(name, '<null>'), seq FROM main.t ORDER BY id")).containsExactly(
                "0|before|0", "1|<null>|1", "2||2", "3||null");
    }

    @Test
    void aBlankLineIsRefusedWhereTheFormatKeepsBlankLines() throws Exception {
        Path file = writeString("kept.csv", "id,name,seq\n1,a,1\n\n2,b,2\n");
        CsvFileFormat format = CsvFileFormat.builder().skipBlankLines(false).build();
        assertThat(direct(COLUMNS, file, format)).isTrue();

        ConnectorException e = failedLoad(() -> load(new BulkLoadTarget(TABLE, COLUMNS), LoadFile.of(file, format),
                CancellationSignal.never()));

        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().record()).as(e.getMessage()).hasValue(2L);
        assertThat(rows()).containsExactly("0|before|0");
    }

    @Test
    void theChecksAcceptedKeysStillProveAKeyOrder() throws Exception {
        Path ordered = write("ordered.csv", 50_000, -1, "");
        Path repeated = writeString("repeated.csv", "id,name,seq\n1,a,1\n2,b,2\n2,c,3\n");
        Optional<KeyOrder> first = KeyOrder.forKey(COLUMNS, List.of("id"));
        Optional<KeyOrder> second = KeyOrder.forKey(COLUMNS, List.of("id"));

        long rows = load(new BulkLoadTarget(TABLE, COLUMNS, List.of(), false, String::equals, first),
                LoadFile.of(ordered, CsvFileFormat.DEFAULT), CancellationSignal.never());
        long more = load(new BulkLoadTarget(TABLE, COLUMNS, List.of(), false, String::equals, second),
                LoadFile.of(repeated, CsvFileFormat.DEFAULT), CancellationSignal.never());

        assertThat(rows).isEqualTo(50_000);
        assertThat(first.orElseThrow().provesNoRepeatedKey(rows)).isTrue();
        assertThat(more).isEqualTo(3);
        assertThat(second.orElseThrow().provesNoRepeatedKey(more)).isFalse();
    }
}
