package dev.destsdk.jdbc.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.DialectTraits;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import dev.destsdk.jdbc.dialect.GeneralSqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.internal.load.LoadPlan.BuildAside;
import dev.destsdk.jdbc.internal.load.LoadPlan.NoRows;
import dev.destsdk.jdbc.internal.load.LoadPlan.SchemaSteps;
import dev.destsdk.jdbc.internal.load.LoadPlan.StraightIn;
import dev.destsdk.jdbc.internal.load.LoadPlan.ThroughStaging;
import dev.destsdk.jdbc.plan.TableLayout;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner's decision table, without a database: each row is a target status, a request and the dialect's traits,
 * with the plan (or the refusal) the load must take. The expected plans are written out by hand from the rules in
 * {@link LoadPlanner}'s documentation; {@link #invariantsHoldOverTheWholeInputSpace()} then checks the rules that
 * must hold for every combination of inputs.
 */
class LoadPlannerTest {
    /** A dialect whose traits and unique index support a case chooses. */
    static final class TestDialect extends GeneralSqlDialect {
        private final DialectTraits traits;
        private final boolean uniqueIndexes;

        TestDialect(DialectTraits traits, boolean uniqueIndexes) {
            super("test", IdentifierPolicy.builder().caseInsensitiveComparison(true).build());
            this.traits = traits;
            this.uniqueIndexes = uniqueIndexes;
        }

        @Override
        public DialectTraits traits() {
            return traits;
        }

        @Override
        public Optional<String> createUniqueKeyIndex(TableName table, String indexName, List<ColumnDef> keyColumns) {
            return uniqueIndexes ? Optional.of("CREATE UNIQUE INDEX " + indexName + " ON " + qualify(table))
                    : Optional.empty();
        }
    }

    /** The target as the load finds it. */
    enum Target {
        ABSENT, SAME, NULLABLE_KEY, NEW_COLUMN, WIDER, INCOMPATIBLE, OWN_UNIQUE_INDEX, USER_UNIQUE_INDEX
    }

    static final String OWN_INDEX = "_destsdk_key_s0_abc_orders";
    /** Dialects and layouts by their inputs: building them dominates the cost of the exhaustive test. */
    private static final Map<List<Object>, TestDialect> DIALECTS = new ConcurrentHashMap<>();
    private static final Map<List<Object>, TableLayout> LAYOUTS = new ConcurrentHashMap<>();

