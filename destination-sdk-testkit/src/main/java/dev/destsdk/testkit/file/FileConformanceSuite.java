package dev.destsdk.testkit.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.SchemaStrategy;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.file.FileWriteOptions;
import dev.destsdk.file.catalog.FileTableCatalog;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.behavior.DestinationBehavior;
import dev.destsdk.testkit.behavior.DestinationBehaviors;
import dev.destsdk.testkit.fixtures.AllTypesFixtures;
import dev.destsdk.testkit.fixtures.LoadModeFixtures;
import dev.destsdk.testkit.generate.Seeds;
import dev.destsdk.testkit.generate.ValueGenerator;
import dev.destsdk.testkit.inspect.InspectedTable;
import dev.destsdk.testkit.inspect.ObjectRef;
import dev.destsdk.testkit.inspect.RowOrder;
import dev.destsdk.testkit.runner.LocalPipelineRunner;
import dev.destsdk.testkit.runner.Pipeline;
import dev.destsdk.testkit.runner.RunResult;
import dev.destsdk.testkit.runner.RunSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conformance suite every file (data lake) destination passes: JUnit 5 cases that drive the destination
 * through the {@link LocalPipelineRunner} as an executor does ({@code mapToTargetObject → stage → load}) against a
 * real {@link ObjectStore}, and read the result back with a {@link FileTableInspector} (by default a
 * {@link FileDestinationInspector}: the catalog, then DuckDB over the published files; a table format gives its own
 * through {@link #createInspector}) and by listing the store.
 *
 * <p>A connector's test extends it per store and format:
 * <pre>{@code
 * class LocalParquetIT extends FileConformanceSuite {
 *     @TempDir static Path root;
 *     protected ObjectStore createStore() throws Exception { return new LocalObjectStore(root); }
 *     protected Destination createDestination(ObjectStore store, PathLayout layout, FileWriteOptions options) {
 *         return new MyLakeDestination(store, ParquetFormat.of(ZSTD), layout, options);
 *     }
 * }
 * }</pre>
 *
 * <p><b>Driven by declared behaviour.</b> Load modes come from the destination's capabilities: a declared mode is
 * run and its final state asserted; MERGE, when not declared, must fail with the canonical
 * {@link ConnectorException#unsupported} message and change nothing. Nothing is skipped. Deviations a format may
 * declare, each still asserted: coarser stored types ({@link #readBackType}) and replaced files kept for older
 * snapshots ({@link FileTableInspector#replacedFilesAreDeletedAtCommit()}).
 *
 * <p><b>Cases:</b> partition paths from syncTime and syncId; every canonical type and generated values round-trip
 * (read back by DuckDB); CSV inputs with 0, 1 and 2 header rows and NULL markers; APPEND over two syncs; OVERWRITE
 * and TRUNCATE_AND_LOAD replacing the data and removing the old files; MERGE; a retried load not duplicating;
 * values that do not parse refused with file, line, record and column; tracking columns; a new column; roll-over
 * at the target size; name collisions reported before writing; cancellation and injected store failures (a
 * {@link FailingObjectStore} failing each call of a load in turn) leaving the previous data readable, nothing
 * unreferenced and no unfinished upload; hostile schema and table names never producing a key outside the base
 * prefix, checked by listing the store after each.
 *
 * <p><b>Lifecycle</b> (one instance per class): {@link #createStore()} once, then {@link #createDestination} for the
 * suite's destination (and more, with wrapped stores or other options, in some cases); every case uses its own
 * tables in {@link #namespace()}; at the end the namespace is removed, destinations and the store closed. Cases run
 * one at a time. Generated cases print their seed; replay with {@code -Ddestsdk.seed=N}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FileConformanceSuite {
    /** The sync time of a case's first load: 2024-03-01 10:00 UTC; later loads add a second each. */
    protected static final Instant T0 = Instant.parse("2024-03-01T10:00:00.123456Z");

    private static final Logger LOG = LoggerFactory.getLogger(FileConformanceSuite.class);
    private static final String S1 = LoadModeFixtures.EXISTING_SYNC_ID;
    private static final String S2 = LoadModeFixtures.BATCH_SYNC_ID;
    private static final List<String> PARTITION_COLUMNS = List.of("year", "month", "day", "hour", "sync_id");

    private Path workRoot;
    private ObjectStore store;
    private Destination destination;
    private FileTableInspector inspector;
    private DestinationBehaviors behaviors;
    private NamespaceRules rules;
    private LocalPipelineRunner runner;
    private Pipeline pipeline;
    private long baseSeed;
    private int syncSeconds;
    private final List<Destination> extraDestinations = new ArrayList<>();

    /** For subclasses. */
    protected FileConformanceSuite() {
    }

    // ================================================================== connector hooks

    /**
     * Creates the store the class's tables go to (a temporary directory, a bucket of an in-process server). Called
     * once; the suite closes it at the end.
     *
     * @return the store; not null
     * @throws Exception when it cannot be created
     */
    protected abstract ObjectStore createStore() throws Exception;

    /**
     * Creates a destination on a store. Called once for the suite's destination and again by cases that wrap the
     * store ({@link FailingObjectStore}) or need other options; the destination's {@code close()} may close the
     * store it is given (the suite hands wrappers that ignore it).
     *
     * @param store the store to write to; not null
     * @param layout the path layout to use; not null
     * @param options the write options to use; not null
     * @return the destination; not null
     */
    protected abstract Destination createDestination(ObjectStore store, PathLayout layout, FileWriteOptions options);

    /**
     * @param store the store
     * @param layout the layout
     * @return the inspector; by default a {@link FileDestinationInspector} over a {@link FileTableCatalog}; a table
     *     format gives one that reads through its own metadata
     */
    protected FileTableInspector createInspector(ObjectStore store, PathLayout layout) {
        return new FileDestinationInspector(store, new FileTableCatalog(store, layout), layout);
    }

    /** @return the layout the suite's destinations use: prefix {@code lake} */
    protected PathLayout layout() {
        return new PathLayout("lake");
    }

    /**
     * Lists what exists outside the store's own namespace that a hostile name could have created (for a local store,
     * files beside its root directory). The default lists nothing: a bucket has nothing outside it.
     *
     * @return the paths found outside; empty when none
     */
    protected List<String> entriesOutsideTheStore() {
        return List.of();
    }

    /**
     * Lists what lies under {@code outer} but not in {@code root}: for a local store whose root directory is made
     * inside a directory of the test's own, the files and directories a hostile name created beside the root. A
     * connector's {@link #entriesOutsideTheStore()} on a local store returns it.
     *
     * @param outer the test's directory holding the store's root; not null
     * @param root the store's root directory, inside {@code outer}; not null
     * @return the paths found, as strings (neither {@code outer} itself nor anything in {@code root}); empty when
     *     none
     * @throws UncheckedIOException when {@code outer} cannot be walked
     */
    public static List<String> entriesBeside(Path outer, Path root) {
        try (Stream<Path> all = Files.walk(outer)) {
            return all.filter(p -> !p.equals(outer) && !p.startsWith(root)).map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the namespace (schema) of every table of the class: {@code destsdk_files} */
    protected String namespace() {
        return "destsdk_files";
    }

    /** @return the tracking column names; {@link TrackingColumns#DEFAULT} */
    protected TrackingColumns trackingColumns() {
        return TrackingColumns.DEFAULT;
    }

    /**
     * The canonical type a column written as {@code written} reads back as. A declared deviation for formats whose
     * type system is coarser than the canonical one (Apache Iceberg stores SHORT as int and JSON as string); the
     * values must still round-trip.
     *
     * @param written the column's canonical type
     * @return the type the inspector reports; by default {@code written}
     */
    protected CanonicalType readBackType(CanonicalType written) {
        return written;
    }

    /** @return the default write options for the suite's destination: 128 MiB files, two threads */
    protected FileWriteOptions writeOptions() {
        return FileWriteOptions.DEFAULT;
    }

    // ================================================================== lifecycle

    @BeforeAll
    final void startSuite(@TempDir Path dataFiles) throws Exception {
        workRoot = dataFiles;
        store = createStore();
        destination = createDestination(nonClosing(store), layout(), writeOptions());
        inspector = createInspector(store, layout());
        behaviors = DestinationBehaviors.builder(destination.getCapabilitiesConfig()).build();
        rules = NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema(namespace()).build();
        runner = new LocalPipelineRunner(destination, workRoot, Clock.fixed(T0, ZoneOffset.UTC));
        baseSeed = Seeds.pick();
        LOG.info("{} against {} on {}: {}; base {}", getClass().getSimpleName(), destination.name(),
                store.describe(), behaviors, Seeds.describe(baseSeed));
    }

    @AfterAll
    final void finishSuite() {
        try {
            if (inspector != null) {
                inspector.removeNamespace(Optional.empty(), Optional.of(namespace()));
                inspector.close();
            }
            extraDestinations.forEach(Destination::close);
            if (destination != null) {
                destination.close();
            }
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    @BeforeEach
    final void startCase() {
        pipeline = runner.newPipeline();
    }

    // ================================================================== helpers

    /** @return the inspector */
    protected final FileTableInspector inspector() {
        return inspector;
    }

    /** @return the suite's destination */
    protected final Destination destination() {
        return destination;
    }

    private static ObjectStore nonClosing(ObjectStore store) {
        return FailingObjectStore.counting(store);
    }

    private Destination extraDestination(ObjectStore wrapped, FileWriteOptions options) {
        Destination d = createDestination(wrapped, layout(), options);
        extraDestinations.add(d);
        return d;
    }

    /**
     * @param source the source object
     * @param mode the load mode
     * @param syncId the sync id
     * @return a spec in the namespace with the next sync time
     */
    protected final RunSpec.Builder spec(ObjectMetadata source, LoadMode mode, String syncId) {
        return RunSpec.builder(source).namespaceRules(rules).loadMode(mode).syncId(syncId)
                .syncTime(T0.plusSeconds(syncSeconds++));
    }

    private RunResult run(RunSpec.Builder spec) {
        return pipeline.run(spec.build());
    }

    private ConnectorException failure(Pipeline p, RunSpec.Builder spec) {
        Throwable thrown = catchThrowable(() -> p.run(spec.build()));
        assertThat(thrown).as("the run must fail").isInstanceOf(ConnectorException.class);
        return (ConnectorException) thrown;
    }

    private static ObjectMetadata source(String name, List<FieldMetadata> fields) {
        return LoadModeFixtures.object(name, fields);
    }

    private static TableId id(ObjectRef ref) {
        return new TableId(ref.schema().orElseThrow(), ref.name());
    }

    /** The rows of a table projected on the given stored column names, as a comparable multiset. */
    private Map<List<String>, Long> rowsOf(ObjectRef ref, List<String> columns) {
        return inspector.read(ref, RowOrder.any()).project(columns).multiset();
    }

    private Map<List<String>, Long> expected(ObjectRef ref, List<String> columns, List<List<Object>> rows) {
        return inspector.read(ref, RowOrder.any()).project(columns).multisetOf(rows);
    }

    private void assertRows(ObjectRef ref, List<String> columns, List<List<Object>> rows, String what) {
        assertThat(rowsOf(ref, columns)).as("%s: rows of %s %s", what, ref, columns)
                .isEqualTo(expected(ref, columns, rows));
    }

    private List<String> dataColumns() {
        return List.of("id", "name", "amount", "seq");
    }

    private static List<List<Object>> withSyncId(List<List<Object>> rows, String syncId) {
        return rows.stream().map(r -> {
            List<Object> out = new ArrayList<>(r);
            out.add(syncId);
            return (List<Object>) out;
        }).toList();
    }

    private static List<List<Object>> concat(List<List<Object>> a, List<List<Object>> b) {
        List<List<Object>> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The sync ids of the {@code sync_id=} partitions the table's data files are in. */
    private List<String> syncPartitions(ObjectRef ref) {
        return inspector.dataFiles(ref).stream().map(k -> {
            int at = k.indexOf("/sync_id=");
            assertThat(at).as("partition path of %s", k).isPositive();
            return k.substring(at + "/sync_id=".length(), k.indexOf('/', at + 1));
        }).distinct().toList();
    }

    private void assertNothingLeftBehind(ObjectRef ref, String why) {
        assertThat(inspector.unreferenced(id(ref))).as("objects below %s that no committed state references (%s)",
                ref, why).isEmpty();
        assertThat(inspector.unfinishedUploads()).as("unfinished uploads (%s)", why).isEmpty();
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** A table after its first sync (the fixture's existing rows, APPEND), with what a reader sees then. */
    private record Baseline(ObjectMetadata source, RunResult first, ObjectRef ref, Map<List<String>, Long> rows,
                            List<String> keys) {
    }

    private Baseline baseline(String table) {
        ObjectMetadata source = source(table, LoadModeFixtures.fields());
        RunResult first = run(spec(source, LoadMode.APPEND, S1).rows(LoadModeFixtures.existingRows()));
        ObjectRef ref = ObjectRef.of(first.mappedObject());
        return new Baseline(source, first, ref, inspector.read(ref, RowOrder.any()).multiset(), inspector.keys());
    }

    // ================================================================== cases

    /** Files land under {@code <prefix>/<schema>/<table>/year=/month=/day=/hour=/sync_id=/part-NNNNN.<ext>}. */
    @Test
    public void partitionPathsComeFromSyncTimeAndSyncId() {
        ObjectMetadata source = source("partition_paths", LoadModeFixtures.fields());
        RunResult r = run(spec(source, LoadMode.APPEND, "job-42").syncTime(Instant.parse("2024-12-31T23:59:59Z"))
                .rows(LoadModeFixtures.existingRows()).rowsPerFile(2));
        ObjectRef ref = ObjectRef.of(r.mappedObject());
        String table = layout().root() + ref.schema().orElseThrow() + "/" + ref.name() + "/";
        List<String> data = inspector.dataFiles(ref);
        assertThat(data).as("data files of %s", ref).hasSize(2).allSatisfy(k -> assertThat(k).matches(
                Pattern.quote(table + "year=2024/month=12/day=31/hour=23/sync_id=job-42/") + "part-\\d{5}\\.[a-z.]+"));
        InspectedTable t = inspector.read(ref, RowOrder.any());
        assertThat(t.project(PARTITION_COLUMNS).rows()).as("partition columns read back").hasSize(3)
                .allSatisfy(p -> assertThat(p).containsExactly("2024", "12", "31", "23", "job-42"));
        assertNothingLeftBehind(ref, "after a load");
    }

    /** Every canonical type's edge values survive the trip: CSV in, target format out, DuckDB reading back. */
    @Test
    public void everyCanonicalTypeRoundTrips() {
        List<FieldMetadata> fields = AllTypesFixtures.fields();
        ObjectMetadata source = source("all_types", fields);
        List<List<Object>> rows = AllTypesFixtures.rows(false);
        RunResult r = run(spec(source, LoadMode.APPEND, S1).rows(rows));
        ObjectRef ref = ObjectRef.of(r.mappedObject());
        List<String> columns = fields.stream().map(FieldMetadata::getName).toList();
        assertRows(ref, columns, rows, "edge values of every type");
        InspectedTable t = inspector.read(ref, RowOrder.any());
        for (FieldMetadata f : fields) {
            assertThat(t.column(f.getName()).orElseThrow().canonicalType()).as("type of %s", f.getName())
                    .isEqualTo(readBackType(f.getCanonicalType()));
        }
    }

    /**
     * Seeded generated values of every type round-trip.
     *
     * @param index the case index (its seed derives from the class's base seed)
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    public void generatedValuesRoundTrip(int index) {
        long seed = Seeds.forCase(baseSeed, index);
        List<FieldMetadata> fields = new ArrayList<>();
        fields.add(FieldMetadata.builder("k", CanonicalType.INTEGER).primaryKey(true).nullable(false).build());
        for (CanonicalType t : CanonicalType.values()) {
            FieldMetadata.Builder b = FieldMetadata.builder(AllTypesFixtures.columnName(t), t);
            if (t == CanonicalType.DECIMAL) {
                b.precision(38).scale(9);
            }
            fields.add(b.build());
        }
        ObjectMetadata source = source("generated_" + index, fields);
        List<List<Object>> rows = new ArrayList<>();
        int k = 0;
        for (List<Object> g : new ValueGenerator(seed).rows(source, 40)) {
            List<Object> values = new ArrayList<>(g);
            values.set(0, ++k);
            rows.add(values);
        }
        RunResult r = run(spec(source, LoadMode.APPEND, S1).rows(rows).rowsPerFile(20));
        ObjectRef ref = ObjectRef.of(r.mappedObject());
        assertThat(rowsOf(ref, fields.stream().map(FieldMetadata::getName).toList()))
                .as("generated values, %s", Seeds.describe(seed))
                .isEqualTo(expected(ref, fields.stream().map(FieldMetadata::getName).toList(), rows));
    }

    /**
     * The request's CSV format is honoured: 0, 1 or 2 header rows, several NULL markers, NULL apart from the empty
     * string and from the marker text quoted.
     *
     * @param headerRows the header rows
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    public void csvInputsWithHeaderRowsAndNullMarkers(int headerRows) {
        CsvFileFormat format = CsvFileFormat.builder().skipHeader(headerRows).nullIf("\\N", "NULL")
                .emptyFieldAsNull(false).build();
        List<FieldMetadata> fields = List.of(
                FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build(),
                FieldMetadata.builder("note", CanonicalType.STRING).build());
        ObjectMetadata source = source("csv_headers_" + headerRows, fields);
        List<List<Object>> rows = List.of(row(1L, "a"), row(2L, null), row(3L, ""), row(4L, "NULL"),
                row(5L, "\\N"), row(6L, "x,y \"z\""));
        RunResult r = run(spec(source, LoadMode.APPEND, S1).rows(rows).fileFormat(format).rowsPerFile(4));
        assertRows(ObjectRef.of(r.mappedObject()), List.of("id", "note"), rows, headerRows + " header row(s)");
    }

    /**
     * Every CSV dialect the warehouse suite loads (delimiters, quotes, escapes, trimming, gzip, CRLF, hex binaries,
     * Latin-1, NULL markers) is read with the SDK's semantics: the same values come out.
     *
     * @param description the format's description
     * @param format the format of the data files
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.destsdk.testkit.warehouse.WarehouseConformanceSuite#csvFormats")
    public void csvFormatsLoadTheSameValues(String description, CsvFileFormat format) {
        List<FieldMetadata> fields = List.of(
                FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build(),
                FieldMetadata.builder("note", CanonicalType.STRING).build(),
                FieldMetadata.builder("bytes", CanonicalType.BINARY).build(),
                FieldMetadata.builder("amount", CanonicalType.DECIMAL).precision(10).scale(3).build(),
                FieldMetadata.builder("at", CanonicalType.TIMESTAMP_TZ).build());
        List<List<Object>> rows = List.of(
                row(1L, "plain", new byte[] {0, 1, (byte) 255}, new BigDecimal("-1.500"),
                        java.time.OffsetDateTime.parse("2024-02-29T23:59:59.999999+05:30")),
                row(2L, "comma, \"quote\"\nline\ttab \\ back", new byte[0], new BigDecimal("0.000"), null),
                row(3L, "", null, null, java.time.OffsetDateTime.parse("1970-01-01T00:00:00Z")),
                row(4L, null, new byte[] {42}, new BigDecimal("1234567.125"), null),
                row(5L, "NULL", null, null, null), row(6L, "caf\u00e9 \u00fc", null, null, null));
        String table = "csv_" + description.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT);
        RunResult r = run(spec(source(table, fields), LoadMode.APPEND, S1).fileFormat(format).rows(rows)
                .rowsPerFile(4));
        assertRows(ObjectRef.of(r.mappedObject()), fields.stream().map(FieldMetadata::getName).toList(), rows,
                "format " + description);
    }

    /** APPEND adds one partition per sync and keeps the earlier ones. */
    @Test
    public void appendOverTwoSyncsKeepsBoth() {
        ObjectMetadata source = source("append_twice", LoadModeFixtures.fields());
        run(spec(source, LoadMode.APPEND, S1).rows(LoadModeFixtures.existingRows()));
        RunResult r = run(spec(source, LoadMode.APPEND, S2).rows(LoadModeFixtures.batchRows()).rowsPerFile(3));
        ObjectRef ref = ObjectRef.of(r.mappedObject());
        List<String> columns = new ArrayList<>(dataColumns());
        columns.add("sync_id");
        assertRows(ref, columns, concat(withSyncId(LoadModeFixtures.existingRows(), S1),
                withSyncId(LoadModeFixtures.batchRows(), S2)), "APPEND of two syncs");
        assertThat(syncPartitions(ref)).as("partitions").containsExactlyInAnyOrder(S1, S2);
        assertNothingLeftBehind(ref, "after two APPEND loads");
    }

    /**
     * OVERWRITE and TRUNCATE_AND_LOAD leave only the new sync's rows; the old files are gone after the commit.
     *
     * @param mode the mode
     */
    @ParameterizedTest
    @EnumSource(value = LoadMode.class, names = {"OVERWRITE", "TRUNCATE_AND_LOAD"})
    public void replacingModesLeaveOnlyTheNewData(LoadMode mode) {
        ObjectMetadata source = source("replace_" + mode.name().toLowerCase(Locale.ROOT), LoadModeFixtures.fields());
        if (!behaviors.has(DestinationBehavior.of(mode))) {
            assertUnsupported(mode, source);
            return;
        }
        RunResult first = run(spec(source, LoadMode.APPEND, S1).rows(LoadModeFixtures.existingRows()));
        ObjectRef ref = ObjectRef.of(first.mappedObject());
        List<String> oldKeys = inspector.dataFiles(ref);
        assertThat(oldKeys).isNotEmpty().allSatisfy(k -> assertThat(k).contains("/sync_id=" + S1 + "/"));
        run(spec(source, mode, S2).rows(LoadModeFixtures.batchRows()));
        List<String> columns = new ArrayList<>(dataColumns());
        columns.add("sync_id");
        assertRows(ref, columns, withSyncId(LoadModeFixtures.batchRows(), S2), mode + " after APPEND");
        assertThat(inspector.dataFiles(ref)).as("data files after the replace").isNotEmpty()
                .doesNotContainAnyElementsOf(oldKeys);
        if (inspector.replacedFilesAreDeletedAtCommit()) {
            assertThat(inspector.keys()).as("files of the replaced sync").doesNotContainAnyElementsOf(oldKeys);
        }
        assertNothingLeftBehind(ref, "after " + mode);
    }

    /** MERGE runs where declared (a table format), else fails with the canonical error and changes nothing. */
    @Test
    public void mergeFollowsTheDeclaredCapabilities() {
        ObjectMetadata source = source("merge_declared", LoadModeFixtures.fields());
        if (!behaviors.has(DestinationBehavior.SUPPORTS_MERGE)) {
            assertUnsupported(LoadMode.MERGE, source);
            return;
        }
        run(spec(source, LoadMode.MERGE, S1).rows(LoadModeFixtures.existingRows()));
        RunResult r = run(spec(source, LoadMode.MERGE, S2).rows(LoadModeFixtures.batchRows()));
        List<List<Object>> expected = LoadModeFixtures.expectedOnExistingTable(LoadMode.MERGE).stream()
                .map(e -> e.values()).toList();
        assertRows(ObjectRef.of(r.mappedObject()), dataColumns(), expected, "MERGE on an existing table");
    }

    private void assertUnsupported(LoadMode mode, ObjectMetadata table) {
        Baseline b = baseline(table.getName());
        ObjectRef ref = b.ref();
        Map<List<String>, Long> before = b.rows();
        List<String> keysBefore = b.keys();
        ConnectorException e = failure(pipeline, spec(b.source(), mode, S2).rows(LoadModeFixtures.batchRows()));
        String expected = ConnectorException.unsupported(destination.name(),
                DestinationBehavior.of(mode).capabilityName().orElseThrow()).getMessage();
        assertThat(e.getErrorType()).isEqualTo(ErrorType.UNSUPPORTED_OPERATION);
        assertThat(e.getMessage()).isEqualTo(expected);
        assertThat(inspector.read(ref, RowOrder.any()).multiset()).as("table after the refused %s", mode)
                .isEqualTo(before);
        assertOnlyUnpublishedStage(ref, keysBefore, "the refused " + mode);
    }

    /**
     * The executor stages before it loads, and the load is what checks the load mode (or is never called when the
     * job is cancelled between the two): the stage's files may stay, unpublished, until the table's next stage
     * removes them. Asserts that nothing else changed.
     */
    private void assertOnlyUnpublishedStage(ObjectRef ref, List<String> keysBefore, String why) {
        String staged = layout().tablePrefix(id(ref));
        List<String> added = inspector.keys().stream().filter(k -> !keysBefore.contains(k)).toList();
        assertThat(added).as("objects added by %s: only the unpublished stage of %s", why, ref)
                .allSatisfy(k -> assertThat(k).startsWith(staged).doesNotContain("/_catalog/"));
        assertThat(keysBefore).as("objects removed by %s", why).allSatisfy(k -> assertThat(inspector.keys())
                .contains(k));
        assertThat(inspector.unfinishedUploads()).as("unfinished uploads (%s)", why).isEmpty();
    }

    /**
     * A load run again with the same sync id (stage and load, with other file splits) leaves one copy.
     *
     * @param mode a replacing or appending mode
     */
    @ParameterizedTest
    @EnumSource(value = LoadMode.class, names = {"APPEND", "OVERWRITE", "TRUNCATE_AND_LOAD"})
    public void aRetriedLoadWithTheSameSyncIdLeavesOneCopy(LoadMode mode) {
        ObjectMetadata source = source("retry_" + mode.name().toLowerCase(Locale.ROOT), LoadModeFixtures.fields());
        if (!behaviors.has(DestinationBehavior.of(mode))) {
            assertUnsupported(mode, source);
            return;
        }
        run(spec(source, LoadMode.APPEND, S1).rows(LoadModeFixtures.existingRows()));
        run(spec(source, mode, S2).rows(LoadModeFixtures.batchRows()).rowsPerFile(2));
        RunResult r = run(spec(source, mode, S2).syncTime(T0.plusSeconds(syncSeconds - 1))
                .rows(LoadModeFixtures.batchRows()).rowsPerFile(5));
        ObjectRef ref = ObjectRef.of(r.mappedObject());
        List<String> columns = new ArrayList<>(dataColumns());
        columns.add("sync_id");
        List<List<Object>> batch = withSyncId(LoadModeFixtures.batchRows(), S2);
        assertRows(ref, columns, mode == LoadMode.APPEND
                ? concat(withSyncId(LoadModeFixtures.existingRows(), S1), batch) : batch, "retried " + mode);
        assertNothingLeftBehind(ref, "after a retried " + mode);
    }

    /** A value that does not parse as its type fails the stage naming file, line, record and column. */
    @Test
    public void aValueThatDoesNotParseIsRefusedNamingFileLineAndColumn() {
        Baseline b = baseline("bad_value");
        ObjectMetadata source = b.source();
        ObjectRef ref = b.ref();
        Map<List<String>, Long> before = b.rows();
        List<List<String>> text = List.of(List.of("7", "ok", "1.00", "1"), List.of("8", "ok", "2.00", "2"),
                List.of("9", "ok", "3.00", "3"), List.of("10", "bad", "12x.5", "4"));
        ConnectorException e = failure(pipeline, spec(source, LoadMode.APPEND, S2).textRows(text).rowsPerFile(2));
        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).as("file in %s", e.getMessage()).hasValueSatisfying(
                f -> assertThat(f).endsWith("success_part_00001.csv"));
        assertThat(e.getContext().line()).as("line in %s", e.getMessage()).hasValue(3);
        assertThat(e.getContext().record()).as("record in %s", e.getMessage()).hasValue(2);
        assertThat(e.getContext().column()).as("column in %s", e.getMessage()).hasValue("amount");
        assertThat(e.getMessage()).contains("12x.5");
        assertThat(inspector.read(ref, RowOrder.any()).multiset()).as("table after the refused load")
                .isEqualTo(before);
        assertNothingLeftBehind(ref, "after a refused value");
    }

    /**
     * A DOUBLE {@code Infinity} is refused as on every warehouse connector (one behaviour for the same bad input on
     * every kind of destination): VALIDATION_ERROR naming file, line, record and column, the table as it was.
     */
    @Test
    public void aNonFiniteDoubleIsRefusedAsOnEveryDestination() {
        List<FieldMetadata> fields = AllTypesFixtures.fields();
        ObjectMetadata source = source("non_finite", fields);
        RunResult first = run(spec(source, LoadMode.APPEND, S1).rows(AllTypesFixtures.rows(false)));
        ObjectRef ref = ObjectRef.of(first.mappedObject());
        Map<List<String>, Long> before = inspector.read(ref, RowOrder.any()).multiset();
        ConnectorException e = failure(pipeline, spec(source, LoadMode.APPEND, S2).rows(AllTypesFixtures.rows(true)));
        assertThat(e.getErrorType()).as(e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().column()).as("column in %s", e.getMessage()).hasValue("c_double");
        assertThat(e.getContext().record()).as("record in %s", e.getMessage()).hasValue(2);
        assertThat(e.getMessage()).contains("not a finite DOUBLE");
        assertThat(inspector.read(ref, RowOrder.any()).multiset()).as("table after the refused load")
                .isEqualTo(before);
        assertNothingLeftBehind(ref, "after a refused non-finite value");
    }

    /** The tracking columns hold the request's sync time and id; deleted is false. */
    @Test
    public void trackingColumnsHoldTheRequestsSyncTimeAndId() {
        ObjectMetadata source = source("tracking", LoadModeFixtures.fields());
        RunResult r = run(spec(source, LoadMode.APPEND, "sync-7").rows(LoadModeFixtures.existingRows()));
        TrackingColumns t = trackingColumns();
        assertRows(ObjectRef.of(r.mappedObject()), List.of("id", t.synced(), t.jobId(), t.deleted()),
                LoadModeFixtures.existingRows().stream().map(x -> row(x.get(0), r.sync().syncTime()
                        .atOffset(ZoneOffset.UTC), "sync-7", false)).toList(), "tracking values");
    }

    /** A column added by a later sync is in the table; rows of older files read it as NULL. */
    @Test
    public void aNewColumnIsAddedAndOlderFilesReadAsNull() {
        ObjectMetadata narrow = source("evolving", LoadModeFixtures.fields());
        run(spec(narrow, LoadMode.APPEND, S1).rows(LoadModeFixtures.existingRows()));
        List<FieldMetadata> wide = new ArrayList<>(LoadModeFixtures.fields());
        wide.add(FieldMetadata.builder("extra", CanonicalType.STRING).build());
        RunResult r = run(spec(source("evolving", wide), LoadMode.APPEND, S2).rows(List.of(
                row(9L, "nine", new BigDecimal("9.00"), 1, "x"))));
        List<String> columns = List.of("id", "extra");
        assertRows(ObjectRef.of(r.mappedObject()), columns, List.of(row(1L, null), row(2L, null), row(3L, null),
                row(9L, "x")), "a new column");
    }

    /** Large loads roll over into several parts at the target size, with deterministic part numbers. */
    @Test
    public void filesRollOverAtTheTargetSize() {
        Destination small = extraDestination(FailingObjectStore.counting(store),
                new FileWriteOptions(16 << 10, 2));
        Pipeline p = new LocalPipelineRunner(small, workRoot, Clock.fixed(T0, ZoneOffset.UTC)).newPipeline();
        List<FieldMetadata> fields = List.of(
                FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build(),
                FieldMetadata.builder("text", CanonicalType.STRING).build());
        ObjectMetadata source = source("roll_over", fields);
        ValueGenerator g = new ValueGenerator(Seeds.forCase(baseSeed, 99));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            // a name-based UUID per row keeps the text from compressing away below the target size
            rows.add(row((long) i, "row " + i + " " + g.nonNullValue(fields.get(1)) + " "
                    + UUID.nameUUIDFromBytes(("roll-over " + i).getBytes(StandardCharsets.UTF_8))));
        }
        RunResult r = p.run(spec(source, LoadMode.APPEND, S1).rows(rows).rowsPerFile(3000).build());
        ObjectRef ref = ObjectRef.of(r.mappedObject());
        List<String> parts = inspector.dataFiles(ref);
        assertThat(parts).as("parts of two 3,000-row data files at a 16 KiB target").hasSizeGreaterThan(2)
                .anySatisfy(k -> assertThat(k).endsWith("/part-00000." + k.substring(k.indexOf('.', k
                        .lastIndexOf('/')) + 1)))
                .anySatisfy(k -> assertThat(k).contains("/part-10000."));
        assertThat(inspector.read(ref, RowOrder.any()).rowCount()).isEqualTo(6000);
        assertRows(ref, List.of("id", "text"), rows, "rolled-over parts");
    }

    /** Collisions of column names, of reserved columns and of two objects on one table fail before writing. */
    @Test
    public void nameCollisionsAreReportedBeforeAnythingIsWritten() {
        List<String> before = inspector.keys();
        ConnectorException columns = catchConnector(() -> destination.mapToTargetObject(source("collide",
                List.of(FieldMetadata.builder("Name", CanonicalType.STRING).build(),
                        FieldMetadata.builder("name", CanonicalType.STRING).build())), rules, Optional.empty()));
        assertThat(columns.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(columns.getMessage()).contains("Name").contains("name");
        ConnectorException reserved = catchConnector(() -> destination.mapToTargetObject(source("reserved",
                List.of(FieldMetadata.builder("Year", CanonicalType.INTEGER).build())), rules, Optional.empty()));
        assertThat(reserved.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(reserved.getMessage()).contains("Year").contains("partition");
        destination.mapToTargetObject(source("same-table", LoadModeFixtures.fields()), rules, Optional.empty());
        ConnectorException objects = catchConnector(() -> destination.mapToTargetObject(source("same_table",
                LoadModeFixtures.fields()), rules, Optional.empty()));
        assertThat(objects.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(objects.getMessage()).contains("same-table").contains("same_table");
        assertThat(inspector.keys()).as("store after refused mappings").isEqualTo(before);
    }

    private static ConnectorException catchConnector(Runnable call) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).isInstanceOf(ConnectorException.class);
        return (ConnectorException) t;
    }

    /** Cancellation at any check of a stage or load leaves the previous data and nothing behind. */
    @Test
    public void cancellationLeavesThePreviousDataAndNothingBehind() {
        Baseline b = baseline("cancelled");
        ObjectMetadata source = b.source();
        ObjectRef ref = b.ref();
        Map<List<String>, Long> before = b.rows();
        List<String> keysBefore = b.keys();
        int cancelled = 0;
        for (int after = 0; after < 200; after++) {
            CancelAfter signal = new CancelAfter(after);
            Throwable t = catchThrowable(() -> pipeline.run(spec(source, LoadMode.APPEND, S2)
                    .rows(LoadModeFixtures.batchRows()).rowsPerFile(2).cancellation(signal).build()));
            if (t == null) {
                break;
            }
            assertThat(t).isInstanceOf(ConnectorException.class);
            assertThat(((ConnectorException) t).getErrorType()).as(t.getMessage()).isEqualTo(ErrorType.CANCELLED);
            cancelled++;
            assertThat(inspector.read(ref, RowOrder.any()).multiset()).as("table after cancelling at check %s",
                    after + 1).isEqualTo(before);
            if (t.getMessage().contains("before load")) {
                // cancelled by the executor between stage and load: the destination was not called again
                assertOnlyUnpublishedStage(ref, keysBefore, "a cancellation between stage and load");
            } else {
                assertNothingLeftBehind(ref, "cancelled at check " + (after + 1) + ": " + t.getMessage());
            }
        }
        assertThat(cancelled).as("runs cancelled before one completed").isGreaterThan(1);
        List<String> columns = new ArrayList<>(dataColumns());
        columns.add("sync_id");
        assertRows(ref, columns, concat(withSyncId(LoadModeFixtures.existingRows(), S1),
                withSyncId(LoadModeFixtures.batchRows(), S2)), "after the run that was not cancelled");
    }

    /** A signal that reports cancellation from its N+1-th question on. */
    private static final class CancelAfter implements CancellationSignal {
        private final int after;
        private final AtomicInteger asked = new AtomicInteger();

        CancelAfter(int after) {
            this.after = after;
        }

        @Override
        public boolean isCancelled() {
            return asked.incrementAndGet() > after;
        }

        @Override
        public Registration onCancel(Runnable action) {
            return () -> { };
        }
    }

    /**
     * Each store call of a stage and load fails in turn: every failed run leaves the previous data readable, no
     * unreferenced object and no unfinished upload; a run whose failure is after the publish (clean-up) holds the
     * data once.
     */
    @Test
    public void injectedStoreFailuresAtEveryCallLeaveThePreviousData() {
        Baseline b = baseline("failing_store");
        ObjectMetadata source = b.source();
        RunResult first = b.first();
        ObjectRef ref = b.ref();
        FailingObjectStore counting = FailingObjectStore.counting(store);
        Instant s2Time = T0.plusSeconds(syncSeconds++);
        ObjectMetadata probeSource = source("failing_store_probe", LoadModeFixtures.fields());
        run(spec(probeSource, LoadMode.APPEND, S1).rows(LoadModeFixtures.existingRows()));
        new LocalPipelineRunner(extraDestination(counting, writeOptions()), workRoot, Clock.fixed(T0,
                ZoneOffset.UTC)).newPipeline().run(spec(probeSource, LoadMode.APPEND, S2).syncTime(s2Time)
                .rows(LoadModeFixtures.batchRows()).rowsPerFile(3).build());
        int calls = counting.calls();
        assertThat(calls).as("store calls of one stage and load").isGreaterThan(3);
        LOG.info("{}: {} store calls per run: {}", getClass().getSimpleName(), calls, counting.callLog());
        Map<List<String>, Long> before = inspector.read(ref, RowOrder.any()).multiset();
        List<String> columns = new ArrayList<>(dataColumns());
        columns.add("sync_id");
        List<List<Object>> both = concat(withSyncId(LoadModeFixtures.existingRows(), S1),
                withSyncId(LoadModeFixtures.batchRows(), S2));
        for (int n = 1; n <= calls; n++) {
            FailingObjectStore failing = new FailingObjectStore(store, n);
            Destination d = extraDestination(failing, writeOptions());
            Pipeline p = new LocalPipelineRunner(d, workRoot, Clock.fixed(T0, ZoneOffset.UTC)).newPipeline();
            int call = n;
            Throwable t = catchThrowable(() -> p.run(spec(source, LoadMode.APPEND, S2).syncTime(s2Time)
                    .rows(LoadModeFixtures.batchRows()).rowsPerFile(3).build()));
            if (t == null) {
                assertRows(ref, columns, both, "a run whose failing call " + call + " came after the publish");
                resetTo(source, ref, before, first.sync().syncTime());
                continue;
            }
            assertThat(t).as("failure at call %s", n).isInstanceOf(ConnectorException.class);
            assertThat(inspector.read(ref, RowOrder.any()).multiset()).as("table after a failure at store call %s"
                    + " (%s)", n, failing.callLog().get(Math.min(n, failing.callLog().size()) - 1)).isEqualTo(before);
            assertNothingLeftBehind(ref, "store call " + n + " failed");
        }
        RunResult last = run(spec(source, LoadMode.APPEND, S2).syncTime(s2Time).rows(LoadModeFixtures.batchRows()));
        assertRows(ObjectRef.of(last.mappedObject()), columns, both, "after the failures, a successful retry");
        assertNothingLeftBehind(ref, "after the successful retry");
    }

    /** Brings a table back to its first sync: removes what the second sync published. */
    private void resetTo(ObjectMetadata source, ObjectRef ref, Map<List<String>, Long> before, Instant firstTime) {
        inspector.dropTable(id(ref));
        pipeline.forget(source);
        run(spec(source, LoadMode.APPEND, S1).syncTime(firstTime).rows(LoadModeFixtures.existingRows()));
        assertThat(inspector.read(ref, RowOrder.any()).multiset()).isEqualTo(before);
    }

    /**
     * Hostile schema and table names never make a key outside the base prefix: the run either loads under a safe
     * name or is refused before writing. The store is listed after each.
     *
     * @param name the hostile name
     */
    @ParameterizedTest
    @ValueSource(strings = {"../x", "/abs", "a/b", "a\\b", "nul\u0000byte", "ctl\u0001\u001f\u007f", "..",
            ".hidden", "ünï cødé 日本", "%2e%2e%2fx", "~root", "very_long_name_repeated_until_it_is_far_longer_than"
            + "_any_object_store_segment_or_catalog_identifier_may_be_very_long_name_repeated_until_it_is_far_longer"
            + "_than_any_object_store_segment_or_catalog_identifier_may_be_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    public void hostileNamesNeverLeaveTheBasePrefix(String name) {
        NamespaceRules hostile = NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema(name)
                .build();
        ObjectMetadata source = source(name, LoadModeFixtures.fields());
        List<String> before = inspector.keys();
        Throwable t = catchThrowable(() -> pipeline.run(RunSpec.builder(source).namespaceRules(hostile)
                .loadMode(LoadMode.APPEND).syncId(S1).syncTime(T0.plusSeconds(syncSeconds++))
                .rows(LoadModeFixtures.existingRows()).build()));
        List<String> after = inspector.keys();
        assertThat(after).as("keys after a load named %s", printable(name))
                .allSatisfy(k -> assertThat(k).startsWith(layout().root()))
                .allSatisfy(k -> assertThat(k.split("/")).noneMatch(s -> s.isEmpty() || s.equals("..")
                        || s.equals(".") || s.chars().anyMatch(Character::isISOControl)));
        assertThat(entriesOutsideTheStore()).as("entries outside the store after %s", printable(name)).isEmpty();
        if (t != null) {
            assertThat(t).isInstanceOf(ConnectorException.class);
            assertThat(((ConnectorException) t).getErrorType()).as(t.getMessage())
                    .isEqualTo(ErrorType.VALIDATION_ERROR);
            assertThat(after).as("a refused name writes nothing").isEqualTo(before);
            return;
        }
        ObjectMetadata mapped = destination.mapToTargetObject(source, hostile, Optional.empty());
        String schema = mapped.getSchema().orElseThrow();
        assertThat(schema).doesNotContain("/", "\\", "..").doesNotStartWith(".");
        assertThat(mapped.getName()).doesNotContain("/", "\\", "..").doesNotStartWith(".");
        String prefix = layout().root() + schema + "/" + mapped.getName() + "/";
        assertThat(after.stream().filter(k -> !before.contains(k)).toList()).as("new keys").isNotEmpty()
                .allSatisfy(k -> assertThat(k).startsWith(prefix));
        ObjectRef ref = ObjectRef.of(mapped);
        assertRows(ref, dataColumns(), LoadModeFixtures.existingRows(), "rows under the safe name");
        inspector.removeNamespace(Optional.empty(), Optional.of(schema));
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }
}
