package dev.destsdk.jdbc.dialect;

/**
 * What a database does, as opposed to how it spells it: the strategy flags the warehouse load path reads to choose
 * its plan, and what {@link GeneralSqlDialect} needs to know to render for it, kept apart from {@link SqlDialect}'s
 * rendering methods. An immutable value; start from
 * {@link #DEFAULT} and change what differs:
 * <pre>{@code
 * @Override
 * public DialectTraits traits() {
 *     return DialectTraits.DEFAULT.withTransactionalDdl(false);
 * }
 * }</pre>
 *
 * @param transactionalDdl whether DDL takes part in transactions, so that a failed load rolls back its ALTERs and
 *     renames too; where it does not, the load undoes its schema changes itself and loads straight into an altered
 *     table only through staging
 * @param buildsKeyIndexBeforeLoad whether a MERGE load's new table gets its unique key index before its rows are
 *     loaded rather than after: faster where the database clusters a table by that index (InnoDB)
 * @param checksDuplicatesWithKeyIndex whether the check for repeated keys runs fastest once the key index exists
 *     (it reads the keys in order from the index) rather than before
 * @param temporalsAsText whether the database has no date and time types of its own and keeps them as text
 *     (SQLite): {@link GeneralSqlDialect} then binds and reads them as {@link dev.destsdk.jdbc.value.TemporalText},
 *     writes the zoned timestamp literal as a string and casts to them as text
 * @param altersColumns whether {@code ALTER TABLE … ALTER COLUMN} changes a column's type and drops its default in
 *     place; where it does not (SQLite), {@link GeneralSqlDialect} renders neither, so a widening load rebuilds the
 *     table and a published table keeps the first sync's tracking values as column defaults
 * @param updatesFromJoin whether the database accepts {@code UPDATE … FROM} (PostgreSQL, DuckDB): a MERGE's update
 *     from staging is then one join ({@link GeneralSqlDialect#updateFromJoin}) instead of the portable subquery form
 * @param ranksWithWindowFunctions whether the database has {@code ROW_NUMBER() OVER (PARTITION BY …)}: the batch is
 *     then de-duplicated in one pass over the staging table ({@link GeneralSqlDialect#deleteSupersededByRank})
 *     instead of the portable {@code EXISTS} form
 */
public record DialectTraits(boolean transactionalDdl, boolean buildsKeyIndexBeforeLoad,
                            boolean checksDuplicatesWithKeyIndex, boolean temporalsAsText, boolean altersColumns,
                            boolean updatesFromJoin, boolean ranksWithWindowFunctions) {

    /**
     * Transactional DDL, key index built after the rows are in, duplicates checked through it, native date and
     * time types, columns altered in place, and only the portable statement forms (no {@code UPDATE … FROM}, no
     * window functions).
     */
    public static final DialectTraits DEFAULT = new DialectTraits(true, false, true, false, true, false, false);

    /**
     * @param value the new value
     * @return these traits with {@link #transactionalDdl()} set
     */
    public DialectTraits withTransactionalDdl(boolean value) {
        return new DialectTraits(value, buildsKeyIndexBeforeLoad, checksDuplicatesWithKeyIndex, temporalsAsText,
                altersColumns, updatesFromJoin, ranksWithWindowFunctions);
    }

    /**
     * @param value the new value
     * @return these traits with {@link #buildsKeyIndexBeforeLoad()} set
     */
    public DialectTraits withBuildsKeyIndexBeforeLoad(boolean value) {
        return new DialectTraits(transactionalDdl, value, checksDuplicatesWithKeyIndex, temporalsAsText,
                altersColumns, updatesFromJoin, ranksWithWindowFunctions);
    }

    /**
     * @param value the new value
     * @return these traits with {@link #checksDuplicatesWithKeyIndex()} set
     */
    public DialectTraits withChecksDuplicatesWithKeyIndex(boolean value) {
        return new DialectTraits(transactionalDdl, buildsKeyIndexBeforeLoad, value, temporalsAsText,
                altersColumns, updatesFromJoin, ranksWithWindowFunctions);
    }

    /**
     * @param value the new value
     * @return these traits with {@link #temporalsAsText()} set
     */
    public DialectTraits withTemporalsAsText(boolean value) {
        return new DialectTraits(transactionalDdl, buildsKeyIndexBeforeLoad, checksDuplicatesWithKeyIndex, value,
                altersColumns, updatesFromJoin, ranksWithWindowFunctions);
    }

    /**
     * @param value the new value
     * @return these traits with {@link #altersColumns()} set
     */
    public DialectTraits withAltersColumns(boolean value) {
        return new DialectTraits(transactionalDdl, buildsKeyIndexBeforeLoad, checksDuplicatesWithKeyIndex, temporalsAsText,
                value, updatesFromJoin, ranksWithWindowFunctions);
    }

    /**
     * @param value the new value
     * @return these traits with {@link #updatesFromJoin()} set
     */
    public DialectTraits withUpdatesFromJoin(boolean value) {
        return new DialectTraits(transactionalDdl, buildsKeyIndexBeforeLoad, checksDuplicatesWithKeyIndex, temporalsAsText,
                altersColumns, value, ranksWithWindowFunctions);
    }

    /**
     * @param value the new value
     * @return these traits with {@link #ranksWithWindowFunctions()} set
     */
    public DialectTraits withRanksWithWindowFunctions(boolean value) {
        return new DialectTraits(transactionalDdl, buildsKeyIndexBeforeLoad, checksDuplicatesWithKeyIndex, temporalsAsText,
                altersColumns, updatesFromJoin, value);
    }
}