    /** One row of the table: every input of the planner; defaults are an APPEND of a keyed table, PostgreSQL-like. */
    record Case(LoadMode mode, DestinationTableHandling handling, boolean firstRun, Target target,
                SchemaEvolutionMode evolution, DialectTraits traits, boolean uniqueIndexes, boolean keyed,
                boolean sendsDeleted, boolean hardDeletes, boolean ddlOnly, boolean zeroRows) {
        static Case of(LoadMode mode, Target target) {
            return new Case(mode, DestinationTableHandling.MERGE, false, target, SchemaEvolutionMode.ALLOW_ALL,
                    DialectTraits.DEFAULT, true, true, false, false, false, false);
        }

        Case handling(DestinationTableHandling value, boolean first) {
            return new Case(mode, value, first, target, evolution, traits, uniqueIndexes, keyed, sendsDeleted,
                    hardDeletes, ddlOnly, zeroRows);
        }

        Case evolution(SchemaEvolutionMode value) {
            return new Case(mode, handling, firstRun, target, value, traits, uniqueIndexes, keyed, sendsDeleted,
                    hardDeletes, ddlOnly, zeroRows);
        }

        Case traits(UnaryOperator<DialectTraits> change) {
            return new Case(mode, handling, firstRun, target, evolution, change.apply(traits), uniqueIndexes, keyed,
                    sendsDeleted, hardDeletes, ddlOnly, zeroRows);
        }

        Case noUniqueIndexes() {
            return new Case(mode, handling, firstRun, target, evolution, traits, false, keyed, sendsDeleted,
                    hardDeletes, ddlOnly, zeroRows);
        }

        Case unkeyed() {
            return new Case(mode, handling, firstRun, target, evolution, traits, uniqueIndexes, false, sendsDeleted,
                    hardDeletes, ddlOnly, zeroRows);
        }

        Case hardDeletes(boolean sourceSendsDeleted) {
            return new Case(mode, handling, firstRun, target, evolution, traits, uniqueIndexes, keyed,
                    sourceSendsDeleted, true, ddlOnly, zeroRows);
        }

        Case asDdlOnly() {
            return new Case(mode, handling, firstRun, target, evolution, traits, uniqueIndexes, keyed, sendsDeleted,
                    hardDeletes, true, false);
        }

        Case asZeroRows() {
            return new Case(mode, handling, firstRun, target, evolution, traits, uniqueIndexes, keyed, sendsDeleted,
                    hardDeletes, false, true);
        }

        TestDialect dialect() {
            return DIALECTS.computeIfAbsent(List.of(traits, uniqueIndexes), k -> new TestDialect(traits, uniqueIndexes));
        }

        ObjectMetadata object() {
            List<FieldMetadata> fields = new ArrayList<>();
            fields.add(FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(keyed).build());
            fields.add(FieldMetadata.builder("name", CanonicalType.STRING).build());
            fields.add(FieldMetadata.builder("amount", CanonicalType.LONG).build());
            if (sendsDeleted) {
                fields.add(FieldMetadata.builder("_supa_deleted", CanonicalType.BOOLEAN).build());
            }
            return ObjectMetadata.builder("orders").schema("shop").fields(fields).build();
        }

        TableLayout layout() {
            return LAYOUTS.computeIfAbsent(List.of(traits, uniqueIndexes, keyed, sendsDeleted),
                    k -> TableLayout.of(object(), dialect(), TrackingColumns.DEFAULT));
        }

        TargetStatus status() {
            TestDialect d = dialect();
            List<ExistingColumn> columns = new ArrayList<>();
            for (ColumnDef c : layout().allColumns()) {
                ExistingColumn e = new ExistingColumn(c.name(), c.nativeType(), Optional.of(c.type()), c.nullable());
                switch (target) {
                    case ABSENT -> {
                        continue;
                    }
                    case NULLABLE_KEY -> e = new ExistingColumn(e.name(), e.nativeType(), e.type(), true);
                    case NEW_COLUMN -> {
                        if (c.name().equals("name")) {
                            continue;
                        }
                    }
                    case WIDER, INCOMPATIBLE -> {
                        if (c.name().equals("amount")) {
                            ColumnType old = target == Target.WIDER ? ColumnType.of(CanonicalType.INTEGER)
                                    : new ColumnType(CanonicalType.STRING, Optional.of(10), Optional.empty());
                            e = new ExistingColumn("amount", d.nativeType(old), Optional.of(old), true);
                        }
                    }
                    default -> { }
                }
                columns.add(e);
            }
            List<String> indexes = switch (target) {
                case OWN_UNIQUE_INDEX -> List.of(OWN_INDEX);
                case USER_UNIQUE_INDEX -> List.of("orders_id_key");
                default -> List.of();
            };
            return new TargetStatus(columns, keyed ? indexes : List.of());
        }

        LoadRequest request() {
            ObjectMetadata object = object();
            MetadataMapping mapping = firstRun ? MetadataMapping.firstRun(object)
                    : new MetadataMapping(object, Optional.of(object), Optional.empty());
            return LoadRequest.builder(new SyncContext(Instant.parse("2026-01-01T00:00:00Z"), "s1"), mapping,
                            Path.of("unused")).loadMode(mode).destinationTableHandling(handling)
                    .schemaEvolutionMode(evolution).hardDeletes(hardDeletes).ddlOnly(ddlOnly).zeroRows(zeroRows)
                    .build();
        }

        LoadPlan plan() {
            return LoadPlanner.plan(status(), request(), layout(), dialect());
        }

        /** The plan in a few words, or the refusal's error type. */
        String outcome() {
            try {
                return describe(plan());
            } catch (ConnectorException e) {
                return "refused " + e.getErrorType();
            }
        }
    }

    static String describe(LoadPlan plan) {
        if (plan instanceof NoRows n) {
            return (n.ddlOnly() ? "ddlOnly " : "zeroRows ") + n.outcome() + schema(n.schema());
        }
        if (plan instanceof BuildAside b) {
            return "aside " + (b.replaces() ? "replacing " : "new ") + b.keyIndex() + " check " + b.duplicateCheck()
                    + (b.removeDeleted() ? " removeDeleted" : "");
        }
        if (plan instanceof StraightIn s) {
            return "straight " + s.mode() + schema(s.schema());
        }
        ThroughStaging t = (ThroughStaging) plan;
        return "staging " + t.mode() + schema(t.schema()) + (t.schemaOutsideTransaction() ? " outsideTx" : "")
                + (t.deduplicate() ? " dedup" : "") + (t.hardDeletes() ? " hard" : "")
                + (t.uniqueKeyIndex() ? " uniqueKeyIndex" : "");
    }

