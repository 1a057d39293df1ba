package dev.destsdk.testkit.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.SchemaStrategy;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.testkit.runner.ParallelPipelineRunner;
import dev.destsdk.testkit.runner.RunSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load paths a warehouse load takes, against a real database: files bulk-loaded straight into the table built
 * aside (first runs, OVERWRITE) or into the target (APPEND, TRUNCATE_AND_LOAD), through the staging table only where
 * rows must be matched (MERGE, hard deletes, a first-run MERGE whose batch repeats a key), and the bytes of a file
 * passed through to the database's reader (blank lines, NULL markers, header rows) or transcoded. Each test reads the
 * tables back and checks that the guarantees hold on every path: same rows, tracking values, NULL keys rejected with
 * file and record, nothing half-loaded and no helper table left after a failure or cancellation.
 *
 * <p>Complements {@link WarehouseConformanceSuite}: a connector's {@code *IT} extends it and supplies the destination,
 * an inspection connection, a unique schema and the SQL that creates and drops it. The cases are public, so a
 * connector documents a deviation by overriding one (with its own {@code @Test}), as for the suite. Needs a real
 * database; cases run one at a time on one thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractLoadPathIT {
    private static final Instant T0 = Instant.parse("2024-05-01T08:30:00.654321Z");

    @TempDir
    Path tempRoot;

    private Destination destination;
    private Connection inspector;
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, ObjectMetadata> applied = new HashMap<>();
    private String testName;

    /** @return a new destination configured for the test server and {@link #schema()} */
    protected abstract Destination createDestination();

    /** @return a connection for reading back tables and for setup */
    protected abstract Connection connectInspector();

    /** @return the unique schema (final identifier) this class loads into */
    protected abstract String schema();

    /**
     * @param schema the schema to create
     * @return the statements that create it
     */
    protected abstract List<String> createSchemaSql(String schema);

    /**
     * @param schema the schema to drop with everything in it
     * @return the statements that drop it
     */
    protected abstract List<String> dropSchemaSql(String schema);

    /** @return the destination's dialect, to read its unique key indexes back */
    protected abstract SqlDialect dialect();

    /** @return the query listing the table names of {@link #schema()} */
    protected abstract String listTablesSql();

    /**
     * Reads a value back; connectors whose database lacks a type override this.
     *
     * @param rs the result set; not null
     * @param column 1-based column
     * @param type the canonical type; not null
     * @return the comparable form, null for NULL
     * @throws SQLException when reading fails
     */
    protected String read(ResultSet rs, int column, CanonicalType type) throws SQLException {
        return CanonicalValues.read(rs, column, type);
    }

    /**
     * @return what a staged connector's stage holds (files and directories under its stage root); connectors that
     *     load straight from the local data files have no stage and return an empty list
     */
    protected List<Path> stageContents() {
        return List.of();
    }

    /** @return the destination under test */
    protected final Destination destination() {
        return destination;
    }

    @BeforeAll
    void setUpClass() {
        destination = createDestination();
        inspector = connectInspector();
        dropSchemaSql(schema()).forEach(this::execute);
        createSchemaSql(schema()).forEach(this::execute);
    }

    @AfterAll
    void tearDownClass() throws SQLException {
        if (inspector != null) {
            dropSchemaSql(schema()).forEach(this::execute);
            inspector.close();
        }
        if (destination != null) {
            destination.close();
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        // short table names: identifiers are limited to 63 or 64 characters, helper tables add a prefix
        String method = info.getTestMethod().orElseThrow().getName();
        testName = "lp_" + Integer.toHexString(method.hashCode());
        applied.clear();
    }

    // ------------------------------------------------------------ fixtures

    private static List<FieldMetadata> fields() {
        return List.of(
                FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build(),
                FieldMetadata.builder("name", CanonicalType.STRING).build(),
                FieldMetadata.builder("seq", CanonicalType.INTEGER).cursorField(true).build());
    }

    private static List<FieldMetadata> fieldsWithDeleted() {
        List<FieldMetadata> f = new ArrayList<>(fields());
        f.add(FieldMetadata.builder("_supa_deleted", CanonicalType.BOOLEAN).build());
        return f;
    }

    private ObjectMetadata object(String name, List<FieldMetadata> fields) {
        return ObjectMetadata.builder(name).schema("source_schema").fields(fields).build();
    }

    private ObjectMetadata object() {
        return object(testName, fields());
    }

    /** An object named after the test and a suffix (parameterized tests run under one method name). */
    private ObjectMetadata object(String suffix) {
        return object(testName + "_" + suffix.toLowerCase(Locale.ROOT), fields());
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    private NamespaceRules rules() {
        return NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema(schema()).build();
    }

    private record Run(ObjectMetadata mapped, LoadResponse response, SyncContext sync) {
    }

    /** Writes each file's raw text (gzipped when the format says so), then maps, stages and loads. */
    private Run runRaw(ObjectMetadata source, LoadMode mode, String syncId, CsvFileFormat format, List<String> files,
                       Consumer<LoadRequest.Builder> customize) {
        Path dir = newRunDirectory();
        try {
            for (int i = 0; i < files.size(); i++) {
                Path file = dir.resolve(String.format("success_part_%05d%s", i, format.fileSuffix()));
                try (OutputStream raw = Files.newOutputStream(file);
                     OutputStream out = format.gzip() ? new GZIPOutputStream(raw) : raw) {
                    out.write(files.get(i).getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return load(source, mode, syncId, format, dir, customize);
    }

    /** Writes rows with {@link TestCsvFiles} (one file per list), then maps, stages and loads. */
    private Run run(ObjectMetadata source, LoadMode mode, String syncId, CsvFileFormat format,
                    List<List<List<String>>> files, Consumer<LoadRequest.Builder> customize) {
        List<String> header = source.getFields().stream().map(FieldMetadata::getName).toList();
        Path dir = newRunDirectory();
        for (int i = 0; i < files.size(); i++) {
            TestCsvFiles.write(dir.resolve(String.format("success_part_%05d%s", i, format.fileSuffix())), format,
                    header, files.get(i));
        }
        return load(source, mode, syncId, format, dir, customize);
    }

    private Path newRunDirectory() {
        Path dir = tempRoot.resolve("run" + counter.incrementAndGet());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maps, stages and loads the files of a directory, like an executor. */
    private Run load(ObjectMetadata source, LoadMode mode, String syncId, CsvFileFormat format, Path dir,
                     Consumer<LoadRequest.Builder> customize) {
        ObjectMetadata mapped = destination.mapToTargetObject(source, rules(),
                Optional.ofNullable(applied.get(source.getName())));
        SyncContext sync = new SyncContext(T0.plusSeconds(counter.get()), syncId);
        MetadataMapping mapping = new MetadataMapping(mapped, Optional.ofNullable(applied.get(source.getName())),
                Optional.empty());
        StageResponse staged = destination.stage(new StageRequest(sync, mapping, dir, format,
                dev.destsdk.core.control.CancellationSignal.never(), e -> { }));
        LoadRequest.Builder b = LoadRequest.builder(sync, mapping, dir).fileFormat(format).loadMode(mode)
                .stageLocation(staged.stageLocation().orElse(null));
        customize.accept(b);
        LoadResponse response = destination.load(b.build());
        applied.put(source.getName(), mapped);
        return new Run(mapped, response, sync);
    }

    private Run run(ObjectMetadata source, LoadMode mode, String syncId, List<List<String>> rows) {
        return run(source, mode, syncId, CsvFileFormat.DEFAULT, List.of(rows), b -> { });
    }

    private void execute(String sql) {
        try (Statement st = inspector.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("statement failed: " + sql, e);
        }
    }

    /** Creates a unique index of the user's (not named as the SDK's key indexes are) over one column. */
    private void createUniqueIndex(ObjectMetadata mapped, String name, String column) {
        execute("CREATE UNIQUE INDEX " + quote(name) + " ON " + table(mapped) + " (" + quote(column) + ")");
    }

    private String quote(String identifier) {
        String q = destination.getIdentifierQuoteString();
        return q + identifier.replace(q, q + q) + q;
    }

    private String table(ObjectMetadata mapped) {
        return destination.getFullyQualifiedTableName(mapped.getCatalog(), mapped.getSchema(), mapped.getName());
    }

    /** Reads id, name, seq, job id and deleted, ordered by id then name. */
    private List<List<String>> rows(ObjectMetadata mapped) {
        return select(mapped, List.of("id", "name", "seq", "_supa_job_id", "_supa_deleted"),
                List.of(CanonicalType.LONG, CanonicalType.STRING, CanonicalType.INTEGER, CanonicalType.STRING,
                        CanonicalType.BOOLEAN));
    }

    /** Reads the columns of every row, ordered by the first three (or as many as there are). */
    private List<List<String>> select(ObjectMetadata mapped, List<String> columns, List<CanonicalType> types) {
        String order = IntStream.rangeClosed(1, Math.min(3, columns.size()))
                .mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String sql = "SELECT " + columns.stream().map(this::quote).collect(Collectors.joining(", ")) + " FROM "
                + table(mapped) + " ORDER BY " + order;
        List<List<String>> out = new ArrayList<>();
        try (Statement st = inspector.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> r = new ArrayList<>();
                for (int i = 0; i < types.size(); i++) {
                    r.add(read(rs, i + 1, types.get(i)));
                }
                out.add(r);
            }
        } catch (SQLException e) {
            throw new AssertionError("reading back failed: " + sql, e);
        }
        return out;
    }

    private long rowCount(ObjectMetadata mapped) {
        String sql = "SELECT COUNT(*) FROM " + table(mapped);
        try (Statement st = inspector.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError("counting failed: " + sql, e);
        }
    }

    private List<String> syncTimes(ObjectMetadata mapped) {
        String sql = "SELECT DISTINCT " + quote("_supa_synced") + " FROM " + table(mapped);
        List<String> out = new ArrayList<>();
        try (Statement st = inspector.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(read(rs, 1, CanonicalType.TIMESTAMP_TZ));
            }
        } catch (SQLException e) {
            throw new AssertionError("reading back failed: " + sql, e);
        }
        return out;
    }

    private List<String> tables() {
        List<String> names = new ArrayList<>();
        try (Statement st = inspector.createStatement(); ResultSet rs = st.executeQuery(listTablesSql())) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    private List<String> helperTables() {
        return tables().stream().filter(t -> t.startsWith("_destsdk_")).toList();
    }

    private boolean exists(ObjectMetadata mapped) {
        return tables().stream().anyMatch(t -> t.equalsIgnoreCase(mapped.getName()));
    }

    /** A row as {@link #rows} reads it: id, name, seq, job id, deleted. */
    private static List<String> stored(String id, String name, String seq, String job, String deleted) {
        return Arrays.asList(id, name, seq, job, deleted);
    }

    // ============================================================ blank lines and pass-through

    /** Header, blank lines before, between (LF and CRLF) and after records, and blank lines inside a quoted value. */
    private static final String WITH_BLANK_LINES = "\n\nid,name,seq\n1,a,1\n\n\r\n2,\"two\n\nlines\",2\n\n"
            + "3,\"\",3\n4,,4\n\n";

    private static final List<List<String>> BLANK_LINES_ROWS = List.of(
            stored("1", "a", "1", "s1", "false"),
            stored("2", "two\n\nlines", "2", "s1", "false"),
            stored("3", "", "3", "s1", "false"),
            stored("4", null, "4", "s1", "false"));

    /**
     * Case: A file with blank lines loads the same on the pass through and the transcoding path.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"APPEND", "MERGE", "OVERWRITE"})
    public void aFileWithBlankLinesLoadsTheSameOnThePassThroughAndTheTranscodingPath(String mode) {
        LoadMode loadMode = LoadMode.valueOf(mode);
        Run passThrough = runRaw(object(mode + "_p"), loadMode, "s1", CsvFileFormat.DEFAULT,
                List.of(WITH_BLANK_LINES), b -> { });
        // trimSpace is read by no database's own reader: this file is transcoded record by record
        Run transcoded = runRaw(object(mode + "_t"), loadMode, "s1",
                CsvFileFormat.DEFAULT.toBuilder().trimSpace(true).build(), List.of(WITH_BLANK_LINES), b -> { });
        assertThat(rows(passThrough.mapped())).isEqualTo(BLANK_LINES_ROWS);
        assertThat(rows(transcoded.mapped())).isEqualTo(BLANK_LINES_ROWS);
        assertThat(passThrough.response().rowsLoaded()).isEqualTo(4);
    }

    /**
     * Case: Blank lines are skipped in a one column file and in a file appended to an existing table.
     */
    @Test
    public void blankLinesAreSkippedInAOneColumnFileAndInAFileAppendedToAnExistingTable() {
        ObjectMetadata single = object(testName + "_1", List.of(
                FieldMetadata.builder("name", CanonicalType.STRING).build()));
        Run first = runRaw(single, LoadMode.APPEND, "s1", CsvFileFormat.DEFAULT,
                List.of("name\n\na\n\n\"\"\nb\n\n"), b -> { });
        List<List<String>> names = new ArrayList<>();
        try (Statement st = inspector.createStatement(); ResultSet rs = st.executeQuery("SELECT " + quote("name")
                + " FROM " + table(first.mapped()) + " ORDER BY 1")) {
            while (rs.next()) {
                names.add(Arrays.asList(rs.getString(1)));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(names).containsExactly(List.of(""), List.of("a"), List.of("b"));

        ObjectMetadata source = object();
        run(source, LoadMode.APPEND, "s0", List.of(row("9", "x", "9")));
        Run appended = runRaw(source, LoadMode.APPEND, "s1", CsvFileFormat.DEFAULT, List.of(WITH_BLANK_LINES),
                b -> { });
        List<List<String>> expected = new ArrayList<>(BLANK_LINES_ROWS);
        expected.add(stored("9", "x", "9", "s0", "false"));
        assertThat(rows(appended.mapped())).isEqualTo(expected);
    }

    /**
     * Case: Null markers header rows and lookalike values survive the pass through.
     */
    @Test
    public void nullMarkersHeaderRowsAndLookalikeValuesSurviveThePassThrough() {
        List<List<String>> rows = List.of(row("1", "NULL", "1"), row("2", null, "2"), row("3", "", "3"),
                row("4", "\\N", "4"), row("5", "nil", "5"));
        List<List<String>> expected = List.of(stored("1", "NULL", "1", "s1", "false"),
                stored("2", null, "2", "s1", "false"), stored("3", "", "3", "s1", "false"),
                stored("4", "\\N", "4", "s1", "false"), stored("5", "nil", "5", "s1", "false"));
        List<CsvFileFormat> formats = List.of(CsvFileFormat.DEFAULT,
                CsvFileFormat.builder().emptyFieldAsNull(false).nullIf("NULL").build(),
                CsvFileFormat.builder().skipHeader(2).emptyFieldAsNull(true).nullIf("nil").build(),
                CsvFileFormat.builder().skipHeader(0).emptyFieldAsNull(false).nullIf("\\N").fieldDelimiter(';')
                        .recordSeparator("\r\n").gzip(true).build());
        for (int i = 0; i < formats.size(); i++) {
            CsvFileFormat format = formats.get(i);
            Run run = run(object(Integer.toString(i)), LoadMode.APPEND, "s1", format, List.of(rows), b -> { });
            assertThat(rows(run.mapped())).as("format %s", format).isEqualTo(expected);
        }
    }

    // ============================================================ straight-in loads

    /**
     * Case: Loads straight into the table fill the tracking columns and leave no defaults behind.
     */
    @Test
    public void loadsStraightIntoTheTableFillTheTrackingColumnsAndLeaveNoDefaultsBehind() {
        ObjectMetadata source = object();
        Run first = run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1"), row("2", "b", "1")));
        assertThat(syncTimes(first.mapped())).containsExactly(first.sync().syncTime().toString());
        Run appended = run(source, LoadMode.APPEND, "s2", List.of(row("3", "c", "1")));
        assertThat(rows(appended.mapped())).containsExactly(stored("1", "a", "1", "s1", "false"),
                stored("2", "b", "1", "s1", "false"), stored("3", "c", "1", "s2", "false"));
        assertThat(syncTimes(appended.mapped())).containsExactlyInAnyOrder(first.sync().syncTime().toString(),
                appended.sync().syncTime().toString());
        // the sync's values were defaults only while the files loaded
        execute("INSERT INTO " + table(first.mapped()) + " (" + quote("id") + ", " + quote("name") + ", "
                + quote("seq") + ") VALUES (4, 'd', 1)");
        assertThat(rows(first.mapped())).contains(stored("4", "d", "1", null, null));
    }

    /**
     * Case: Append and truncate and load straight into the target are idempotent per sync id.
     */
    @Test
    public void appendAndTruncateAndLoadStraightIntoTheTargetAreIdempotentPerSyncId() {
        ObjectMetadata source = object();
        run(source, LoadMode.APPEND, "s1", List.of(row("1", "a", "1")));
        Run once = run(source, LoadMode.APPEND, "s2", List.of(row("2", "b", "1"), row("2", "b2", "2")));
        Run twice = run(source, LoadMode.APPEND, "s2", List.of(row("2", "b", "1"), row("2", "b2", "2")));
        assertThat(rows(twice.mapped())).isEqualTo(rows(once.mapped())).containsExactly(
                stored("1", "a", "1", "s1", "false"), stored("2", "b", "1", "s2", "false"),
                stored("2", "b2", "2", "s2", "false"));
        Run truncated = run(source, LoadMode.TRUNCATE_AND_LOAD, "s3", List.of(row("5", "e", "1")));
        assertThat(rows(truncated.mapped())).containsExactly(stored("5", "e", "1", "s3", "false"));
        assertThat(truncated.response().rowsInserted()).isEqualTo(1);
        assertThat(helperTables()).isEmpty();
    }

    /**
     * Case: A first run merge whose batch repeats a key is deduplicated by cursor then file order.
     */
    @Test
    public void aFirstRunMergeWhoseBatchRepeatsAKeyIsDeduplicatedByCursorThenFileOrder() {
        ObjectMetadata source = object();
        Run run = run(source, LoadMode.MERGE, "s1", CsvFileFormat.DEFAULT, List.of(
                List.of(row("1", "old", "1"), row("2", "first", "5"), row("3", "only", "1")),
                List.of(row("1", "new", "2"), row("2", "tie loses", "5"), row("2", "lower", "4")),
                List.of(row("2", "tie wins", "5"))), b -> { });
        assertThat(rows(run.mapped())).containsExactly(stored("1", "new", "2", "s1", "false"),
                stored("2", "tie wins", "5", "s1", "false"), stored("3", "only", "1", "s1", "false"));
        assertThat(run.response().rowsInserted()).isEqualTo(3);
        assertThat(helperTables()).isEmpty();
    }

    /**
     * A later MERGE (into a table with the SDK's unique key index, where the database's own upsert runs) whose batch
     * repeats keys: the winner per key is still the highest cursor, then the last in file order, and the counts are
     * per key, not per row. Where the upsert runs before any duplicate check (PostgreSQL refuses a key twice in one
     * ON CONFLICT statement), this is the path that falls back to de-duplicating.
     */
    @Test
    public void aLaterMergeWhoseBatchRepeatsAKeyIsDeduplicatedByCursorThenFileOrderAndCountedPerKey() {
        ObjectMetadata source = object();
        run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1"), row("2", "b", "1"), row("5", "e", "1")));

        List<String> messages = new ArrayList<>();
        Run merged = run(source, LoadMode.MERGE, "s2", CsvFileFormat.DEFAULT, List.of(
                List.of(row("1", "old", "2"), row("2", "first", "5"), row("3", "only", "1")),
                List.of(row("1", "new", "3"), row("2", "tie loses", "5"), row("2", "lower", "4"),
                        row("4", "x", "1")),
                List.of(row("2", "tie wins", "5"), row("4", "y", "1"))),
                b -> b.progress(e -> e.message().ifPresent(messages::add)));
        assertThat(messages).as("progress of the MERGE").contains("removing superseded duplicate keys");
        if (readsIndexes()) {
            assertThat(messages).as("progress of the MERGE").contains(UPSERT);
        }

        assertThat(rows(merged.mapped())).containsExactly(stored("1", "new", "3", "s2", "false"),
                stored("2", "tie wins", "5", "s2", "false"), stored("3", "only", "1", "s2", "false"),
                stored("4", "y", "1", "s2", "false"), stored("5", "e", "1", "s1", "false"));
        assertThat(merged.response().rowsUpdated()).isEqualTo(2);
        assertThat(merged.response().rowsInserted()).isEqualTo(2);
        assertThat(helperTables()).isEmpty();

        // and a batch without repeated keys right after: the plain path (where the database's upsert refuses a
        // repeated key itself, without a duplicate-key query)
        messages.clear();
        Run plain = run(source, LoadMode.MERGE, "s3", CsvFileFormat.DEFAULT,
                List.of(List.of(row("6", "f", "1"), row("5", "e2", "2"))),
                b -> b.progress(e -> e.message().ifPresent(messages::add)));
        if (dialect().upsertRefusesRepeatedKeys() && readsIndexes()) {
            assertThat(messages).as("progress of the MERGE")
                    .doesNotContain("checking the batch for keys loaded more than once");
        }
        assertThat(rows(plain.mapped())).containsExactly(stored("1", "new", "3", "s2", "false"),
                stored("2", "tie wins", "5", "s2", "false"), stored("3", "only", "1", "s2", "false"),
                stored("4", "y", "1", "s2", "false"), stored("5", "e2", "2", "s3", "false"),
                stored("6", "f", "1", "s3", "false"));
        assertThat(plain.response().rowsUpdated()).isEqualTo(1);
        assertThat(plain.response().rowsInserted()).isEqualTo(1);
    }

    /** The progress message of a MERGE that runs the database's upsert ({@code SqlDialect#upsertFromStaging}). */
    private static final String UPSERT = "updating rows with matching keys and inserting the others";

    /**
     * A MERGE of a batch loaded again with the same sync (a retried sync: same values, same tracking columns) finds
     * every key and changes nothing, yet counts each row as updated; a batch of an unchanged, a changed and a new row
     * counts one each as it is. Where the target's unique key index allows it the database's upsert runs, and where
     * its statement returns no counts (MariaDB's ON DUPLICATE KEY UPDATE) it counts its rows itself
     * ({@code SqlDialect#upsertCounters}).
     */
    @Test
    public void aMergeCountsRowsItLeavesUnchangedAsUpdatedExactly() {
        ObjectMetadata source = object();
        Run first = run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1"), row("2", "b", "1"),
                row("3", "c", "1")));
        List<List<String>> loaded = rows(first.mapped());

        List<String> messages = new ArrayList<>();
        Run again = run(source, LoadMode.MERGE, "s1", CsvFileFormat.DEFAULT, List.of(List.of(row("1", "a", "1"),
                row("2", "b", "1"), row("3", "c", "1"))),
                b -> b.sync(first.sync()).progress(e -> e.message().ifPresent(messages::add)));
        assertThat(rows(again.mapped())).isEqualTo(loaded);
        assertThat(again.response().rowsUpdated()).as("rows updated, unchanged").isEqualTo(3);
        assertThat(again.response().rowsInserted()).as("rows inserted").isZero();
        if (readsIndexes()) {
            assertThat(messages).as("progress of the MERGE").contains(UPSERT);
        }

        Run mixed = run(source, LoadMode.MERGE, "s1", CsvFileFormat.DEFAULT, List.of(List.of(row("1", "a", "1"),
                row("2", "b2", "2"), row("4", "d", "1"))), b -> b.sync(first.sync()));
        assertThat(rows(mixed.mapped())).containsExactly(stored("1", "a", "1", "s1", "false"),
                stored("2", "b2", "2", "s1", "false"), stored("3", "c", "1", "s1", "false"),
                stored("4", "d", "1", "s1", "false"));
        assertThat(syncTimes(mixed.mapped())).hasSize(1);
        assertThat(mixed.response().rowsUpdated()).as("rows updated, one unchanged and one changed").isEqualTo(2);
        assertThat(mixed.response().rowsInserted()).as("rows inserted").isEqualTo(1);
        assertThat(helperTables()).isEmpty();
    }

    /**
     * A later MERGE's counts against the table itself. A batch of 200 rows, alternating between keys the table of 200
     * holds and new keys: the 100 whose key the table held count as updated, whatever happens to them (changed,
     * set to NULL, marked deleted, or identical but for the tracking columns), and the 100 others as inserted, the
     * table growing by exactly that. The same batch again with the same sync (a retry) changes nothing and counts
     * all 200 as updated.
     */
    @Test
    public void aLaterMergeCountsTheKeysTheTableHeldAsUpdatedAndTheOthersAsInsertedExactly() {
        ObjectMetadata source = object(testName, fieldsWithDeleted());
        List<List<String>> initial = new ArrayList<>();
        for (int id = 1; id <= 200; id++) {
            initial.add(row(Integer.toString(id), id % 7 == 0 ? null : "n" + id, "1", "false"));
        }
        Run first = run(source, LoadMode.MERGE, "s1", initial);
        assertThat(rowCount(first.mapped())).isEqualTo(200);

        List<List<String>> batch = new ArrayList<>();
        Map<Long, List<String>> expected = new TreeMap<>();
        for (List<String> r : initial) {
            expected.put(Long.parseLong(r.get(0)), stored(r.get(0), r.get(1), r.get(2), "s1", "false"));
        }
        for (int i = 0; i < 200; i++) {
            int id = i % 2 == 0 ? 101 + i / 2 : 201 + i / 2;
            String key = Integer.toString(id);
            List<String> r = switch (id % 4) {
                case 0 -> row(key, expected.containsKey((long) id) ? expected.get((long) id).get(1) : "new" + id, "1",
                        "false");
                case 1 -> row(key, null, "2", null);
                case 2 -> row(key, "gone" + id, "2", "true");
                default -> row(key, "m" + id, "3", "false");
            };
            batch.add(r);
            expected.put((long) id, stored(key, r.get(1), r.get(2), "s2", r.get(3)));
        }
        Run second = run(source, LoadMode.MERGE, "s2", batch);
        assertThat(rows(second.mapped())).containsExactlyElementsOf(expected.values());
        assertThat(second.response().rowsUpdated()).as("rows updated: the batch's keys the table held").isEqualTo(100);
        assertThat(second.response().rowsInserted()).as("rows inserted: what the table gained")
                .isEqualTo(rowCount(second.mapped()) - 200).isEqualTo(100);
        assertThat(second.response().rowsDeleted()).isZero();

        Run retry = run(source, LoadMode.MERGE, "s2", CsvFileFormat.DEFAULT, List.of(batch),
                b -> b.sync(second.sync()));
        assertThat(rows(retry.mapped())).containsExactlyElementsOf(expected.values());
        assertThat(retry.response().rowsUpdated()).as("rows updated by the retry, all unchanged").isEqualTo(200);
        assertThat(retry.response().rowsInserted()).as("rows inserted by the retry").isZero();
        assertThat(helperTables()).isEmpty();
    }

    /**
     * A later MERGE with hard deletes: a row marked deleted deletes its key's row (counted deleted when the table
     * held it) and is neither updated nor inserted; the other rows count as in any MERGE (a NULL marker is not
     * deleted). Retried with the same sync, nothing is left to delete and the rows kept count as updated.
     */
    @Test
    public void aLaterMergeWithHardDeletesCountsDeletedUpdatedAndInsertedRowsExactly() {
        ObjectMetadata source = object(testName, fieldsWithDeleted());
        run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1", "false"), row("2", "b", "1", "false"),
                row("3", "c", "1", "false"), row("4", "d", "1", "false")));
        List<List<String>> batch = List.of(row("1", "a", "2", "true"), row("2", "b2", "2", "false"),
                row("5", "e", "1", null), row("6", "f", "1", "true"));
        Run merged = run(source, LoadMode.MERGE, "s2", CsvFileFormat.DEFAULT, List.of(batch),
                b -> b.hardDeletes(true));
        List<List<String>> expected = List.of(stored("2", "b2", "2", "s2", "false"),
                stored("3", "c", "1", "s1", "false"), stored("4", "d", "1", "s1", "false"),
                stored("5", "e", "1", "s2", null));
        assertThat(rows(merged.mapped())).containsExactlyElementsOf(expected);
        assertThat(merged.response().rowsDeleted()).as("rows deleted").isEqualTo(1);
        assertThat(merged.response().rowsUpdated()).as("rows updated").isEqualTo(1);
        assertThat(merged.response().rowsInserted()).as("rows inserted").isEqualTo(1);

        Run retry = run(source, LoadMode.MERGE, "s2", CsvFileFormat.DEFAULT, List.of(batch),
                b -> b.hardDeletes(true).sync(merged.sync()));
        assertThat(rows(retry.mapped())).containsExactlyElementsOf(expected);
        assertThat(retry.response().rowsDeleted()).as("rows deleted by the retry").isZero();
        assertThat(retry.response().rowsUpdated()).as("rows updated by the retry").isEqualTo(2);
        assertThat(retry.response().rowsInserted()).as("rows inserted by the retry").isZero();
        assertThat(helperTables()).isEmpty();
    }

    /**
     * MERGE counts where the key is every data column: a table of only the key column, and one whose two columns
     * form the key. Only the tracking columns are left to update, and a retry with the same sync leaves every row as
     * it was; each key the table held counts as updated, each new one as inserted.
     */
    @Test
    public void aMergeWhereTheKeyIsEveryDataColumnCountsExactly() {
        ObjectMetadata only = object(testName + "_only", List.of(
                FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build()));
        List<CanonicalType> types = List.of(CanonicalType.LONG, CanonicalType.STRING);
        run(only, LoadMode.MERGE, "s1", List.of(row("1"), row("2"), row("3")));
        Run merged = run(only, LoadMode.MERGE, "s2", List.of(row("3"), row("4"), row("2"), row("5")));
        List<List<String>> expected = List.of(row("1", "s1"), row("2", "s2"), row("3", "s2"), row("4", "s2"),
                row("5", "s2"));
        assertThat(select(merged.mapped(), List.of("id", "_supa_job_id"), types)).isEqualTo(expected);
        assertThat(merged.response().rowsUpdated()).as("rows updated, key only").isEqualTo(2);
        assertThat(merged.response().rowsInserted()).as("rows inserted, key only").isEqualTo(2);
        Run retry = run(only, LoadMode.MERGE, "s2", CsvFileFormat.DEFAULT,
                List.of(List.of(row("3"), row("4"), row("2"), row("5"))), b -> b.sync(merged.sync()));
        assertThat(select(retry.mapped(), List.of("id", "_supa_job_id"), types)).isEqualTo(expected);
        assertThat(retry.response().rowsUpdated()).as("rows updated by the retry, key only").isEqualTo(4);
        assertThat(retry.response().rowsInserted()).as("rows inserted by the retry, key only").isZero();

        ObjectMetadata pair = object(testName + "_pair", List.of(
                FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build(),
                FieldMetadata.builder("seq", CanonicalType.INTEGER).primaryKey(true).nullable(false).build()));
        List<String> columns = List.of("id", "seq", "_supa_job_id");
        List<CanonicalType> pairTypes = List.of(CanonicalType.LONG, CanonicalType.INTEGER, CanonicalType.STRING);
        run(pair, LoadMode.MERGE, "s1", List.of(row("1", "1"), row("1", "2"), row("2", "1")));
        Run pairMerged = run(pair, LoadMode.MERGE, "s2", List.of(row("1", "2"), row("2", "2"), row("2", "1"),
                row("3", "1")));
        List<List<String>> pairExpected = List.of(row("1", "1", "s1"), row("1", "2", "s2"), row("2", "1", "s2"),
                row("2", "2", "s2"), row("3", "1", "s2"));
        assertThat(select(pairMerged.mapped(), columns, pairTypes)).isEqualTo(pairExpected);
        assertThat(pairMerged.response().rowsUpdated()).as("rows updated, two-column key").isEqualTo(2);
        assertThat(pairMerged.response().rowsInserted()).as("rows inserted, two-column key").isEqualTo(2);
        Run pairRetry = run(pair, LoadMode.MERGE, "s2", CsvFileFormat.DEFAULT, List.of(List.of(row("1", "2"),
                row("2", "2"), row("2", "1"), row("3", "1"))), b -> b.sync(pairMerged.sync()));
        assertThat(select(pairRetry.mapped(), columns, pairTypes)).isEqualTo(pairExpected);
        assertThat(pairRetry.response().rowsUpdated()).as("rows updated by the retry, two-column key").isEqualTo(4);
        assertThat(pairRetry.response().rowsInserted()).as("rows inserted by the retry, two-column key").isZero();
        assertThat(helperTables()).isEmpty();
    }

    /**
     * A MERGE into a target with a unique index of the user's beside the key's: rows merge by key as always and a
     * new key colliding with the user's index fails the load, leaving the table as it was, instead of updating the
     * row the other index matched (as MariaDB's ON DUPLICATE KEY UPDATE would; where the dialect's upsert meets any
     * unique index, the load runs the update and the insert instead).
     */
    @Test
    public void aMergeIntoATargetWithAnotherUniqueIndexMergesByKeyAndACollisionWithItFails() {
        ObjectMetadata source = object();
        Run first = run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1"), row("2", "b", "2")));
        createUniqueIndex(first.mapped(), testName + "_seq_uq", "seq");

        List<String> messages = new ArrayList<>();
        Run merged = run(source, LoadMode.MERGE, "s2", CsvFileFormat.DEFAULT,
                List.of(List.of(row("1", "a2", "3"), row("5", "e", "5"))),
                b -> b.progress(e -> e.message().ifPresent(messages::add)));
        assertThat(rows(merged.mapped())).containsExactly(stored("1", "a2", "3", "s2", "false"),
                stored("2", "b", "2", "s1", "false"), stored("5", "e", "5", "s2", "false"));
        assertThat(merged.response().rowsUpdated()).isEqualTo(1);
        assertThat(merged.response().rowsInserted()).isEqualTo(1);

        List<List<String>> before = rows(first.mapped());
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(source, LoadMode.MERGE,
                "s3", List.of(row("1", "a3", "4"), row("6", "f", "2"))));
        assertThat(rows(first.mapped())).isEqualTo(before);
        assertThat(e).as("MERGE of a new key whose seq the user's unique index holds").isNotNull();
        assertThat(helperTables()).isEmpty();
        if (dialect().uniqueIndexesQuery(TableName.of(schema(), "t")).isPresent()) {
            assertThat(messages).as("progress of the first MERGE").contains("updating rows with matching keys")
                    .doesNotContain(UPSERT);
        }
    }

    /**
     * A first MERGE whose keys increase from row to row (and across files) needs no duplicate-key query: the value
     * checks saw every key ({@link dev.destsdk.jdbc.bulk.KeyOrder}). Keys out of order on a database without a
     * unique key index (DuckDB) are still checked, and a repeated key is still found.
     */
    @Test
    public void aFirstMergeWhoseKeysIncreaseSkipsTheDuplicateKeyQueryAndOtherBatchesAreChecked() {
        String check = "checking the batch for keys loaded more than once";
        List<String> messages = new ArrayList<>();
        Run ordered = run(object("ordered"), LoadMode.MERGE, "s1", CsvFileFormat.DEFAULT,
                List.of(List.of(row("-3", "a", "1"), row("1", "b", "1")), List.of(row("20", "c", "1"))),
                b -> b.progress(e -> e.message().ifPresent(messages::add)));
        assertThat(rows(ordered.mapped())).containsExactly(stored("-3", "a", "1", "s1", "false"),
                stored("1", "b", "1", "s1", "false"), stored("20", "c", "1", "s1", "false"));
        assertThat(messages).as("progress of the ordered MERGE").doesNotContain(check);

        messages.clear();
        Run unordered = run(object("unordered"), LoadMode.MERGE, "s1", CsvFileFormat.DEFAULT,
                List.of(List.of(row("2", "a", "1"), row("1", "b", "1"), row("2", "c", "2"))),
                b -> b.progress(e -> e.message().ifPresent(messages::add)));
        assertThat(rows(unordered.mapped())).containsExactly(stored("1", "b", "1", "s1", "false"),
                stored("2", "c", "2", "s1", "false"));
        if (!readsIndexes()) {
            assertThat(messages).as("progress of the unordered MERGE").contains(check);
        }
        assertThat(helperTables()).isEmpty();
    }

    /**
     * Case: A first run with hard deletes leaves out the rows marked deleted.
     */
    @Test
    public void aFirstRunWithHardDeletesLeavesOutTheRowsMarkedDeleted() {
        ObjectMetadata source = object(testName, fieldsWithDeleted());
        Run run = run(source, LoadMode.MERGE, "s1", CsvFileFormat.DEFAULT, List.of(List.of(
                row("1", "a", "1", "false"), row("2", "b", "1", "true"), row("3", "c", "1", null))),
                b -> b.hardDeletes(true));
        assertThat(rows(run.mapped())).containsExactly(stored("1", "a", "1", "s1", "false"),
                stored("3", "c", "1", "s1", null));
        assertThat(run.response().rowsInserted()).isEqualTo(2);
        Run soft = run(object(testName + "_soft", fieldsWithDeleted()), LoadMode.OVERWRITE, "s1",
                CsvFileFormat.DEFAULT, List.of(List.of(row("1", "a", "1", "true"))), b -> { });
        assertThat(rows(soft.mapped())).containsExactly(stored("1", "a", "1", "s1", "true"));
    }

    // ============================================================ key indexes

    /** The unique indexes over exactly {@code id}, by name; empty where the dialect cannot tell. */
    private List<String> uniqueKeyIndexes(ObjectMetadata mapped) {
        TableName table = new TableName(mapped.getCatalog(), mapped.getSchema(), mapped.getName());
        List<String> names = new ArrayList<>();
        dialect().uniqueKeyIndexesQuery(table, List.of("id")).ifPresent(sql -> {
            try (Statement st = inspector.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            } catch (SQLException e) {
                throw new AssertionError("reading indexes failed: " + sql, e);
            }
        });
        return names;
    }

    /** Whether the dialect creates and finds unique key indexes (PostgreSQL, MariaDB; not DuckDB). */
    private boolean readsIndexes() {
        return dialect().uniqueKeyIndexesQuery(TableName.of(schema(), "t"), List.of("id")).isPresent();
    }

    /**
     * Case: A merge built table has a unique key index that append replaces to keep repeated keys.
     */
    @Test
    public void aMergeBuiltTableHasAUniqueKeyIndexThatAppendReplacesToKeepRepeatedKeys() {
        boolean enforces = readsIndexes();
        ObjectMetadata source = object();
        Run first = run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1"), row("2", "b", "1")));
        assertThat(uniqueKeyIndexes(first.mapped())).as("unique key indexes after a first MERGE")
                .hasSize(enforces ? 1 : 0);

        Run merged = run(source, LoadMode.MERGE, "s2", List.of(row("1", "a2", "2"), row("3", "c", "1")));
        assertThat(rows(merged.mapped())).containsExactly(stored("1", "a2", "2", "s2", "false"),
                stored("2", "b", "1", "s1", "false"), stored("3", "c", "1", "s2", "false"));
        assertThat(merged.response().rowsUpdated()).isEqualTo(1);
        assertThat(merged.response().rowsInserted()).isEqualTo(1);

        Run appended = run(source, LoadMode.APPEND, "s3", List.of(row("1", "dup", "3"), row("1", "dup2", "4")));
        assertThat(rows(appended.mapped())).containsExactly(stored("1", "a2", "2", "s2", "false"),
                stored("1", "dup", "3", "s3", "false"), stored("1", "dup2", "4", "s3", "false"),
                stored("2", "b", "1", "s1", "false"), stored("3", "c", "1", "s2", "false"));
        assertThat(uniqueKeyIndexes(appended.mapped())).as("unique key indexes after APPEND").isEmpty();

        // a MERGE into a table that holds a key more than once updates every row of that key
        Run again = run(source, LoadMode.MERGE, "s4", List.of(row("1", "m", "5"), row("4", "d", "1")));
        assertThat(rows(again.mapped())).containsExactly(stored("1", "m", "5", "s4", "false"),
                stored("1", "m", "5", "s4", "false"), stored("1", "m", "5", "s4", "false"),
                stored("2", "b", "1", "s1", "false"), stored("3", "c", "1", "s2", "false"),
                stored("4", "d", "1", "s4", "false"));
        assertThat(again.response().rowsUpdated()).isEqualTo(3);
        assertThat(again.response().rowsInserted()).isEqualTo(1);
        assertThat(helperTables()).isEmpty();
    }

    /**
     * Case: the SDK's key index is named from the table, not from the clock or the sync: a first MERGE names it
     * {@code _destsdk_key_<hash>_a}; a table built beside the indexed one (here a retry of the same sync with DROP
     * on a first run) takes {@code _b} while the old table still holds {@code _a}, and the next one {@code _a}
     * again. Where the dialect reads no unique key indexes, the same loads still give the same rows.
     */
    @Test
    public void keyIndexNamesComeFromTheTableAndAlternateWhenATableIsBuiltBesideTheIndexedOne() {
        ObjectMetadata source = object();
        Run first = run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1"), row("2", "b", "1")));
        List<String> names = new ArrayList<>();
        names.add(String.join(",", uniqueKeyIndexes(first.mapped())));
        for (int i = 0; i < 2; i++) {
            Run again = run(source, LoadMode.MERGE, "s1", CsvFileFormat.DEFAULT,
                    List.of(List.of(row("1", "a" + i, "2"), row("3", "c", "1"))),
                    b -> b.mapping(MetadataMapping.firstRun(first.mapped()))
                            .destinationTableHandling(DestinationTableHandling.DROP));
            assertThat(rows(again.mapped())).containsExactly(stored("1", "a" + i, "2", "s1", "false"),
                    stored("3", "c", "1", "s1", "false"));
            names.add(String.join(",", uniqueKeyIndexes(again.mapped())));
        }
        if (readsIndexes()) {
            assertThat(names.get(0)).matches("(?i)_destsdk_key_[0-9a-f]{8}_a");
            String base = names.get(0).substring(0, names.get(0).length() - 1);
            assertThat(names).containsExactly(base + "a", base + "b", base + "a");
        } else {
            assertThat(names).containsOnly("");
        }
        assertThat(helperTables()).isEmpty();
    }

    /**
     * Case: A unique index the user created is kept and an append that breaks it fails leaving the table unchanged.
     */
    @Test
    public void aUniqueIndexTheUserCreatedIsKeptAndAnAppendThatBreaksItFailsLeavingTheTableUnchanged() {
        ObjectMetadata source = object();
        Run first = run(source, LoadMode.APPEND, "s1", List.of(row("1", "a", "1"), row("2", "b", "1")));
        createUniqueIndex(first.mapped(), testName + "_user_uq", "id");
        List<List<String>> before = rows(first.mapped());
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(source, LoadMode.APPEND,
                "s2", List.of(row("3", "c", "1"), row("1", "dup", "2"))));
        assertThat(e).as("APPEND of a key the user's unique index holds").isNotNull();
        assertThat(rows(first.mapped())).isEqualTo(before);
        if (readsIndexes()) {
            assertThat(uniqueKeyIndexes(first.mapped())).containsExactly(testName + "_user_uq");
        }
        assertThat(helperTables()).isEmpty();
    }

    // ============================================================ failures on the straight-in paths

    /**
     * Case: A null key fails every path naming file and record and changes nothing.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MERGE", "APPEND", "TRUNCATE_AND_LOAD", "OVERWRITE"})
    public void aNullKeyFailsEveryPathNamingFileAndRecordAndChangesNothing(String mode) {
        LoadMode loadMode = LoadMode.valueOf(mode);
        ObjectMetadata firstRun = object(mode + "_new");
        List<List<List<String>>> files = List.of(List.of(row("1", "a", "1")),
                List.of(row("2", "b", "1"), row("3", "c", "1"), row(null, "bad", "1"), row("4", "d", "1")));
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> run(firstRun, loadMode, "s1", CsvFileFormat.DEFAULT, files, b -> { }));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("NULL primary key");
        assertThat(e.getContext().file()).hasValue("success_part_00001.csv");
        assertThat(e.getContext().record()).hasValue(3);
        assertThat(exists(destination.mapToTargetObject(firstRun, rules(), Optional.empty()))).isFalse();

        ObjectMetadata source = object(mode);
        Run existing = run(source, LoadMode.APPEND, "s0", List.of(row("9", "x", "1")));
        ConnectorException again = catchThrowableOfType(ConnectorException.class,
                () -> run(source, loadMode, "s1", CsvFileFormat.DEFAULT, files, b -> { }));
        assertThat(again.getContext().file()).hasValue("success_part_00001.csv");
        assertThat(again.getContext().record()).hasValue(3);
        assertThat(rows(existing.mapped())).containsExactly(stored("9", "x", "1", "s0", "false"));
        assertThat(helperTables()).isEmpty();
    }

    /**
     * Case: A ragged record fails the pass through naming file and record.
     */
    @Test
    public void aRaggedRecordFailsThePassThroughNamingFileAndRecord() {
        ObjectMetadata source = object();
        Run existing = run(source, LoadMode.APPEND, "s0", List.of(row("9", "x", "1")));
        for (String file : List.of("id,name,seq\n1,a,1\n\n2,b\n3,c,1\n", "id,name,seq\n1,a,1\n\n2,b,1,extra\n")) {
            for (LoadMode mode : List.of(LoadMode.APPEND, LoadMode.MERGE)) {
                ConnectorException e = catchThrowableOfType(ConnectorException.class,
                        () -> runRaw(source, mode, "s1", CsvFileFormat.DEFAULT, List.of(file), b -> { }));
                assertThat(e.getErrorType()).as("%s %s", mode, file).isEqualTo(ErrorType.VALIDATION_ERROR);
                assertThat(e.getContext().file()).hasValue("success_part_00000.csv");
                assertThat(e.getContext().record().isPresent() || e.getContext().line().isPresent())
                        .as(e.getMessage()).isTrue();
            }
        }
        assertThat(rows(existing.mapped())).containsExactly(stored("9", "x", "1", "s0", "false"));
        assertThat(helperTables()).isEmpty();
    }

    /**
     * Case: Cancelling a straight in load leaves the table as it was and no helper table.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"APPEND", "TRUNCATE_AND_LOAD", "OVERWRITE", "MERGE"})
    public void cancellingAStraightInLoadLeavesTheTableAsItWasAndNoHelperTable(String mode) {
        LoadMode loadMode = LoadMode.valueOf(mode);
        ObjectMetadata source = object(mode);
        ObjectMetadata fresh = object(mode + "_new");
        Run first = run(source, LoadMode.APPEND, "s0", List.of(row("9", "x", "1")));
        List<List<List<String>>> files = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                rows.add(row(Integer.toString(f * 1000 + i), "r", "1"));
            }
            files.add(rows);
        }
        for (ObjectMetadata target : List.of(source, fresh)) {
            CancellationToken token = new CancellationToken();
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(target, loadMode, "s1",
                    CsvFileFormat.DEFAULT, files, b -> b.cancellation(token).progress(event -> {
                        if (event.filesDone() == 1 && event.status() == ProgressEvent.Status.RUNNING) {
                            token.cancel();
                        }
                    })));
            assertThat(e.getErrorType()).as(target.getName()).isEqualTo(ErrorType.CANCELLED);
        }
        assertThat(rows(first.mapped())).containsExactly(stored("9", "x", "1", "s0", "false"));
        assertThat(exists(destination.mapToTargetObject(fresh, rules(), Optional.empty()))).isFalse();
        assertThat(helperTables()).isEmpty();
        assertThat(stageContents()).as("the stage after a cancelled load").isEmpty();
    }

    /** The table's columns in order as name, type name and precision, read from an empty result's metadata. */
    private List<String> columnNames(ObjectMetadata mapped) {
        List<String> names = new ArrayList<>();
        try (Statement st = inspector.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table(mapped) + " WHERE 1 = 0")) {
            var meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i) + " " + meta.getColumnTypeName(i) + "(" + meta.getPrecision(i) + ")");
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    /**
     * Case: A load that fails after its schema changes leaves the table definition as it was.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MERGE", "APPEND"})
    public void aLoadThatFailsAfterItsSchemaChangesLeavesTheTableDefinitionAsItWas(String mode) {
        List<FieldMetadata> narrow = new ArrayList<>(fields());
        narrow.set(1, FieldMetadata.builder("name", CanonicalType.STRING).precision(10).build());
        ObjectMetadata source = object(testName + "_" + mode.toLowerCase(Locale.ROOT), narrow);
        Run first = run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1")));
        List<String> columnsBefore = columnNames(first.mapped());
        List<List<String>> rowsBefore = rows(first.mapped());
        // name widened from STRING(10) to STRING and a new column: changes the load applies before its rows
        List<FieldMetadata> evolved = new ArrayList<>(fields());
        evolved.add(FieldMetadata.builder("extra", CanonicalType.STRING).build());
        ObjectMetadata wider = object(source.getName(), evolved);
        CancellationToken token = new CancellationToken();
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(wider, LoadMode.valueOf(mode),
                "s2", CsvFileFormat.DEFAULT, List.of(List.of(row("1", "b", "2", "x"), row("2", "c", "1", "y"))),
                b -> b.cancellation(token).progress(event -> {
                    String message = event.message().orElse("");
                    if (message.startsWith("updating rows") || message.startsWith("appending")) {
                        token.cancel();
                    }
                })));
        assertThat(e).as("the load cancelled after its schema changes").isNotNull();
        assertThat(e.getErrorType()).isEqualTo(ErrorType.CANCELLED);
        applied.put(source.getName(), first.mapped());
        assertThat(columnNames(first.mapped())).as("columns after the failed load").isEqualTo(columnsBefore);
        assertThat(rows(first.mapped())).isEqualTo(rowsBefore);
        assertThat(helperTables()).isEmpty();
        // the next attempt applies the change again and loads
        Run retried = run(wider, LoadMode.valueOf(mode), "s2", CsvFileFormat.DEFAULT,
                List.of(List.of(row("1", "b", "2", "x"), row("2", "c", "1", "y"))), b -> { });
        assertThat(columnNames(retried.mapped())).hasSize(columnsBefore.size() + 1);
    }

    // ============================================================ bad input: the SDK's contract on every connector

    /** Writes the files' bytes as they are (no gzip applied), then maps, stages and loads. */
    private Run runBytes(ObjectMetadata source, LoadMode mode, String syncId, CsvFileFormat format,
                         List<byte[]> files) {
        Path dir = newRunDirectory();
        try {
            for (int i = 0; i < files.size(); i++) {
                Files.write(dir.resolve(String.format("success_part_%05d%s", i, format.fileSuffix())), files.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return load(source, mode, syncId, format, dir, b -> { });
    }

    /** An object with a TIMESTAMP_TZ column after the usual three. */
    private ObjectMetadata objectWithTimestamp(String suffix) {
        List<FieldMetadata> f = new ArrayList<>(fields());
        f.add(FieldMetadata.builder("ts", CanonicalType.TIMESTAMP_TZ).build());
        return object(testName + "_" + suffix, f);
    }

    /** A MERGE into an existing two-row table that must fail on bad input and change nothing. */
    private ConnectorException refusedMerge(ObjectMetadata source, String file) {
        return refusedMerge(source, CsvFileFormat.DEFAULT, file.getBytes(StandardCharsets.UTF_8));
    }

    private ConnectorException refusedMerge(ObjectMetadata source, CsvFileFormat format, byte[] file) {
        boolean withTs = source.getFields().size() == 4;
        Run existing = run(source, LoadMode.MERGE, "s0", withTs
                ? List.of(row("1", "a", "1", "2024-01-01T00:00:00Z"), row("2", "b", "1", null))
                : List.of(row("1", "a", "1"), row("2", "b", "1")));
        List<List<String>> before = rows(existing.mapped());
        assertThat(before).hasSize(2);
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> runBytes(source, LoadMode.MERGE, "s1", format, List.of(file)));
        assertThat(e).as("the load must fail").isNotNull();
        assertThat(rows(existing.mapped())).as("the table is unchanged").isEqualTo(before);
        assertThat(helperTables()).isEmpty();
        assertThat(stageContents()).as("the stage after a failed load").isEmpty();
        assertThat(e.getMessage().length()).as(e.getMessage()).isLessThan(1024);
        assertThat(e.getContext().file()).as(e.getMessage()).hasValue("success_part_00000" + format.fileSuffix());
        return e;
    }

    private static void assertContext(ConnectorException e, ErrorType type, long line, long record, String column) {
        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(type);
        assertThat(e.getContext().line()).as(e.getMessage()).hasValue(line);
        if (record > 0) {
            assertThat(e.getContext().record()).as(e.getMessage()).hasValue(record);
        }
        assertThat(e.getContext().column()).as(e.getMessage()).hasValue(column);
        assertThat(e.isRetryable()).as(e.getMessage()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"yesterday", "now", "infinity", "epoch", "2024-13-45T99:99:99Z", "2024-02-30T00:00:00Z",
            "2024-05-01 08:30:00Z", "2024-05-01T08:30:00", "0000-01-01T00:00:00Z"})
    public void aTimestampNotInItsCanonicalFormIsRefusedNamingFileLineRecordAndColumn(String value) {
        ObjectMetadata source = objectWithTimestamp(Integer.toHexString(value.hashCode()));
        ConnectorException e = refusedMerge(source, "id,name,seq,ts\n3,c,1,2024-05-01T08:30:00Z\n4,d,1," + value
                + "\n");
        assertContext(e, ErrorType.VALIDATION_ERROR, 3, 2, "ts");
        assertThat(e.getMessage()).contains("TIMESTAMP_TZ");
    }

    /**
     * Case: An integer not in its canonical form is refused.
     */
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"NaN", "1e3", "2147483648", "1.0", " 1", "0x10", "", "+-1"})
    public void anIntegerNotInItsCanonicalFormIsRefused(String value) {
        ObjectMetadata source = object(Integer.toHexString(value.hashCode()));
        String field = value.isEmpty() ? "\"\"" : value;
        ConnectorException e = refusedMerge(source, "id,name,seq\n3,c,1\n4,d," + field + "\n");
        assertContext(e, ErrorType.VALIDATION_ERROR, 3, 2, "seq");
    }

    /**
     * Case: A header that does not name the fields in order is refused at line one.
     */
    @Test
    public void aHeaderThatDoesNotNameTheFieldsInOrderIsRefusedAtLineOne() {
        ConnectorException swapped = refusedMerge(object("swapped"), "id,seq,name\n3,1,c\n");
        assertContext(swapped, ErrorType.VALIDATION_ERROR, 1, 0, "name");
        ConnectorException other = refusedMerge(object("other"), "id,label,seq\n3,c,1\n");
        assertContext(other, ErrorType.VALIDATION_ERROR, 1, 0, "name");
        ConnectorException missing = refusedMerge(object("missing"), "");
        assertContext(missing, ErrorType.VALIDATION_ERROR, 1, 0, "id");
    }

    /**
     * Case: A header naming the fields in another case loads.
     */
    @Test
    public void aHeaderNamingTheFieldsInAnotherCaseLoads() {
        ObjectMetadata source = object();
        Run run = runRaw(source, LoadMode.APPEND, "s1", CsvFileFormat.DEFAULT, List.of("ID,Name,SEQ\n1,a,1\n"),
                b -> { });
        assertThat(rows(run.mapped())).containsExactly(stored("1", "a", "1", "s1", "false"));
    }

    /**
     * Case: A truncated gzip file is refused and nothing of it loads.
     */
    @Test
    public void aTruncatedGzipFileIsRefusedAndNothingOfItLoads() throws IOException {
        StringBuilder text = new StringBuilder("id,name,seq\n");
        for (int i = 3; i < 20_000; i++) {
            text.append(i).append(",name ").append(i * 7919L % 100_003).append(",1\n");
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = bytes.toByteArray();
        CsvFileFormat gzip = CsvFileFormat.DEFAULT.toBuilder().gzip(true).build();
        ConnectorException e = refusedMerge(object(), gzip, Arrays.copyOf(whole, whole.length / 2));
        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("compressed file ends early");
    }

    /**
     * Case: A quote inside an unquoted field and a nul byte are refused everywhere.
     */
    @Test
    public void aQuoteInsideAnUnquotedFieldAndANulByteAreRefusedEverywhere() {
        ConnectorException quote = refusedMerge(object("quote"), "id,name,seq\n3,c,1\n4,ab\"c,1\n");
        assertContext(quote, ErrorType.VALIDATION_ERROR, 3, 2, "name");
        ConnectorException after = refusedMerge(object("after"), "id,name,seq\n3,\"ab\"c,1\n");
        assertContext(after, ErrorType.VALIDATION_ERROR, 2, 1, "name");
        ConnectorException nul = refusedMerge(object("nul"), "id,name,seq\n3,c,1\n4,\"a\u0000b\",1\n");
        assertContext(nul, ErrorType.VALIDATION_ERROR, 3, 2, "name");
        ConnectorException open = refusedMerge(object("open"), "id,name,seq\n3,c,1\n4,\"abc,1\n");
        assertContext(open, ErrorType.VALIDATION_ERROR, 3, 2, "name");
    }

    /**
     * Case: A line break inside a quoted value counts towards the line of later records.
     */
    @Test
    public void aLineBreakInsideAQuotedValueCountsTowardsTheLineOfLaterRecords() {
        ConnectorException e = refusedMerge(object(), "id,name,seq\n3,\"two\nlines\",1\n4,d,x\n");
        assertContext(e, ErrorType.VALIDATION_ERROR, 4, 2, "seq");
    }

    /**
     * Case: A twenty mebibyte value loads exactly and a record beyond the limit is refused.
     */
    @Test
    public void aTwentyMebibyteValueLoadsExactlyAndARecordBeyondTheLimitIsRefused() {
        String big = "x".repeat(20 << 20);
        ObjectMetadata source = object();
        Run run = runRaw(source, LoadMode.MERGE, "s1", CsvFileFormat.DEFAULT,
                List.of("id,name,seq\n1,small,1\n2," + big + ",1\n3,after,1\n"), b -> { });
        assertThat(rows(run.mapped())).containsExactly(stored("1", "small", "1", "s1", "false"),
                stored("2", big, "1", "s1", "false"), stored("3", "after", "1", "s1", "false"));
        String huge = "y".repeat((33 << 20));
        ConnectorException e = refusedMerge(object("huge"), "id,name,seq\n3,c,1\n4," + huge + ",1\n");
        assertContext(e, ErrorType.VALIDATION_ERROR, 3, 2, "name");
        assertThat(e.getMessage()).contains("32 MiB");
    }

    /**
     * Case: Helper tables are gone before success is reported and stale ones of the table are dropped.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MERGE", "OVERWRITE", "APPEND"})
    public void helperTablesAreGoneBeforeSuccessIsReportedAndStaleOnesOfTheTableAreDropped(String mode) {
        ObjectMetadata source = object(mode);
        Run first = run(source, LoadMode.APPEND, "s0", List.of(row("9", "x", "1")));
        String table = first.mapped().getName();
        // what a load whose connection was lost after its commit left behind, and another table's helper
        String stale = "_destsdk_stage_oldsync_" + table;
        String foreign = "_destsdk_stage_oldsync_" + table + "_other";
        for (String helper : List.of(stale, foreign)) {
            execute("CREATE TABLE " + destination.getFullyQualifiedTableName(first.mapped().getCatalog(),
                    first.mapped().getSchema(), helper) + " (" + quote("a") + " INTEGER)");
        }
        List<List<String>> helpersAtEnd = new ArrayList<>();
        run(source, LoadMode.valueOf(mode), "s1", CsvFileFormat.DEFAULT,
                List.of(List.of(row("1", "a", "1"), row("9", "y", "2"))), b -> b.progress(event -> {
                    if (event.status() == ProgressEvent.Status.ENDED) {
                        helpersAtEnd.add(helperTables());
                    }
                }));
        assertThat(helpersAtEnd).as("helper tables when the load reported its end").containsExactly(List.of(foreign));
        assertThat(stageContents()).as("the stage after a successful load").isEmpty();
        assertThat(helperTables()).containsExactly(foreign);
        execute("DROP TABLE " + destination.getFullyQualifiedTableName(first.mapped().getCatalog(),
                first.mapped().getSchema(), foreign));
    }

    /**
     * Case: A load keeps the helper table of a parallel load of another table of the same sync, even where that
     * table's name ends with this one's (a stale helper of this table would end the same way).
     */
    @Test
    public void aLoadKeepsTheHelperTableOfAParallelLoadOfAnotherTableOfTheSameSync() {
        ObjectMetadata source = object();
        Run first = run(source, LoadMode.APPEND, "s0", List.of(row("9", "x", "1")));
        // the staging table of a load of table other_<this table> in sync s1, running at the same moment
        String parallel = "_destsdk_stage_s1_other_" + first.mapped().getName();
        String qualified = destination.getFullyQualifiedTableName(first.mapped().getCatalog(),
                first.mapped().getSchema(), parallel);
        execute("CREATE TABLE " + qualified + " (" + quote("a") + " INTEGER)");
        try {
            run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1")));
            assertThat(helperTables()).as("the parallel load's staging table").containsExactly(parallel);
            assertThat(rows(first.mapped())).containsExactly(stored("1", "a", "1", "s1", "false"),
                    stored("9", "x", "1", "s0", "false"));
        } finally {
            execute("DROP TABLE IF EXISTS " + qualified);
        }
    }

    /**
     * Case: Loads of several tables into one schema that does not exist yet, started at the same moment, all succeed
     * and every table holds its rows. Each table is its own load on its own destination instance (so its own
     * connection), as an executor loading tables in parallel runs them (the testkit's
     * {@link ParallelPipelineRunner}); a latch releases the loads together, so that they
     * create the schema at the same moment, which a database may refuse to all but one of them (PostgreSQL: a
     * unique violation on {@code pg_namespace}). Repeated over several rounds, each with a new schema. A destination
     * that does not declare parallel loads ({@code supportsParallelization}) has its tables loaded one after
     * another through one instance, as an executor would.
     */
    @Test
    public void loadsOfSeveralTablesIntoOneNewSchemaAtTheSameMomentAllSucceed() {
        assertThat(destination.getCapabilitiesConfig().canAutoCreateSchema())
                .as("the case loads into new schemas; a destination that creates none overrides it").isTrue();
        boolean parallel = destination.getCapabilitiesConfig().supportsParallelization();
        int tables = 8;
        for (int round = 0; round < 4; round++) {
            String schema = schema() + "_new" + round;
            dropSchemaSql(schema).forEach(this::execute);
            try {
                NamespaceRules rules = NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM)
                        .customSchema(schema).build();
                List<RunSpec> specs = new ArrayList<>();
                for (int t = 0; t < tables; t++) {
                    List<List<String>> rows = List.of(row(Integer.toString(t * 10 + 1), "a" + t, "1"),
                            row(Integer.toString(t * 10 + 2), "b" + t, "2"));
                    specs.add(RunSpec.builder(object(testName + "_" + t, fields()))
                            .textRows(rows).namespaceRules(rules).loadMode(t % 2 == 0 ? LoadMode.MERGE
                                    : LoadMode.APPEND).syncId("race").syncTime(T0).build());
                }
                CountDownLatch ready = new CountDownLatch(tables);
                ParallelPipelineRunner runner = parallel
                        ? new ParallelPipelineRunner(() -> {
                            try {
                                return createDestination();
                            } finally {
                                ready.countDown();
                                awaitQuietly(ready);
                            }
                        }, tempRoot.resolve("parallel" + round), tables)
                        : ParallelPipelineRunner.sharing(destination,
                                tempRoot.resolve("parallel" + round), 1);
                List<ParallelPipelineRunner.TableRun> runs = runner.run(specs,
                        (index, event) -> { });
                assertThat(runs.stream().flatMap(r -> r.failure().stream()).map(e -> e.getErrorType() + ": "
                        + e.getMessage()).toList()).as("failed loads in round %d (schema %s)", round, schema)
                        .isEmpty();
                for (ParallelPipelineRunner.TableRun r : runs) {
                    int t = r.index();
                    ObjectMetadata mapped = r.result().orElseThrow().mappedObject();
                    assertThat(mapped.getSchema()).contains(schema);
                    assertThat(rows(mapped)).as("table %d of round %d", t, round).containsExactly(
                            stored(Integer.toString(t * 10 + 1), "a" + t, "1", "race", "false"),
                            stored(Integer.toString(t * 10 + 2), "b" + t, "2", "race", "false"));
                }
            } finally {
                dropSchemaSql(schema).forEach(this::execute);
            }
        }
    }

    /** Waits for the latch up to a minute (a worker whose destination failed to open must not hang the others). */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Case: An overwrite cancelled at its swap ends in the old or the new state and where the swap commits it succeeds.
     */
    @Test
    public void anOverwriteCancelledAtItsSwapEndsInTheOldOrTheNewStateAndWhereTheSwapCommitsItSucceeds() {
        ObjectMetadata source = object();
        Run first = run(source, LoadMode.APPEND, "s0", List.of(row("9", "x", "1")));
        CancellationToken token = new CancellationToken();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> run(source, LoadMode.OVERWRITE, "s1",
                CsvFileFormat.DEFAULT, List.of(List.of(row("1", "a", "1"))), b -> b.cancellation(token)
                        .progress(event -> {
                            if (event.message().orElse("").startsWith("dropping the replaced table")) {
                                token.cancel();
                            }
                        })));
        assertThat(token.isCancelled()).as("the swap was reached").isTrue();
        if (thrown == null) {
            assertThat(rows(first.mapped())).containsExactly(stored("1", "a", "1", "s1", "false"));
        } else {
            assertThat(thrown).isInstanceOf(ConnectorException.class);
            assertThat(((ConnectorException) thrown).getErrorType()).isEqualTo(ErrorType.CANCELLED);
            assertThat(rows(first.mapped())).containsExactly(stored("9", "x", "1", "s0", "false"));
        }
        if (!dialect().transactionalDdl()) {
            assertThat(thrown).as("the swap is the commit point where DDL is not transactional").isNull();
        }
        assertThat(helperTables()).isEmpty();
    }

    /**
     * Asserts that a destination whose TLS settings the server refuses fails with a CONFIGURATION_ERROR that is not
     * retryable (retrying cannot help), for connectors that connect over a network.
     *
     * @param requiringTls a destination configured with {@code tls=verify-full} against the test server, which has
     *     no certificate the JVM trusts; not null
     */
    protected final void assertTlsRefusalIsAConfigurationError(Destination requiringTls) {
        try (Destination d = requiringTls) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> d.executeSqlScript(
                    new dev.destsdk.core.spi.SqlScriptRequest("SELECT 1", new dev.destsdk.core.spi
                            .SqlScriptResultProcessor() { }, dev.destsdk.core.control.CancellationSignal.never(),
                            event -> { })));
            assertThat(e).as("connecting with tls=verify-full must fail against the test server").isNotNull();
            assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
            assertThat(e.isRetryable()).as(e.getMessage()).isFalse();
            assertThat(e.getMessage()).contains("tls");
        }
    }

    // ============================================================ names differing only in case (defect 5)

    /**
     * The destination by itself (no executor's collision check in front of it): an object whose name differs from an
     * existing table's only in case loads either into that table (where the database takes the names as one) or into
     * a table of its own, never failing on a table it did not find (DuckDB compares names ignoring case while its
     * {@code information_schema} keeps them as created) and never sharing a table the formatter tells apart.
     */
    @Test
    public void anObjectWhoseNameDiffersOnlyInCaseFindsTheTableItIs() {
        ObjectMetadata lower = object(testName + "_Tc", fields());
        ObjectMetadata upper = object(testName + "_TC", fields());
        Run first = run(lower, LoadMode.MERGE, "s0", List.of(row("1", "a", "1")));
        // its first run: an existing table it maps to is kept and loaded into (MERGE table handling)
        Run second = run(upper, LoadMode.MERGE, "s1", CsvFileFormat.DEFAULT, List.of(List.of(row("2", "b", "1"))),
                b -> b.destinationTableHandling(dev.destsdk.core.spi.DestinationTableHandling.MERGE));
        boolean sameName = destination.getIdentifierFormatter().isSameIdentifier(first.mapped().getName(),
                second.mapped().getName());
        List<List<String>> inFirst = rows(first.mapped());
        if (inFirst.size() == 2) {
            // one table (PostgreSQL folds both names, DuckDB compares them ignoring case)
            assertThat(sameName).as("the formatter tells %s and %s apart, yet they are one table",
                    first.mapped().getName(), second.mapped().getName()).isTrue();
            assertThat(inFirst).containsExactly(stored("1", "a", "1", "s0", "false"),
                    stored("2", "b", "1", "s1", "false"));
        } else {
            // two tables (MariaDB keeps table names' case on Linux; its formatter compares names ignoring case, so
            // an executor's collision check refuses such a pair: conservative, never a shared table)
            assertThat(inFirst).containsExactly(stored("1", "a", "1", "s0", "false"));
            assertThat(rows(second.mapped())).containsExactly(stored("2", "b", "1", "s1", "false"));
        }
        assertThat(helperTables()).isEmpty();
    }

    // ============================================================ cancellation latency

    /**
     * Cancellation at a random moment of a larger load returns within one second (the contract): every load
     * mode is cancelled at random moments of its bulk load (timed from the load's first progress event) and at random
     * moments of the SQL steps after it (timed from the event that reports the last file loaded); each latency is
     * measured from the cancel to the load's exception. The median must be within the contract's second; single
     * outliers on a loaded machine get a generous margin (3 s). Every cancelled load is CANCELLED, not retryable, and leaves the table as it was, no
     * helper table and an empty stage. Rounds per mode: {@code -Ddestsdk.cancel.rounds=N} (default 2).
     */
    @Test
    public void cancellationAtARandomMomentReturnsWithinOneSecondAndChangesNothing() throws Exception {
        ObjectMetadata source = object();
        Run first = run(source, LoadMode.APPEND, "s0", List.of(row("1", "x", "1")));
        List<List<List<String>>> files = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                rows.add(row(Integer.toString(f * 100_000 + i), "name " + i, "1"));
            }
            files.add(rows);
        }
        int rounds = Integer.getInteger("destsdk.cancel.rounds", 2);
        Random random = new Random(42);
        List<Long> latencies = new ArrayList<>();
        java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AbstractLoadPathIT.class);
        try {
            for (int round = 0; round < rounds; round++) {
                for (LoadMode mode : LoadMode.values()) {
                    for (boolean afterTheFiles : new boolean[] {false, true}) {
                        CancellationToken token = new CancellationToken();
                        long[] cancelledAt = new long[1];
                        Runnable cancel = () -> {
                            cancelledAt[0] = System.nanoTime();
                            token.cancel();
                        };
                        // within the load: DuckDB's direct read loads these files in about 100 ms on a quiet machine
                        int delay = afterTheFiles ? random.nextInt(40) : random.nextInt(150);
                        boolean[] scheduled = new boolean[1];
                        // timed from the load's own events, not from writing the test's files
                        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> run(source, mode,
                                "s1", CsvFileFormat.DEFAULT, files, b -> b.cancellation(token).progress(event -> {
                                    boolean now = afterTheFiles ? event.filesDone() == files.size()
                                            && event.status() == ProgressEvent.Status.RUNNING
                                            && event.message().orElse("").startsWith("loaded ")
                                            : event.status() == ProgressEvent.Status.RUNNING;
                                    if (now && !scheduled[0]) {
                                        scheduled[0] = true;
                                        timer.schedule(cancel, delay, java.util.concurrent.TimeUnit.MILLISECONDS);
                                    }
                                })));
                        long returned = System.nanoTime();
                        applied.put(source.getName(), first.mapped());
                        if (thrown == null) {
                            // finished before the cancel: put the table back for the next trial
                            while (scheduled[0] && !token.isCancelled()) {
                                Thread.sleep(5);
                            }
                            run(source, LoadMode.OVERWRITE, "s0", List.of(row("1", "x", "1")));
                            log.info("{} finished before its cancel ({} ms {})", mode, delay,
                                    afterTheFiles ? "after the files" : "after the start");
                            continue;
                        }
                        assertThat(thrown).isInstanceOf(ConnectorException.class);
                        assertThat(((ConnectorException) thrown).getErrorType()).as(thrown.getMessage())
                                .isEqualTo(ErrorType.CANCELLED);
                        assertThat(((ConnectorException) thrown).isRetryable()).isFalse();
                        long latency = (returned - cancelledAt[0]) / 1_000_000;
                        latencies.add(latency);
                        log.info("{} cancelled {} ms {}; returned after {} ms", mode, delay,
                                afterTheFiles ? "after the files" : "after the start", latency);
                        assertThat(rows(first.mapped())).as("%s after its cancel", mode)
                                .containsExactly(stored("1", "x", "1", "s0", "false"));
                        assertThat(helperTables()).as("%s after its cancel", mode).isEmpty();
                        assertThat(stageContents()).as("%s after its cancel", mode).isEmpty();
                    }
                }
            }
        } finally {
            timer.shutdownNow();
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        log.info("cancellation latencies (ms, sorted): {}", sorted);
        assertThat(sorted).as("cancelled loads (the others finished first)").hasSizeGreaterThanOrEqualTo(rounds * 2);
        assertThat(sorted.get(sorted.size() / 2)).as("median milliseconds from the cancel to the load's exception"
                + " (contract: 1 s); all: %s", sorted).isLessThanOrEqualTo(1_000L);
        assertThat(sorted.get(sorted.size() - 1)).as("worst milliseconds from the cancel to the load's exception"
                + " (margin for a loaded machine); all: %s", sorted).isLessThan(3_000L);
    }

    // ============================================================ generated batches

    /**
     * Case: Generated batches give the same table on every path.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 17L, 20240501L})
    public void generatedBatchesGiveTheSameTableOnEveryPath(long seed) {
        Random random = new Random(seed);
        List<List<List<String>>> files = new ArrayList<>();
        Map<String, List<String>> winners = new HashMap<>();
        int fileCount = 1 + random.nextInt(3);
        for (int f = 0; f < fileCount; f++) {
            List<List<String>> rows = new ArrayList<>();
            int rowCount = random.nextInt(40);
            for (int i = 0; i < rowCount; i++) {
                String id = Integer.toString(random.nextInt(30));
                String seq = Integer.toString(random.nextInt(4));
                String name = random.nextInt(8) == 0 ? null : "n" + random.nextInt(1000);
                rows.add(row(id, name, seq));
                List<String> current = winners.get(id);
                if (current == null || Integer.parseInt(seq) >= Integer.parseInt(current.get(2))) {
                    winners.put(id, row(id, name, seq));
                }
            }
            files.add(rows);
        }
        List<List<String>> all = new ArrayList<>();
        files.forEach(all::addAll);
        List<List<String>> merged = winners.values().stream()
                .map(r -> stored(r.get(0), r.get(1), r.get(2), "s1", "false"))
                .sorted((a, b) -> Long.compare(Long.parseLong(a.get(0)), Long.parseLong(b.get(0)))).toList();
        List<List<String>> appended = all.stream().map(r -> stored(r.get(0), r.get(1), r.get(2), "s1", "false"))
                .sorted(AbstractLoadPathIT::byIdNameSeq).toList();
        for (LoadMode mode : LoadMode.values()) {
            Run run = run(object(seed + "_" + mode.name()), mode, "s1", CsvFileFormat.DEFAULT, files, b -> { });
            // sorted here: databases order NULLs and strings differently
            assertThat(rows(run.mapped()).stream().sorted(AbstractLoadPathIT::byIdNameSeq).toList())
                    .as("seed=%d mode=%s", seed, mode).isEqualTo(mode == LoadMode.MERGE ? merged : appended);
        }
    }

    private static int byIdNameSeq(List<String> a, List<String> b) {
        int c = Long.compare(Long.parseLong(a.get(0)), Long.parseLong(b.get(0)));
        if (c != 0) {
            return c;
        }
        if (a.get(1) == null || b.get(1) == null) {
            c = a.get(1) == null ? (b.get(1) == null ? 0 : -1) : 1;
        } else {
            c = a.get(1).compareTo(b.get(1));
        }
        return c != 0 ? c : Integer.compare(Integer.parseInt(a.get(2)), Integer.parseInt(b.get(2)));
    }
}
