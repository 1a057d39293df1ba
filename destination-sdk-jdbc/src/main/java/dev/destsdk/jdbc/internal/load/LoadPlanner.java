package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.naming.IdentifierKind;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.DialectTraits;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.internal.load.LoadPlan.BuildAside;
import dev.destsdk.jdbc.internal.load.LoadPlan.DuplicateCheck;
import dev.destsdk.jdbc.internal.load.LoadPlan.KeyIndex;
import dev.destsdk.jdbc.internal.load.LoadPlan.NoRows;
import dev.destsdk.jdbc.internal.load.LoadPlan.SchemaSteps;
import dev.destsdk.jdbc.internal.load.LoadPlan.StraightIn;
import dev.destsdk.jdbc.internal.load.LoadPlan.TableOutcome;
import dev.destsdk.jdbc.internal.load.LoadPlan.ThroughStaging;
import dev.destsdk.jdbc.plan.SchemaChange;
import dev.destsdk.jdbc.plan.SchemaDiff;
import dev.destsdk.jdbc.plan.TableLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Decides a load's plan from the target's status, the request and the dialect's traits: pure (no I/O; the dialect is
 * asked only what it renders, never to run anything), so the decision table is tested without a database.
 *
 * <p>The table, in the order it is decided:
 * <ol>
 *   <li>An existing table on the pipeline's first run: destination table handling FAIL refuses the load, DROP
 *       replaces the table, MERGE keeps it. OVERWRITE with rows replaces it too.</li>
 *   <li>A kept table is compared with the layout ({@link SchemaDiff}, which refuses what the schema evolution mode
 *       forbids). APPEND and TRUNCATE_AND_LOAD with rows demote the SDK's unique key index to a plain one.</li>
 *   <li>ddlOnly and zeroRows move no data: a missing or replaced table is created empty; ddlOnly alters a kept
 *       table, zeroRows leaves it.</li>
 *   <li>MERGE needs a key; hard deletes in APPEND need one too.</li>
 *   <li>A missing or replaced table is built aside. A kept table takes APPEND and TRUNCATE_AND_LOAD straight in
 *       when there are no hard deletes, its key columns are NOT NULL and its schema steps can run in the load's
 *       transaction; everything else goes through staging.</li>
 * </ol>
 * Stateless.
 */
public final class LoadPlanner {
    /** How the names of the key indexes the SDK creates begin; tells them from indexes a user created. */
    public static final String KEY_INDEX_PREFIX = "_destsdk_key_";

    private LoadPlanner() {
    }

    /**
     * @param status the target as the load found it; not null
     * @param request the load request; not null
     * @param layout the load's layout; not null
     * @param dialect the dialect (its traits, its name comparison and what it renders); not null
     * @return the plan
     * @throws ConnectorException VALIDATION_ERROR for a refused request (FAIL on an existing table, MERGE or hard
     *     deletes without a key), SCHEMA_EVOLUTION_ERROR for refused schema changes
     */
    public static LoadPlan plan(TargetStatus status, LoadRequest request, TableLayout layout, SqlDialect dialect) {
        DialectTraits traits = dialect.traits();
        LoadMode mode = request.loadMode();
        boolean noRows = request.ddlOnly() || request.zeroRows();
        boolean exists = status.exists();
        boolean replace = false;
        if (exists && request.mapping().isFirstRun()) {
            switch (request.destinationTableHandling()) {
                case FAIL -> throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "table " + layout.table()
                                + " already exists and this is the pipeline's first run with destination table handling"
                                + " FAIL; drop or rename the table, or choose DROP or MERGE")
                        .object(layout.table().toString()).build();
                case DROP -> replace = true;
                case MERGE -> { }
            }
        }
        if (mode == LoadMode.OVERWRITE && !noRows) {
            replace = true;
        }
        boolean kept = exists && !replace;
        List<SchemaChange> changes = kept
                ? SchemaDiff.plan(layout, status.columns(), dialect, request.schemaEvolutionMode()) : List.of();
        // A table built by MERGE has a unique key index; APPEND and TRUNCATE_AND_LOAD keep duplicate keys.
        List<String> demote = kept && !noRows && (mode == LoadMode.APPEND || mode == LoadMode.TRUNCATE_AND_LOAD)
                ? status.uniqueKeyIndexes().stream().filter(LoadPlanner::isOwnKeyIndex).toList() : List.of();
        SchemaSteps schema = new SchemaSteps(changes, needsRebuild(changes, layout, dialect),
                demote.isEmpty() && !status.uniqueKeyIndexes().isEmpty(), demote);

        if (noRows) {
            TableOutcome outcome;
            if (!kept) {
                outcome = exists ? TableOutcome.RECREATE : TableOutcome.CREATE;
            } else if (request.ddlOnly() && !changes.isEmpty()) {
                outcome = TableOutcome.ALTER;
            } else {
                outcome = TableOutcome.UNCHANGED;
            }
            return new NoRows(request.ddlOnly(), outcome, outcome == TableOutcome.ALTER ? schema : SchemaSteps.NONE);
        }

