package dev.destsdk.testkit.warehouse;

import static dev.destsdk.testkit.behavior.DestinationBehavior.PRESERVES_NEGATIVE_ZERO;
import static dev.destsdk.testkit.behavior.DestinationBehavior.PRESERVES_TIMESTAMP_MICROS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.PRESERVES_TIMESTAMP_TZ_MICROS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.PRESERVES_TIME_MICROS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.REQUIRES_STAGING;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_ANY_UUID;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_AUTO_CREATE_SCHEMA;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_CANCELLATION;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_CASE_SENSITIVE_COLUMNS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_DECIMAL_PRECISION_38;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_EMPTY_SCHEMA;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_EMPTY_STRING_DISTINCT_FROM_NULL;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_FULL_DATE_RANGE;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_HARD_DELETES;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_MERGE;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_OVERWRITE;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_RESERVED_WORD_IDENTIFIERS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_SCHEMA_EVOLUTION_ALLOW_ALL;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_SPECIAL_CHARACTER_IDENTIFIERS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_SQL_SCRIPTS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_STAGING;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_TRUNCATE_AND_LOAD;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_UNICODE_IDENTIFIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.destsdk.core.control.CancellationSignal;
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
import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.testkit.behavior.DestinationBehavior;
import dev.destsdk.testkit.corpus.BadInputCorpus;
import dev.destsdk.testkit.fault.FaultPoint;
import dev.destsdk.testkit.fault.SessionKiller;
import dev.destsdk.testkit.behavior.DestinationBehaviors;
import dev.destsdk.testkit.fixtures.AllTypesFixtures;
import dev.destsdk.testkit.fixtures.ExpectedRow;
import dev.destsdk.testkit.fixtures.LoadModeFixtures;
import dev.destsdk.testkit.generate.HostileNames;
import dev.destsdk.testkit.generate.IdentifierGenerator;
import dev.destsdk.testkit.generate.Seeds;
import dev.destsdk.testkit.generate.ValueGenerator;
import dev.destsdk.testkit.inspect.DestinationInspector;
import dev.destsdk.testkit.inspect.InspectedColumn;
import dev.destsdk.testkit.inspect.InspectedTable;
import dev.destsdk.testkit.inspect.ObjectRef;
import dev.destsdk.testkit.inspect.RowOrder;
import dev.destsdk.testkit.runner.LocalPipelineRunner;
import dev.destsdk.testkit.runner.Pipeline;
import dev.destsdk.testkit.runner.RunResult;
import dev.destsdk.testkit.runner.RunSpec;
import dev.destsdk.testkit.server.TestDatabase;
import dev.destsdk.testkit.value.ValueFormats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conformance suite every SQL warehouse destination passes: JUnit 5 cases that drive the destination through
 * the {@link LocalPipelineRunner} exactly as an executor does (data files, then {@code mapToTargetObject → stage →
 * load}) against a real database, and read back the real tables through a {@link DestinationInspector}. The suite
 * holds no connector-specific SQL.
 *
 * <p>A connector's integration test extends it and supplies the destination and an inspector:
 * <pre>{@code
 * class PostgresDestinationIT extends WarehouseConformanceSuite {
 *     static final TestDatabase DATABASE = TestDatabase.fromEnvironment("PostgreSQL", "DESTSDK_PG",
 *             "jdbc:postgresql://127.0.0.1:5432/test", "postgres");
 *
 *     @Override
 *     protected Destination createDestination() {
 *         return new PostgresDestinationFactory().create(Map.of("url", DATABASE.url(), "user", DATABASE.user(),
 *                 "password", DATABASE.password(), "schema", namespace(), "tls", "disable"));
 *     }
 *
 *     @Override
 *     protected DestinationInspector createInspector(Destination destination) {
 *         return new JdbcDestinationInspector(DATABASE.connectOrSkip(), new PostgresDialect());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Driven by declared behaviour.</b> Each case that needs a {@link DestinationBehavior} either runs and
 * asserts the final state (the destination has it) or asserts the canonical
 * {@link ConnectorException#unsupported(String, String)} failure, with the exact message, and that nothing changed
 * (it has not). Nothing is skipped. Declared behaviours come from {@code getCapabilitiesConfig()}; the ones that
 * cannot be declared (types, identifiers, value ranges) are assumed and a connector turns off the ones its
 * database lacks in {@link #behaviors(DestinationBehaviors.Builder)}. Behaviours change what a case expects:
 * without {@code PRESERVES_NEGATIVE_ZERO} {@code -0.0} may read back as {@code 0}; without
 * {@code SUPPORTS_UNICODE_IDENTIFIERS} a
 * unicode name need not survive mapping (it must still round-trip under its mapped name); without
 * {@code SUPPORTS_CASE_SENSITIVE_COLUMNS} names differing only in case must be reported as a collision before any
 * DDL.
 *
 * <p><b>Documenting a deviation.</b> Every case is a public, non-final method, so a connector whose database
 * differs in a way no behaviour flag describes overrides that one case, says why in its javadoc, and asserts what
 * its database does instead; nothing is skipped silently. JUnit runs the override in the case's place; it needs its
 * own {@code @Test} (or {@code @ParameterizedTest} with the same source), as JUnit does not inherit annotations:
 * <pre>{@code
 * // Deviation: what the database does instead, and why (the case's name says what the suite expects)
 * @Override
 * @Test
 * public void aCancelledSqlScriptStopsWithTheCanonicalCancellation() {
 *     ... // the connector's own assertions of the state it leaves
 * }
 * }</pre>
 *
 * <p><b>What the cases cover:</b> every load mode on a first run and on an existing table (expectations from
 * {@link LoadModeFixtures}), duplicate keys in a batch and cursor ordering, MERGE without cursor or without key,
 * OVERWRITE and TRUNCATE_AND_LOAD definitions, tracking columns, soft and hard deletes, ddlOnly, zeroRows, each
 * first-run table handling, schema evolution (new column, widened type, refused narrowing, each evolution mode),
 * fixed and generated identifiers ({@link IdentifierGenerator}) through real DDL, name collisions, mapping, edge and
 * generated values of every canonical type ({@link ValueGenerator}), CSV formats (0/1/2 header rows, NULL markers,
 * delimiters, escapes, gzip, encodings), generated strings, retried loads with the same sync id, cancellation in the
 * middle of a load, NULL keys and ragged records, an undeclared file format, staging, empty schemas, schema
 * creation, and SQL scripts. After loads the suite checks that nothing but the tables it loaded is left in the
 * namespace (no staging tables).
 *
 * <p><b>Lifecycle</b> (one instance per class, JUnit {@code PER_CLASS}):
 * <ol>
 *   <li>{@link #createDestination()} once; {@link #createInspector(Destination)} once (where a connector skips the
 *       class when its server is unreachable, see {@link TestDatabase}); {@link #behaviors} once.</li>
 *   <li>With a {@link JdbcDestinationInspector}, the {@link DialectSelfChecks} run before any case; when one fails,
 *       every case fails with its message (which names the type or value and what to change in the dialect).</li>
 *   <li>Every case uses its own tables in {@link #namespace()} and a fresh {@link Pipeline} (no memory of other
 *       cases).</li>
 *   <li>At the end the inspector removes the namespace, then both are closed.</li>
 * </ol>
 * Cases run one at a time on one thread. Generated cases derive their seeds from one base seed per class
 * ({@link Seeds}); failure messages name the case's seed and how to replay it ({@code -Ddestsdk.seed=N}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WarehouseConformanceSuite {
    /** The sync time of a case's first load; every later load of the class adds a second. */
    protected static final Instant T0 = Instant.parse("2024-03-01T10:00:00.123456Z");

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseConformanceSuite.class);
    private static final String S1 = LoadModeFixtures.EXISTING_SYNC_ID;
    private static final String S2 = LoadModeFixtures.BATCH_SYNC_ID;
    private static final int GENERATED_ROWS = 40;

    private Path workRoot;
    private String namespace;
    private Destination destination;
    private DestinationInspector inspector;
    private DestinationBehaviors behaviors;
    private NamespaceRules rules;
    private Optional<String> targetCatalog = Optional.empty();
    private Optional<String> targetSchema = Optional.empty();
    private LocalPipelineRunner runner;
    private Pipeline pipeline;
    private long baseSeed;
    private String unavailable;
    private int syncSeconds;
    private final Set<String> loadedTables = new HashSet<>();
    private final List<Runnable> extraCleanUps = new ArrayList<>();

    /** For subclasses. */
    protected WarehouseConformanceSuite() {
    }

    // ================================================================== connector hooks

    /**
     * Creates the destination under test, configured for the test database. Called once per class, before the
     * inspector; the suite closes it at the end.
     *
     * @return a new destination; not null
     */
    protected abstract Destination createDestination();

    /**
     * Creates the inspector that reads the destination's tables back, for example a
     * {@link JdbcDestinationInspector} over {@link TestDatabase#connectOrSkip()}. Called once per class after
     * {@link #createDestination()}; skipping here (a JUnit assumption) skips the class. The suite closes it.
     *
     * @param destination the destination just created (an embedded database may hand out its connection); not null
     * @return the inspector; not null
     */
    protected abstract DestinationInspector createInspector(Destination destination);

    /**
     * The behaviours the suite holds the destination to. The builder comes with the destination's declared
     * capabilities; turn off assumed behaviours its database lacks:
     * <pre>{@code
     * @Override
     * protected DestinationBehaviors behaviors(DestinationBehaviors.Builder declared) {
     *     return declared.without(DestinationBehavior.PRESERVES_NEGATIVE_ZERO).build();
     * }
     * }</pre>
     * Overriding a declared behaviour against the capabilities is refused (see {@link DestinationBehaviors}).
     *
     * @param declared a builder holding the destination's capabilities; not null
     * @return the resolved behaviours; by default the builder's without overrides
     */
    protected DestinationBehaviors behaviors(DestinationBehaviors.Builder declared) {
        return declared.build();
    }

    /**
     * The namespace (schema, or database where the destination has no schemas) every table of the class goes to:
     * unique per class instance, so that concurrent builds do not meet. Connectors whose configuration needs it
     * call it from {@link #createDestination()}. Override to choose another name; it must be a final identifier of
     * the destination (unchanged by its identifier policy).
     *
     * @return the namespace, by default {@code destsdk_<class>_<time>_<random>}; the same value on every call
     */
    protected String namespace() {
        if (namespace == null) {
            String simple = getClass().getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            namespace = TestDatabase.uniqueName("destsdk_" + simple.substring(0, Math.min(16, simple.length())));
        }
        return namespace;
    }

    /** @return the tracking column names the destination writes; {@link TrackingColumns#DEFAULT} by default */
    protected TrackingColumns trackingColumns() {
        return TrackingColumns.DEFAULT;
    }

    // ================================================================== accessors

    /** @return the destination under test */
    protected final Destination destination() {
        return destination;
    }

    /** @return the inspector */
    protected final DestinationInspector inspector() {
        return inspector;
    }

    /** @return the resolved behaviours */
    protected final DestinationBehaviors resolvedBehaviors() {
        return behaviors;
    }

    /**
     * @param behavior a behaviour; not null
     * @return whether the destination has it, as {@link #behaviors} resolved it
     */
    protected final boolean hasBehavior(DestinationBehavior behavior) {
        return behaviors.has(behavior);
    }

    /** @return the naming rules that put every table of the class into {@link #namespace()} */
    protected final NamespaceRules namespaceRules() {
        return rules;
    }

    // ================================================================== lifecycle

    @BeforeAll
    final void startSuite(@TempDir Path dataFiles) {
        workRoot = dataFiles;
        destination = createDestination();
        try {
            inspector = createInspector(destination);
        } catch (TestAbortedException e) {
            // Skip every case with the reason, so that reports count and explain each skipped case.
            unavailable = e.getMessage();
            LOG.warn("{}: every case is skipped: {}", getClass().getSimpleName(), unavailable);
            return;
        }
        behaviors = behaviors(DestinationBehaviors.builder(destination.getCapabilitiesConfig()));
        rules = NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema(namespace()).build();
        ObjectMetadata probe = destination.mapToTargetObject(LoadModeFixtures.object("probe"), rules,
                Optional.empty());
        targetCatalog = probe.getCatalog();
        targetSchema = probe.getSchema();
        if (!hasBehavior(SUPPORTS_AUTO_CREATE_SCHEMA)) {
            // the destination cannot create the namespace itself: the suite provides it, as an administrator would
            inspector.createNamespace(targetCatalog, targetSchema);
        }
        runner = new LocalPipelineRunner(destination, workRoot, Clock.fixed(T0, ZoneOffset.UTC));
        if (inspector instanceof JdbcDestinationInspector jdbc) {
            // First, so that a wrong dialect fails with one message naming the type and the fix (see the class).
            new DialectSelfChecks(destination, jdbc, behaviors, rules, runner, targetCatalog, targetSchema).runAll();
        }
        baseSeed = Seeds.pick();
        LOG.info("{} against {} in {}: {}; base {}", getClass().getSimpleName(), destination.name(), namespace(),
                behaviors, Seeds.describe(baseSeed));
    }

    @AfterAll
    final void finishSuite() {
        try {
            if (inspector != null) {
                extraCleanUps.forEach(Runnable::run);
                inspector.removeNamespace(targetCatalog, targetSchema);
                inspector.close();
            }
        } finally {
            if (destination != null) {
                destination.close();
            }
        }
    }

    @BeforeEach
    final void startCase() {
        Assumptions.assumeTrue(unavailable == null, () -> unavailable);
        pipeline = runner.newPipeline();
    }

    // ================================================================== driving the destination

    /**
     * @param table the source object's name (the table's name before the identifier policy); not null
     * @param fields its fields; not null
     * @return the source object, with custom attribute {@code origin=testkit}
     */
    protected static ObjectMetadata source(String table, List<FieldMetadata> fields) {
        return LoadModeFixtures.object(table, fields);
    }

    /**
     * @param source the source object; not null
     * @param mode the load mode; not null
     * @param syncId the sync id; not null
     * @return a spec for the case's pipeline in {@link #namespace()}, with a sync time one second after the
     *     previous load's
     */
    protected final RunSpec.Builder spec(ObjectMetadata source, LoadMode mode, String syncId) {
        return RunSpec.builder(source).namespaceRules(rules).loadMode(mode).syncId(syncId)
                .syncTime(T0.plusSeconds(syncSeconds++));
    }

    /**
     * Runs a spec in the case's pipeline and remembers the table, so that leftovers can be told apart.
     *
     * @param spec the spec; not null
     * @return the run
     */
    protected final RunResult run(RunSpec.Builder spec) {
        RunResult result = pipeline.run(spec.build());
        loadedTables.add(result.mappedObject().getName());
        return result;
    }

    /** @return the case's pipeline */
    protected final Pipeline pipeline() {
        return pipeline;
    }

    /**
     * @return the load mode helper loads use: MERGE when declared, otherwise the first declared mode
     */
    protected final LoadMode anyLoadMode() {
        Set<LoadMode> modes = destination.getCapabilitiesConfig().getLoadModes();
        return modes.contains(LoadMode.MERGE) ? LoadMode.MERGE
                : Arrays.stream(LoadMode.values()).filter(modes::contains).findFirst().orElseThrow();
    }

    /**
     * Asserts the canonical failure for an undeclared behaviour: a {@link ConnectorException} of type
     * UNSUPPORTED_OPERATION whose message is exactly {@code unsupported(destination.name(), <capability>)}'s.
     *
     * @param behavior a declared behaviour the destination lacks; not null
     * @param call what must fail; not null
     */
    protected final void assertUnsupported(DestinationBehavior behavior, ThrowingCallable call) {
        String feature = behavior.capabilityName().orElseThrow(() -> new IllegalArgumentException(behavior
                + " is not read from capabilities, so it has no canonical unsupported failure"));
        String expected = ConnectorException.unsupported(destination.name(), feature).getMessage();
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("%s, so the destination must refuse with the canonical failure '%s'",
                behaviors.explain(behavior), expected).isInstanceOf(ConnectorException.class);
        assertThat(((ConnectorException) thrown).getErrorType()).as("%s", thrown.getMessage())
                .isEqualTo(ErrorType.UNSUPPORTED_OPERATION);
        assertThat(thrown.getMessage()).isEqualTo(expected);
        LOG.info("refused as declared: {}", behaviors.explain(behavior));
    }

    // ================================================================== reading back

    /** @return the inspector's reference to a mapped object's table */
    protected static ObjectRef ref(ObjectMetadata mapped) {
        return ObjectRef.of(mapped);
    }

    /**
     * @param run a run whose table exists; not null
     * @param columns source field names, or tracking column names; not null
     * @return the table's rows projected on those columns, values in the columns' canonical types
     */
    protected final List<List<Object>> rows(RunResult run, String... columns) {
        return rows(run.sourceObject(), run.mappedObject(), List.of(columns));
    }

    /**
     * Asserts what a table holds, regardless of row order, comparing values as {@link ValueFormats#sameValue}
     * does.
     *
     * @param run a run whose table exists; not null
     * @param columns source field names or tracking column names; not null
     * @param expected the rows, one value per column, typed as the columns' canonical types; not null
     * @param description what is compared, for the failure message; not null
     */
    protected final void assertRows(RunResult run, List<String> columns, List<List<Object>> expected,
                                    String description) {
        List<CanonicalType> types = types(run.sourceObject(), columns);
        List<List<Object>> actual = rows(run.sourceObject(), run.mappedObject(), columns);
        assertThat(keys(types, actual)).as("%s: rows of %s %s", description, ref(run.mappedObject()), columns)
                .containsExactlyElementsOf(keys(types, expected));
    }

    /**
     * Asserts a table holds the expected rows of a fixture: every source field and the job id.
     *
     * @param run a run whose table exists; not null
     * @param expected the rows; not null
     * @param description what is compared; not null
     */
    protected final void assertExpectedRows(RunResult run, List<ExpectedRow> expected, String description) {
        List<String> columns = new ArrayList<>(run.sourceObject().getFieldNames());
        columns.add(trackingColumns().jobId());
        assertRows(run, columns, expected.stream().map(ExpectedRow::valuesAndSyncId).toList(), description);
    }

    /** Asserts no object is left in the namespace but the tables the cases loaded. */
    protected final void assertNoLeftovers() {
        List<ObjectRef> leftovers = inspector.listObjects(targetCatalog, targetSchema).stream()
                .filter(o -> !loadedTables.contains(o.name())).toList();
        assertThat(leftovers).as("objects a load left behind in %s (staging or build-aside tables)", namespace())
                .isEmpty();
    }

    /**
     * @param run a run whose table exists; not null
     * @return every row of the table, all columns, as comparable keys: to compare a table before and after
     */
    protected final List<List<String>> snapshot(RunResult run) {
        InspectedTable table = inspector.read(ref(run.mappedObject()), RowOrder.any());
        List<CanonicalType> types = table.columns().stream().map(InspectedColumn::canonicalType).toList();
        return keys(types, table.rows());
    }

    private List<List<Object>> rows(ObjectMetadata source, ObjectMetadata mapped, List<String> columns) {
        InspectedTable table = inspector.read(ref(mapped), RowOrder.any());
        List<String> stored = new ArrayList<>();
        for (String c : columns) {
            stored.add(storedName(source, mapped, table, c));
        }
        List<CanonicalType> types = types(source, columns);
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : table.project(stored).rows()) {
            List<Object> coerced = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                coerced.add(coerce(types.get(i), row.get(i)));
            }
            out.add(coerced);
        }
        return out;
    }

    private String storedName(ObjectMetadata source, ObjectMetadata mapped, InspectedTable table, String column) {
        List<String> names = source.getFieldNames();
        int index = names.indexOf(column);
        if (index >= 0) {
            return mapped.getFields().get(index).getName();
        }
        if (trackingColumns().all().contains(column)) {
            return table.columnNames().stream().filter(n -> n.equals(column)).findFirst()
                    .or(() -> table.columnNames().stream().filter(n -> n.equalsIgnoreCase(column)).findFirst())
                    .orElseThrow(() -> new AssertionError("table " + table.object() + " has no tracking column "
                            + column + "; its columns are " + table.columnNames()));
        }
        throw new IllegalArgumentException("'" + column + "' is neither a field of " + source.getName()
                + " nor a tracking column");
    }

    private List<CanonicalType> types(ObjectMetadata source, List<String> columns) {
        TrackingColumns tracking = trackingColumns();
        List<CanonicalType> types = new ArrayList<>();
        for (String c : columns) {
            Optional<FieldMetadata> field = source.getField(c);
            if (field.isPresent()) {
                types.add(field.get().getCanonicalType());
            } else if (c.equals(tracking.synced())) {
                types.add(CanonicalType.TIMESTAMP_TZ);
            } else if (c.equals(tracking.deleted())) {
                types.add(CanonicalType.BOOLEAN);
            } else {
                types.add(CanonicalType.STRING);
            }
        }
        return types;
    }

    /** Brings a value read back to the Java type of the canonical type the column was loaded as. */
    private static Object coerce(CanonicalType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            // A destination without a zoned type keeps UTC in a naive timestamp.
            case TIMESTAMP_TZ -> value instanceof LocalDateTime t ? t.atOffset(ZoneOffset.UTC) : value;
            case BOOLEAN -> value instanceof Number n ? n.longValue() != 0 : value;
            case UUID -> value instanceof String s ? UUID.fromString(s.trim()) : value;
            case FLOAT -> value instanceof Double d ? d.floatValue() : value;
            default -> value;
        };
    }

    private static List<List<String>> keys(List<CanonicalType> types, List<List<Object>> rows) {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != types.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " values for " + types.size()
                        + " columns: " + row);
            }
            List<String> key = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                key.add(display(types.get(i), row.get(i)));
            }
            out.add(key);
        }
        out.sort(WarehouseConformanceSuite::compareKeys);
        return out;
    }

    private static String display(CanonicalType type, Object value) {
        if (value == null) {
            return "NULL";
        }
        try {
            return ValueFormats.comparisonKey(type, value).substring(1);
        } catch (ConnectorException e) {
            return "<not a " + type + ": " + value.getClass().getSimpleName() + " " + value + ">";
        }
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private void assertTableAbsent(ObjectMetadata source, String why) {
        ObjectMetadata mapped = destination.mapToTargetObject(source, rules, Optional.empty());
        assertThat(inspector.exists(ref(mapped))).as("table %s must not exist: %s", ref(mapped), why).isFalse();
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static List<FieldMetadata> orderFields() {
        return LoadModeFixtures.fields();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private long seed(int index) {
        return Seeds.forCase(baseSeed, index);
    }

    // ================================================================== load modes

    /**
     * Case: Each load mode on a first run.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(LoadMode.class)
    public void eachLoadModeOnAFirstRun(LoadMode mode) {
        ObjectMetadata source = source("first_" + lower(mode), orderFields());
        RunSpec.Builder spec = spec(source, mode, S2).rows(LoadModeFixtures.batchRows())
                .rowsPerFile(LoadModeFixtures.BATCH_ROWS_PER_FILE)
                .addErrorRow(dev.destsdk.testkit.runner.ErrorRow.of("failed upstream", "99", "never loaded",
                        "9.99", "1"));
        if (!hasBehavior(DestinationBehavior.of(mode))) {
            assertUnsupported(DestinationBehavior.of(mode), () -> run(spec));
            assertTableAbsent(source, "the load mode was refused");
            return;
        }
        RunResult run = run(spec);
        List<ExpectedRow> expected = LoadModeFixtures.expectedAfterFirstRun(mode);
        assertExpectedRows(run, expected, mode + " first run");
        assertThat(run.loadResponse().rowsLoaded()).as("rows loaded").isEqualTo(expected.size());
        assertThat(rows(run, trackingColumns().deleted())).as("%s of rows the source did not mark",
                trackingColumns().deleted()).allSatisfy(r -> assertThat(r).containsExactly(false));
        assertNoLeftovers();
    }

    /**
     * Case: Each load mode on an existing table.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(LoadMode.class)
    public void eachLoadModeOnAnExistingTable(LoadMode mode) {
        ObjectMetadata source = source("existing_" + lower(mode), orderFields());
        RunResult first = run(spec(source, anyLoadMode(), S1).rows(LoadModeFixtures.existingRows()));
        RunSpec.Builder batch = spec(source, mode, S2).rows(LoadModeFixtures.batchRows())
                .rowsPerFile(LoadModeFixtures.BATCH_ROWS_PER_FILE);
        if (!hasBehavior(DestinationBehavior.of(mode))) {
            List<List<String>> before = snapshot(first);
            assertUnsupported(DestinationBehavior.of(mode), () -> run(batch));
            assertThat(snapshot(first)).as("table after a refused load").isEqualTo(before);
            return;
        }
        RunResult run = run(batch);
        assertExpectedRows(run, LoadModeFixtures.expectedOnExistingTable(mode), mode + " on an existing table");
        LoadResponse response = run.loadResponse();
        switch (mode) {
            case MERGE -> {
                assertThat(response.rowsUpdated()).as("rows updated").isEqualTo(1);
                assertThat(response.rowsInserted()).as("rows inserted").isEqualTo(3);
            }
            case APPEND, OVERWRITE, TRUNCATE_AND_LOAD -> assertThat(response.rowsInserted()).as("rows inserted")
                    .isEqualTo(LoadModeFixtures.batchRows().size());
        }
        assertNoLeftovers();
    }

    /**
     * Case: MERGE without cursor lets the last row win.
     */
    @Test
    public void mergeWithoutCursorLetsTheLastRowWin() {
        List<FieldMetadata> fields = List.of(
                FieldMetadata.builder("id", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("v", CanonicalType.STRING).build());
        ObjectMetadata source = source("merge_no_cursor", fields);
        RunSpec.Builder spec = spec(source, LoadMode.MERGE, S1).rowsPerFile(2)
                .rows(List.of(row(1, "a"), row(1, "b"), row(1, "c"), row(2, "x")));
        if (!hasBehavior(SUPPORTS_MERGE)) {
            assertUnsupported(SUPPORTS_MERGE, () -> run(spec));
            return;
        }
        RunResult run = run(spec);
        assertRows(run, List.of("id", "v"), List.of(row(1, "c"), row(2, "x")), "the last row of a key wins");
    }

    /**
     * Case: MERGE without a key is refused.
     */
    @Test
    public void mergeWithoutAKeyIsRefused() {
        ObjectMetadata source = source("merge_no_key",
                List.of(FieldMetadata.builder("v", CanonicalType.STRING).build()));
        RunSpec.Builder spec = spec(source, LoadMode.MERGE, S1).rows(List.of(row("a")));
        if (!hasBehavior(SUPPORTS_MERGE)) {
            assertUnsupported(SUPPORTS_MERGE, () -> run(spec));
            return;
        }
        Throwable thrown = catchThrowable(() -> run(spec));
        assertThat(thrown).isInstanceOf(ConnectorException.class).hasMessageContaining("primary key");
        assertThat(((ConnectorException) thrown).getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertTableAbsent(source, "MERGE without a key was refused");
    }

    /**
     * Case: OVERWRITE replaces rows and definition.
     */
    @Test
    public void overwriteReplacesRowsAndDefinition() {
        ObjectMetadata source = source("overwrite_definition", orderFields());
        RunResult first = run(spec(source, anyLoadMode(), S1).rows(LoadModeFixtures.existingRows()));
        ObjectMetadata narrower = source("overwrite_definition", orderFields().subList(0, 2));
        RunSpec.Builder spec = spec(narrower, LoadMode.OVERWRITE, S2).rows(List.of(row(9L, "z")));
        if (!hasBehavior(SUPPORTS_OVERWRITE)) {
            List<List<String>> before = snapshot(first);
            assertUnsupported(SUPPORTS_OVERWRITE, () -> run(spec));
            assertThat(snapshot(first)).isEqualTo(before);
            return;
        }
        RunResult run = run(spec);
        assertRows(run, List.of("id", "name", trackingColumns().jobId()), List.of(row(9L, "z", S2)),
                "rows after OVERWRITE");
        String amount = first.mappedObject().getFields().get(2).getName();
        assertThat(inspector.columns(ref(run.mappedObject()))).extracting(InspectedColumn::name)
                .as("OVERWRITE replaces the definition").doesNotContain(amount);
        assertNoLeftovers();
    }

    /**
     * Case: TRUNCATE_AND_LOAD keeps the table definition.
     */
    @Test
    public void truncateAndLoadKeepsTheTableDefinition() {
        ObjectMetadata source = source("truncate_definition", orderFields());
        RunResult first = run(spec(source, anyLoadMode(), S1).rows(LoadModeFixtures.existingRows()));
        ObjectMetadata narrower = source("truncate_definition", orderFields().subList(0, 2));
        RunSpec.Builder spec = spec(narrower, LoadMode.TRUNCATE_AND_LOAD, S2).rows(List.of(row(9L, "z")));
        if (!hasBehavior(SUPPORTS_TRUNCATE_AND_LOAD)) {
            List<List<String>> before = snapshot(first);
            assertUnsupported(SUPPORTS_TRUNCATE_AND_LOAD, () -> run(spec));
            assertThat(snapshot(first)).isEqualTo(before);
            return;
        }
        RunResult run = run(spec);
        assertRows(run, List.of("id", "name", trackingColumns().jobId()), List.of(row(9L, "z", S2)),
                "rows after TRUNCATE_AND_LOAD");
        assertThat(inspector.columns(ref(run.mappedObject()))).extracting(InspectedColumn::name)
                .as("TRUNCATE_AND_LOAD keeps the definition")
                .containsAll(first.mappedObject().getFieldNames());
        assertRows(first, List.of("id", "amount", "seq"), List.of(row(9L, null, null)),
                "columns the source no longer sends are NULL");
        assertNoLeftovers();
    }

    /**
     * Case: Tracking columns hold the request's sync time and id.
     */
    @Test
    public void trackingColumnsHoldTheRequestsSyncTimeAndId() {
        ObjectMetadata source = source("tracking_columns", orderFields());
        RunResult run = run(spec(source, anyLoadMode(), "job-77.a").rows(List.of(row(1L, "a", null, 1))));
        Instant synced = run.sync().syncTime();
        TrackingColumns tracking = trackingColumns();
        List<List<Object>> values = rows(run, tracking.synced(), tracking.jobId(), tracking.deleted());
        assertThat(values).hasSize(1);
        OffsetDateTime stored = (OffsetDateTime) values.get(0).get(0);
        Instant expected = hasBehavior(PRESERVES_TIMESTAMP_TZ_MICROS) ? synced
                : synced.truncatedTo(ChronoUnit.MILLIS);
        assertThat(stored.toInstant()).as("%s holds the request's syncTime", tracking.synced())
                .isBetween(expected, synced);
        assertThat(values.get(0).subList(1, 3)).containsExactly("job-77.a", false);
        assertThat(run.mappedObject().getFieldNames()).as("mapping adds no tracking columns")
                .doesNotContainAnyElementsOf(tracking.all());
    }

    // ================================================================== deletes

    private ObjectMetadata deletableSource(String table) {
        return source(table, LoadModeFixtures.deletableFields(trackingColumns().deleted()));
    }

    /**
     * Case: Soft delete keeps the row marked.
     */
    @Test
    public void softDeleteKeepsTheRowMarked() {
        ObjectMetadata source = deletableSource("soft_delete");
        RunSpec.Builder existing = spec(source, LoadMode.MERGE, S1).rows(LoadModeFixtures.deletableExistingRows());
        if (!hasBehavior(SUPPORTS_MERGE)) {
            assertUnsupported(SUPPORTS_MERGE, () -> run(existing));
            return;
        }
        run(existing);
        RunResult run = run(spec(source, LoadMode.MERGE, S2).rows(LoadModeFixtures.deletingBatchRows()));
        assertThat(run.loadResponse().rowsDeleted()).as("soft deletes remove nothing").isZero();
        assertExpectedRows(run, LoadModeFixtures.expectedAfterSoftDelete(), "soft delete");
    }

    /**
     * Case: Hard delete removes the row.
     */
    @Test
    public void hardDeleteRemovesTheRow() {
        ObjectMetadata source = deletableSource("hard_delete");
        if (!hasBehavior(SUPPORTS_HARD_DELETES)) {
            RunResult first = run(spec(source, anyLoadMode(), S1).rows(LoadModeFixtures.deletableExistingRows()));
            List<List<String>> before = snapshot(first);
            assertUnsupported(SUPPORTS_HARD_DELETES, () -> run(spec(source, anyLoadMode(), S2)
                    .rows(LoadModeFixtures.deletingBatchRows()).hardDeletes(true)));
            assertThat(snapshot(first)).as("table after refused hard deletes").isEqualTo(before);
            return;
        }
        RunSpec.Builder existing = spec(source, LoadMode.MERGE, S1).rows(LoadModeFixtures.deletableExistingRows());
        if (!hasBehavior(SUPPORTS_MERGE)) {
            assertUnsupported(SUPPORTS_MERGE, () -> run(existing));
            return;
        }
        run(existing);
        RunResult run = run(spec(source, LoadMode.MERGE, S2).rows(LoadModeFixtures.deletingBatchRows())
                .hardDeletes(true));
        assertThat(run.loadResponse().rowsDeleted()).as("rows deleted").isEqualTo(1);
        assertExpectedRows(run, LoadModeFixtures.expectedAfterHardDelete(), "hard delete");
    }

    // ================================================================== ddlOnly, zeroRows, table handling

    /**
     * Case: ddlOnly creates or alters without rows.
     */
    @Test
    public void ddlOnlyCreatesOrAltersWithoutRows() {
        ObjectMetadata source = source("ddl_only", orderFields());
        LoadMode mode = anyLoadMode();
        RunResult created = run(spec(source, mode, S1).rows(List.of(row(1L, "a", null, 1))).ddlOnly(true));
        assertThat(created.loadResponse().rowsLoaded()).isZero();
        assertThat(inspector.read(ref(created.mappedObject()), RowOrder.any()).rowCount()).as("rows after ddlOnly")
                .isZero();
        run(spec(source, mode, S2).rows(List.of(row(1L, "a", null, 1))));
        List<FieldMetadata> more = new ArrayList<>(orderFields());
        more.add(FieldMetadata.builder("added", CanonicalType.DATE).build());
        ObjectMetadata wider = source("ddl_only", more);
        RunSpec.Builder alter = spec(wider, mode, "s3").rows(List.of(row(2L, "b", null, 2, LocalDate.of(2024, 1, 1))))
                .ddlOnly(true);
        Optional<SchemaEvolutionMode> adding = Stream.of(SchemaEvolutionMode.ALLOW_ALL,
                SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY).filter(m -> hasBehavior(DestinationBehavior.of(m)))
                .findFirst();
        if (adding.isEmpty()) {
            Throwable refused = catchThrowable(() -> run(alter));
            assertThat(refused).as("no declared evolution mode adds columns").isInstanceOf(ConnectorException.class);
            assertThat(((ConnectorException) refused).getErrorType()).as("%s", refused.getMessage())
                    .isEqualTo(ErrorType.SCHEMA_EVOLUTION_ERROR);
            return;
        }
        RunResult altered = run(alter.schemaEvolutionMode(adding.get()));
        assertThat(inspector.columns(ref(altered.mappedObject()))).extracting(InspectedColumn::name)
                .contains(altered.mappedObject().getFields().get(4).getName());
        assertRows(altered, List.of("id", "added", trackingColumns().jobId()), List.of(row(1L, null, S2)),
                "ddlOnly adds the column and loads no row");
    }

    /**
     * Case: zeroRows creates the empty table on a first run and changes nothing otherwise.
     */
    @Test
    public void zeroRowsCreatesTheEmptyTableOnAFirstRunAndChangesNothingOtherwise() {
        ObjectMetadata source = source("zero_rows", orderFields());
        LoadMode mode = hasBehavior(SUPPORTS_OVERWRITE) ? LoadMode.OVERWRITE : anyLoadMode();
        RunResult created = run(spec(source, mode, S1).zeroRows(true));
        assertThat(inspector.exists(ref(created.mappedObject()))).as("zeroRows creates the table").isTrue();
        assertThat(inspector.read(ref(created.mappedObject()), RowOrder.any()).rowCount()).isZero();
        run(spec(source, anyLoadMode(), S2).rows(List.of(row(1L, "a", null, 1))));
        RunResult again = run(spec(source, mode, "s3").zeroRows(true));
        assertThat(again.loadResponse().rowsLoaded()).isZero();
        assertRows(again, List.of("id", trackingColumns().jobId()), List.of(row(1L, S2)),
                "zeroRows on an existing table changes nothing, even with " + mode);
    }

    /**
     * Case: First run against an existing table follows table handling.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DestinationTableHandling.class)
    public void firstRunAgainstAnExistingTableFollowsTableHandling(DestinationTableHandling handling) {
        ObjectMetadata source = source("handling_" + lower(handling), orderFields());
        RunResult existing = run(spec(source, anyLoadMode(), S1).rows(LoadModeFixtures.existingRows()));
        List<List<String>> before = snapshot(existing);
        pipeline.forget(source);
        RunSpec.Builder firstRun = spec(source, anyLoadMode(), S2).rows(List.of(row(7L, "seven", null, 1)))
                .destinationTableHandling(handling);
        DestinationBehavior behavior = DestinationBehavior.of(handling);
        if (!hasBehavior(behavior)) {
            assertUnsupported(behavior, () -> run(firstRun));
            assertThat(snapshot(existing)).isEqualTo(before);
            return;
        }
        switch (handling) {
            case FAIL -> {
                Throwable thrown = catchThrowable(() -> run(firstRun));
                assertThat(thrown).isInstanceOf(ConnectorException.class);
                assertThat(((ConnectorException) thrown).getErrorType()).as("%s", thrown.getMessage())
                        .isEqualTo(ErrorType.VALIDATION_ERROR);
                assertThat(thrown.getMessage()).contains(existing.mappedObject().getName()).contains("FAIL");
                assertThat(snapshot(existing)).as("table after FAIL").isEqualTo(before);
            }
            case DROP -> {
                RunResult run = run(firstRun);
                assertRows(run, List.of("id", trackingColumns().jobId()), List.of(row(7L, S2)),
                        "DROP recreates the table");
            }
            case MERGE -> {
                RunResult run = run(firstRun);
                List<List<Object>> expected = new ArrayList<>();
                LoadModeFixtures.existingRows().forEach(r -> expected.add(row(r.get(0), S1)));
                expected.add(row(7L, S2));
                assertRows(run, List.of("id", trackingColumns().jobId()), expected,
                        "MERGE keeps the rows and adds the new ones");
            }
        }
        assertNoLeftovers();
    }

    // ================================================================== schema evolution

    private static List<FieldMetadata> evolvingFields(CanonicalType n, boolean withNote) {
        List<FieldMetadata> fields = new ArrayList<>(List.of(
                FieldMetadata.builder("id", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("n", n).build()));
        if (withNote) {
            fields.add(FieldMetadata.builder("note", CanonicalType.STRING).build());
        }
        return fields;
    }

    /** The previous mapping without the evolving fields, so that the load (not the mapping) decides evolution. */
    private static ObjectMetadata keyOnly(RunResult run) {
        ObjectMetadata mapped = run.mappedObject();
        return mapped.toBuilder().fields(List.of(mapped.getFields().get(0))).build();
    }

    /**
     * Case: Schema evolution adds columns and widens types.
     */
    @Test
    public void schemaEvolutionAddsColumnsAndWidensTypes() {
        ObjectMetadata v1 = source("evolve_widen", evolvingFields(CanonicalType.INTEGER, false));
        RunSpec.Builder first = spec(v1, anyLoadMode(), S1).rows(List.of(row(1, 7)))
                .schemaEvolutionMode(SchemaEvolutionMode.ALLOW_ALL);
        if (!hasBehavior(SUPPORTS_SCHEMA_EVOLUTION_ALLOW_ALL)) {
            assertUnsupported(SUPPORTS_SCHEMA_EVOLUTION_ALLOW_ALL, () -> run(first));
            return;
        }
        RunResult created = run(first);
        ObjectMetadata v2 = source("evolve_widen", evolvingFields(CanonicalType.LONG, true));
        RunResult run = run(spec(v2, anyLoadMode(), S2).rows(List.of(row(2, 9_000_000_000L, "new")))
                .schemaEvolutionMode(SchemaEvolutionMode.ALLOW_ALL).previousMappedObject(keyOnly(created)));
        assertRows(run, List.of("id", "n", "note"), List.of(row(1, 7L, null), row(2, 9_000_000_000L, "new")),
                "INTEGER widened to LONG, STRING column added");
        InspectedColumn n = inspector.columns(ref(run.mappedObject())).get(1);
        assertThat(n.canonicalType()).as("column %s after widening (%s)", n.name(), n.nativeType())
                .isIn(CanonicalType.LONG, CanonicalType.DECIMAL);
    }

    /**
     * Case: Narrowing is refused naming table column and types.
     */
    @Test
    public void narrowingIsRefusedNamingTableColumnAndTypes() {
        ObjectMetadata v1 = source("evolve_narrow", evolvingFields(CanonicalType.LONG, false));
        RunResult first = run(spec(v1, anyLoadMode(), S1).rows(List.of(row(1, 7L))));
        List<List<String>> before = snapshot(first);
        ObjectMetadata v2 = source("evolve_narrow", evolvingFields(CanonicalType.BOOLEAN, false));
        Throwable thrown = catchThrowable(() -> run(spec(v2, anyLoadMode(), S2).rows(List.of(row(2, true)))
                .previousMappedObject(keyOnly(first))));
        assertThat(thrown).isInstanceOf(ConnectorException.class);
        assertThat(((ConnectorException) thrown).getErrorType()).as("%s", thrown.getMessage())
                .isEqualTo(ErrorType.SCHEMA_EVOLUTION_ERROR);
        assertThat(thrown.getMessage()).contains(first.mappedObject().getName())
                .contains(first.mappedObject().getFields().get(1).getName()).contains("LONG").contains("BOOLEAN");
        assertThat(snapshot(first)).as("table after a refused narrowing").isEqualTo(before);
    }

    /**
     * Case: Each schema evolution mode allows or refuses changes before any data moves.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SchemaEvolutionMode.class)
    public void eachSchemaEvolutionModeAllowsOrRefusesChangesBeforeAnyDataMoves(SchemaEvolutionMode mode) {
        String table = "evolve_" + lower(mode);
        ObjectMetadata v1 = source(table, evolvingFields(CanonicalType.INTEGER, false));
        RunSpec.Builder first = spec(v1, anyLoadMode(), S1).rows(List.of(row(1, 7))).schemaEvolutionMode(mode);
        DestinationBehavior behavior = DestinationBehavior.of(mode);
        if (!hasBehavior(behavior)) {
            assertUnsupported(behavior, () -> run(first));
            assertTableAbsent(v1, "the evolution mode was refused");
            return;
        }
        RunResult current = run(first);
        boolean widens = mode == SchemaEvolutionMode.ALLOW_ALL || mode == SchemaEvolutionMode.ALLOW_TYPE_CHANGES_ONLY;
        boolean adds = mode == SchemaEvolutionMode.ALLOW_ALL || mode == SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY;

        ObjectMetadata widened = source(table, evolvingFields(CanonicalType.LONG, false));
        RunSpec.Builder widen = spec(widened, anyLoadMode(), S2).rows(List.of(row(2, 9_000_000_000L)))
                .schemaEvolutionMode(mode).previousMappedObject(keyOnly(current));
        current = attemptChange(current, widen, widens, mode, "n");
        CanonicalType n = widens ? CanonicalType.LONG : CanonicalType.INTEGER;

        ObjectMetadata added = source(table, evolvingFields(n, true));
        RunSpec.Builder add = spec(added, anyLoadMode(), "s3").rows(List.of(row(3, 3, "new")))
                .schemaEvolutionMode(mode).previousMappedObject(keyOnly(current));
        current = attemptChange(current, add, adds, mode, "note");
        List<List<Object>> expected = new ArrayList<>();
        expected.add(row(1, 7));
        if (widens) {
            expected.add(row(2, 9_000_000_000L));
        }
        if (adds) {
            expected.add(row(3, 3));
        }
        assertRows(current, List.of("id", "n"), expected, "rows after " + mode);
        assertNoLeftovers();
    }

    private RunResult attemptChange(RunResult current, RunSpec.Builder change, boolean allowed,
                                    SchemaEvolutionMode mode, String column) {
        if (allowed) {
            return run(change);
        }
        List<List<String>> before = snapshot(current);
        Throwable thrown = catchThrowable(() -> run(change));
        assertThat(thrown).as("%s must refuse the change of column %s", mode, column)
                .isInstanceOf(ConnectorException.class);
        assertThat(((ConnectorException) thrown).getErrorType()).as("%s", thrown.getMessage())
                .isEqualTo(ErrorType.SCHEMA_EVOLUTION_ERROR);
        assertThat(thrown.getMessage()).contains(column).contains(mode.name());
        assertThat(snapshot(current)).as("table after a refused change").isEqualTo(before);
        return current;
    }

    // ================================================================== identifiers

    /**
     * Case: Awkward identifiers round trip through real DDL.
     */
    @Test
    public void awkwardIdentifiersRoundTripThroughRealDdl() {
        List<String> names = List.of("Mixed Case", "select", "quote\"d", "back`tick", "it's",
                "\u00fcn\u00efc\u00f8d\u00e9 \u540d\u524d",
                "a_very_long_column_name_that_goes_on_and_on_well_beyond_sixty_four_characters_of_length_x");
        List<FieldMetadata> fields = new ArrayList<>();
        fields.add(FieldMetadata.builder("order", CanonicalType.INTEGER).primaryKey(true).build());
        names.forEach(n -> fields.add(FieldMetadata.builder(n, CanonicalType.STRING).build()));
        ObjectMetadata source = source("Weird \"Table\" \u00fcn\u00ef with a name longer than sixty-four "
                + "characters for sure", fields);
        List<Object> values = new ArrayList<>(List.of(1));
        names.forEach(n -> values.add("v " + n));
        RunResult run = run(spec(source, anyLoadMode(), S1).rows(List.of(values)));
        assertIdentifiersRoundTrip(run, List.of(values), "fixed identifiers");
        assertThat(run.mappedObject().getCustomAttributes()).containsEntry("origin", "testkit");
    }

    /**
     * Case: Generated identifiers round trip through real DDL.
     */
    @ParameterizedTest(name = "case {0}")
    @ValueSource(ints = {0, 1, 2})
    public void generatedIdentifiersRoundTripThroughRealDdl(int index) {
        long seed = seed(index);
        IdentifierGenerator generator = new IdentifierGenerator(seed);
        Map<String, IdentifierGenerator.Category> names = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        for (IdentifierGenerator.Category category : IdentifierGenerator.Category.values()) {
            for (int attempt = 0; attempt < 20; attempt++) {
                String name = generator.next(category);
                if (keys.add(Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT))) {
                    names.put(name, category);
                    break;
                }
            }
        }
        IdentifierGenerator.Category[] tableCategories = IdentifierGenerator.Category.values();
        String table = generator.next(tableCategories[new Random(seed).nextInt(tableCategories.length)])
                + " gen " + index;
        List<FieldMetadata> fields = new ArrayList<>();
        fields.add(FieldMetadata.builder("k", CanonicalType.INTEGER).primaryKey(true).build());
        names.keySet().forEach(n -> fields.add(FieldMetadata.builder(n, CanonicalType.STRING).build()));
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 1; r <= 2; r++) {
            List<Object> values = new ArrayList<>(List.of(r));
            for (String n : names.keySet()) {
                values.add(r + " " + n);
            }
            rows.add(values);
        }
        ObjectMetadata source = source(table, fields);
        RunResult run;
        try {
            run = run(spec(source, anyLoadMode(), S1).rows(rows));
        } catch (ConnectorException e) {
            throw new AssertionError("loading generated identifiers " + names.keySet() + " into table '" + table
                    + "' failed (" + Seeds.describe(seed) + "): " + e.getMessage(), e);
        }
        assertIdentifiersRoundTrip(run, rows, Seeds.describe(seed));
        List<FieldMetadata> mapped = run.mappedObject().getFields();
        int i = 1;
        for (Map.Entry<String, IdentifierGenerator.Category> e : names.entrySet()) {
            String mappedName = mapped.get(i++).getName();
            Optional<DestinationBehavior> keeps = keptBy(e.getValue());
            if (keeps.isPresent() && hasBehavior(keeps.get())) {
                assertThat(comparable(mappedName)).as("%s name '%s' survives mapping (%s; %s)", e.getValue(),
                        e.getKey(), behaviors.explain(keeps.get()), Seeds.describe(seed))
                        .isEqualTo(comparable(e.getKey()));
            }
        }
    }

    /**
     * @return how many distinct hostile names the name-fuzzing case tries: the system property
     *     {@code destsdk.fuzz.names}, 10000 by default. A variant suite of a connector that another suite already
     *     fuzzes in full may override it with fewer
     */
    protected int fuzzedNameCount() {
        return Integer.getInteger("destsdk.fuzz.names", 10_000);
    }

    /**
     * Case: Hostile names work through real DDL or are refused when mapping and a canary table survives.
     */
    @Test
    public void hostileNamesWorkThroughRealDdlOrAreRefusedWhenMappingAndACanaryTableSurvives() {
        long seed = seed(7);
        RunResult canary = run(spec(source("canary", orderFields()), anyLoadMode(), S1)
                .rows(LoadModeFixtures.existingRows()));
        List<List<String>> canaryBefore = snapshot(canary);
        int total = fuzzedNameCount();
        Set<String> distinct = distinctHostileNames(seed, total);
        FieldMetadata key = FieldMetadata.builder("k", CanonicalType.INTEGER).primaryKey(true).build();
        // each name alone: mapping accepts it, or refuses it with a VALIDATION_ERROR before any DDL
        Map<String, String> accepted = new LinkedHashMap<>();
        int refused = 0;
        for (String name : distinct) {
            try {
                ObjectMetadata probe = source("nf_probe", List.of(key,
                        FieldMetadata.builder(name, CanonicalType.STRING).build()));
                accepted.put(name, destination.mapToTargetObject(probe, rules, Optional.empty()).getFields().get(1)
                        .getName());
            } catch (ConnectorException e) {
                assertThat(e.getErrorType()).as("refusal of '%s' (%s): %s", name, Seeds.describe(seed),
                        e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
                refused++;
            } catch (IllegalArgumentException e) {
                // the metadata model itself refuses an empty name before any destination sees it
                assertThat(name).as("refused by the model (%s)", e.getMessage()).isEmpty();
                refused++;
            }
        }
        // the accepted names through real DDL and DML, up to 100 per table, no two that map alike in one table
        var names = destination.getIdentifierFormatter();
        List<String> pending = new ArrayList<>(accepted.keySet());
        int tables = 0;
        int loaded = 0;
        while (!pending.isEmpty()) {
            List<String> batch = new ArrayList<>();
            List<String> later = new ArrayList<>();
            List<String> mappedInBatch = new ArrayList<>(List.of("k"));
            for (String name : pending) {
                String mapped = accepted.get(name);
                if (batch.size() < 100 && mappedInBatch.stream().noneMatch(m -> names.isSameIdentifier(m, mapped)
                        || m.equalsIgnoreCase(mapped))) {
                    batch.add(name);
                    mappedInBatch.add(mapped);
                } else {
                    later.add(name);
                }
            }
            pending = later;
            List<FieldMetadata> fields = new ArrayList<>(List.of(key));
            List<Object> values = new ArrayList<>(List.of(1));
            for (String name : batch) {
                fields.add(FieldMetadata.builder(name, CanonicalType.STRING).build());
                values.add(name.replace("\u0000", ""));
            }
            String table = "nf " + tables++;
            RunResult run;
            try {
                run = run(spec(source(table, fields), anyLoadMode(), S1).rows(List.of(values)));
            } catch (ConnectorException e) {
                throw new AssertionError("names accepted when mapping failed at load (" + Seeds.describe(seed)
                        + "): " + e.getMessage() + "; names: " + batch, e);
            }
            List<String> mappedNames = run.mappedObject().getFieldNames();
            assertThat(inspector.columns(ref(run.mappedObject()))).extracting(InspectedColumn::name)
                    .as("the columns of %s are the mapped names, exactly (%s)", table, Seeds.describe(seed))
                    .containsSubsequence(mappedNames);
            assertRows(run, run.sourceObject().getFieldNames(), List.of(values), "values under hostile names ("
                    + Seeds.describe(seed) + ")");
            loaded += batch.size();
        }
        LOG.info("name fuzzing on {}: {} names, {} through real DDL in {} tables, {} refused when mapping ({})",
                destination.name(), total, loaded, tables, refused, Seeds.describe(seed));
        assertThat(loaded + refused).isEqualTo(total);
        assertThat(snapshot(canary)).as("the canary table after name fuzzing").isEqualTo(canaryBefore);
        assertNoLeftovers();
    }

    private static Optional<DestinationBehavior> keptBy(IdentifierGenerator.Category category) {
        return switch (category) {
            case PLAIN, MIXED_CASE, VERY_LONG -> Optional.empty();
            case RESERVED_WORD -> Optional.of(SUPPORTS_RESERVED_WORD_IDENTIFIERS);
            case EMBEDDED_DOUBLE_QUOTE, EMBEDDED_BACKTICK, EMBEDDED_SINGLE_QUOTE, SPACES, PUNCTUATION, LEADING_DIGIT ->
                    Optional.of(SUPPORTS_SPECIAL_CHARACTER_IDENTIFIERS);
            case ACCENTED, CJK, EMOJI, COMBINING_MARK -> Optional.of(SUPPORTS_UNICODE_IDENTIFIERS);
        };
    }

    private static String comparable(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private void assertIdentifiersRoundTrip(RunResult run, List<List<Object>> rows, String description) {
        ObjectMetadata mapped = run.mappedObject();
        List<String> mappedNames = mapped.getFieldNames();
        assertThat(mappedNames).as("mapped column names (%s)", description).doesNotHaveDuplicates()
                .hasSize(run.sourceObject().getFields().size());
        if (!hasBehavior(SUPPORTS_CASE_SENSITIVE_COLUMNS)) {
            assertThat(mappedNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList())
                    .as("mapped names differ case-insensitively (%s)", description).doesNotHaveDuplicates();
        }
        assertThat(inspector.listObjects(targetCatalog, targetSchema)).as("tables in %s (%s)", namespace(),
                description).contains(ref(mapped));
        assertThat(inspector.columns(ref(mapped))).extracting(InspectedColumn::name)
                .as("the table's columns are the mapped names (%s)", description).containsSubsequence(mappedNames);
        assertRows(run, run.sourceObject().getFieldNames(), rows, "values under generated names (" + description
                + ")");
        assertNoLeftovers();
    }

    /**
     * Case: Names that differ only in case are kept apart or reported as a collision before any DDL.
     */
    @Test
    public void namesThatDifferOnlyInCaseAreKeptApartOrReportedAsACollisionBeforeAnyDdl() {
        List<FieldMetadata> fields = List.of(
                FieldMetadata.builder("id", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("Name", CanonicalType.STRING).build(),
                FieldMetadata.builder("NAME", CanonicalType.STRING).build(),
                FieldMetadata.builder("name", CanonicalType.STRING).build());
        ObjectMetadata source = source("case_collision", fields);
        RunSpec.Builder spec = spec(source, anyLoadMode(), S1).rows(List.of(row(1, "a", "b", "c")));
        if (hasBehavior(SUPPORTS_CASE_SENSITIVE_COLUMNS)) {
            RunResult run = run(spec);
            assertRows(run, List.of("id", "Name", "NAME", "name"), List.of(row(1, "a", "b", "c")),
                    "columns differing only in case");
            return;
        }
        Throwable thrown = catchThrowable(() -> destination.mapToTargetObject(source, rules, Optional.empty()));
        assertThat(thrown).as("%s", behaviors.explain(SUPPORTS_CASE_SENSITIVE_COLUMNS))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("collision");
        assertThat(((ConnectorException) thrown).getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(catchThrowable(() -> run(spec))).isInstanceOf(ConnectorException.class);
        assertThat(inspector.listObjects(targetCatalog, targetSchema)).extracting(ObjectRef::name)
                .as("no DDL ran").noneMatch(n -> n.toLowerCase(Locale.ROOT).contains("case_collision"));
    }

    /**
     * @return how many hostile schema names go through real DDL (a schema, a table and a row each) in the schema
     *     name-fuzzing case, beside the fixed ones: the system property {@code destsdk.fuzz.schemas}, 40 by default
     */
    protected int fuzzedSchemaDdlCount() {
        return Integer.getInteger("destsdk.fuzz.schemas", 40);
    }

    /**
     * Schema names fuzzed like table and column names ({@link #fuzzedNameCount()} hostile names, each as a source
     * schema mapped with {@link SchemaStrategy#SOURCE_SCHEMA}): mapping accepts a name or refuses it with a
     * VALIDATION_ERROR, and maps it the same way twice. Then, where the destination creates schemas, fixed cases
     * (case-colliding pairs such as {@code Sc}/{@code SC}, {@code t<LF>x}/{@code t<TAB>x}, reserved words, long names
     * sharing a prefix, quotes and comment markers) and {@link #fuzzedSchemaDdlCount()} generated names go through
     * real DDL, one table each, in one pipeline: each load either works, its table listed under the mapped schema
     * name exactly and holding its own rows, or is refused before any DDL as a collision with an earlier schema of
     * the same pipeline (the earlier table unchanged). A canary table in the suite's schema is intact afterwards.
     */
    @Test
    public void hostileSchemaNamesWorkThroughRealDdlOrAreRefusedWhenMappingAndCollisionsAreReportedBeforeDdl() {
        long seed = seed(13);
        RunResult canary = run(spec(source("schema_canary", orderFields()), anyLoadMode(), S1)
                .rows(LoadModeFixtures.existingRows()));
        List<List<String>> canaryBefore = snapshot(canary);
        NamespaceRules bySource = NamespaceRules.builder().schemaStrategy(SchemaStrategy.SOURCE_SCHEMA).build();
        String table = namespace() + "_hs";
        // mapping: every generated name as a schema
        Set<String> generated = distinctHostileNames(seed, fuzzedNameCount());
        List<String> acceptedGenerated = new ArrayList<>();
        int refused = 0;
        for (String name : generated) {
            Optional<ObjectMetadata> mapped = mapSchema(name, table, bySource, seed);
            if (mapped.isEmpty()) {
                refused++;
                continue;
            }
            assertThat(mapSchema(name, table, bySource, seed).orElseThrow().getSchema())
                    .as("schema '%s' maps the same way twice (%s)", name, Seeds.describe(seed))
                    .isEqualTo(mapped.get().getSchema());
            acceptedGenerated.add(name);
        }
        LOG.info("schema name fuzzing on {}: {} names mapped, {} refused when mapping ({})", destination.name(),
                generated.size(), refused, Seeds.describe(seed));
        if (!hasBehavior(SUPPORTS_AUTO_CREATE_SCHEMA)) {
            // the destination does not create schemas: an administrator would, so no DDL is fuzzed here
            assertThat(snapshot(canary)).isEqualTo(canaryBefore);
            return;
        }
        // real DDL: fixed hostile cases (unique per run behind the suite's namespace, except reserved words, which
        // must be themselves) and a sample of the accepted generated names behind the same prefix
        String p = namespace() + "_";
        List<String> names = new ArrayList<>(List.of(p + "Sc", p + "SC", p + "t\nx", p + "t\tx", "select", "order",
                p + "s".repeat(150) + "a", p + "s".repeat(150) + "b", p + "q\"uo'te`;-- /*x*/", p + "DROP TABLE x;"));
        acceptedGenerated.stream().limit(fuzzedSchemaDdlCount()).map(n -> p + n).forEach(names::add);
        Map<String, RunResult> loadedBySchema = new LinkedHashMap<>();
        Map<String, List<List<String>>> rowsBySchema = new LinkedHashMap<>();
        var formatter = destination.getIdentifierFormatter();
        int through = 0;
        int collisions = 0;
        long key = 10;
        for (String name : names) {
            ObjectMetadata source = ObjectMetadata.builder(table).schema(name).fields(orderFields()).build();
            Optional<ObjectMetadata> mapped = mapSchema(name, table, bySource, seed);
            if (mapped.isEmpty()) {
                continue;
            }
            String mappedSchema = mapped.get().getSchema().orElseThrow();
            Optional<String> earlier = loadedBySchema.keySet().stream()
                    .filter(s -> formatter.isSameIdentifier(s, mappedSchema)).findFirst();
            registerSchemaCleanUp(mapped.get());
            RunSpec.Builder spec = RunSpec.builder(source).namespaceRules(bySource).loadMode(anyLoadMode())
                    .syncId(S1).syncTime(T0.plusSeconds(syncSeconds++))
                    .rows(List.of(row(key, "v" + key++, null, 1)));
            if (earlier.isPresent()) {
                Throwable thrown = catchThrowable(() -> pipeline.run(spec.build()));
                assertThat(thrown).as("schema '%s' maps to the schema of an earlier load, %s (%s)", name,
                        earlier.get(), Seeds.describe(seed)).isInstanceOf(ConnectorException.class)
                        .hasMessageContaining("both map to");
                assertThat(((ConnectorException) thrown).getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
                RunResult first = loadedBySchema.get(earlier.get());
                assertThat(snapshot(first)).as("the table of the earlier schema %s", earlier.get())
                        .isEqualTo(rowsBySchema.get(earlier.get()));
                collisions++;
                continue;
            }
            RunResult run;
            try {
                run = pipeline.run(spec.build());
            } catch (ConnectorException e) {
                throw new AssertionError("schema '" + name + "' accepted when mapping failed at load ("
                        + Seeds.describe(seed) + "): " + e.getMessage(), e);
            }
            assertThat(inspector.listObjects(run.mappedObject().getCatalog(), run.mappedObject().getSchema()))
                    .as("tables in schema %s, listed under its mapped name exactly", mappedSchema)
                    .contains(ref(run.mappedObject()))
                    .noneMatch(o -> o.name().startsWith("_destsdk_")
                            && o.name().endsWith(run.mappedObject().getName()));
            List<List<String>> rows = snapshot(run);
            assertThat(rows).as("rows of the table in schema %s", mappedSchema).hasSize(1);
            loadedBySchema.put(mappedSchema, run);
            rowsBySchema.put(mappedSchema, rows);
            through++;
        }
        // every table still holds only its own row: no two schemas silently shared one
        for (Map.Entry<String, RunResult> loaded : loadedBySchema.entrySet()) {
            assertThat(snapshot(loaded.getValue())).as("the table in schema %s after every load", loaded.getKey())
                    .isEqualTo(rowsBySchema.get(loaded.getKey()));
        }
        LOG.info("schema name fuzzing on {}: {} schemas through real DDL, {} collisions refused before DDL",
                destination.name(), through, collisions);
        assertThat(through).as("schemas through real DDL").isGreaterThanOrEqualTo(names.size() / 2);
        assertThat(snapshot(canary)).as("the canary table after schema name fuzzing").isEqualTo(canaryBefore);
        assertNoLeftovers();
    }

    /** @return {@code total} distinct names from {@link HostileNames} of the seed */
    private static Set<String> distinctHostileNames(long seed, int total) {
        HostileNames generator = new HostileNames(seed);
        Set<String> distinct = new LinkedHashSet<>();
        for (int attempt = 0; distinct.size() < total && attempt < total * 20; attempt++) {
            distinct.add(generator.next());
        }
        assertThat(distinct).as("distinct generated names (%s)", Seeds.describe(seed)).hasSize(total);
        return distinct;
    }

    /** Maps a source object in schema {@code name}; empty when mapping refuses the name as it must. */
    private Optional<ObjectMetadata> mapSchema(String name, String table, NamespaceRules bySource, long seed) {
        try {
            ObjectMetadata source = ObjectMetadata.builder(table).schema(name).fields(orderFields()).build();
            return Optional.of(destination.mapToTargetObject(source, bySource, Optional.empty()));
        } catch (ConnectorException e) {
            assertThat(e.getErrorType()).as("refusal of schema '%s' (%s): %s", name, Seeds.describe(seed),
                    e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // the metadata model itself refuses an empty or blank schema name before any destination sees it
            assertThat(name).as("refused by the model (%s)", e.getMessage()).isBlank();
            return Optional.empty();
        }
    }

    /**
     * Removes a fuzzed schema after the suite: only when it holds nothing but this run's tables (a reserved word is
     * the same schema for every run on the server).
     */
    private void registerSchemaCleanUp(ObjectMetadata mapped) {
        extraCleanUps.add(() -> {
            List<ObjectRef> objects = inspector.listObjects(mapped.getCatalog(), mapped.getSchema());
            if (objects.stream().allMatch(o -> o.name().contains(namespace()))) {
                inspector.removeNamespace(mapped.getCatalog(), mapped.getSchema());
            }
        });
    }

    /**
     * Case: Source objects mapped to one table are refused before the second loads.
     */
    @Test
    public void sourceObjectsMappedToOneTableAreRefusedBeforeTheSecondLoads() {
        List<List<String>> pairs = List.of(List.of("Tcase_coll", "TCASE_COLL"), List.of("t\nx_coll", "t\tx_coll"));
        for (List<String> pair : pairs) {
            RunResult first = run(spec(source(pair.get(0), orderFields()), anyLoadMode(), S1)
                    .rows(LoadModeFixtures.existingRows()));
            List<List<String>> before = snapshot(first);
            ObjectMetadata other = source(pair.get(1), orderFields());
            ObjectMetadata mapped = destination.mapToTargetObject(other, rules, Optional.empty());
            var names = destination.getIdentifierFormatter();
            boolean oneTable = names.isSameIdentifier(mapped.getName(), first.mappedObject().getName());
            RunSpec.Builder second = spec(other, anyLoadMode(), S2).rows(List.of(row(9L, "z", null, 1)));
            if (oneTable) {
                Throwable thrown = catchThrowable(() -> run(second));
                assertThat(thrown).as("%s and %s map to one table", pair.get(0), pair.get(1))
                        .isInstanceOf(ConnectorException.class).hasMessageContaining("both map to");
                assertThat(((ConnectorException) thrown).getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
            } else {
                RunResult apart = run(second);
                assertThat(snapshot(apart)).hasSize(1);
            }
            assertThat(snapshot(first)).as("the first object's table").isEqualTo(before);
        }
        assertNoLeftovers();
    }

    /**
     * Case: Mapping copies keys cursor and attributes and adds no tracking columns.
     */
    @Test
    public void mappingCopiesKeysCursorAndAttributesAndAddsNoTrackingColumns() {
        ObjectMetadata mapped = destination.mapToTargetObject(source("mapping", orderFields()), rules,
                Optional.empty());
        assertThat(mapped.getFields()).hasSize(4);
        assertThat(mapped.getPrimaryKeyFields()).extracting(FieldMetadata::getName).containsExactly("id");
        assertThat(mapped.getCursorField()).map(FieldMetadata::getName).hasValue("seq");
        assertThat(mapped.getFields()).allSatisfy(f -> assertThat(f.getOriginalDataType()).as("native type of %s",
                f.getName()).isPresent());
        assertThat(mapped.getCustomAttributes()).containsEntry("origin", "testkit");
        assertThat(mapped.getFieldNames()).doesNotContainAnyElementsOf(trackingColumns().all());
        assertThat(mapped.getSchema().or(mapped::getCatalog)).as("namespace").isPresent();
        ObjectMetadata widened = destination.mapToTargetObject(source("mapping", List.of(
                        FieldMetadata.builder("id", CanonicalType.SHORT).primaryKey(true).build())), rules,
                Optional.of(mapped));
        assertThat(widened.getFields().get(0).getCanonicalType()).as("a narrower type widens to the existing one")
                .isEqualTo(CanonicalType.LONG);
    }

    // ================================================================== values

    private List<CanonicalType> supportedTypes() {
        return Arrays.stream(CanonicalType.values()).filter(t -> hasBehavior(DestinationBehavior.of(t))).toList();
    }

    /** Keeps the key and the columns of types the destination supports. */
    private List<Integer> supportedColumns(List<FieldMetadata> fields) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).isPrimaryKey() || hasBehavior(DestinationBehavior.of(fields.get(i)
                    .getCanonicalType()))) {
                keep.add(i);
            }
        }
        return keep;
    }

    private static <T> List<T> pick(List<T> values, List<Integer> indexes) {
        return indexes.stream().map(values::get).toList();
    }

    /**
     * Case: Values of every canonical type round trip exactly.
     */
    @Test
    public void valuesOfEveryCanonicalTypeRoundTripExactly() {
        List<FieldMetadata> all = AllTypesFixtures.fields();
        List<Integer> keep = supportedColumns(all);
        List<FieldMetadata> fields = pick(all, keep);
        List<List<Object>> rows = AllTypesFixtures.rows(false).stream()
                .map(r -> pick(r, keep)).toList();
        RunResult run = run(spec(source("all_types", fields), anyLoadMode(), S1).rows(rows));
        assertValuesRoundTrip(run, fields, rows, "all-types fixture");
    }

    /**
     * Case: Every edge value of every type round trips.
     */
    @Test
    public void everyEdgeValueOfEveryTypeRoundTrips() {
        List<FieldMetadata> fields = generatedFields();
        ValueGenerator generator = new ValueGenerator(0, valueOptions());
        List<List<Object>> edges = new ArrayList<>();
        int count = 0;
        for (FieldMetadata f : fields) {
            List<Object> values = generator.edgeValues(f);
            edges.add(values);
            count = Math.max(count, values.size());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            List<Object> values = new ArrayList<>();
            values.add(r);
            for (int c = 1; c < fields.size(); c++) {
                List<Object> column = edges.get(c);
                values.add(adaptInput(fields.get(c).getCanonicalType(), column.get(r % column.size())));
            }
            rows.add(values);
        }
        RunResult run = run(spec(source("edge_values", fields), anyLoadMode(), S1).rows(rows));
        assertValuesRoundTrip(run, fields, rows, "edge values");
    }

    /**
     * Case: Generated values of every type round trip.
     */
    @ParameterizedTest(name = "case {0}")
    @ValueSource(ints = {0, 1, 2})
    public void generatedValuesOfEveryTypeRoundTrip(int index) {
        long seed = seed(index);
        List<FieldMetadata> fields = generatedFields();
        ObjectMetadata source = source("generated_values_" + index, fields);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> generated : new ValueGenerator(seed, valueOptions()).rows(source, GENERATED_ROWS)) {
            List<Object> values = new ArrayList<>(generated);
            for (int c = 1; c < fields.size(); c++) {
                values.set(c, adaptInput(fields.get(c).getCanonicalType(), values.get(c)));
            }
            rows.add(values);
        }
        RunResult run = run(spec(source, anyLoadMode(), S1).rows(rows).rowsPerFile(GENERATED_ROWS / 2));
        assertValuesRoundTrip(run, fields, rows, Seeds.describe(seed));
    }

    /** @return a key {@code k} and one nullable column per supported canonical type */
    private List<FieldMetadata> generatedFields() {
        List<FieldMetadata> fields = new ArrayList<>();
        fields.add(FieldMetadata.builder("k", CanonicalType.INTEGER).primaryKey(true).nullable(false).build());
        for (CanonicalType t : supportedTypes()) {
            FieldMetadata.Builder b = FieldMetadata.builder(AllTypesFixtures.columnName(t), t);
            if (t == CanonicalType.DECIMAL) {
                if (hasBehavior(SUPPORTS_DECIMAL_PRECISION_38)) {
                    b.precision(38).scale(9);
                } else {
                    b.precision(18).scale(6);
                }
            }
            fields.add(b.build());
        }
        return fields;
    }

    private ValueGenerator.Options valueOptions() {
        // NaN and infinities are refused by every warehouse destination (CanonicalText; the corpus proves it)
        return ValueGenerator.Options.defaults().withNonFiniteFloats(false);
    }

    /** Brings a generated value into what the behaviours say the destination holds exactly. */
    private Object adaptInput(CanonicalType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case DATE -> inRange((LocalDate) value);
            case TIME -> hasBehavior(PRESERVES_TIME_MICROS) ? value
                    : ((LocalTime) value).truncatedTo(ChronoUnit.MILLIS);
            case TIMESTAMP -> {
                LocalDateTime t = (LocalDateTime) value;
                t = t.with(inRange(t.toLocalDate()));
                yield hasBehavior(PRESERVES_TIMESTAMP_MICROS) ? t : t.truncatedTo(ChronoUnit.MILLIS);
            }
            case TIMESTAMP_TZ -> {
                OffsetDateTime t = (OffsetDateTime) value;
                t = t.with(inRange(t.toLocalDate()));
                yield hasBehavior(PRESERVES_TIMESTAMP_TZ_MICROS) ? t : t.truncatedTo(ChronoUnit.MILLIS);
            }
            case FLOAT -> !hasBehavior(PRESERVES_NEGATIVE_ZERO) && Float.compare((Float) value, -0.0f) == 0
                    ? 0.0f : value;
            case DOUBLE -> !hasBehavior(PRESERVES_NEGATIVE_ZERO) && Double.compare((Double) value, -0.0d) == 0
                    ? 0.0d : value;
            case UUID -> {
                UUID u = (UUID) value;
                boolean rfc = u.variant() == 2 && u.version() >= 1 && u.version() <= 7;
                boolean nilOrMax = u.equals(new UUID(0, 0)) || u.equals(new UUID(-1, -1));
                // Without SUPPORTS_ANY_UUID other values become version 4 UUIDs with the same random bits.
                yield hasBehavior(SUPPORTS_ANY_UUID) || rfc || nilOrMax ? u
                        : new UUID((u.getMostSignificantBits() & ~0xF000L) | 0x4000L,
                                (u.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
            }
            default -> value;
        };
    }

    /** Without {@code SUPPORTS_FULL_DATE_RANGE}, dates are kept within the years 1900 to 2099. */
    private LocalDate inRange(LocalDate date) {
        if (hasBehavior(SUPPORTS_FULL_DATE_RANGE) || (date.getYear() >= 1900 && date.getYear() < 2100)) {
            return date;
        }
        return date.withYear(1900 + Math.floorMod(date.getYear(), 200));
    }

    private Object expectedValue(CanonicalType type, Object written) {
        if (type == CanonicalType.STRING && "".equals(written) && !hasBehavior(
                SUPPORTS_EMPTY_STRING_DISTINCT_FROM_NULL)) {
            return null;
        }
        return written;
    }

    private void assertValuesRoundTrip(RunResult run, List<FieldMetadata> fields, List<List<Object>> written,
                                       String description) {
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> w : written) {
            List<Object> e = new ArrayList<>(w.size());
            for (int i = 0; i < w.size(); i++) {
                e.add(expectedValue(fields.get(i).getCanonicalType(), w.get(i)));
            }
            expected.add(e);
        }
        List<String> columns = fields.stream().map(FieldMetadata::getName).toList();
        List<List<Object>> actual = rows(run, columns.toArray(String[]::new));
        // Compare per key so that a failure names the row and the column that differ.
        Map<String, List<Object>> byKey = new LinkedHashMap<>();
        actual.forEach(r -> byKey.put(display(fields.get(0).getCanonicalType(), r.get(0)), r));
        assertThat(byKey.keySet()).as("keys read back (%s)", description)
                .containsExactlyInAnyOrderElementsOf(expected.stream()
                        .map(r -> display(fields.get(0).getCanonicalType(), r.get(0))).toList());
        for (List<Object> e : expected) {
            List<Object> a = byKey.get(display(fields.get(0).getCanonicalType(), e.get(0)));
            for (int c = 1; c < e.size(); c++) {
                CanonicalType type = fields.get(c).getCanonicalType();
                assertThat(display(type, a.get(c))).as("%s of row %s (%s, written %s)", columns.get(c), e.get(0),
                        description, describe(e.get(c))).isEqualTo(display(type, e.get(c)));
            }
        }
    }

    private static String describe(Object value) {
        if (value instanceof byte[] b) {
            return "bytes " + java.util.HexFormat.of().formatHex(b);
        }
        if (value instanceof String s) {
            return "'" + s.codePoints().mapToObj(cp -> cp < 0x20 || cp == 0x7f || (cp > 0x7e && cp < 0xa0)
                    ? String.format(Locale.ROOT, "\\u%04x", cp) : Character.toString(cp))
                    .collect(Collectors.joining()) + "'";
        }
        return String.valueOf(value);
    }

    /**
     * @return formats covering 0/1/2 header rows, NULL markers, delimiters, quotes, escapes, trimming, gzip, hex
     *     binaries and Latin-1 (also used by the file suite)
     */
    public static Stream<Arguments> csvFormats() {
        CsvFileFormat d = CsvFileFormat.DEFAULT;
        return Stream.of(
                Arguments.of("default", d),
                Arguments.of("no header", d.toBuilder().skipHeader(0).build()),
                Arguments.of("two header rows", d.toBuilder().skipHeader(2).build()),
                Arguments.of("NULL marker, empty is empty",
                        d.toBuilder().emptyFieldAsNull(false).nullIf("NULL").build()),
                Arguments.of("two markers", d.toBuilder().emptyFieldAsNull(false).nullIf("\\N", "NULL").build()),
                Arguments.of("empty and marker", d.toBuilder().nullIf("null").build()),
                Arguments.of("semicolon, single quote", d.toBuilder().fieldDelimiter(';').quote('\'').build()),
                Arguments.of("tab, backslash escape", d.toBuilder().fieldDelimiter('\t').escape('\\').build()),
                Arguments.of("trim spaces", d.toBuilder().trimSpace(true).build()),
                Arguments.of("gzip, crlf", d.toBuilder().gzip(true).recordSeparator("\r\n").build()),
                Arguments.of("hex binaries", d.toBuilder().binaryFormat(BinaryFormat.HEX).build()),
                Arguments.of("latin-1", d.toBuilder().encoding(StandardCharsets.ISO_8859_1).build()));
    }

    /**
     * Case: CSV formats load the same values.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("csvFormats")
    public void csvFormatsLoadTheSameValues(String description, CsvFileFormat format) {
        List<FieldMetadata> all = AllTypesFixtures.fields();
        List<Integer> keep = supportedColumns(all);
        List<FieldMetadata> fields = pick(all, keep);
        boolean latin1 = format.encoding().equals(StandardCharsets.ISO_8859_1);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> r : AllTypesFixtures.rows(false)) {
            List<Object> copy = new ArrayList<>(pick(r, keep));
            for (int i = 0; i < copy.size(); i++) {
                if (latin1 && copy.get(i) instanceof String s) {
                    copy.set(i, s.replaceAll("[^\\x00-\\xff]", "?"));
                }
            }
            rows.add(copy);
        }
        String table = "csv_" + description.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT);
        RunResult run = run(spec(source(table, fields), anyLoadMode(), S1).fileFormat(format).rows(rows));
        assertValuesRoundTrip(run, fields, rows, "format " + description);
    }

    /**
     * Case: Generated strings round trip.
     */
    @ParameterizedTest(name = "case {0}")
    @ValueSource(ints = {0, 1, 2})
    public void generatedStringsRoundTrip(int index) {
        long seed = seed(index);
        Random random = new Random(seed);
        List<FieldMetadata> fields = List.of(
                FieldMetadata.builder("k", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("s", CanonicalType.STRING).build());
        String alphabet = "ab ,;\"'\\\n\r\t\u00fc\u540d\uD83D\uDE00NUL";
        int letters = alphabet.codePointCount(0, alphabet.length());
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) {
                sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(letters))));
            }
            rows.add(row(i, random.nextInt(10) == 0 ? null : sb.toString()));
        }
        RunResult run = run(spec(source("generated_strings_" + index, fields), anyLoadMode(), S1).rows(rows));
        assertValuesRoundTrip(run, fields, rows, Seeds.describe(seed));
    }

    // ================================================================== retries, cancellation, bad input

    /**
     * Case: A retried load with the same sync id gives the same table.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(LoadMode.class)
    public void aRetriedLoadWithTheSameSyncIdGivesTheSameTable(LoadMode mode) {
        ObjectMetadata source = source("retry_" + lower(mode), orderFields());
        run(spec(source, anyLoadMode(), S1).rows(LoadModeFixtures.existingRows()));
        RunSpec.Builder batch = spec(source, mode, S2).rows(LoadModeFixtures.batchRows())
                .rowsPerFile(LoadModeFixtures.BATCH_ROWS_PER_FILE);
        if (!hasBehavior(DestinationBehavior.of(mode))) {
            assertUnsupported(DestinationBehavior.of(mode), () -> run(batch));
            return;
        }
        RunResult once = run(batch);
        List<List<String>> after = snapshot(once);
        RunResult twice = run(spec(source, mode, S2).rows(LoadModeFixtures.batchRows())
                .rowsPerFile(LoadModeFixtures.BATCH_ROWS_PER_FILE).syncTime(once.sync().syncTime()));
        assertThat(snapshot(twice)).as("%s retried with the same sync id", mode).isEqualTo(after);
        assertExpectedRows(twice, LoadModeFixtures.expectedOnExistingTable(mode), mode + " retried");
        assertNoLeftovers();
    }

    /**
     * Case: Cancellation mid load leaves the table unchanged and no staging table.
     */
    @Test
    public void cancellationMidLoadLeavesTheTableUnchangedAndNoStagingTable() {
        ObjectMetadata source = source("cancel_mid_load", orderFields());
        RunResult first = run(spec(source, anyLoadMode(), S1).rows(LoadModeFixtures.existingRows()));
        List<List<String>> before = snapshot(first);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 600; i++) {
            rows.add(row(1000 + i, "x", null, 1));
        }
        CancellationToken token = new CancellationToken();
        RunSpec spec = spec(source, anyLoadMode(), S2).rows(rows).rowsPerFile(200).cancellation(token).build();
        List<ProgressEvent> seen = new ArrayList<>();
        Throwable thrown = catchThrowable(() -> pipeline.run(spec, event -> {
            seen.add(event);
            // Cancel once rows have reached the destination: the middle of the load, not before it.
            if (event.status() == ProgressEvent.Status.RUNNING && event.rowsProcessed() > 0) {
                token.cancel();
            }
        }));
        assertThat(token.isCancelled()).as("the load reported rows in progress (events: %s)", seen).isTrue();
        if (!hasBehavior(SUPPORTS_CANCELLATION)) {
            assertThat(thrown).as("%s", behaviors.explain(SUPPORTS_CANCELLATION)).isNull();
            return;
        }
        assertThat(thrown).as("a load cancelled in the middle").isInstanceOf(ConnectorException.class);
        ConnectorException e = (ConnectorException) thrown;
        assertThat(e.getErrorType()).as("%s", e.getMessage()).isEqualTo(ErrorType.CANCELLED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(snapshot(first)).as("table after a cancelled load").isEqualTo(before);
        assertNoLeftovers();
    }

    /**
     * Case: A null primary key is rejected naming file and record and the table is unchanged.
     */
    @Test
    public void aNullPrimaryKeyIsRejectedNamingFileAndRecordAndTheTableIsUnchanged() {
        ObjectMetadata source = source("null_key", orderFields());
        RunResult first = run(spec(source, anyLoadMode(), S1).rows(LoadModeFixtures.existingRows()));
        List<List<String>> before = snapshot(first);
        RunSpec.Builder bad = spec(source, anyLoadMode(), S2).rowsPerFile(2)
                .rows(List.of(row(7L, "b", null, 1), row(8L, "c", null, 1), row(null, "bad", null, 1)));
        Throwable thrown = catchThrowable(() -> run(bad));
        assertThat(thrown).isInstanceOf(ConnectorException.class);
        ConnectorException e = (ConnectorException) thrown;
        assertThat(e.getErrorType()).as("%s", e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).as("file named by: %s", e.getMessage())
                .hasValue("success_part_00001" + CsvFileFormat.DEFAULT.fileSuffix());
        assertThat(e.getContext().record()).as("record named by: %s", e.getMessage()).hasValue(1L);
        assertThat(snapshot(first)).as("table after a rejected load").isEqualTo(before);
        assertNoLeftovers();
    }

    /**
     * Case: A ragged record is rejected naming file and line and the table is unchanged.
     */
    @Test
    public void aRaggedRecordIsRejectedNamingFileAndLineAndTheTableIsUnchanged() throws IOException {
        ObjectMetadata source = source("ragged_record", orderFields());
        RunResult first = run(spec(source, anyLoadMode(), S1).rows(LoadModeFixtures.existingRows()));
        List<List<String>> before = snapshot(first);
        // The runner's writer never writes a ragged record, so this file is written by hand.
        Path dir = Files.createDirectories(workRoot.resolve("ragged"));
        Files.writeString(dir.resolve("success_part_00000.csv"), "id,name,amount,seq\n7,b,2,1\n8,c,3\n",
                StandardCharsets.UTF_8);
        Throwable thrown = catchThrowable(() -> loadDirectly(first, dir, anyLoadMode(), S2, b -> { }));
        assertThat(thrown).isInstanceOf(ConnectorException.class);
        ConnectorException e = (ConnectorException) thrown;
        assertThat(e.getErrorType()).as("%s", e.getMessage()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).as("file named by: %s", e.getMessage()).hasValue("success_part_00000.csv");
        assertThat(e.getContext().line().isPresent() || e.getContext().record().isPresent())
                .as("line or record named by: %s", e.getMessage()).isTrue();
        assertThat(snapshot(first)).as("table after a rejected load").isEqualTo(before);
        assertNoLeftovers();
    }

    /**
     * What fault injection needs for a server database.
     *
     * @param destination a destination like {@link #createDestination()}'s, loading as a database user of its own
     *     into {@link #namespace()}; closed by the suite
     * @param killer terminates that user's sessions; not null
     * @param cleanUp run once the case ends (drop the user, close the admin connection); not null
     */
    public record FaultInjection(Destination destination, SessionKiller killer, Runnable cleanUp) {

        /** Validates the components. */
        public FaultInjection {
            Objects.requireNonNull(destination, "destination is null");
            Objects.requireNonNull(killer, "killer is null");
            Objects.requireNonNull(cleanUp, "cleanUp is null");
        }
    }

    /**
     * Override for a server database: the fault-injection case then kills the destination's session at every point
     * of every load. Embedded engines have no session to kill: the case cancels the job at the same points instead.
     *
     * @return the fault injection; empty by default
     */
    protected Optional<FaultInjection> faultInjection() {
        return Optional.empty();
    }

    /**
     * @return the fault-injection trials: {@code -Ddestsdk.fault.trials}, 100 by default. A variant suite of a
     *     connector that another suite already runs in full may override it with fewer
     */
    protected int faultTrials() {
        return Integer.getInteger("destsdk.fault.trials", 100);
    }

    /** The rows of a run's table: source fields and job id, as sorted comparable keys (sync times left out). */
    private List<List<String>> state(RunResult run) {
        List<String> columns = new ArrayList<>(run.sourceObject().getFieldNames());
        columns.add(trackingColumns().jobId());
        return keys(types(run.sourceObject(), columns), rows(run.sourceObject(), run.mappedObject(), columns));
    }

    private static List<List<Object>> generatedOrderRows(Random random, int count, int keys) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(row((long) (1 + random.nextInt(keys)), random.nextInt(6) == 0 ? null : "n" + random.nextInt(99),
                    new java.math.BigDecimal(random.nextInt(100_000)).movePointLeft(2), random.nextInt(4)));
        }
        return rows;
    }

    /**
     * At every progress event of every declared load mode, on generated data, the destination's session is killed
     * ({@link #faultInjection()}) or, for embedded engines, the job cancelled. The table is then exactly as it was
     * or exactly as the load makes it; a killed session's failure is retryable, a cancellation is CANCELLED and not
     * retryable; the same load again (same sync id) gives the new state with no duplicate rows, and no staging or
     * aside table is left. At least {@link #faultTrials()} trials.
     */
    @Test
    public void aFaultAtEveryPointOfEveryLoadModeLeavesTheOldOrTheNewStateAndTheRetryGivesTheNewState() {
        Optional<FaultInjection> fault = faultInjection();
        Destination target = fault.map(FaultInjection::destination).orElse(destination);
        LocalPipelineRunner faultRunner = new LocalPipelineRunner(target, workRoot.resolve("faults"),
                Clock.fixed(T0, ZoneOffset.UTC));
        int wanted = faultTrials();
        int trials = 0;
        int failed = 0;
        List<String> problems = new ArrayList<>();
        LoadMode setupMode = anyLoadMode();
        try {
            for (int round = 0; trials < wanted && round < 50; round++) {
                for (LoadMode mode : destination.getCapabilitiesConfig().getLoadModes()) {
                    long seed = seed(100 + round) + mode.ordinal();
                    Random random = new Random(seed);
                    List<List<Object>> existing = generatedOrderRows(random, 5, 10);
                    List<List<Object>> batch = generatedOrderRows(random, 12, 15);
                    Pipeline p = faultRunner.newPipeline();
                    ObjectMetadata dry = source("fault_" + round + "_" + lower(mode), orderFields());
                    loadedTables.add(p.run(spec(dry, setupMode, S1).rows(existing).build()).mappedObject().getName());
                    FaultPoint counter = FaultPoint.counter();
                    List<List<String>> expected = state(p.run(spec(dry, mode, S2).rows(batch).build(), counter));
                    for (int k = 1; k <= counter.events().size() && trials < wanted; k++) {
                        ObjectMetadata source = source("fault_" + round + "_" + lower(mode) + "_" + k, orderFields());
                        RunResult first = p.run(spec(source, setupMode, S1).rows(existing).build());
                        loadedTables.add(first.mappedObject().getName());
                        List<List<String>> old = state(first);
                        CancellationToken token = new CancellationToken();
                        FaultPoint point = new FaultPoint(k, fault.<Runnable>map(f -> f.killer()::kill)
                                .orElse(token::cancel));
                        Throwable thrown = catchThrowable(() -> p.run(spec(source, mode, S2).rows(batch)
                                .cancellation(token).build(), point));
                        String trial = Seeds.describe(seed) + " " + mode + " at event " + k + " '" + point.where()
                                + "'";
                        List<List<String>> now = state(first);
                        if (!now.equals(old) && !now.equals(expected)) {
                            problems.add(trial + ": the table is neither the old nor the new state: " + now);
                        }
                        if (thrown != null) {
                            failed++;
                            if (!(thrown instanceof ConnectorException e)) {
                                problems.add(trial + ": failed with " + thrown);
                            } else if (fault.isPresent() && !e.isRetryable()) {
                                problems.add(trial + ": a killed session is not retryable: " + e.getMessage());
                            } else if (fault.isEmpty() && (e.getErrorType() != ErrorType.CANCELLED
                                    || e.isRetryable())) {
                                problems.add(trial + ": a cancellation gave " + e.getMessage());
                            }
                        }
                        RunResult retry = p.run(spec(source, mode, S2).rows(batch).build());
                        if (!state(retry).equals(expected)) {
                            problems.add(trial + ": the retry with the same sync id gave " + state(retry));
                        }
                        List<ObjectRef> leftovers = inspector.listObjects(targetCatalog, targetSchema).stream()
                                .filter(o -> !loadedTables.contains(o.name())).toList();
                        if (!leftovers.isEmpty()) {
                            problems.add(trial + ": left " + leftovers);
                        }
                        trials++;
                    }
                }
            }
        } finally {
            fault.ifPresent(f -> {
                f.destination().close();
                f.cleanUp().run();
            });
        }
        LOG.info("fault injection on {} ({}): {} trials, {} loads failed by the fault, {} problems",
                destination.name(), fault.isPresent() ? "killed sessions" : "cancellation", trials, failed,
                problems.size());
        assertThat(trials).isGreaterThanOrEqualTo(wanted);
        assertThat(problems).isEmpty();
        assertNoLeftovers();
    }

    /**
     * Override for a destination that stages data files in a local directory: the vanishing-files fault case then
     * deletes the staged copies too.
     *
     * @return the root of the destination's local stage; empty by default (no stage, or not a local directory)
     */
    protected Optional<Path> localStageDirectory() {
        return Optional.empty();
    }

    /**
     * A fault beyond killed sessions and cancellation, for every connector (embedded engines included): at every
     * progress event of a load of three data files, the data files vanish (the staged copies in
     * {@link #localStageDirectory()} where the destination stages locally, else the data directory's files), as a
     * cleaner or an operator would remove them. The table is then exactly the old or the new state, and the new state
     * when the load reports success, unless the files went before the load listed them and it reports 0 rows
     * (a directory without data files is an empty batch); never a success that loaded part of them. A load that
     * failed failed with a {@link ConnectorException} that names a data file, is no SQL_ERROR or INTERNAL_ERROR and
     * says so in under 1 KB; the same load again (files written anew, same sync id) gives the new state, and no helper table and no
     * staged file is left.
     */
    @Test
    public void dataFilesThatVanishMidLoadFailClearlyAndLeaveTheOldOrTheNewState() throws IOException {
        Path root = workRoot.resolve("vanishing");
        LocalPipelineRunner vanishRunner = new LocalPipelineRunner(destination, root, Clock.fixed(T0, ZoneOffset.UTC));
        LoadMode mode = anyLoadMode();
        long seed = seed(300);
        Random random = new Random(seed);
        List<List<Object>> existing = generatedOrderRows(random, 5, 10);
        List<List<Object>> batch = generatedOrderRows(random, 30, 40);
        Pipeline p = vanishRunner.newPipeline();
        ObjectMetadata dry = source("vanish_dry", orderFields());
        loadedTables.add(p.run(spec(dry, anyLoadMode(), S1).rows(existing).build()).mappedObject().getName());
        FaultPoint counter = FaultPoint.counter();
        List<List<String>> expected = state(p.run(spec(dry, mode, S2).rows(batch).rowsPerFile(10).build(), counter));
        List<String> problems = new ArrayList<>();
        int failed = 0;
        for (int k = 1; k <= counter.events().size(); k++) {
            ObjectMetadata source = source("vanish_" + k, orderFields());
            RunResult first = p.run(spec(source, anyLoadMode(), S1).rows(existing).build());
            loadedTables.add(first.mappedObject().getName());
            List<List<String>> old = state(first);
            FaultPoint point = new FaultPoint(k, () -> deleteDataFiles(root));
            RunResult[] result = new RunResult[1];
            Throwable thrown = catchThrowable(() -> result[0] = p.run(spec(source, mode, S2).rows(batch)
                    .rowsPerFile(10).build(), point));
            String trial = Seeds.describe(seed) + " " + mode + " files deleted at event " + k + " '" + point.where()
                    + "'";
            List<List<String>> now = state(first);
            if (!now.equals(old) && !now.equals(expected)) {
                problems.add(trial + ": the table is neither the old nor the new state: " + now);
            }
            // a success holds the batch, or, when the files went before the load listed them (nothing to tell
            // them from an empty batch), reports that it loaded nothing
            if (thrown == null && !now.equals(expected)
                    && !(now.equals(old) && result[0].loadResponse().rowsLoaded() == 0)) {
                problems.add(trial + ": reported success (" + result[0].loadResponse() + "), but the table does not"
                        + " hold the batch: " + now);
            }
            if (thrown != null) {
                failed++;
                if (!(thrown instanceof ConnectorException e)) {
                    problems.add(trial + ": failed with " + thrown);
                } else if (e.getErrorType() == ErrorType.SQL_ERROR || e.getErrorType() == ErrorType.INTERNAL_ERROR
                        || e.getContext().file().isEmpty() || e.getMessage().length() >= 1024) {
                    problems.add(trial + ": not a clear error naming the file (" + e.getErrorType() + ", file "
                            + e.getContext().file() + "): " + e.getMessage());
                } else if (!now.equals(old)) {
                    problems.add(trial + ": failed, but the table changed: " + now);
                }
            }
            RunResult retry = p.run(spec(source, mode, S2).rows(batch).rowsPerFile(10).build());
            if (!state(retry).equals(expected)) {
                problems.add(trial + ": the retry with the same sync id gave " + state(retry));
            }
            List<ObjectRef> leftovers = inspector.listObjects(targetCatalog, targetSchema).stream()
                    .filter(o -> !loadedTables.contains(o.name())).toList();
            if (!leftovers.isEmpty()) {
                problems.add(trial + ": left " + leftovers);
            }
            List<Path> staged = stagedFiles();
            if (!staged.isEmpty()) {
                problems.add(trial + ": left staged files " + staged);
            }
        }
        LOG.info("vanishing data files on {}: {} trials, {} loads failed, {} problems", destination.name(),
                counter.events().size(), failed, problems.size());
        assertThat(failed).as("loads the vanished files failed (the files go before the first is read)")
                .isGreaterThan(0);
        assertThat(problems).isEmpty();
        assertNoLeftovers();
    }

    /** Deletes the staged copies where the destination has a local stage, else the data directory's files. */
    private void deleteDataFiles(Path root) {
        List<Path> files = new ArrayList<>(stagedFiles());
        if (localStageDirectory().isEmpty()) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.filter(f -> f.getFileName().toString().startsWith("success_part_")).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private List<Path> stagedFiles() {
        Optional<Path> stage = localStageDirectory().filter(Files::isDirectory);
        if (stage.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(stage.get())) {
            return paths.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the bad-input corpus, one case per parameter */
    static List<BadInputCorpus.Case> badInputCorpus() {
        return BadInputCorpus.cases();
    }

    /**
     * Case: The bad input corpus gives its decided outcome.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputCorpus")
    public void theBadInputCorpusGivesItsDecidedOutcome(BadInputCorpus.Case c) {
        ObjectMetadata source = source("corpus_" + c.name(), BadInputCorpus.fields());
        RunResult first = run(spec(source, anyLoadMode(), S1).rows(BadInputCorpus.existingRows()));
        List<List<String>> before = snapshot(first);
        Path dir = c.writeTo(workRoot.resolve("corpus").resolve(c.name()));
        LoadMode mode = anyLoadMode();
        Throwable thrown = catchThrowable(() -> loadDirectly(first, dir, mode, S2, c.format(), b -> { }));
        if (c.refused()) {
            assertThat(thrown).as("%s: %s", c.name(), c.decision()).isInstanceOf(ConnectorException.class);
            ConnectorException e = (ConnectorException) thrown;
            assertThat(BadInputCorpus.differences(c, e)).as("%s (%s): %s", c.name(), c.decision(), e.getMessage())
                    .isEmpty();
            assertThat(snapshot(first)).as("%s: the table after a refused load", c.name()).isEqualTo(before);
        } else {
            assertThat(thrown).as("%s: %s", c.name(), c.decision()).isNull();
            int expected = switch (mode) {
                case OVERWRITE, TRUNCATE_AND_LOAD -> c.newRows();
                case MERGE, APPEND -> before.size() + c.newRows();
            };
            assertThat(snapshot(first)).as("%s: rows after the load", c.name()).hasSize(expected);
        }
        assertNoLeftovers();
    }

    /**
     * @return every corpus case that can be rewritten in a non-default format, with that format: the same
     *     records and values in other delimiters, quotes, escapes, NULL markers, header rows and binary encodings
     */
    static Stream<Arguments> badInputCorpusInOtherFormats() {
        return BadInputCorpus.formatVariants().stream().flatMap(v -> BadInputCorpus.cases().stream()
                .flatMap(c -> BadInputCorpus.reformat(c, v.format()).stream()
                        .map(r -> Arguments.of(v, c.name(), r))));
    }

    /**
     * The corpus in other CSV formats: the same bad value is refused the same way (error type, record, column; the
     * line moved by the format's header rows) and the same good file loads the same rows, whatever the delimiter,
     * quote, escape, NULL markers, header rows or binary encoding.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badInputCorpusInOtherFormats")
    public void theBadInputCorpusGivesTheSameOutcomeInOtherCsvFormats(BadInputCorpus.FormatVariant variant, String name,
                                                               BadInputCorpus.Reformatted r) {
        BadInputCorpus.Case c = r.expected();
        ObjectMetadata source = source("corpus_f" + BadInputCorpus.formatVariants().indexOf(variant) + "_" + c.name(),
                BadInputCorpus.fields());
        RunResult first = run(spec(source, anyLoadMode(), S1).rows(BadInputCorpus.existingRows()));
        List<List<String>> before = snapshot(first);
        Path dir = r.writeTo(workRoot.resolve("corpus-formats").resolve(variant.format().skipHeader() + "_"
                + c.name()));
        LoadMode mode = anyLoadMode();
        Throwable thrown = catchThrowable(() -> loadDirectly(first, dir, mode, S2, r.format(), b -> { }));
        if (c.refused()) {
            assertThat(thrown).as("%s in %s: %s", name, variant, c.decision()).isInstanceOf(ConnectorException.class);
            ConnectorException e = (ConnectorException) thrown;
            assertThat(r.differences(e)).as("%s in %s (%s): %s", name, variant, c.decision(), e.getMessage())
                    .isEmpty();
            assertThat(snapshot(first)).as("%s in %s: the table after a refused load", name, variant)
                    .isEqualTo(before);
        } else {
            assertThat(thrown).as("%s in %s: %s", name, variant, c.decision()).isNull();
            int expected = switch (mode) {
                case OVERWRITE, TRUNCATE_AND_LOAD -> c.newRows();
                case MERGE, APPEND -> before.size() + c.newRows();
            };
            assertThat(snapshot(first)).as("%s in %s: rows after the load", name, variant).hasSize(expected);
        }
        assertNoLeftovers();
    }

    /** Stages and loads a directory by hand, as the executor would, for files the runner cannot write. */
    private LoadResponse loadDirectly(RunResult previous, Path dir, LoadMode mode, String syncId,
                                      java.util.function.Consumer<LoadRequest.Builder> customize) {
        return loadDirectly(previous, dir, mode, syncId, CsvFileFormat.DEFAULT, customize);
    }

    private LoadResponse loadDirectly(RunResult previous, Path dir, LoadMode mode, String syncId,
                                      CsvFileFormat format, java.util.function.Consumer<LoadRequest.Builder> customize) {
        ObjectMetadata mapped = destination.mapToTargetObject(previous.sourceObject(), rules,
                Optional.of(previous.mappedObject()));
        SyncContext sync = new SyncContext(T0.plusSeconds(syncSeconds++), syncId);
        MetadataMapping mapping = new MetadataMapping(mapped, Optional.of(previous.mappedObject()),
                Optional.empty());
        StageResponse staged = destination.stage(new StageRequest(sync, mapping, dir, format,
                CancellationSignal.never(), event -> { }));
        LoadRequest.Builder request = declaredDefaults(LoadRequest.builder(sync, mapping, dir))
                .fileFormat(format).loadMode(mode).stageLocation(staged.stageLocation().orElse(null));
        customize.accept(request);
        return destination.load(request.build());
    }

    /** Sets the options a runner leaves to the destination to its declared defaults, as the runner does. */
    private LoadRequest.Builder declaredDefaults(LoadRequest.Builder request) {
        var capabilities = destination.getCapabilitiesConfig();
        return request.loadMode(capabilities.getDefaultLoadMode())
                .destinationTableHandling(capabilities.getDefaultDestinationTableHandling())
                .schemaEvolutionMode(capabilities.getDefaultSchemaEvolutionMode());
    }

    /**
     * Case: An undeclared file format fails with the canonical unsupported error.
     */
    @Test
    public void anUndeclaredFileFormatFailsWithTheCanonicalUnsupportedError() {
        ObjectMetadata mapped = destination.mapToTargetObject(source("jsonl_format", orderFields()), rules,
                Optional.empty());
        LoadRequest request = declaredDefaults(LoadRequest.builder(new SyncContext(T0, S1),
                MetadataMapping.firstRun(mapped), workRoot)).fileFormat(JsonLinesFileFormat.DEFAULT).build();
        Throwable thrown = catchThrowable(() -> destination.load(request));
        assertThat(thrown).isInstanceOf(ConnectorException.class).hasMessage(ConnectorException.unsupported(
                destination.name(), "file format " + JsonLinesFileFormat.DEFAULT.fileSuffix()).getMessage());
        assertThat(((ConnectorException) thrown).getErrorType()).isEqualTo(ErrorType.UNSUPPORTED_OPERATION);
        assertThat(inspector.exists(ref(mapped))).isFalse();
    }

    // ================================================================== capabilities

    /**
     * Case: Staging follows the declared capabilities.
     */
    @Test
    public void stagingFollowsTheDeclaredCapabilities() {
        ObjectMetadata source = source("staging", orderFields());
        RunResult run = run(spec(source, anyLoadMode(), S1).rows(LoadModeFixtures.existingRows()));
        StageResponse staged = run.stageResponse();
        if (hasBehavior(SUPPORTS_STAGING)) {
            assertThat(staged.stageLocation()).as("%s: stage() returns a location (%s)",
                    behaviors.explain(SUPPORTS_STAGING), staged.message()).isPresent();
        } else {
            assertThat(staged.stageLocation()).as("%s: stage() is a no-op (%s)",
                    behaviors.explain(SUPPORTS_STAGING), staged.message()).isEmpty();
        }
        List<List<String>> before = snapshot(run);
        LoadMode mode = anyLoadMode();
        Throwable thrown = catchThrowable(() -> destination.load(declaredDefaults(LoadRequest.builder(
                        new SyncContext(T0.plusSeconds(syncSeconds++), S2),
                        new MetadataMapping(run.mappedObject(), Optional.of(run.mappedObject()), Optional.empty()),
                        run.dataDirectory())).fileFormat(CsvFileFormat.DEFAULT).loadMode(mode).build()));
        if (hasBehavior(REQUIRES_STAGING)) {
            assertThat(thrown).as("%s: a load without a stage location", behaviors.explain(REQUIRES_STAGING))
                    .isInstanceOf(ConnectorException.class);
            assertThat(snapshot(run)).isEqualTo(before);
        } else {
            assertThat(thrown).as("%s: a load straight from the local files", behaviors.explain(REQUIRES_STAGING))
                    .isNull();
            List<List<Object>> expected = new ArrayList<>();
            for (List<Object> r : LoadModeFixtures.existingRows()) {
                expected.add(row(r.get(0), S2));
                if (mode == LoadMode.APPEND) {
                    expected.add(row(r.get(0), S1));
                }
            }
            assertRows(run, List.of("id", trackingColumns().jobId()), expected, mode + " without stage()");
        }
        assertNoLeftovers();
    }

    /**
     * Case: An object without fields follows empty schema propagation.
     */
    @Test
    public void anObjectWithoutFieldsFollowsEmptySchemaPropagation() {
        ObjectMetadata source = source("empty_schema", List.of());
        RunSpec.Builder spec = spec(source, anyLoadMode(), S1).zeroRows(true);
        if (!hasBehavior(SUPPORTS_EMPTY_SCHEMA)) {
            assertUnsupported(SUPPORTS_EMPTY_SCHEMA, () -> run(spec));
            assertTableAbsent(source, "an empty schema was refused");
            return;
        }
        RunResult run = run(spec);
        assertThat(inspector.columns(ref(run.mappedObject()))).extracting(InspectedColumn::name)
                .as("an object without fields holds only tracking columns")
                .allMatch(n -> trackingColumns().all().stream().anyMatch(n::equalsIgnoreCase));
    }

    /**
     * Case: A load into a missing schema creates it when declared.
     */
    @Test
    public void aLoadIntoAMissingSchemaCreatesItWhenDeclared() {
        String other = namespace() + "_new";
        NamespaceRules otherRules = NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM)
                .customSchema(other).build();
        ObjectMetadata source = source("auto_schema", orderFields());
        ObjectMetadata mapped = destination.mapToTargetObject(source, otherRules, Optional.empty());
        extraCleanUps.add(() -> inspector.removeNamespace(mapped.getCatalog(), mapped.getSchema()));
        RunSpec.Builder spec = RunSpec.builder(source).namespaceRules(otherRules).loadMode(anyLoadMode())
                .syncId(S1).syncTime(T0).rows(LoadModeFixtures.existingRows());
        if (!hasBehavior(SUPPORTS_AUTO_CREATE_SCHEMA)) {
            assertUnsupported(SUPPORTS_AUTO_CREATE_SCHEMA, () -> pipeline.run(spec.build()));
            assertThat(inspector.listObjects(mapped.getCatalog(), mapped.getSchema())).isEmpty();
            return;
        }
        RunResult run = pipeline.run(spec.build());
        assertThat(inspector.listObjects(mapped.getCatalog(), mapped.getSchema())).as("tables in the new schema %s",
                other).containsExactly(ref(run.mappedObject()));
        assertRows(run, List.of("id"), LoadModeFixtures.existingRows().stream().map(r -> row(r.get(0))).toList(),
                "rows in the new schema");
    }

    // ================================================================== SQL scripts

    private String scriptTable(String name) {
        loadedTables.add(name);
        return destination.getFullyQualifiedTableName(targetCatalog, targetSchema, name);
    }

    /**
     * Case: SQL scripts stream rows report counts and stop at the first failure.
     */
    @Test
    public void sqlScriptsStreamRowsReportCountsAndStopAtTheFirstFailure() {
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
        // The load creates the namespace; the script then works next to the loaded table.
        run(spec(source("script_anchor", orderFields()), anyLoadMode(), S1).rows(LoadModeFixtures.existingRows()));
        String t = scriptTable("script_table");
        String script = "CREATE TABLE " + t + " (x INTEGER);\n-- a comment; with a semicolon\nINSERT INTO " + t
                + " VALUES (1), (2);\nSELECT x FROM " + t + " ORDER BY x;";
        SqlScriptRequest request = new SqlScriptRequest(script, processor, CancellationSignal.never(), e -> { });
        if (!hasBehavior(SUPPORTS_SQL_SCRIPTS)) {
            assertUnsupported(SUPPORTS_SQL_SCRIPTS, () -> destination.executeSqlScript(request));
            return;
        }
        SqlScriptResponse ok = destination.executeSqlScript(request);
        assertThat(ok.success()).as("%s", ok).isTrue();
        assertThat(ok.statementsExecuted()).isEqualTo(3);
        assertThat(events).map(e -> e.replaceAll(":row:(\\d+)(\\.0+)?$", ":row:$1"))
                .containsExactly("1:done:0", "2:done:2", "3:row:1", "3:row:2", "3:done:2");
        events.clear();
        SqlScriptResponse failed = destination.executeSqlScript(new SqlScriptRequest("INSERT INTO " + t
                + " VALUES (3); SELECT * FROM no_such_table_xyz; INSERT INTO " + t + " VALUES (4)", processor,
                CancellationSignal.never(), e -> { }));
        assertThat(failed.success()).isFalse();
        assertThat(failed.failedStatementIndex()).hasValue(2);
        assertThat(failed.statementsExecuted()).isEqualTo(1);
        assertThat(events).containsExactly("1:done:1", "2:error");
    }

    /**
     * Case: A cancelled SQL script stops with the canonical cancellation.
     */
    @Test
    public void aCancelledSqlScriptStopsWithTheCanonicalCancellation() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        List<Boolean> completed = new ArrayList<>();
        SqlScriptResultProcessor processor = new SqlScriptResultProcessor() {
            @Override
            public void onScriptComplete(boolean success) {
                completed.add(success);
            }
        };
        SqlScriptRequest request = new SqlScriptRequest("SELECT 1", processor, token, e -> { });
        if (!hasBehavior(SUPPORTS_SQL_SCRIPTS)) {
            assertUnsupported(SUPPORTS_SQL_SCRIPTS, () -> destination.executeSqlScript(request));
            return;
        }
        Throwable thrown = catchThrowable(() -> destination.executeSqlScript(request));
        assertThat(thrown).isInstanceOf(ConnectorException.class);
        assertThat(((ConnectorException) thrown).getErrorType()).as("%s", thrown.getMessage())
                .isEqualTo(ErrorType.CANCELLED);
        assertThat(completed).containsExactly(false);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + (destination == null ? "not started" : destination.name()) + " in "
                + namespace + "}";
    }
}
