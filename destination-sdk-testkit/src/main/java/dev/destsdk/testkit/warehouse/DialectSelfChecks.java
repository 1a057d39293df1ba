package dev.destsdk.testkit.warehouse;

import static dev.destsdk.testkit.behavior.DestinationBehavior.PRESERVES_TIMESTAMP_MICROS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.PRESERVES_TIMESTAMP_TZ_MICROS;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_APPEND;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_FULL_DATE_RANGE;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_MERGE;
import static dev.destsdk.testkit.behavior.DestinationBehavior.SUPPORTS_SQL_SCRIPTS;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.IdentifierKind;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SqlScriptRequest;
import dev.destsdk.core.spi.SqlScriptResponse;
import dev.destsdk.core.spi.SqlScriptResultProcessor;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.value.TemporalText;
import dev.destsdk.testkit.behavior.DestinationBehavior;
import dev.destsdk.testkit.behavior.DestinationBehaviors;
import dev.destsdk.testkit.fixtures.LoadModeFixtures;
import dev.destsdk.testkit.inspect.InspectedTable;
import dev.destsdk.testkit.inspect.ObjectRef;
import dev.destsdk.testkit.inspect.RowOrder;
import dev.destsdk.testkit.runner.LocalPipelineRunner;
import dev.destsdk.testkit.runner.RunResult;
import dev.destsdk.testkit.runner.RunSpec;
import dev.destsdk.testkit.value.ValueFormats;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks of a connector's {@link SqlDialect} against its real database, which the {@link WarehouseConformanceSuite}
 * runs before any case: when one fails, the dialect is wrong in a way that makes many cases fail for reasons that
 * are hard to read, so the suite stops with the check's message, which names the type or value and what to fix.
 *
 * <ol>
 *   <li>{@link #typesReadBackAsMapped()}: for every canonical type the destination supports (and a bounded STRING
 *       and DECIMAL), a column created with the dialect's type reads back, through the dialect's columns query, as
 *       the effective type (or as the same native type text, as the load's schema diff compares them). Otherwise
 *       every load plans an ALTER, and APPEND and TRUNCATE_AND_LOAD quietly go through the staging table. An
 *       unbounded STRING or BINARY that reads back with a length is a type the database caps, and fails too.</li>
 *   <li>{@link #unchangedReloadRunsNoAlter()}: loading the same schema twice changes no column, and APPEND (or
 *       TRUNCATE_AND_LOAD) loads straight into the table, judged from the load path's progress messages.</li>
 *   <li>{@link #largeValuesRoundTrip()}: a text and a binary value of more than 1 MiB come back whole (a type the
 *       database silently caps fails here).</li>
 *   <li>{@link #oldAndZonedTimestampsRoundTrip()}: zoned timestamps with offsets, and dates and timestamps before
 *       the Gregorian reform of 1582, come back the same through a load and through {@code executeSqlScript}.</li>
 * </ol>
 *
 * <p>Each check creates and drops its own tables ({@code destsdk_selfcheck_*}) in the suite's namespace and throws
 * an {@link AssertionError} when it fails. Not thread-safe; used by one suite.
 */
public final class DialectSelfChecks {
    /** The size of the large values: just over 1 MiB. */
    public static final int LARGE_VALUE_SIZE = (1 << 20) + 17;
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Pattern CHANGES = Pattern.compile("(?i)\\b(widening|adding column|rebuilding|replacing the unique)");

    private final Destination destination;
    private final JdbcDestinationInspector inspector;
    private final DestinationBehaviors behaviors;
    private final NamespaceRules rules;
    private final LocalPipelineRunner runner;
    private final Optional<String> catalog;
    private final Optional<String> schema;
    private int syncs;

    /**
     * @param destination the destination under test; not null
     * @param inspector the inspector over the destination's database, with the connector's dialect; not null
     * @param behaviors the resolved behaviours (unsupported types and ranges are not checked); not null
     * @param rules naming rules that put tables into the namespace; not null
     * @param runner the runner loads go through; not null
     * @param catalog the namespace's catalog, as the destination maps it
     * @param schema the namespace's schema, as the destination maps it
     */
    public DialectSelfChecks(Destination destination, JdbcDestinationInspector inspector, DestinationBehaviors behaviors,
                             NamespaceRules rules, LocalPipelineRunner runner, Optional<String> catalog,
                             Optional<String> schema) {
        this.destination = Objects.requireNonNull(destination, "destination is null");
        this.inspector = Objects.requireNonNull(inspector, "inspector is null");
        this.behaviors = Objects.requireNonNull(behaviors, "behaviors is null");
        this.rules = Objects.requireNonNull(rules, "rules is null");
        this.runner = Objects.requireNonNull(runner, "runner is null");
        this.catalog = Objects.requireNonNull(catalog, "catalog is null");
        this.schema = Objects.requireNonNull(schema, "schema is null");
    }

    /** Runs every check in the order of the class documentation; stops at the first failure. */
    public void runAll() {
        typesReadBackAsMapped();
        unchangedReloadRunsNoAlter();
        largeValuesRoundTrip();
        oldAndZonedTimestampsRoundTrip();
    }

    // ------------------------------------------------------------------ 1. types read back as mapped

    /** The columns query reads every mapped type back as exactly its effective type. */
    public void typesReadBackAsMapped() {
        SqlDialect d = inspector.dialect();
        List<ColumnType> requested = new ArrayList<>();
        for (CanonicalType t : supportedTypes()) {
            requested.add(ColumnType.of(t));
            if (t == CanonicalType.STRING) {
                requested.add(new ColumnType(t, Optional.of(40), Optional.empty()));
            } else if (t == CanonicalType.DECIMAL) {
                requested.add(ColumnType.of(t, 18, 2));
            }
        }
        List<ColumnDef> columns = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            ColumnType effective = d.effectiveType(requested.get(i));
            columns.add(new ColumnDef(d.identifiers().normalize("c" + i, IdentifierKind.COLUMN), effective,
                    d.nativeType(effective), true, Optional.empty()));
        }
        TableName table = table("destsdk_selfcheck_types");
        inspector.createNamespace(catalog, schema);
        execute(d.dropTableIfExists(table));
        execute(d.createTable(table, columns));
        try {
            List<ExistingColumn> read = readColumns(table);
            if (read.size() != columns.size()) {
                throw fail("types", "the columns query of " + d.name() + " read " + read.size() + " column(s) of a"
                        + " table created with " + columns.size() + " (" + d.columnsQuery(table) + ")",
                        "make columnsQuery return one row per column, in order");
            }
            for (int i = 0; i < columns.size(); i++) {
                ColumnDef c = columns.get(i);
                ExistingColumn e = read.get(i);
                ColumnType requestedType = requested.get(i);
                Optional<Integer> cap = e.type().filter(t -> t.canonicalType() == c.type().canonicalType())
                        .flatMap(ColumnType::precision).filter(p -> c.type().precision().isEmpty());
                if (cap.isPresent() && (c.type().canonicalType() == CanonicalType.STRING
                        || c.type().canonicalType() == CanonicalType.BINARY)) {
                    throw fail("types", "an unbounded " + c.type() + " column is created as " + c.nativeType()
                            + " but reads back as '" + e.nativeType() + "' = " + e.type().get() + ": the database caps"
                            + " it at " + cap.get() + " and longer values would be cut or refused",
                            "map unbounded " + c.type().canonicalType() + " in nativeType to a type without a cap"
                            + " (e.g. CLOB, TEXT, BLOB), never a bare VARCHAR or VARBINARY");
                }
                // As SchemaDiff compares: the same native type text, or the same canonical type with its parameters.
                boolean same = e.nativeType().equalsIgnoreCase(c.nativeType()) || e.type().equals(Optional.of(c.type()));
                if (!same) {
                    throw fail("types", "a column of canonical type " + requestedType + " is created as "
                            + c.nativeType() + " (effective type " + c.type() + ") but reads back as '"
                            + e.nativeType() + "' = " + e.type().map(ColumnType::toString).orElse("no canonical type")
                            + "; every load would plan an ALTER of it, and APPEND and TRUNCATE_AND_LOAD would go"
                            + " through a staging table",
                            "make effectiveType(" + requestedType + ") return what the database keeps ("
                            + e.type().map(ColumnType::toString).orElse("a type it reports") + "?), or columnTypeOf"
                            + " read '" + e.nativeType() + "' back as " + c.type());
                }
            }
        } finally {
            execute(d.dropTableIfExists(table));
        }
    }

    // ------------------------------------------------------------------ 2. an unchanged reload alters nothing

    /** Loading an unchanged schema again runs no ALTER, and APPEND or TRUNCATE_AND_LOAD loads straight in. */
    public void unchangedReloadRunsNoAlter() {
        List<FieldMetadata> fields = new ArrayList<>();
        fields.add(key());
        for (CanonicalType t : supportedTypes()) {
            fields.add(FieldMetadata.builder("c_" + t.name().toLowerCase(Locale.ROOT), t).build());
        }
        fields.add(FieldMetadata.builder("c_text40", CanonicalType.STRING).precision(40).build());
        List<Object> row = new ArrayList<>();
        row.add(1L);
        fields.stream().skip(1).forEach(f -> row.add(null));
        Optional<LoadMode> straight = List.of(LoadMode.APPEND, LoadMode.TRUNCATE_AND_LOAD).stream()
                .filter(m -> behaviors.has(DestinationBehavior.of(m))).findFirst();
        LoadMode mode = straight.orElse(anyLoadMode());
        ObjectMetadata source = LoadModeFixtures.object("destsdk_selfcheck_reload", fields);
        var pipeline = runner.newPipeline();
        try {
            pipeline.run(spec(source, mode, "selfcheck1").rows(List.of(row)).build());
            RunResult second = pipeline.run(spec(source, mode, "selfcheck2").rows(List.of(row)).build());
            List<String> changes = second.progressEvents().stream().map(ProgressEvent::message)
                    .flatMap(Optional::stream).filter(m -> CHANGES.matcher(m).find()).toList();
            if (!changes.isEmpty()) {
                throw fail("unchanged reload", "loading " + source.getName() + " again with the same schema changed"
                        + " it: " + changes, "make the type each column reads back (columnTypeOf) equal the type"
                        + " it was created with (effectiveType), so that the schema diff finds nothing to change");
            }
            String message = second.loadResponse().message();
            if (straight.isPresent() && message.contains("staging table")) {
                throw fail("unchanged reload", mode + " into the unchanged table went through a staging table: "
                        + message, "keep the key columns NOT NULL as created, and make the columns query report"
                        + " nullability (is_nullable 'NO')");
            }
        } catch (ConnectorException e) {
            throw fail("unchanged reload", "loading an unchanged schema twice failed: " + e.getMessage(),
                    "fix the failing statement in the dialect", e);
        } finally {
            drop(source);
        }
    }

    // ------------------------------------------------------------------ 3. large values

    /** A text and a binary value just over 1 MiB come back whole (one row each, so that no record exceeds 2 MiB). */
    public void largeValuesRoundTrip() {
        List<FieldMetadata> fields = new ArrayList<>();
        fields.add(key());
        List<Object> values = new ArrayList<>();
        if (behaviors.has(DestinationBehavior.SUPPORTS_TYPE_STRING)) {
            fields.add(FieldMetadata.builder("big_text", CanonicalType.STRING).build());
            StringBuilder sb = new StringBuilder(LARGE_VALUE_SIZE + 32);
            while (sb.length() < LARGE_VALUE_SIZE) {
                sb.append("destsdk \u00c4\u00d6\u00dc \u20ac \ud834\udd1e 0123456789 ");
            }
            values.add(sb.toString());
        }
        if (behaviors.has(DestinationBehavior.SUPPORTS_TYPE_BINARY)) {
            fields.add(FieldMetadata.builder("big_binary", CanonicalType.BINARY).build());
            byte[] bytes = new byte[LARGE_VALUE_SIZE];
            new Random(LARGE_VALUE_SIZE).nextBytes(bytes);
            values.add(bytes);
        }
        if (values.isEmpty()) {
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            List<Object> row = new ArrayList<>();
            row.add((long) i + 1);
            for (int c = 0; c < values.size(); c++) {
                row.add(c == i ? values.get(c) : null);
            }
            rows.add(row);
        }
        ObjectMetadata source = LoadModeFixtures.object("destsdk_selfcheck_large", fields);
        try {
            RunResult run = runner.newPipeline().run(spec(source, anyLoadMode(), "selfcheck1").rows(rows).build());
            InspectedTable table = inspector.read(ObjectRef.of(run.mappedObject()),
                    RowOrder.by(run.mappedObject().getFields().get(0).getName()));
            for (int c = 1; c < fields.size(); c++) {
                FieldMetadata f = fields.get(c);
                Object back = table.rowCount() == values.size() ? table.rows().get(c - 1).get(c) : null;
                if (!ValueFormats.sameValue(f.getCanonicalType(), values.get(c - 1), back)) {
                    throw fail("large values", "a " + f.getCanonicalType() + " value of " + LARGE_VALUE_SIZE
                            + " characters or bytes came back as " + describeLength(back) + " from a column of "
                            + run.mappedObject().getFields().get(c).getOriginalDataType().orElse("?"),
                            "map unbounded " + f.getCanonicalType() + " to a type without a cap");
                }
            }
        } catch (ConnectorException e) {
            throw fail("large values", "loading a " + LARGE_VALUE_SIZE + "-character text or binary value failed: "
                    + e.getMessage(), "map unbounded STRING and BINARY to types without a cap", e);
        } finally {
            drop(source);
        }
    }

    private static String describeLength(Object value) {
        if (value instanceof String s) {
            return s.length() + " characters";
        }
        if (value instanceof byte[] b) {
            return b.length + " bytes";
        }
        return String.valueOf(value);
    }

    // ------------------------------------------------------------------ 4. zoned and old timestamps

    /**
     * Zoned timestamps with offsets and dates and timestamps before 1582 come back the same through the inspector
     * (the dialect's value reader) and through {@code executeSqlScript}.
     */
    public void oldAndZonedTimestampsRoundTrip() {
        List<CanonicalType> types = List.of(CanonicalType.TIMESTAMP_TZ, CanonicalType.TIMESTAMP, CanonicalType.DATE)
                .stream().filter(t -> supportedTypes().contains(t)).toList();
        if (types.isEmpty()) {
            return;
        }
        List<FieldMetadata> fields = new ArrayList<>();
        fields.add(key());
        types.forEach(t -> fields.add(FieldMetadata.builder("c_" + t.name().toLowerCase(Locale.ROOT), t).build()));
        List<OffsetDateTime> instants = new ArrayList<>(List.of(
                OffsetDateTime.parse("1500-03-01T12:34:56+05:30"),
                OffsetDateTime.parse("1582-10-10T00:00:00Z"),
                OffsetDateTime.parse("2024-06-30T23:59:59-08:00")));
        if (behaviors.has(SUPPORTS_FULL_DATE_RANGE)) {
            instants.add(OffsetDateTime.parse("0001-01-01T00:00:00Z"));
        }
        if (behaviors.has(PRESERVES_TIMESTAMP_TZ_MICROS) && behaviors.has(PRESERVES_TIMESTAMP_MICROS)) {
            instants.add(OffsetDateTime.parse("1200-07-04T23:59:59.999999+14:00"));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < instants.size(); i++) {
            OffsetDateTime t = instants.get(i);
            List<Object> row = new ArrayList<>();
            row.add((long) i + 1);
            for (CanonicalType type : types) {
                row.add(switch (type) {
                    case TIMESTAMP_TZ -> t;
                    case TIMESTAMP -> t.toLocalDateTime();
                    default -> t.toLocalDate();
                });
            }
            rows.add(row);
        }
        ObjectMetadata source = LoadModeFixtures.object("destsdk_selfcheck_times", fields);
        try {
            RunResult run = runner.newPipeline().run(spec(source, anyLoadMode(), "selfcheck1").rows(rows).build());
            InspectedTable table = inspector.read(ObjectRef.of(run.mappedObject()), RowOrder.by(
                    run.mappedObject().getFields().get(0).getName()));
            compare(rows, table.rows(), types, "read back by the inspector",
                    "make the dialect's valueBinder() and valueReader() bind and read these types with typed values"
                    + " (java.time), or as text (DialectTraits.temporalsAsText) where the driver shifts them");
            if (behaviors.has(SUPPORTS_SQL_SCRIPTS)) {
                compare(rows, scriptRows(run.mappedObject()), types, "returned by executeSqlScript",
                        "make the dialect's valueReader() read these types right");
            }
        } catch (ConnectorException e) {
            throw fail("timestamps", "loading dates and timestamps before 1582 and with offsets failed: "
                    + e.getMessage(), "make the dialect's valueBinder() bind them without a calendar shift", e);
        } finally {
            drop(source);
        }
    }

    private List<List<Object>> scriptRows(ObjectMetadata mapped) {
        SqlDialect d = inspector.dialect();
        String select = "SELECT " + mapped.getFields().stream().map(f -> d.quote(f.getName()))
                .collect(Collectors.joining(", ")) + " FROM " + d.qualify(new TableName(mapped.getCatalog(),
                mapped.getSchema(), mapped.getName())) + " ORDER BY " + d.quote(mapped.getFields().get(0).getName());
        List<List<Object>> rows = new ArrayList<>();
        SqlScriptResponse response = destination.executeSqlScript(new SqlScriptRequest(select,
                new SqlScriptResultProcessor() {
                    @Override
                    public void onRow(int index, List<Object> values) {
                        rows.add(new ArrayList<>(values));
                    }
                }, CancellationSignal.never(), e -> { }));
        if (!response.success()) {
            throw fail("timestamps", "executeSqlScript(" + select + ") failed: " + response,
                    "fix the dialect's quoting or qualification");
        }
        return rows;
    }

    private void compare(List<List<Object>> written, List<List<Object>> read, List<CanonicalType> types, String how,
                         String fix) {
        for (int r = 0; r < written.size(); r++) {
            for (int c = 0; c < types.size(); c++) {
                CanonicalType type = types.get(c);
                Object expected = written.get(r).get(c + 1);
                Object actual = r < read.size() ? normalizeTemporal(type, read.get(r).get(c + 1)) : null;
                if (!ValueFormats.sameValue(type, expected, actual)) {
                    throw fail("timestamps", "the " + type + " value " + expected + " was " + actual + " when "
                            + how, fix);
                }
            }
        }
    }

    /** Turns what a reader or a script returns (java.time, java.sql or text) into the canonical Java type. */
    private static Object normalizeTemporal(CanonicalType type, Object value) {
        Object v = value;
        if (v instanceof Timestamp ts) {
            v = ts.toLocalDateTime();
        } else if (v instanceof java.sql.Date date) {
            v = date.toLocalDate();
        } else if (v instanceof CharSequence text) {
            v = TemporalText.parse(type, text.toString());
        }
        if (type == CanonicalType.TIMESTAMP_TZ && v instanceof LocalDateTime naive) {
            return naive.atOffset(ZoneOffset.UTC);
        }
        if (type == CanonicalType.DATE && v instanceof LocalDateTime dt) {
            return dt.toLocalDate();
        }
        if (type == CanonicalType.TIMESTAMP && v instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        return v;
    }

    // ------------------------------------------------------------------ helpers

    private List<CanonicalType> supportedTypes() {
        return java.util.Arrays.stream(CanonicalType.values())
                .filter(t -> behaviors.has(DestinationBehavior.of(t))).toList();
    }

    private static FieldMetadata key() {
        return FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).sourcePrimaryKey(true)
                .nullable(false).build();
    }

    private LoadMode anyLoadMode() {
        return behaviors.has(SUPPORTS_MERGE) ? LoadMode.MERGE : behaviors.has(SUPPORTS_APPEND) ? LoadMode.APPEND
                : java.util.Arrays.stream(LoadMode.values()).filter(m -> behaviors.has(DestinationBehavior.of(m)))
                .findFirst().orElseThrow();
    }

    private RunSpec.Builder spec(ObjectMetadata source, LoadMode mode, String syncId) {
        return RunSpec.builder(source).namespaceRules(rules).loadMode(mode).syncId(syncId)
                .syncTime(T0.plusSeconds(syncs++));
    }

    private TableName table(String name) {
        return new TableName(catalog, schema, inspector.dialect().identifiers().normalize(name, IdentifierKind.TABLE));
    }

    private void drop(ObjectMetadata source) {
        ObjectMetadata mapped = destination.mapToTargetObject(source, rules, Optional.empty());
        execute(inspector.dialect().dropTableIfExists(new TableName(mapped.getCatalog(), mapped.getSchema(),
                mapped.getName())));
    }

    private List<ExistingColumn> readColumns(TableName table) {
        String sql = inspector.dialect().columnsQuery(table);
        try (Statement st = inspector.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<ExistingColumn> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(inspector.dialect().readColumn(rs));
            }
            return columns;
        } catch (SQLException e) {
            throw fail("types", "the columns query failed: " + sql + ": " + e.getMessage(),
                    "fix the dialect's columnsQuery", e);
        }
    }

    private void execute(String sql) {
        try (Statement st = inspector.connection().createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw fail("types", "the statement failed: " + sql + ": " + e.getMessage(),
                    "fix the statement the dialect renders", e);
        }
    }

    private AssertionError fail(String check, String what, String fix) {
        return fail(check, what, fix, null);
    }

    private AssertionError fail(String check, String what, String fix, Throwable cause) {
        return new AssertionError("dialect self-check '" + check + "' failed for " + destination.name() + ": " + what
                + ". To fix: " + fix + " (docs/connector-guide.md, 'Type mapping and the read-back rule'). The"
                + " conformance suite runs no case until the dialect passes its self-checks.", cause);
    }
}