        boolean keyed = !layout.keyColumns().isEmpty();
        if (!keyed && mode == LoadMode.MERGE) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "load mode MERGE needs a primary key, and "
                    + "no field of " + layout.table() + " is marked primary_key; mark the key fields or use APPEND")
                    .object(layout.table().toString()).build();
        }
        boolean hard = request.hardDeletes() && layout.sourceSendsDeleted();
        if (hard && !keyed && mode == LoadMode.APPEND) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "hard deletes need a primary key to find the"
                    + " rows to delete, and no field of " + layout.table() + " is marked primary_key")
                    .object(layout.table().toString()).build();
        }

        if (!kept) {
            KeyIndex keyIndex = keyIndexAside(mode, layout, dialect);
            return new BuildAside(mode, exists, keyIndex, duplicateCheck(mode, keyIndex, traits), hard);
        }
        if (loadsStraightIn(mode, hard, schema, status, layout, dialect)) {
            return new StraightIn(mode, schema);
        }
        return new ThroughStaging(mode, schema, !traits.transactionalDdl(), mode == LoadMode.MERGE, hard,
                status.upsertsThroughKeyIndex());
    }

    /**
     * @param indexName an index name as the database reports it
     * @return whether the SDK created it (its name starts with {@link #KEY_INDEX_PREFIX}, in any case)
     */
    public static boolean isOwnKeyIndex(String indexName) {
        return indexName.regionMatches(true, 0, KEY_INDEX_PREFIX, 0, KEY_INDEX_PREFIX.length());
    }

    /**
     * The name of the key index a load creates (on a table built aside, a rebuilt table, or the target when its
     * unique key index is demoted): derived from the target's name, so the same table always gets one of the same
     * two names, and never one the target's indexes hold (a table built beside the target cannot share its index's
     * name where names are per schema, as a retry of the same sync would): {@code _destsdk_key_<hash>_a}, or
     * {@code _b} while the target holds {@code _a}. Eight hex digits of the SHA-256 of the qualified table name keep
     * it short, well inside every database's identifier length.
     *
     * @param layout the load's layout (its table); not null
     * @param status the target's status (its index names); not null
     * @param dialect the dialect (its identifier policy); not null
     * @return the index name, normalised as a table-level identifier
     */
    public static String keyIndexName(TableLayout layout, TargetStatus status, SqlDialect dialect) {
        TableName table = layout.table();
        String base = KEY_INDEX_PREFIX + shortHash(table.catalog().orElse("") + '\0' + table.schema().orElse("")
                + '\0' + table.table()) + "_";
        String first = dialect.identifiers().normalize(base + "a", IdentifierKind.TABLE);
        boolean taken = status.indexNames().stream().anyMatch(first::equalsIgnoreCase);
        return taken ? dialect.identifiers().normalize(base + "b", IdentifierKind.TABLE) : first;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether a widening has no in-place form in this dialect, so the table is rebuilt. */
    private static boolean needsRebuild(List<SchemaChange> changes, TableLayout layout, SqlDialect dialect) {
        return changes.stream().anyMatch(c -> c.kind() == SchemaChange.Kind.WIDEN
                && dialect.widenColumn(layout.table(), SchemaEvolver.asColumn(c.existing().orElseThrow()),
                c.column()).isEmpty());
    }

    private static KeyIndex keyIndexAside(LoadMode mode, TableLayout layout, SqlDialect dialect) {
        if (layout.keyColumns().isEmpty()) {
            return KeyIndex.NONE;
        }
        boolean unique = mode == LoadMode.MERGE && hasUniqueKeyIndex(layout, dialect);
        if (unique) {
            return dialect.traits().buildsKeyIndexBeforeLoad()
                    ? KeyIndex.UNIQUE_BEFORE_LOAD : KeyIndex.UNIQUE_AFTER_LOAD;
        }
        return KeyIndex.PLAIN_AFTER_LOAD;
    }

    private static DuplicateCheck duplicateCheck(LoadMode mode, KeyIndex keyIndex, DialectTraits traits) {
        if (mode != LoadMode.MERGE) {
            return DuplicateCheck.NONE;
        }
        if (keyIndex == KeyIndex.UNIQUE_BEFORE_LOAD || keyIndex == KeyIndex.UNIQUE_AFTER_LOAD) {
            return DuplicateCheck.BY_UNIQUE_INDEX;
        }
        return traits.checksDuplicatesWithKeyIndex() ? DuplicateCheck.QUERY_AFTER_INDEX
                : DuplicateCheck.QUERY_BEFORE_INDEX;
    }

    private static boolean hasUniqueKeyIndex(TableLayout layout, SqlDialect dialect) {
        List<ColumnDef> keys = layout.keyColumnDefs();
        return dialect.createUniqueKeyIndex(layout.table(), KEY_INDEX_PREFIX, keys).isPresent();
    }

    /**
     * Whether the files can be bulk-loaded straight into the existing target inside the load's transaction: APPEND
     * and TRUNCATE_AND_LOAD without hard deletes (nothing is matched against existing rows), when the database's
     * DDL is transactional or there is no schema change, and the target's key columns are NOT NULL (so a NULL key
     * fails the load instead of landing in the table).
     */
    private static boolean loadsStraightIn(LoadMode mode, boolean hard, SchemaSteps schema, TargetStatus status,
                                           TableLayout layout, SqlDialect dialect) {
        if (hard || (mode != LoadMode.APPEND && mode != LoadMode.TRUNCATE_AND_LOAD)) {
            return false;
        }
        if (schema.changesTable() && !dialect.traits().transactionalDdl()) {
            return false;
        }
        for (String key : layout.keyColumns()) {
            boolean notNull = status.columns().stream()
                    .anyMatch(c -> dialect.sameColumnName(c.name(), key) && !c.nullable());
            if (!notNull) {
                return false;
            }
        }
        return true;
    }
}