    static String schema(SchemaSteps s) {
        if (!s.changesTable()) {
            return "";
        }
        return " " + s.changes().stream().map(c -> c.kind() + " " + c.column().name())
                .collect(Collectors.joining(", ", "[", "]"))
                + (s.rebuild() ? " rebuild" + (s.rebuildWithUniqueKeyIndex() ? "Unique" : "Plain") : "")
                + (s.indexesToDemote().isEmpty() ? "" : " demote " + s.indexesToDemote());
    }

    private static final LoadMode APPEND = LoadMode.APPEND;
    private static final LoadMode MERGE = LoadMode.MERGE;
    private static final LoadMode TRUNCATE = LoadMode.TRUNCATE_AND_LOAD;
    private static final LoadMode OVERWRITE = LoadMode.OVERWRITE;

    private static Arguments row(String name, Case c, String expected) {
        return Arguments.of(name, c, expected);
    }

    static Stream<Arguments> decisionTable() {
        UnaryOperator<DialectTraits> mariaDb = t -> t.withTransactionalDdl(false).withBuildsKeyIndexBeforeLoad(true);
        UnaryOperator<DialectTraits> noDdlTx = t -> t.withTransactionalDdl(false);
        UnaryOperator<DialectTraits> noAlter = t -> t.withAltersColumns(false);
        return Stream.of(
                // ---- a missing table is built aside, its key index chosen by mode, dialect and traits
                row("append, new table", Case.of(APPEND, Target.ABSENT), "aside new PLAIN_AFTER_LOAD check NONE"),
                row("truncate, new table", Case.of(TRUNCATE, Target.ABSENT), "aside new PLAIN_AFTER_LOAD check NONE"),
                row("overwrite, new table", Case.of(OVERWRITE, Target.ABSENT),
                        "aside new PLAIN_AFTER_LOAD check NONE"),
                row("append, no key", Case.of(APPEND, Target.ABSENT).unkeyed(), "aside new NONE check NONE"),
                row("merge, unique index after load", Case.of(MERGE, Target.ABSENT),
                        "aside new UNIQUE_AFTER_LOAD check BY_UNIQUE_INDEX"),
                row("merge, unique index before load (InnoDB)", Case.of(MERGE, Target.ABSENT).traits(mariaDb),
                        "aside new UNIQUE_BEFORE_LOAD check BY_UNIQUE_INDEX"),
                row("merge, no unique index, check after the index",
                        Case.of(MERGE, Target.ABSENT).noUniqueIndexes(),
                        "aside new PLAIN_AFTER_LOAD check QUERY_AFTER_INDEX"),
                row("merge, no unique index, check before the index",
                        Case.of(MERGE, Target.ABSENT).noUniqueIndexes()
                                .traits(t -> t.withChecksDuplicatesWithKeyIndex(false)),
                        "aside new PLAIN_AFTER_LOAD check QUERY_BEFORE_INDEX"),
                row("merge, no unique index: nothing to build before the load",
                        Case.of(MERGE, Target.ABSENT).noUniqueIndexes().traits(mariaDb),
                        "aside new PLAIN_AFTER_LOAD check QUERY_AFTER_INDEX"),
                row("append with unique-index traits keeps a plain index",
                        Case.of(APPEND, Target.ABSENT).traits(mariaDb), "aside new PLAIN_AFTER_LOAD check NONE"),
                row("merge with hard deletes, new table", Case.of(MERGE, Target.ABSENT).hardDeletes(true),
                        "aside new UNIQUE_AFTER_LOAD check BY_UNIQUE_INDEX removeDeleted"),
                row("append with hard deletes, new table", Case.of(APPEND, Target.ABSENT).hardDeletes(true),
                        "aside new PLAIN_AFTER_LOAD check NONE removeDeleted"),
                row("merge without a key", Case.of(MERGE, Target.ABSENT).unkeyed(), "refused VALIDATION_ERROR"),
                row("merge without a key, existing table", Case.of(MERGE, Target.SAME).unkeyed(),
                        "refused VALIDATION_ERROR"),
                // ---- first runs: destination table handling
                row("first run, FAIL, table exists", Case.of(APPEND, Target.SAME)
                        .handling(DestinationTableHandling.FAIL, true), "refused VALIDATION_ERROR"),
                row("first run, FAIL, table absent", Case.of(APPEND, Target.ABSENT)
                        .handling(DestinationTableHandling.FAIL, true), "aside new PLAIN_AFTER_LOAD check NONE"),
                row("later run, FAIL, table exists", Case.of(APPEND, Target.SAME)
                        .handling(DestinationTableHandling.FAIL, false), "straight APPEND"),
                row("first run, DROP replaces", Case.of(MERGE, Target.SAME)
                                .handling(DestinationTableHandling.DROP, true),
                        "aside replacing UNIQUE_AFTER_LOAD check BY_UNIQUE_INDEX"),
                row("first run, DROP ignores an incompatible column", Case.of(APPEND, Target.INCOMPATIBLE)
                                .handling(DestinationTableHandling.DROP, true),
                        "aside replacing PLAIN_AFTER_LOAD check NONE"),
                row("later run, DROP keeps the table", Case.of(APPEND, Target.SAME)
                        .handling(DestinationTableHandling.DROP, false), "straight APPEND"),
                row("first run, MERGE keeps the table", Case.of(MERGE, Target.SAME)
                        .handling(DestinationTableHandling.MERGE, true), "staging MERGE dedup"),
                // ---- OVERWRITE replaces whatever is there
                row("overwrite replaces", Case.of(OVERWRITE, Target.SAME),
                        "aside replacing PLAIN_AFTER_LOAD check NONE"),
                row("overwrite ignores schema changes", Case.of(OVERWRITE, Target.NEW_COLUMN)
                        .evolution(SchemaEvolutionMode.BLOCK_ALL), "aside replacing PLAIN_AFTER_LOAD check NONE"),
                row("overwrite ignores an incompatible column", Case.of(OVERWRITE, Target.INCOMPATIBLE),
                        "aside replacing PLAIN_AFTER_LOAD check NONE"),
                // ---- APPEND and TRUNCATE_AND_LOAD go straight in when they can
                row("append, unchanged", Case.of(APPEND, Target.SAME), "straight APPEND"),
                row("truncate, unchanged", Case.of(TRUNCATE, Target.SAME), "straight TRUNCATE_AND_LOAD"),
                row("append, no key", Case.of(APPEND, Target.SAME).unkeyed(), "straight APPEND"),
                row("append, nullable key column", Case.of(APPEND, Target.NULLABLE_KEY), "staging APPEND"),
                row("append, new column, transactional DDL", Case.of(APPEND, Target.NEW_COLUMN),
                        "straight APPEND [ADD name]"),
                row("append, new column, DDL outside transactions", Case.of(APPEND, Target.NEW_COLUMN)
                        .traits(noDdlTx), "staging APPEND [ADD name] outsideTx"),
                row("truncate, wider column", Case.of(TRUNCATE, Target.WIDER),
                        "straight TRUNCATE_AND_LOAD [WIDEN amount]"),
                row("append, wider column, no ALTER COLUMN", Case.of(APPEND, Target.WIDER).traits(noAlter),
                        "straight APPEND [WIDEN amount] rebuildPlain"),
                row("append demotes the SDK's unique key index", Case.of(APPEND, Target.OWN_UNIQUE_INDEX),
                        "straight APPEND [] demote [" + OWN_INDEX + "]"),
                row("truncate demotes it outside a transaction", Case.of(TRUNCATE, Target.OWN_UNIQUE_INDEX)
                        .traits(noDdlTx), "staging TRUNCATE_AND_LOAD [] demote [" + OWN_INDEX + "] outsideTx"
                        + " uniqueKeyIndex"),
                row("append keeps a user's unique index", Case.of(APPEND, Target.USER_UNIQUE_INDEX),
                        "straight APPEND"),
                row("append, unchanged, DDL outside transactions", Case.of(APPEND, Target.SAME).traits(noDdlTx),
                        "straight APPEND"),
                // ---- hard deletes match rows by key, through staging
                row("append with hard deletes", Case.of(APPEND, Target.SAME).hardDeletes(true),
                        "staging APPEND hard"),
                row("append with hard deletes, no key", Case.of(APPEND, Target.SAME).unkeyed().hardDeletes(true),
                        "refused VALIDATION_ERROR"),
                row("hard deletes without the deleted column are off", Case.of(APPEND, Target.SAME)
                        .hardDeletes(false), "straight APPEND"),
                row("truncate with hard deletes, no key", Case.of(TRUNCATE, Target.SAME).unkeyed()
                        .hardDeletes(true), "staging TRUNCATE_AND_LOAD hard"),
                row("merge with hard deletes", Case.of(MERGE, Target.SAME).hardDeletes(true),
                        "staging MERGE dedup hard"),
                // ---- MERGE into an existing table goes through staging
                row("merge, unchanged", Case.of(MERGE, Target.SAME), "staging MERGE dedup"),
                row("merge keeps the SDK's unique key index", Case.of(MERGE, Target.OWN_UNIQUE_INDEX),
                        "staging MERGE dedup uniqueKeyIndex"),
                row("merge through a user's unique index", Case.of(MERGE, Target.USER_UNIQUE_INDEX),
                        "staging MERGE dedup uniqueKeyIndex"),
                row("merge, new column, DDL outside transactions", Case.of(MERGE, Target.NEW_COLUMN)
                        .traits(mariaDb), "staging MERGE [ADD name] outsideTx dedup"),
                row("merge, wider column, no ALTER COLUMN", Case.of(MERGE, Target.WIDER).traits(noAlter),
                        "staging MERGE [WIDEN amount] rebuildPlain dedup"),
                row("append, wider column, ALLOW_TYPE_CHANGES_ONLY, rebuilt", Case.of(APPEND, Target.WIDER)
                        .traits(noAlter).evolution(SchemaEvolutionMode.ALLOW_TYPE_CHANGES_ONLY),
                        "straight APPEND [WIDEN amount] rebuildPlain"),
                // ---- schema evolution modes
                row("new column, BLOCK_ALL", Case.of(APPEND, Target.NEW_COLUMN)
                        .evolution(SchemaEvolutionMode.BLOCK_ALL), "refused SCHEMA_EVOLUTION_ERROR"),
                row("new column, ALLOW_TYPE_CHANGES_ONLY", Case.of(APPEND, Target.NEW_COLUMN)
                        .evolution(SchemaEvolutionMode.ALLOW_TYPE_CHANGES_ONLY), "refused SCHEMA_EVOLUTION_ERROR"),
                row("new column, ALLOW_NEW_COLUMNS_ONLY", Case.of(MERGE, Target.NEW_COLUMN)
                        .evolution(SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY), "staging MERGE [ADD name] dedup"),
                row("wider column, ALLOW_NEW_COLUMNS_ONLY", Case.of(APPEND, Target.WIDER)
                        .evolution(SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY), "refused SCHEMA_EVOLUTION_ERROR"),
                row("wider column, ALLOW_TYPE_CHANGES_ONLY", Case.of(APPEND, Target.WIDER)
                        .evolution(SchemaEvolutionMode.ALLOW_TYPE_CHANGES_ONLY), "straight APPEND [WIDEN amount]"),
                row("unchanged, BLOCK_ALL", Case.of(APPEND, Target.SAME).evolution(SchemaEvolutionMode.BLOCK_ALL),
                        "straight APPEND"),
                row("incompatible column", Case.of(MERGE, Target.INCOMPATIBLE), "refused SCHEMA_EVOLUTION_ERROR"),
                // ---- ddlOnly and zeroRows move no data
                row("ddlOnly, new table", Case.of(MERGE, Target.ABSENT).asDdlOnly(), "ddlOnly CREATE"),
                row("ddlOnly, no key, MERGE", Case.of(MERGE, Target.ABSENT).unkeyed().asDdlOnly(), "ddlOnly CREATE"),
                row("ddlOnly, unchanged", Case.of(APPEND, Target.SAME).asDdlOnly(), "ddlOnly UNCHANGED"),
                row("ddlOnly, new column", Case.of(APPEND, Target.NEW_COLUMN).asDdlOnly(),
                        "ddlOnly ALTER [ADD name]"),
                row("ddlOnly, wider column, no ALTER COLUMN", Case.of(MERGE, Target.WIDER).traits(noAlter)
                        .asDdlOnly(), "ddlOnly ALTER [WIDEN amount] rebuildPlain"),
                row("ddlOnly does not demote", Case.of(APPEND, Target.OWN_UNIQUE_INDEX).asDdlOnly(),
                        "ddlOnly UNCHANGED"),
                row("ddlOnly, OVERWRITE keeps the table", Case.of(OVERWRITE, Target.NEW_COLUMN).asDdlOnly(),
                        "ddlOnly ALTER [ADD name]"),
                row("ddlOnly, first run, DROP", Case.of(APPEND, Target.SAME)
                        .handling(DestinationTableHandling.DROP, true).asDdlOnly(), "ddlOnly RECREATE"),
                row("ddlOnly, first run, FAIL", Case.of(APPEND, Target.SAME)
                        .handling(DestinationTableHandling.FAIL, true).asDdlOnly(), "refused VALIDATION_ERROR"),
                row("ddlOnly, new column, BLOCK_ALL", Case.of(APPEND, Target.NEW_COLUMN).asDdlOnly()
                        .evolution(SchemaEvolutionMode.BLOCK_ALL), "refused SCHEMA_EVOLUTION_ERROR"),
                row("zeroRows, new table", Case.of(APPEND, Target.ABSENT).asZeroRows(), "zeroRows CREATE"),
                row("zeroRows, new column: left as it is", Case.of(APPEND, Target.NEW_COLUMN).asZeroRows(),
                        "zeroRows UNCHANGED"),
                row("zeroRows, OVERWRITE keeps the table", Case.of(OVERWRITE, Target.SAME).asZeroRows(),
                        "zeroRows UNCHANGED"),
                row("zeroRows, first run, DROP", Case.of(MERGE, Target.SAME)
                        .handling(DestinationTableHandling.DROP, true).asZeroRows(), "zeroRows RECREATE"),
                row("zeroRows, new column, BLOCK_ALL", Case.of(APPEND, Target.NEW_COLUMN).asZeroRows()
                        .evolution(SchemaEvolutionMode.BLOCK_ALL), "refused SCHEMA_EVOLUTION_ERROR"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionTable")
    void plansEachRowOfTheDecisionTable(String name, Case c, String expected) {
        assertThat(c.outcome()).as(name + ": " + c).isEqualTo(expected);
    }

    @Test
    void aRebuiltTableKeepsItsUniqueKeyIndexUnlessTheLoadDemotesIt() {
        Case merge = Case.of(MERGE, Target.WIDER).traits(t -> t.withAltersColumns(false));
        ThroughStaging plan = (ThroughStaging) new Case(merge.mode(), merge.handling(), false, Target.WIDER,
                SchemaEvolutionMode.ALLOW_ALL, merge.traits(), true, true, false, false, false, false).plan();
        assertThat(plan.schema().rebuild()).isTrue();
        assertThat(plan.schema().rebuildWithUniqueKeyIndex()).isFalse();
        // the same widening on a table whose unique key index is the SDK's: MERGE keeps it through the rebuild
        TargetStatus withIndex = new TargetStatus(merge.status().columns(), List.of(OWN_INDEX));
        ThroughStaging keep = (ThroughStaging) LoadPlanner.plan(withIndex, merge.request(), merge.layout(),
                merge.dialect());
        assertThat(keep.schema().rebuild()).isTrue();
        assertThat(keep.schema().rebuildWithUniqueKeyIndex()).isTrue();
        assertThat(keep.uniqueKeyIndex()).isTrue();
        // APPEND demotes it: the rebuilt table gets a plain index
        Case append = Case.of(APPEND, Target.WIDER).traits(t -> t.withAltersColumns(false));
        StraightIn demoted = (StraightIn) LoadPlanner.plan(withIndex, append.request(), append.layout(),
                append.dialect());
        assertThat(demoted.schema().indexesToDemote()).containsExactly(OWN_INDEX);
        assertThat(demoted.schema().rebuildWithUniqueKeyIndex()).isFalse();
    }

    /**
     * A target whose unique key index sits beside another unique index (a user's, or a primary key over other
     * columns) is not upserted through the key index: an upsert that resolves a collision with any unique index
     * (MariaDB's ON DUPLICATE KEY UPDATE) could update the row the other index matched instead of failing.
     */
    @Test
    void aMergeUpsertsThroughTheKeyIndexOnlyWhenTheTargetHasNoOtherUniqueIndex() {
        Case merge = Case.of(MERGE, Target.SAME);
        TargetStatus alone = new TargetStatus(merge.status().columns(), List.of(OWN_INDEX), List.of(OWN_INDEX),
                List.of());
        TargetStatus beside = new TargetStatus(merge.status().columns(), List.of(OWN_INDEX),
                List.of(OWN_INDEX, "user_uq"), List.of("user_uq"));
        TargetStatus none = new TargetStatus(merge.status().columns(), List.of(), List.of("user_uq"),
                List.of("user_uq"));
        assertThat(alone.upsertsThroughKeyIndex()).isTrue();
        assertThat(beside.upsertsThroughKeyIndex()).isFalse();
        assertThat(none.upsertsThroughKeyIndex()).isFalse();
        assertThat(((ThroughStaging) LoadPlanner.plan(alone, merge.request(), merge.layout(), merge.dialect()))
                .uniqueKeyIndex()).as("only the key index").isTrue();
        ThroughStaging besidePlan = (ThroughStaging) LoadPlanner.plan(beside, merge.request(), merge.layout(),
                merge.dialect());
        assertThat(besidePlan.uniqueKeyIndex()).as("another unique index beside it").isFalse();
        assertThat(besidePlan.deduplicate()).isTrue();
        assertThat(((ThroughStaging) LoadPlanner.plan(none, merge.request(), merge.layout(), merge.dialect()))
                .uniqueKeyIndex()).as("no key index").isFalse();
    }

    @Test
    void keyIndexNamesAreDerivedFromTheTableAndAvoidTheTargetsIndexes() {
        Case c = Case.of(MERGE, Target.SAME);
        TableLayout layout = c.layout();
        TestDialect d = c.dialect();
        String first = LoadPlanner.keyIndexName(layout, TargetStatus.ABSENT, d);
        assertThat(first).matches("_destsdk_key_[0-9a-f]{8}_a").startsWith(LoadPlanner.KEY_INDEX_PREFIX)
                .hasSizeLessThanOrEqualTo(d.identifiers().getMaxLength(dev.destsdk.core.naming.IdentifierKind.TABLE));
        assertThat(LoadPlanner.isOwnKeyIndex(first)).isTrue();
        // deterministic: the same table gets the same name, whatever the time, the sync or the columns
        assertThat(LoadPlanner.keyIndexName(layout, c.status(), d)).isEqualTo(first);
        assertThat(LoadPlanner.keyIndexName(Case.of(APPEND, Target.ABSENT).unkeyed().layout(), TargetStatus.ABSENT,
                d)).isEqualTo(first);
        // another table, or the same name in another schema, gets another name
        TableLayout other = TableLayout.of(ObjectMetadata.builder("orders").schema("shop2")
                .fields(c.object().getFields()).build(), d, TrackingColumns.DEFAULT);
        assertThat(LoadPlanner.keyIndexName(other, TargetStatus.ABSENT, d)).isNotEqualTo(first)
                .matches("_destsdk_key_[0-9a-f]{8}_a");
        // while the target holds the first name (in any case), a table built beside it takes the second, and back
        String second = first.substring(0, first.length() - 1) + "b";
        List<ExistingColumn> columns = c.status().columns();
        assertThat(LoadPlanner.keyIndexName(layout, new TargetStatus(columns, List.of(),
                List.of("orders_pkey", first.toUpperCase(java.util.Locale.ROOT))), d)).isEqualTo(second);
        assertThat(LoadPlanner.keyIndexName(layout, new TargetStatus(columns, List.of(second)), d)).isEqualTo(first);
    }

    @Test
    void ownKeyIndexesAreToldFromUsersIndexesByTheirPrefixInAnyCase() {
        assertThat(LoadPlanner.isOwnKeyIndex("_destsdk_key_s1_t")).isTrue();
        assertThat(LoadPlanner.isOwnKeyIndex("_DESTSDK_KEY_S1_T")).isTrue();
        assertThat(LoadPlanner.isOwnKeyIndex("t_pkey")).isFalse();
        assertThat(LoadPlanner.isOwnKeyIndex("_destsdk_ke")).isFalse();
    }

    /**
     * Random combinations of every input (seeded; the seed is in the failure message, and
     * {@code -Ddestsdk.plannerSeed=N} replays it), checked against the rules that hold for all of them.
     */
    @Test
    void invariantsHoldOverTheWholeInputSpace() {
        long seed = Long.getLong("destsdk.plannerSeed", 20_260_101L);
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            Case c = caseOf(pick(random, LoadMode.values()), pick(random, DestinationTableHandling.values()),
                    random.nextBoolean(), pick(random, Target.values()), pick(random, SchemaEvolutionMode.values()),
                    random.nextInt(3 << 8));
            try {
                checkInvariants(c);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ", case " + i + ": " + e.getMessage(), e);
            }
        }
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static Case caseOf(LoadMode mode, DestinationTableHandling handling, boolean first, Target target,
                               SchemaEvolutionMode evolution, int bits) {
        DialectTraits traits = DialectTraits.DEFAULT.withTransactionalDdl((bits & 1) != 0)
                .withBuildsKeyIndexBeforeLoad((bits & 2) != 0).withChecksDuplicatesWithKeyIndex((bits & 4) != 0)
                .withAltersColumns((bits & 8) != 0);
        int rows = bits >> 8;
        return new Case(mode, handling, first, target, evolution, traits, (bits & 16) != 0, (bits & 32) != 0,
                (bits & 64) != 0, (bits & 128) != 0, rows == 1, rows == 2);
    }

    private static void checkInvariants(Case c) {
        LoadPlan plan;
        try {
            plan = c.plan();
        } catch (ConnectorException refused) {
            boolean failOnFirstRun = c.firstRun() && c.handling() == DestinationTableHandling.FAIL
                    && c.target() != Target.ABSENT;
            boolean noKey = !c.keyed() && !c.ddlOnly() && !c.zeroRows() && (c.mode() == MERGE
                    || (c.mode() == APPEND && c.hardDeletes() && c.sendsDeleted()));
            boolean schema = c.target() != Target.ABSENT && c.target() != Target.SAME
                    && c.target() != Target.NULLABLE_KEY && c.target() != Target.OWN_UNIQUE_INDEX
                    && c.target() != Target.USER_UNIQUE_INDEX;
            assertThat(failOnFirstRun || noKey || schema).as("refused without a reason: %s: %s", c, refused)
                    .isTrue();
            return;
        }
        boolean noRows = c.ddlOnly() || c.zeroRows();
        assertThat(plan instanceof NoRows).as("no rows, no data: %s", c).isEqualTo(noRows);
        if (c.target() == Target.ABSENT) {
            assertThat(plan instanceof BuildAside || (plan instanceof NoRows n && n.outcome()
                    == LoadPlan.TableOutcome.CREATE)).as("a missing table is created: %s", c).isTrue();
        }
        if (c.mode() == OVERWRITE && !noRows) {
            assertThat(plan).as("OVERWRITE builds aside: %s", c).isInstanceOf(BuildAside.class);
        }
        if (plan instanceof StraightIn s) {
            assertThat(c.mode()).isIn(APPEND, TRUNCATE);
            assertThat(c.hardDeletes() && c.sendsDeleted()).as("hard deletes never go straight in: %s", c).isFalse();
            if (c.keyed()) {
                assertThat(c.target()).as("nullable keys never go straight in: %s", c)
                        .isNotEqualTo(Target.NULLABLE_KEY);
            }
            if (!c.traits().transactionalDdl()) {
                assertThat(s.schema().changesTable()).as("no DDL outside the transaction: %s", c).isFalse();
            }
        }
        if (plan instanceof ThroughStaging t) {
            assertThat(t.schemaOutsideTransaction()).isEqualTo(!c.traits().transactionalDdl());
            assertThat(t.deduplicate()).isEqualTo(c.mode() == MERGE);
        }
        if (plan instanceof BuildAside b) {
            assertThat(b.keyIndex() == LoadPlan.KeyIndex.NONE).isEqualTo(!c.keyed());
            assertThat(b.keyIndex() == LoadPlan.KeyIndex.UNIQUE_BEFORE_LOAD).isEqualTo(c.mode() == MERGE
                    && c.uniqueIndexes() && c.traits().buildsKeyIndexBeforeLoad());
            assertThat(b.duplicateCheck() != LoadPlan.DuplicateCheck.NONE).isEqualTo(c.mode() == MERGE);
        }
        for (SchemaSteps s : schemaOf(plan)) {
            assertThat(s.rebuild()).as("rebuild only without ALTER COLUMN: %s", c)
                    .isEqualTo(!c.traits().altersColumns() && s.changes().stream()
                            .anyMatch(ch -> ch.kind() == dev.destsdk.jdbc.plan.SchemaChange.Kind.WIDEN));
            if (!s.indexesToDemote().isEmpty()) {
                assertThat(c.mode()).isIn(APPEND, TRUNCATE);
                assertThat(s.indexesToDemote()).allMatch(LoadPlanner::isOwnKeyIndex);
            }
        }
        // rendering traits change how statements are spelled, never the plan
        Case spelled = c.traits(t -> t.withUpdatesFromJoin(!t.updatesFromJoin())
                .withRanksWithWindowFunctions(!t.ranksWithWindowFunctions()).withTemporalsAsText(false));
        assertThat(describe(spelled.plan())).as("rendering traits do not change the plan: %s", c)
                .isEqualTo(describe(plan));
    }

    private static List<SchemaSteps> schemaOf(LoadPlan plan) {
        if (plan instanceof NoRows n) {
            return List.of(n.schema());
        }
        if (plan instanceof StraightIn s) {
            return List.of(s.schema());
        }
        if (plan instanceof ThroughStaging t) {
            return List.of(t.schema());
        }
        return List.of();
    }
}
