package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.jdbc.plan.SchemaChange;
import java.util.List;
import java.util.Objects;

/**
 * What one load does, decided by {@link LoadPlanner} before anything is written: one of four routes, each with the
 * steps it runs. Immutable values; each route has one executor.
 */
public sealed interface LoadPlan {

    /**
     * The schema steps a load applies to an existing table before its rows move.
     *
     * @param changes the columns to add and widen, in column order
     * @param rebuild whether the changes are applied by rebuilding the table (a widening the dialect cannot run in
     *     place); the rebuilt table gets a key index, unique when {@code rebuildWithUniqueKeyIndex}
     * @param rebuildWithUniqueKeyIndex whether a rebuilt table's key index is unique (the target has one, and this
     *     load keeps it)
     * @param indexesToDemote the SDK's unique key indexes that this load replaces by a plain one, because APPEND and
     *     TRUNCATE_AND_LOAD keep repeated keys; skipped when the table is rebuilt (it gets a plain index then)
     */
    record SchemaSteps(List<SchemaChange> changes, boolean rebuild, boolean rebuildWithUniqueKeyIndex,
                       List<String> indexesToDemote) {
        /** No change. */
        public static final SchemaSteps NONE = new SchemaSteps(List.of(), false, false, List.of());

        /** Copies the lists. */
        public SchemaSteps {
            changes = List.copyOf(changes);
            indexesToDemote = List.copyOf(indexesToDemote);
        }

        /**
         * @return whether the table's definition (columns or key index) changes
         */
        public boolean changesTable() {
            return !changes.isEmpty() || !indexesToDemote.isEmpty();
        }
    }

    /** What a load without rows (ddlOnly, zeroRows) does to the table. */
    enum TableOutcome {
        /** Build the empty table aside and rename it into place. */
        CREATE("created"),
        /** Build the empty table aside and swap it with the existing one. */
        RECREATE("recreated"),
        /** Apply the schema steps in place. */
        ALTER("altered"),
        /** Leave the table as it is. */
        UNCHANGED("left unchanged");

        private final String words;

        TableOutcome(String words) {
            this.words = words;
        }

        /**
         * @return how the end message says it
         */
        public String words() {
            return words;
        }
    }

    /** How a table built aside gets its key index. */
    enum KeyIndex {
        /** No key, no index. */
        NONE,
        /** A unique index, created on the empty table before the rows load (a repeated key fails the load). */
        UNIQUE_BEFORE_LOAD,
        /** A unique index, created once the rows are in (a repeated key fails the index). */
        UNIQUE_AFTER_LOAD,
        /** A plain index, created once the rows are in. */
        PLAIN_AFTER_LOAD
    }

    /** How a table built aside finds out whether the batch repeats a key (which MERGE must de-duplicate). */
    enum DuplicateCheck {
        /** Not checked: the load mode keeps repeated keys. */
        NONE,
        /** The unique key index refuses a repeated key (its build, or the load into it, fails). */
        BY_UNIQUE_INDEX,
        /** A query for a repeated key, run before the plain key index is built. */
        QUERY_BEFORE_INDEX,
        /** A query for a repeated key, run once the plain key index exists (it reads the keys in order). */
        QUERY_AFTER_INDEX
    }

    /**
     * ddlOnly or zeroRows: no data moves.
     *
     * @param ddlOnly whether the request was ddlOnly (else zeroRows)
     * @param outcome what happens to the table
     * @param schema the schema steps (for {@link TableOutcome#ALTER}; none otherwise)
     */
    record NoRows(boolean ddlOnly, TableOutcome outcome, SchemaSteps schema) implements LoadPlan {
        /** Validates the components. */
        public NoRows {
            Objects.requireNonNull(outcome, "outcome is null");
            Objects.requireNonNull(schema, "schema is null");
        }
    }

    /**
     * A new table (first load, OVERWRITE, DROP on a first run) built beside the target, loaded straight from the
     * files, then published. A MERGE whose batch repeats a key falls back to de-duplicating through staging.
     *
     * @param mode the load mode
     * @param replaces whether the table exists (swapped) or not (renamed into place)
     * @param keyIndex how the table gets its key index
     * @param duplicateCheck how a repeated key is found (MERGE)
     * @param removeDeleted whether rows the source marks deleted are removed (hard deletes)
     */
    record BuildAside(LoadMode mode, boolean replaces, KeyIndex keyIndex, DuplicateCheck duplicateCheck,
                      boolean removeDeleted) implements LoadPlan {
        /** Validates the components. */
        public BuildAside {
            Objects.requireNonNull(mode, "mode is null");
            Objects.requireNonNull(keyIndex, "keyIndex is null");
            Objects.requireNonNull(duplicateCheck, "duplicateCheck is null");
        }
    }

    /**
     * APPEND or TRUNCATE_AND_LOAD bulk-loaded straight into the existing table in one transaction.
     *
     * @param mode APPEND or TRUNCATE_AND_LOAD
     * @param schema the schema steps, applied in the transaction
     */
    record StraightIn(LoadMode mode, SchemaSteps schema) implements LoadPlan {
        /** Validates the components. */
        public StraightIn {
            if (mode != LoadMode.APPEND && mode != LoadMode.TRUNCATE_AND_LOAD) {
                throw new IllegalArgumentException("only APPEND and TRUNCATE_AND_LOAD load straight in: " + mode);
            }
            Objects.requireNonNull(schema, "schema is null");
        }
    }

    /**
     * The files go into a staging table beside the target, then one statement per step moves them in.
     *
     * @param mode APPEND, MERGE or TRUNCATE_AND_LOAD
     * @param schema the schema steps
     * @param schemaOutsideTransaction whether the schema steps run before the transaction (DDL not transactional;
     *     undone if the load fails) rather than in it
     * @param deduplicate whether superseded rows of repeated keys are removed from staging (MERGE)
     * @param hardDeletes whether rows marked deleted delete their key's rows and are not loaded
     * @param uniqueKeyIndex whether the target has a unique key index and no other unique index the dialect's upsert
     *     could meet ({@link TargetStatus#upsertsThroughKeyIndex}): the dialect's upsert may use it
     */
    record ThroughStaging(LoadMode mode, SchemaSteps schema, boolean schemaOutsideTransaction, boolean deduplicate,
                          boolean hardDeletes, boolean uniqueKeyIndex) implements LoadPlan {
        /** Validates the components. */
        public ThroughStaging {
            if (mode == LoadMode.OVERWRITE) {
                throw new IllegalArgumentException("OVERWRITE is built aside");
            }
            Objects.requireNonNull(schema, "schema is null");
        }
    }
}
