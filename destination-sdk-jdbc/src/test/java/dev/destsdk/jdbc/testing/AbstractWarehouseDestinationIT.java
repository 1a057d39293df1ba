package dev.destsdk.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.csv.BinaryFormat;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.files.JsonLinesFileFormat;
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
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.core.spi.SqlScriptRequest;
import dev.destsdk.core.spi.SqlScriptResponse;
import dev.destsdk.core.spi.SqlScriptResultProcessor;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncContext;
import java.io.IOException;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The warehouse destination behaviour every SQL connector must show, run against a real database and read back
 * through JDBC. A connector's IT extends it and supplies the destination, an inspection connection and a unique
 * schema; it is meant to move into the testkit's conformance suite unchanged in substance.
 *
 * <p>Each test uses its own table (named after the test) in the class's schema; the schema is created before and
 * dropped after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractWarehouseDestinationIT {
    /** The fixed sync time of the first load; later loads add seconds. */
    protected static final Instant T0 = Instant.parse("2024-03-01T10:00:00.123456Z");

    @TempDir
    Path tempRoot;

    private Destination destination;
    private Connection inspector;
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, ObjectMetadata> applied = new HashMap<>();
    private String testName;

    // ------------------------------------------------------------ connector hooks

    /** @return a new destination configured for the test server and {@link #schema()} */
    protected abstract Destination createDestination();

    /**
     * @return a connection for reading back tables and for setup (the class skips, or fails under CI, when the
     *     server is unreachable; see {@link DatabaseServer})
     */
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

    /**
     * @return the query listing the table names of {@link #schema()}, one per row in the first column
     */
    protected abstract String listTablesSql();

    /**
     * Reads a value back; connectors whose database lacks a type override this (e.g. zoned timestamps in UTC).
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

    /** @return whether the database stores NaN and infinities in DOUBLE columns */
    protected boolean supportsNonFiniteDoubles() {
        return true;
    }

    /** @return the reader's configured destination */
    protected final Destination destination() {
        return destination;
    }

    /** @return the inspection connection */
    protected final Connection inspector() {
        return inspector;
    }

    // ------------------------------------------------------------ lifecycle

    @BeforeAll
    void setUpClass() throws SQLException {
        destination = createDestination();
        inspector = connectInspector();
        for (String s : dropSchemaSql(schema())) {
            execute(s);
        }
        for (String s : createSchemaSql(schema())) {
            execute(s);
        }
    }

    @AfterAll
    void tearDownClass() throws SQLException {
        if (inspector != null) {
            for (String s : dropSchemaSql(schema())) {
                execute(s);
            }
            inspector.close();
        }
        if (destination != null) {
            destination.close();
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT);
        applied.clear();
    }

    // ------------------------------------------------------------ fixtures

    /** @return {@code id} LONG key, {@code name} STRING, {@code amount} DECIMAL(12,2), {@code seq} INTEGER cursor */
    protected static List<FieldMetadata> orderFields() {
        return List.of(
                FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).sourcePrimaryKey(true)
                        .nullable(false).build(),
                FieldMetadata.builder("name", CanonicalType.STRING).build(),
                FieldMetadata.builder("amount", CanonicalType.DECIMAL).precision(12).scale(2).build(),
                FieldMetadata.builder("seq", CanonicalType.INTEGER).cursorField(true).build());
    }

    /** @return an object named after the current test with the given fields */
    protected final ObjectMetadata object(List<FieldMetadata> fields) {
        return object(testName, fields);
    }

    /** @return an object with the given name and fields */
    protected static ObjectMetadata object(String name, List<FieldMetadata> fields) {
        return ObjectMetadata.builder(name).schema("source_schema").fields(fields)
                .customAttributes(Map.of("origin", "it")).build();
    }

    /** @return a row of text values */
    protected static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    /** @return the rules that put every table in {@link #schema()} */
    protected final NamespaceRules rules() {
        return NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema(schema()).build();
    }

    // ------------------------------------------------------------ driving the destination

    /** What one pipeline run produced. */
    protected record Run(ObjectMetadata mapped, LoadResponse response) {
    }

    /**
     * Maps, writes the rows as data files (one file per list), stages and loads, like an executor.
     *
     * @param source the source object
     * @param mode the load mode
     * @param syncId the sync id
     * @param format the files' format
     * @param files the rows of each file
     * @param customize changes to the load request
     * @return the run
     */
    protected final Run run(ObjectMetadata source, LoadMode mode, String syncId, CsvFileFormat format,
                            List<List<List<String>>> files, Consumer<LoadRequest.Builder> customize) {
        ObjectMetadata mapped = destination.mapToTargetObject(source, rules(),
                Optional.ofNullable(applied.get(source.getName())));
        Path dir = tempRoot.resolve("run" + counter.incrementAndGet());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = source.getFields().stream().map(FieldMetadata::getName).toList();
        for (int i = 0; i < files.size(); i++) {
            TestCsvFiles.write(dir.resolve(String.format("success_part_%05d%s", i, format.fileSuffix())), format,
                    header, files.get(i));
        }
        // an error file that must never be loaded
        TestCsvFiles.write(dir.resolve("error_part_00000" + format.fileSuffix()), format, header, List.of());
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
        return new Run(mapped, response);
    }

    /** One file in the default format, no customisation. */
    protected final Run run(ObjectMetadata source, LoadMode mode, String syncId, List<List<String>> rows) {
        return run(source, mode, syncId, CsvFileFormat.DEFAULT, List.of(rows), b -> { });
    }

    /** Forgets what was applied, so the next run of that object is a first run again. */
    protected final void forgetApplied() {
        applied.clear();
    }

    // ------------------------------------------------------------ reading back

    /**
     * @param mapped the mapped object
     * @param columns the columns to read (mapped names), the first ones ordering the rows
     * @return the rows as comparable text, in order of all columns
     */
    protected final List<List<String>> rows(ObjectMetadata mapped, List<String> columns) {
        Map<String, CanonicalType> types = new LinkedHashMap<>();
        for (String c : columns) {
            types.put(c, mapped.getFields().stream().filter(f -> f.getName().equalsIgnoreCase(c)).findFirst()
                    .map(FieldMetadata::getCanonicalType).orElse(trackingType(c)));
        }
        String cols = columns.stream().map(this::quote).collect(Collectors.joining(", "));
        List<CanonicalType> typeList = new ArrayList<>(types.values());
        String order = IntStream.rangeClosed(1, columns.size())
                .filter(i -> typeList.get(i - 1) != CanonicalType.JSON)
                .mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String sql = "SELECT " + cols + " FROM " + table(mapped) + " ORDER BY " + order;
        List<List<String>> out = new ArrayList<>();
        try (Statement st = inspector.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> r = new ArrayList<>();
                int i = 1;
                for (CanonicalType t : types.values()) {
                    r.add(read(rs, i++, t));
                }
                out.add(r);
            }
        } catch (SQLException e) {
            throw new AssertionError("reading back failed: " + sql, e);
        }
        return out;
    }

    private static CanonicalType trackingType(String column) {
        return switch (column) {
            case "_supa_synced" -> CanonicalType.TIMESTAMP_TZ;
            case "_supa_deleted" -> CanonicalType.BOOLEAN;
            default -> CanonicalType.STRING;
        };
    }

    /** @return the mapped object's qualified name as the inspector writes it */
    protected final String table(ObjectMetadata mapped) {
        return destination.getFullyQualifiedTableName(mapped.getCatalog(), mapped.getSchema(), mapped.getName());
    }

    /** @return the identifier quoted with the destination's quote string */
    protected final String quote(String identifier) {
        String q = destination.getIdentifierQuoteString();
        return q + identifier.replace(q, q + q) + q;
    }

    /** @return the table names in the schema */
    protected final List<String> tables() {
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

    /** Runs a statement on the inspector connection. */
    protected final void execute(String sql) {
        try (Statement st = inspector.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("setup statement failed: " + sql, e);
        }
    }

    private List<String> helperTables() {
        return tables().stream().filter(t -> t.startsWith("_destsdk_")).toList();
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        return rows;
    }

    // ============================================================ tests: load modes

    @Test
    void appendKeepsEveryRowAndDuplicateKeys() {
        ObjectMetadata source = object(orderFields());
        Run first = run(source, LoadMode.APPEND, "s1", List.of(row("1", "a", "1.50", "1"), row("2", "b", null, "1")));
        assertThat(first.response().rowsInserted()).isEqualTo(2);
        Run second = run(source, LoadMode.APPEND, "s2", List.of(row("1", "a2", "2.00", "2")));
        assertThat(second.response().rowsInserted()).isEqualTo(1);
        assertThat(rows(second.mapped(), List.of("id", "name", "amount", "_supa_job_id"))).containsExactly(
                row("1", "a", "1.5", "s1"), row("1", "a2", "2", "s2"), row("2", "b", null, "s1"));
        assertThat(helperTables()).isEmpty();
    }

    @Test
    void mergeUpsertsByKeyAndDeduplicatesByCursorThenFileOrder() {
        ObjectMetadata source = object(orderFields());
        run(source, LoadMode.MERGE, "s1", List.of(row("1", "old", "1", "1"), row("2", "keep", "2", "1")));
        Run second = run(source, LoadMode.MERGE, "s2", List.of(
                row("1", "cursor 5 wins", "5", "5"),
                row("1", "cursor 3 loses", "3", "3"),
                row("3", "first of a tie", "1", "7"),
                row("3", "last of a tie wins", "2", "7"),
                row("4", "null cursor loses", "1", null),
                row("4", "cursor wins over null", "2", "1")));
        assertThat(second.response().rowsUpdated()).isEqualTo(1);
        assertThat(second.response().rowsInserted()).isEqualTo(2);
        assertThat(rows(second.mapped(), List.of("id", "name", "seq", "_supa_job_id"))).containsExactly(
                row("1", "cursor 5 wins", "5", "s2"), row("2", "keep", "1", "s1"),
                row("3", "last of a tie wins", "7", "s2"), row("4", "cursor wins over null", "1", "s2"));
    }

    @Test
    void mergeWithoutCursorLetsTheLastRowWin() {
        List<FieldMetadata> fields = List.of(
                FieldMetadata.builder("id", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("v", CanonicalType.STRING).build());
        Run run = run(object(fields), LoadMode.MERGE, "s1", CsvFileFormat.DEFAULT,
                List.of(List.of(row("1", "a"), row("1", "b")), List.of(row("1", "c"), row("2", "x"))), b -> { });
        assertThat(rows(run.mapped(), List.of("id", "v"))).containsExactly(row("1", "c"), row("2", "x"));
    }

    @Test
    void overwriteReplacesRowsAndDefinition() {
        ObjectMetadata source = object(orderFields());
        run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1", "1"), row("2", "b", "2", "1")));
        ObjectMetadata narrower = object(orderFields().subList(0, 2));
        Run run = run(narrower, LoadMode.OVERWRITE, "s2", List.of(row("9", "z")));
        assertThat(rows(run.mapped(), List.of("id", "name", "_supa_job_id"))).containsExactly(row("9", "z", "s2"));
        assertThat(columnNames(run.mapped())).doesNotContain("amount");
        assertThat(helperTables()).isEmpty();
    }

    @Test
    void truncateAndLoadKeepsTheTableDefinition() {
        ObjectMetadata source = object(orderFields());
        Run first = run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1", "1"), row("2", "b", "2", "1")));
        execute("ALTER TABLE " + table(first.mapped()) + " ADD COLUMN " + quote("extra") + " INTEGER");
        Run run = run(source, LoadMode.TRUNCATE_AND_LOAD, "s2", List.of(row("3", "c", "3", "1")));
        assertThat(rows(run.mapped(), List.of("id", "name", "_supa_job_id"))).containsExactly(row("3", "c", "s2"));
        assertThat(columnNames(run.mapped())).contains("extra");
        assertThat(getCapabilities().atomicTruncateAndLoad()).isTrue();
    }

    @Test
    void eachLoadModeOnAFirstRunCreatesTheTable() {
        for (LoadMode mode : LoadMode.values()) {
            ObjectMetadata source = object(testName + "_" + mode.name().toLowerCase(java.util.Locale.ROOT),
                    orderFields());
            Run run = run(source, mode, "s1", List.of(row("1", "a", "1", "1"), row("2", "b", "2", "1")));
            assertThat(rows(run.mapped(), List.of("id", "name", "_supa_job_id", "_supa_deleted")))
                    .as("mode %s", mode).containsExactly(row("1", "a", "s1", "false"), row("2", "b", "s1", "false"));
        }
    }

    @Test
    void trackingColumnsHoldTheRequestsSyncTimeAndId() {
        Run run = run(object(orderFields()), LoadMode.APPEND, "job-77.a", List.of(row("1", "a", "1", "1")));
        List<List<String>> r = rows(run.mapped(), List.of("_supa_synced", "_supa_job_id", "_supa_deleted"));
        assertThat(r).hasSize(1);
        assertThat(Instant.parse(r.get(0).get(0))).isBetween(T0, T0.plusSeconds(1000));
        assertThat(r.get(0).subList(1, 3)).containsExactly("job-77.a", "false");
    }

    // ============================================================ deletes

    private static List<FieldMetadata> deletableFields() {
        List<FieldMetadata> fields = new ArrayList<>(orderFields());
        fields.add(FieldMetadata.builder("_supa_deleted", CanonicalType.BOOLEAN).build());
        return fields;
    }

    @Test
    void softDeleteKeepsTheRowMarked() {
        ObjectMetadata source = object(deletableFields());
        run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1", "1", "false"), row("2", "b", "2", "1", "false")));
        Run run = run(source, LoadMode.MERGE, "s2", List.of(row("1", "a", "1", "2", "true")));
        assertThat(run.response().rowsDeleted()).isZero();
        assertThat(rows(run.mapped(), List.of("id", "_supa_deleted", "_supa_job_id"))).containsExactly(
                row("1", "true", "s2"), row("2", "false", "s1"));
    }

    @Test
    void hardDeleteRemovesTheRow() {
        ObjectMetadata source = object(deletableFields());
        run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1", "1", "false"), row("2", "b", "2", "1", "false")));
        Run run = run(source, LoadMode.MERGE, "s2", CsvFileFormat.DEFAULT,
                List.of(List.of(row("1", "a", "1", "2", "true"), row("3", "c", "3", "1", "false"))),
                b -> b.hardDeletes(true));
        assertThat(run.response().rowsDeleted()).isEqualTo(1);
        assertThat(rows(run.mapped(), List.of("id", "_supa_deleted"))).containsExactly(row("2", "false"),
                row("3", "false"));
        assertThat(getCapabilities().supportsHardDeletes()).isTrue();
    }

    // ============================================================ ddlOnly, zeroRows, table handling

    @Test
    void ddlOnlyCreatesOrAltersWithoutRows() {
        ObjectMetadata source = object(orderFields());
        Run created = run(source, LoadMode.MERGE, "s1", CsvFileFormat.DEFAULT,
                List.of(List.of(row("1", "a", "1", "1"))), b -> b.ddlOnly(true));
        assertThat(created.response().rowsLoaded()).isZero();
        assertThat(rows(created.mapped(), List.of("id"))).isEmpty();
        run(source, LoadMode.MERGE, "s2", List.of(row("1", "a", "1", "1")));
        List<FieldMetadata> more = new ArrayList<>(orderFields());
        more.add(FieldMetadata.builder("added", CanonicalType.DATE).build());
        Run altered = run(object(more), LoadMode.MERGE, "s3", CsvFileFormat.DEFAULT,
                List.of(List.of(row("2", "b", "2", "2", "2024-01-01"))), b -> b.ddlOnly(true));
        assertThat(columnNames(altered.mapped())).contains("added");
        assertThat(rows(altered.mapped(), List.of("id", "added"))).containsExactly(row("1", null));
    }

    @Test
    void zeroRowsCreatesTheEmptyTableOnAFirstRunAndChangesNothingOtherwise() {
        ObjectMetadata source = object(orderFields());
        Run created = run(source, LoadMode.OVERWRITE, "s1", CsvFileFormat.DEFAULT, List.of(), b -> b.zeroRows(true));
        assertThat(rows(created.mapped(), List.of("id"))).isEmpty();
        run(source, LoadMode.MERGE, "s2", List.of(row("1", "a", "1", "1")));
        Run again = run(source, LoadMode.OVERWRITE, "s3", CsvFileFormat.DEFAULT, List.of(), b -> b.zeroRows(true));
        assertThat(again.response().rowsLoaded()).isZero();
        assertThat(rows(again.mapped(), List.of("id", "_supa_job_id"))).containsExactly(row("1", "s2"));
    }

    @Test
    void firstRunAgainstAnExistingTableFollowsTableHandling() {
        ObjectMetadata source = object(orderFields());
        run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1", "1")));
        forgetApplied();
        ConnectorException fail = catchThrowableOfType(ConnectorException.class, () -> run(source, LoadMode.MERGE,
                "s2", CsvFileFormat.DEFAULT, List.of(List.of(row("2", "b", "2", "1"))),
                b -> b.destinationTableHandling(DestinationTableHandling.FAIL)));
        assertThat(fail.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(fail.getMessage()).contains("already exists").contains("FAIL");
        forgetApplied();
        Run merged = run(source, LoadMode.MERGE, "s3", CsvFileFormat.DEFAULT, List.of(List.of(row("2", "b", "2", "1"))),
                b -> b.destinationTableHandling(DestinationTableHandling.MERGE));
        assertThat(rows(merged.mapped(), List.of("id"))).containsExactly(row("1"), row("2"));
        forgetApplied();
        Run dropped = run(source, LoadMode.MERGE, "s4", CsvFileFormat.DEFAULT, List.of(List.of(row("3", "c", "3", "1"))),
                b -> b.destinationTableHandling(DestinationTableHandling.DROP));
        assertThat(rows(dropped.mapped(), List.of("id"))).containsExactly(row("3"));
    }

    // ============================================================ schema evolution

    @Test
    void schemaEvolutionAddsColumnsAndWidensTypes() {
        List<FieldMetadata> v1 = List.of(
                FieldMetadata.builder("id", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("n", CanonicalType.INTEGER).build());
        run(object(v1), LoadMode.MERGE, "s1", List.of(row("1", "7")));
        forgetAppliedMappingOnly();
        List<FieldMetadata> v2 = List.of(
                FieldMetadata.builder("id", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("n", CanonicalType.LONG).build(),
                FieldMetadata.builder("note", CanonicalType.STRING).build());
        Run run = run(object(v2), LoadMode.MERGE, "s2", List.of(row("2", "9000000000", "new")));
        assertThat(rows(run.mapped(), List.of("id", "n", "note"))).containsExactly(row("1", "7", null),
                row("2", "9000000000", "new"));
    }

    @Test
    void narrowingIsRefusedNamingTableColumnAndTypes() {
        List<FieldMetadata> v1 = List.of(
                FieldMetadata.builder("id", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("n", CanonicalType.LONG).build());
        Run first = run(object(v1), LoadMode.MERGE, "s1", List.of(row("1", "7")));
        forgetAppliedMappingOnly();
        List<FieldMetadata> v2 = List.of(
                FieldMetadata.builder("id", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("n", CanonicalType.BOOLEAN).build());
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> run(object(v2), LoadMode.MERGE, "s2", List.of(row("2", "true"))));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.SCHEMA_EVOLUTION_ERROR);
        assertThat(e.getMessage()).contains(first.mapped().getName()).contains("'n'").contains("LONG")
                .contains("BOOLEAN");
        assertThat(rows(first.mapped(), List.of("id", "n"))).containsExactly(row("1", "7"));
    }

    @Test
    void aModeThatForbidsAChangeRefusesItBeforeAnyDataMoves() {
        ObjectMetadata v1 = object(orderFields());
        Run first = run(v1, LoadMode.MERGE, "s1", List.of(row("1", "a", "1", "1")));
        List<FieldMetadata> more = new ArrayList<>(orderFields());
        more.add(FieldMetadata.builder("extra", CanonicalType.STRING).build());
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(object(more), LoadMode.MERGE,
                "s2", CsvFileFormat.DEFAULT, List.of(List.of(row("2", "b", "2", "1", "x"))),
                b -> b.schemaEvolutionMode(SchemaEvolutionMode.BLOCK_ALL)));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.SCHEMA_EVOLUTION_ERROR);
        assertThat(e.getMessage()).contains("extra").contains("BLOCK_ALL");
        assertThat(rows(first.mapped(), List.of("id"))).containsExactly(row("1"));
        assertThat(columnNames(first.mapped())).doesNotContain("extra");
    }

    /** Drops the remembered mapping but keeps the run a non-first run (evolution is decided at load time). */
    private void forgetAppliedMappingOnly() {
        applied.replaceAll((k, v) -> v.toBuilder().fields(List.of(v.getFields().get(0))).build());
    }

    // ============================================================ identifiers

    @Test
    void awkwardIdentifiersRoundTripThroughRealDdl() {
        List<String> names = List.of("Mixed Case", "select", "quote\"d", "back`tick", "ünïcødé 名前",
                "a_very_long_column_name_that_goes_on_and_on_well_beyond_sixty_four_characters_of_length_x");
        List<FieldMetadata> fields = new ArrayList<>();
        fields.add(FieldMetadata.builder("order", CanonicalType.INTEGER).primaryKey(true).build());
        for (String n : names) {
            fields.add(FieldMetadata.builder(n, CanonicalType.STRING).build());
        }
        ObjectMetadata source = object("Weird \"Table\" ünï " + testName
                + " with a name longer than sixty-four characters for sure", fields);
        List<String> values = new ArrayList<>(List.of("1"));
        names.forEach(n -> values.add("v " + n));
        Run run = run(source, LoadMode.MERGE, "s1", List.of(values));
        List<String> mappedNames = run.mapped().getFields().stream().map(FieldMetadata::getName).toList();
        assertThat(mappedNames).doesNotHaveDuplicates().hasSize(names.size() + 1);
        assertThat(rows(run.mapped(), mappedNames)).containsExactly(values);
        assertThat(run.mapped().getCustomAttributes()).containsEntry("origin", "it");
    }

    @Test
    void collidingColumnNamesAreReportedBeforeAnyDdl() {
        List<FieldMetadata> fields = List.of(
                FieldMetadata.builder("id", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("Name", CanonicalType.STRING).build(),
                FieldMetadata.builder("NAME", CanonicalType.STRING).build(),
                FieldMetadata.builder("name", CanonicalType.STRING).build());
        assertThatThrownBy(() -> destination.mapToTargetObject(object(fields), rules(), Optional.empty()))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("collision");
    }

    // ============================================================ values

    private static final int STRING_COLUMN = 1 + CanonicalType.STRING.ordinal();
    private static final int BINARY_COLUMN = 1 + CanonicalType.BINARY.ordinal();

    /** @return every canonical type, one column each, plus a key */
    protected static List<FieldMetadata> allTypeFields() {
        List<FieldMetadata> fields = new ArrayList<>();
        fields.add(FieldMetadata.builder("k", CanonicalType.INTEGER).primaryKey(true).build());
        for (CanonicalType t : CanonicalType.values()) {
            FieldMetadata.Builder b = FieldMetadata.builder("c_" + t.name().toLowerCase(java.util.Locale.ROOT), t);
            if (t == CanonicalType.DECIMAL) {
                b.precision(20).scale(6);
            }
            fields.add(b.build());
        }
        return fields;
    }

    /** @return rows with edge values of every type, including '' and NULL, in canonical text forms */
    protected final List<List<String>> allTypeRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("1", "true", "-32768", "-2147483648", "-9223372036854775808", "1.5", "-1.0E-300",
                "-12345678901234.123456", "", "1970-01-01", "00:00:00", "1970-01-01T00:00:00",
                "2024-01-31T13:45:00.123456Z", "", "{}", "123e4567-e89b-12d3-a456-426614174000"));
        rows.add(row("2", "false", "32767", "2147483647", "9223372036854775807", "3.4E38",
                supportsNonFiniteDoubles() ? "Infinity" : "1.7976931348623157E308", "0.000001",
                "comma, \"quote\"\nnew line\ttab ünïcødé 😀 \\ backslash", "2999-12-31", "23:59:59.999999",
                "2999-12-31T23:59:59.999999", "1999-12-31T23:00:00+02:00",
                Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255, 10, 13, 34, 44}),
                "{\"b\":[1,2,{\"c\":null}],\"a\":\"x\"}", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"));
        rows.add(row("3", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        rows.add(row("4", "true", "0", "0", "0", "0.0", "0.0", "0", "NULL", "2024-02-29", "12:00:00", "2024-02-29T12:00:00",
                "2024-02-29T12:00:00Z", "AA==", "[]", "00000000-0000-0000-0000-000000000000"));
        return rows;
    }

    /** Asserts that loaded rows read back equal to the rows written, type by type. */
    protected final void assertRoundTrip(Run run, List<FieldMetadata> fields, List<List<String>> written,
                                         String description) {
        List<String> names = run.mapped().getFields().stream().map(FieldMetadata::getName).toList();
        List<List<String>> expected = new ArrayList<>();
        for (List<String> w : written) {
            List<String> e = new ArrayList<>();
            for (int i = 0; i < w.size(); i++) {
                e.add(CanonicalValues.fromText(fields.get(i).getCanonicalType(), w.get(i)));
            }
            expected.add(e);
        }
        expected.sort((a, b) -> Integer.compare(Integer.parseInt(a.get(0)), Integer.parseInt(b.get(0))));
        assertThat(rows(run.mapped(), names)).as(description).containsExactlyElementsOf(expected);
    }

    @Test
    void valuesOfEveryCanonicalTypeRoundTripExactly() {
        List<FieldMetadata> fields = allTypeFields();
        List<List<String>> rows = allTypeRows();
        Run run = run(object(fields), LoadMode.MERGE, "s1", rows);
        assertRoundTrip(run, fields, rows, "default format");
    }

    /** @return formats covering 0/1/2 header rows, NULL markers, delimiters, escapes, trimming, gzip */
    static Stream<Arguments> formats() {
        CsvFileFormat d = CsvFileFormat.DEFAULT;
        return Stream.of(
                Arguments.of("default", d),
                Arguments.of("no header", d.toBuilder().skipHeader(0).build()),
                Arguments.of("two header rows", d.toBuilder().skipHeader(2).build()),
                Arguments.of("NULL marker, empty is empty", d.toBuilder().emptyFieldAsNull(false).nullIf("NULL").build()),
                Arguments.of("two markers", d.toBuilder().emptyFieldAsNull(false).nullIf("\\N", "NULL").build()),
                Arguments.of("empty and marker", d.toBuilder().nullIf("null").build()),
                Arguments.of("semicolon, single quote", d.toBuilder().fieldDelimiter(';').quote('\'').build()),
                Arguments.of("tab, backslash escape", d.toBuilder().fieldDelimiter('\t').escape('\\').build()),
                Arguments.of("trim spaces", d.toBuilder().trimSpace(true).build()),
                Arguments.of("gzip, crlf", d.toBuilder().gzip(true).recordSeparator("\r\n").build()),
                Arguments.of("hex binaries", d.toBuilder().binaryFormat(BinaryFormat.HEX).build()),
                Arguments.of("latin-1", d.toBuilder().encoding(StandardCharsets.ISO_8859_1).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void csvFormatsLoadTheSameValues(String description, CsvFileFormat format) {
        List<FieldMetadata> fields = allTypeFields();
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : allTypeRows()) {
            List<String> copy = new ArrayList<>(r);
            if (format.binaryFormat() == BinaryFormat.HEX && copy.get(BINARY_COLUMN) != null) {
                copy.set(BINARY_COLUMN, java.util.HexFormat.of().formatHex(
                        Base64.getDecoder().decode(copy.get(BINARY_COLUMN))));
            }
            if (format.encoding().equals(StandardCharsets.ISO_8859_1) && copy.get(STRING_COLUMN) != null) {
                copy.set(STRING_COLUMN, copy.get(STRING_COLUMN).replaceAll("[^\\x00-\\xff]", "?"));
            }
            rows.add(copy);
        }
        String name = testName + "_" + description.replaceAll("[^a-z0-9]+", "_");
        Run run = run(object(name, fields), LoadMode.MERGE, "s1", format, List.of(rows), b -> { });
        List<List<String>> expected = new ArrayList<>();
        for (List<String> r : rows) {
            List<String> e = new ArrayList<>(r);
            if (format.binaryFormat() == BinaryFormat.HEX && e.get(BINARY_COLUMN) != null) {
                e.set(BINARY_COLUMN, Base64.getEncoder().encodeToString(
                        java.util.HexFormat.of().parseHex(e.get(BINARY_COLUMN))));
            }
            expected.add(e);
        }
        assertRoundTrip(run, fields, expected, description);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20240301L})
    void generatedStringsRoundTrip(long seed) {
        Random random = new Random(seed);
        List<FieldMetadata> fields = List.of(
                FieldMetadata.builder("k", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("s", CanonicalType.STRING).build());
        String alphabet = "ab ,;\"'\\\n\r\tü名😀NUL";
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(8);
            for (int j = 0; j < len; j++) {
                int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(
                        alphabet.codePointCount(0, alphabet.length()))));
                sb.appendCodePoint(cp);
            }
            rows.add(row(Integer.toString(i), random.nextInt(10) == 0 ? null : sb.toString()));
        }
        Run run = run(object(testName + "_" + seed, fields), LoadMode.APPEND, "s1", rows);
        assertRoundTrip(run, fields, rows, "seed=" + seed);
    }

    // ============================================================ retries, cancellation, bad input

    @Test
    void aRetriedLoadWithTheSameSyncIdGivesTheSameTable() {
        ObjectMetadata source = object(orderFields());
        run(source, LoadMode.APPEND, "s1", List.of(row("1", "a", "1", "1")));
        Run once = run(source, LoadMode.APPEND, "s2", List.of(row("2", "b", "2", "1"), row("3", "c", "3", "1")));
        List<List<String>> after = rows(once.mapped(), List.of("id", "name", "_supa_job_id"));
        Run twice = run(source, LoadMode.APPEND, "s2", List.of(row("2", "b", "2", "1"), row("3", "c", "3", "1")));
        assertThat(rows(twice.mapped(), List.of("id", "name", "_supa_job_id"))).isEqualTo(after).hasSize(3);
        Run merged = run(source, LoadMode.MERGE, "s2", List.of(row("2", "b", "2", "1"), row("3", "c", "3", "1")));
        assertThat(rows(merged.mapped(), List.of("id", "name", "_supa_job_id"))).isEqualTo(after);
    }

    @Test
    void cancellationMidLoadLeavesTheTableUnchangedAndNoStagingTable() {
        ObjectMetadata source = object(orderFields());
        Run first = run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1", "1")));
        List<List<String>> before = rows(first.mapped(), List.of("id", "name", "_supa_job_id"));
        CancellationToken token = new CancellationToken();
        List<List<List<String>>> files = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                rows.add(row(Integer.toString(f * 1000 + i), "x", "1", "1"));
            }
            files.add(rows);
        }
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(source, LoadMode.MERGE, "s2",
                CsvFileFormat.DEFAULT, files, b -> b.cancellation(token).progress(event -> {
                    if (event.filesDone() == 1 && event.status() == ProgressEvent.Status.RUNNING) {
                        token.cancel();
                    }
                })));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.CANCELLED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(rows(first.mapped(), List.of("id", "name", "_supa_job_id"))).isEqualTo(before);
        assertThat(helperTables()).isEmpty();
    }

    @Test
    void aNullPrimaryKeyIsRejectedNamingFileAndRecordAndTheTableIsUnchanged() {
        ObjectMetadata source = object(orderFields());
        Run first = run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1", "1")));
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(source, LoadMode.MERGE, "s2",
                CsvFileFormat.DEFAULT, List.of(List.of(row("2", "b", "2", "1")),
                        List.of(row("3", "c", "3", "1"), row(null, "bad", "4", "1"))), b -> { }));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).hasValue("success_part_00001.csv");
        assertThat(e.getContext().record()).hasValue(2);
        assertThat(rows(first.mapped(), List.of("id"))).containsExactly(row("1"));
        assertThat(helperTables()).isEmpty();
    }

    @Test
    void aRaggedRecordIsRejectedNamingFileAndLineAndTheTableIsUnchanged() throws IOException {
        ObjectMetadata source = object(orderFields());
        Run first = run(source, LoadMode.MERGE, "s1", List.of(row("1", "a", "1", "1")));
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> run(source, LoadMode.MERGE, "s2",
                CsvFileFormat.DEFAULT, List.of(List.of(row("2", "b", "2", "1"), row("3", "c", "3"))), b -> { }));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).hasValue("success_part_00000.csv");
        assertThat(e.getContext().line().isPresent() || e.getContext().record().isPresent()).as(e.getMessage())
                .isTrue();
        assertThat(rows(first.mapped(), List.of("id"))).containsExactly(row("1"));
        assertThat(helperTables()).isEmpty();
    }

    @Test
    void anUndeclaredFeatureFailsWithTheCanonicalUnsupportedError() {
        ObjectMetadata source = object(orderFields());
        ObjectMetadata mapped = destination.mapToTargetObject(source, rules(), Optional.empty());
        LoadRequest request = LoadRequest.builder(new SyncContext(T0, "s1"), MetadataMapping.firstRun(mapped),
                tempRoot).fileFormat(JsonLinesFileFormat.DEFAULT).build();
        assertThatThrownBy(() -> destination.load(request)).isInstanceOf(ConnectorException.class)
                .hasMessage(ConnectorException.unsupported(destination.name(), "file format .jsonl").getMessage());
    }

    @Test
    void mergeWithoutAKeyIsRefused() {
        List<FieldMetadata> fields = List.of(FieldMetadata.builder("v", CanonicalType.STRING).build());
        assertThatThrownBy(() -> run(object(fields), LoadMode.MERGE, "s1", List.of(row("a"))))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("primary key");
    }

    // ============================================================ mapping and SQL scripts

    @Test
    void mappingCopiesKeysCursorAndAttributesAndAddsNoTrackingColumns() {
        ObjectMetadata mapped = destination.mapToTargetObject(object(orderFields()), rules(), Optional.empty());
        assertThat(mapped.getFields()).hasSize(4);
        assertThat(mapped.getPrimaryKeyFields()).extracting(FieldMetadata::getName).containsExactly("id");
        assertThat(mapped.getCursorField()).map(FieldMetadata::getName).hasValue("seq");
        assertThat(mapped.getFields()).allSatisfy(f -> assertThat(f.getOriginalDataType()).isPresent());
        assertThat(mapped.getCustomAttributes()).containsEntry("origin", "it");
        assertThat(mapped.getFieldNames()).noneMatch(n -> n.startsWith("_supa_"));
        ObjectMetadata widened = destination.mapToTargetObject(object(List.of(
                        FieldMetadata.builder("id", CanonicalType.SHORT).primaryKey(true).build())), rules(),
                Optional.of(mapped));
        assertThat(widened.getFields().get(0).getCanonicalType()).isEqualTo(CanonicalType.LONG);
    }

    @Test
    void sqlScriptsStreamRowsReportCountsAndStopAtTheFirstFailure() {
        String t = quote(schema()) + "." + quote(testName);
        List<String> events = new ArrayList<>();
        SqlScriptResultProcessor processor = new SqlScriptResultProcessor() {
            @Override
            public void onRow(int index, List<Object> values) {
                events.add(index + ":row:" + values.get(0));
            }

            @Override
            public void onStatementComplete(int index, long rowsAffected, long elapsedMillis) {
                events.add(index + ":done:" + rowsAffected);
            }

            @Override
            public void onStatementError(int index, Exception error) {
                events.add(index + ":error");
            }
        };
        SqlScriptResponse ok = destination.executeSqlScript(new SqlScriptRequest(
                "CREATE TABLE " + t + " (x INTEGER);\n-- a comment; with a semicolon\nINSERT INTO " + t
                        + " VALUES (1), (2);\nSELECT x FROM " + t + " ORDER BY x;",
                processor, dev.destsdk.core.control.CancellationSignal.never(), e -> { }));
        assertThat(ok.success()).isTrue();
        assertThat(ok.statementsExecuted()).isEqualTo(3);
        assertThat(events).containsExactly("1:done:0", "2:done:2", "3:row:1", "3:row:2", "3:done:2");
        events.clear();
        SqlScriptResponse failed = destination.executeSqlScript(new SqlScriptRequest(
                "INSERT INTO " + t + " VALUES (3); SELECT * FROM no_such_table_xyz; INSERT INTO " + t + " VALUES (4)",
                processor, dev.destsdk.core.control.CancellationSignal.never(), e -> { }));
        assertThat(failed.success()).isFalse();
        assertThat(failed.failedStatementIndex()).hasValue(2);
        assertThat(failed.statementsExecuted()).isEqualTo(1);
        assertThat(events).containsExactly("1:done:1", "2:error");
    }

    @Test
    void aCancelledSqlScriptStopsWithTheCanonicalCancellation() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        List<Boolean> completed = new ArrayList<>();
        SqlScriptResultProcessor processor = new SqlScriptResultProcessor() {
            @Override
            public void onScriptComplete(boolean success) {
                completed.add(success);
            }
        };
        assertThatThrownBy(() -> destination.executeSqlScript(new SqlScriptRequest("SELECT 1", processor, token,
                e -> { }))).isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.CANCELLED));
        assertThat(completed).containsExactly(false);
    }

    private dev.destsdk.core.capability.ConnectorCapabilitiesConfig getCapabilities() {
        return destination.getCapabilitiesConfig();
    }

    /** @return the table's column names as the database lists them */
    protected final List<String> columnNames(ObjectMetadata mapped) {
        try (Statement st = inspector.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table(mapped) + " WHERE 1 = 0")) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i));
            }
            return names;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
