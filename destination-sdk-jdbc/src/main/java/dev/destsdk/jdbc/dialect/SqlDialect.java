package dev.destsdk.jdbc.dialect;

import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.jdbc.value.ValueBinder;
import dev.destsdk.jdbc.value.ValueReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How one SQL database spells things: identifiers, types, DDL, the statements of each load mode, and how its table
 * metadata is read back. Every SQL text the warehouse base class runs comes from here, built from small composable
 * methods so that a dialect overrides only what its database does differently; {@link GeneralSqlDialect} holds the
 * defaults that run on any SQL:2011-ish database.
 *
 * <p>A dialect renders; it never executes. Every identifier argument is a final identifier already decided by
 * {@link #identifiers()} (unquoted); the dialect quotes it. Implementations are immutable and thread-safe. No method
 * returns null.
 *
 * <p>Statements that read a staging table refer to its load-order row number through
 * {@link #rowNumberExpression(String)}: 1 for the first row loaded, increasing by one per row in file order.
 */
public interface SqlDialect {

    /** @return the database's name, e.g. {@code postgresql}; used in messages and capability errors */
    String name();

    /** @return the identifier policy that decides and quotes every name */
    IdentifierPolicy identifiers();

    /**
     * What the database does (transactional DDL, when the key index is built), as opposed to how it spells it; the
     * load path chooses its plan from these.
     *
     * @return the traits; the same value on every call
     */
    DialectTraits traits();

    /**
     * How values are bound to parameters (the batched INSERT loader uses it). Replace single types where the driver
     * binds them badly, e.g. {@code ValueBinder.standard().withTemporalsAsText()}.
     *
     * @return the binder; {@link ValueBinder#standard()} by default
     */
    default ValueBinder valueBinder() {
        return ValueBinder.standard();
    }

    /**
     * How values are read back (the testkit's inspector, the rows {@code executeSqlScript} streams). Replace single
     * types where the driver reads them badly.
     *
     * @return the reader; {@link ValueReader#standard()} by default
     */
    default ValueReader valueReader() {
        return ValueReader.standard();
    }

    /**
     * Whether two final identifiers name the same column, as the database compares column names.
     *
     * @param a an identifier; not null
     * @param b an identifier; not null
     * @return true when the database treats them as one name
     */
    boolean sameColumnName(String a, String b);

    // ---- identifiers and literals ----

    /**
     * @param identifier a final identifier; not null
     * @return the quoted identifier
     */
    String quote(String identifier);

    /**
     * @param table the table; not null
     * @return the table's qualified, quoted name
     */
    String qualify(TableName table);

    /**
     * @param table the table; not null
     * @return the qualified, quoted name of the table's schema (or catalog, for databases without schemas); empty
     *     when the table is not qualified
     */
    Optional<String> qualifySchema(TableName table);

    /**
     * @param value a string; not null
     * @return a SQL string literal holding exactly {@code value}
     */
    String stringLiteral(String value);

    /**
     * @param value a boolean
     * @return the SQL literal
     */
    String booleanLiteral(boolean value);

    /**
     * @param value an instant; not null
     * @return a literal of the native type of {@link CanonicalType#TIMESTAMP_TZ}, with microsecond precision
     */
    String timestampTzLiteral(Instant value);

    // ---- types ----

    /**
     * Maps a canonical type to the native type DDL writes.
     *
     * @param type the canonical type with precision and scale; not null
     * @return the native type, e.g. {@code numeric(18,2)}
     */
    String nativeType(ColumnType type);

    /**
     * The type a column of {@code type} actually gets, after the database's limits: e.g. a STRING longer than the
     * database's bounded text type becomes unbounded. {@code nativeType(effectiveType(t))} equals
     * {@code nativeType(t)}.
     *
     * @param type the requested type; not null
     * @return the type the column will hold
     */
    ColumnType effectiveType(ColumnType type);

    // ---- DDL ----

    /**
     * @param table a table in the schema to create; not null
     * @return {@code CREATE SCHEMA IF NOT EXISTS ...}, or empty when the table has no schema to create
     */
    Optional<String> createSchemaIfNotExists(TableName table);

    /**
     * @param table a table whose catalog and schema are asked about; not null
     * @return the query that returns a row when the table's schema exists and none otherwise, or empty when the
     *     table has no schema part
     */
    Optional<String> schemaExistsQuery(TableName table);

    /**
     * @param table the table; not null
     * @param columns the columns in order; not empty
     * @return the CREATE TABLE statement
     */
    String createTable(TableName table, List<ColumnDef> columns);

    /**
     * @param table the table; not null
     * @return {@code DROP TABLE IF EXISTS ...}
     */
    String dropTableIfExists(TableName table);

    /**
     * @param table the table; not null
     * @param column the new column (added as nullable); not null
     * @return the ALTER TABLE statement
     */
    String addColumn(TableName table, ColumnDef column);

    /**
     * Removes a column; used only to undo {@link #addColumn} of a failed load where DDL is not transactional.
     *
     * @param table the table; not null
     * @param column the column; not null
     * @return the ALTER TABLE statement
     */
    String dropColumn(TableName table, String column);

    /**
     * The statements that change a column to a wider type in place, keeping its values.
     *
     * @param table the table; not null
     * @param from the column as it is; not null
     * @param to the column as it must become; not null
     * @return the statements, or empty when the database cannot alter the type in place and the table must be
     *     rebuilt
     */
    Optional<List<String>> widenColumn(TableName table, ColumnDef from, ColumnDef to);

    /**
     * A value converted to a column's type, for copying rows into a rebuilt table when {@link #widenColumn} is
     * empty.
     *
     * @param expression the SQL expression, e.g. a quoted column; not null
     * @param to the column the value goes to; not null
     * @return the converting expression, e.g. {@code CAST(expression AS type)}
     */
    String castTo(String expression, ColumnDef to);

    /**
     * @param target the table rows are inserted into; not null
     * @param columns the target's columns, final identifiers; not empty
     * @param expressions one SQL expression per column, over the source's columns (unaliased); same size
     * @param source the table the rows come from; not null
     * @return {@code INSERT INTO target (columns) SELECT expressions FROM source}
     */
    String insertSelect(TableName target, List<String> columns, List<String> expressions, TableName source);

    /**
     * @param table the table; not null
     * @param column the column; not null
     * @return the statement that removes the column's default, or empty when the database cannot drop a default
     *     (SQLite): the published table then keeps the sync's tracking values as defaults
     */
    Optional<String> dropDefault(TableName table, String column);

    /**
     * The parameter a batched INSERT binds one column's values to (see {@link #valueBinder()}).
     *
     * @param column the column; not null
     * @return e.g. {@code ?}, or {@code CAST(? AS json)} for a type the driver binds as text
     */
    String parameter(ColumnDef column);

    /**
     * @param table the table; not null
     * @param columns the columns, final identifiers; not empty
     * @param values one SQL expression per column (parameters from {@link #parameter}, literals); same size
     * @return {@code INSERT INTO table (columns) VALUES (values)}
     */
    String insertValues(TableName table, List<String> columns, List<String> values);

    /**
     * An index over the primary key columns that speeds up MERGE and hard deletes, if the database profits from
     * one. The index is not unique: APPEND, OVERWRITE and TRUNCATE_AND_LOAD keep duplicate keys.
     *
     * @param table the table; not null
     * @param indexName the index name, a final identifier unique in the schema; not null
     * @param keyColumns the key columns; not empty
     * @return the CREATE INDEX statement, or empty when the dialect creates no index
     */
    Optional<String> createKeyIndex(TableName table, String indexName, List<ColumnDef> keyColumns);

    /**
     * An index over the primary key columns that also enforces their uniqueness, for a table built by a MERGE load
     * (whose rows are de-duplicated by key): it lets {@link #upsertFromStaging} use the database's native upsert.
     * Creating it fails when the table holds a key twice.
     *
     * @param table the table; not null
     * @param indexName the index name, a final identifier unique in the schema; not null
     * @param keyColumns the key columns; not empty
     * @return the CREATE UNIQUE INDEX statement, or empty when the database cannot enforce uniqueness over these
     *     columns (then {@link #createKeyIndex} is used)
     */
    Optional<String> createUniqueKeyIndex(TableName table, String indexName, List<ColumnDef> keyColumns);

    /**
     * The query that finds the table's unique indexes over exactly the key columns (in any order, with no
     * predicate or expression): one row per index, its name in the first column.
     *
     * @param table the table; not null
     * @param keyColumns the key columns; not empty
     * @return the SELECT statement, or empty when the dialect cannot tell (the table is then treated as having none)
     */
    Optional<String> uniqueKeyIndexesQuery(TableName table, List<String> keyColumns);

    /**
     * Lists the names of a table's indexes, so that a load names a new key index apart from the indexes the target
     * holds. Needed where index names are per schema (PostgreSQL): a table built beside the target cannot take a
     * name the target's index has. The default, empty, suits a dialect whose index names are per table (MariaDB) or
     * that creates no key index; the load then knows only the names {@link #uniqueKeyIndexesQuery} returns.
     *
     * @param table the table; not null
     * @return a query whose first column is an index name, one row per index; empty when not needed
     */
    default Optional<String> indexNamesQuery(TableName table) {
        return Optional.empty();
    }

    /**
     * The query that lists every unique index of the table, its primary key included, where the database's upsert
     * takes any of them as the conflict to resolve (MariaDB's {@code ON DUPLICATE KEY UPDATE} fires on whichever
     * unique key a row collides with, not only the key's). A MERGE load then lets {@link #upsertFromStaging} use the
     * unique key index only when the target has no unique index besides those {@link #uniqueKeyIndexesQuery} finds:
     * a row colliding with another one would otherwise update that other row instead of failing. The default, empty,
     * suits a dialect whose upsert names the key it resolves ({@code ON CONFLICT (keys)}), or that has none.
     *
     * @param table the table; not null
     * @return a query whose first column is an index name, one row per unique index; empty when not needed
     */
    default Optional<String> uniqueIndexesQuery(TableName table) {
        return Optional.empty();
    }

    /**
     * @param table the table the index belongs to; not null
     * @param indexName the index name; not null
     * @return the DROP INDEX statement
     */
    String dropIndex(TableName table, String indexName);

    /**
     * @param table the table; not null
     * @param newName the new table name (same catalog and schema); not null
     * @return the rename statement
     */
    String renameTable(TableName table, String newName);

    /**
     * Replaces {@code target} with {@code replacement}, keeping the old table as {@code retired}, as atomically as
     * the database allows.
     *
     * @param target the table to replace; not null
     * @param replacement the fully built new table (a sibling of target); not null
     * @param retired the name the old table gets (a sibling of target); not null
     * @return the statements, in order
     */
    List<String> swapTables(TableName target, TableName replacement, TableName retired);

    /**
     * @return {@code traits().transactionalDdl()}; override {@link #traits()}, not this
     */
    default boolean transactionalDdl() {
        return traits().transactionalDdl();
    }

    // ---- staging ----

    /**
     * Whether a staging table is created and loaded in one transaction of its own (committed before its rows move
     * on), so that the bulk loader sees it as created in the current transaction and may write its rows already
     * frozen (PostgreSQL's {@code COPY … FREEZE}): the first read of the staging table then need not set hint bits
     * on every row, which would dirty and write each of its pages a second time. Only where DDL is transactional;
     * when the staging table is created inside a transaction the load already holds, that transaction is left as
     * it is.
     *
     * @return false by default
     */
    default boolean stagesInOneTransaction() {
        return false;
    }

    /**
     * A staging table: the given columns plus the row-number column when {@link #rowNumberColumnDefinition()} has
     * one.
     *
     * @param table the staging table; not null
     * @param columns the columns in load order; not empty
     * @return the CREATE TABLE statement
     */
    String createStagingTable(TableName table, List<ColumnDef> columns);

    /**
     * The extra column a staging table carries to number rows in load order, if the database needs one.
     *
     * @return the column definition as CREATE TABLE writes it, or empty when {@link #rowNumberExpression(String)}
     *     uses a built-in row id
     */
    Optional<String> rowNumberColumnDefinition();

    /**
     * @param alias the staging table's alias in the statement, or the empty string for an unqualified reference;
     *     not null
     * @return the expression giving a staging row's 1-based load-order number
     */
    String rowNumberExpression(String alias);

    /**
     * The query that tells whether a table holds a key more than once: at most one row (any value) when it does, no
     * row when every key is unique. Used before de-duplicating, so that a batch without repeated keys skips it.
     *
     * @param table the table; not null
     * @param keyColumns the key columns; not empty
     * @return the SELECT statement
     */
    String firstDuplicateKey(TableName table, List<String> keyColumns);

    /**
     * @return {@code traits().checksDuplicatesWithKeyIndex()}: whether {@link #firstDuplicateKey} runs after the key
     *     index is built; override {@link #traits()}, not this
     */
    default boolean checksDuplicatesWithKeyIndex() {
        return traits().checksDuplicatesWithKeyIndex();
    }

    /**
     * @return {@code traits().buildsKeyIndexBeforeLoad()}: whether a MERGE load's new table gets its unique key index
     *     ({@link #createUniqueKeyIndex}) before the rows are loaded (a batch that repeats a key then fails the bulk
     *     load, and the files go through the staging table); override {@link #traits()}, not this
     */
    default boolean buildsKeyIndexBeforeLoad() {
        return traits().buildsKeyIndexBeforeLoad();
    }

    /**
     * Deletes every staging row that another row with the same key supersedes: the highest cursor wins (NULL is
     * lowest); among equal cursors the row loaded last wins.
     *
     * @param staging the staging table; not null
     * @param keyColumns the key columns; not empty
     * @param cursorColumn the cursor column, if any
     * @return the DELETE statement
     */
    String deleteSupersededRows(TableName staging, List<String> keyColumns, Optional<String> cursorColumn);

    // ---- load modes ----

    /**
     * @param target the target; not null
     * @param source the staging or source table; not null
     * @param columns the columns copied, same names in both; not empty
     * @param sourceFilter a condition on the source rows (alias {@code s}), if any
     * @return {@code INSERT INTO target (...) SELECT ... FROM source s [WHERE ...]}
     */
    String insertFromStaging(TableName target, TableName source, List<String> columns, Optional<String> sourceFilter);

    /**
     * Updates every target row whose key matches a staging row with that row's values.
     *
     * @param target the target; not null
     * @param staging the staging table (no duplicate keys); not null
     * @param keyColumns the key columns; not empty
     * @param updateColumns the columns set; not empty
     * @param stagingFilter a condition on the staging rows (alias {@code s}), if any
     * @return the UPDATE statement
     */
    String updateFromStaging(TableName target, TableName staging, List<String> keyColumns, List<String> updateColumns,
                             Optional<String> stagingFilter);

    /**
     * Inserts every staging row whose key is not in the target.
     *
     * @param target the target; not null
     * @param staging the staging table; not null
     * @param keyColumns the key columns; not empty
     * @param columns the columns inserted; not empty
     * @param stagingFilter a condition on the staging rows (alias {@code s}), if any
     * @return the INSERT statement
     */
    String insertMissingFromStaging(TableName target, TableName staging, List<String> keyColumns, List<String> columns,
                                    Optional<String> stagingFilter);

    /**
     * One statement that does what {@link #updateFromStaging} followed by {@link #insertMissingFromStaging} do, for
     * databases where that saves a pass over the target (e.g. a writable CTE whose insert is checked against the
     * keys the update returned rather than against the whole target). It returns one row of two numbers: the rows
     * updated and the rows inserted; or, where {@link #upsertCounters} counts them, nothing.
     *
     * @param target the target; not null
     * @param staging the staging table (no duplicate keys); not null
     * @param keyColumns the key columns; not empty
     * @param updateColumns the columns set on matching rows; not empty
     * @param insertColumns the columns of inserted rows; not empty
     * @param stagingFilter a condition on the staging rows (alias {@code s}), if any
     * @param uniqueKeyIndex whether the target has a unique index over exactly the key columns (see
     *     {@link #uniqueKeyIndexesQuery}) and, where {@link #uniqueIndexesQuery} lists them, no other unique index,
     *     so that a native upsert ({@code INSERT … ON CONFLICT}) can find the matching rows through it
     * @return the query (or, with {@link #upsertCounters}, the statement), or empty when the database has no such
     *     statement (then the two statements run)
     */
    Optional<String> upsertFromStaging(TableName target, TableName staging, List<String> keyColumns,
                                       List<String> updateColumns, List<String> insertColumns,
                                       Optional<String> stagingFilter, boolean uniqueKeyIndex);

    /**
     * Where the statement of {@link #upsertFromStaging} returns no counts but counts its rows into the session as it
     * runs (MariaDB's {@code INSERT … ON DUPLICATE KEY UPDATE}, whose affected-row count cannot tell an unchanged
     * updated row from an inserted one, increments user variables instead): the statement a load runs just before
     * the upsert to set the counters to zero, and the query it runs just after it to read them, on the same
     * connection and in the same transaction. The counts come from the statement itself, so they are exact whatever
     * else writes the target meanwhile.
     *
     * @return the counters, or empty (the default) when {@link #upsertFromStaging} is itself a query returning its
     *     counts
     */
    default Optional<UpsertCounters> upsertCounters() {
        return Optional.empty();
    }

    /**
     * Whether {@link #upsertFromStaging} with {@code uniqueKeyIndex} fails as a whole, changing nothing, when the
     * staging table holds a key more than once, instead of applying more than one of its rows (PostgreSQL: "ON
     * CONFLICT DO UPDATE command cannot affect row a second time"). A MERGE load may then run the upsert without
     * checking the batch for repeated keys first, and de-duplicate the staging table only when the upsert fails that
     * way ({@link #isRepeatedKeyInUpsert}), inside a savepoint.
     *
     * @return false unless the dialect knows the database refuses so
     */
    default boolean upsertRefusesRepeatedKeys() {
        return false;
    }

    /**
     * @param failure a failure of the statement of {@link #upsertFromStaging}; not null
     * @return whether it is the refusal {@link #upsertRefusesRepeatedKeys()} describes
     */
    default boolean isRepeatedKeyInUpsert(java.sql.SQLException failure) {
        return false;
    }

    /**
     * Deletes every target row whose key matches a staging row that passes the filter (hard deletes).
     *
     * @param target the target; not null
     * @param staging the staging table; not null
     * @param keyColumns the key columns; not empty
     * @param stagingFilter a condition on the staging rows (alias {@code s}); not null
     * @return the DELETE statement
     */
    String deleteMatching(TableName target, TableName staging, List<String> keyColumns, String stagingFilter);

    /**
     * @param table the table; not null
     * @param condition a condition on its rows (no alias); not null
     * @return {@code DELETE FROM table WHERE condition}
     */
    String deleteWhere(TableName table, String condition);

    /**
     * Removes the rows an earlier attempt of a sync wrote: an APPEND retried with the same sync id replaces them
     * instead of adding them twice.
     *
     * @param table the table; not null
     * @param jobIdColumn the job id tracking column; not null
     * @param syncId the sync id; not null
     * @return {@code DELETE FROM table WHERE jobIdColumn = 'syncId'}
     */
    String deleteRowsOfSync(TableName table, String jobIdColumn, String syncId);

    /**
     * Empties a table inside the load transaction, keeping its definition.
     *
     * @param table the table; not null
     * @return the statement
     */
    String deleteAllRows(TableName table);

    /**
     * @param column a column name; not null
     * @param alias the table alias, or empty for none
     * @return a condition true when the boolean column is true
     */
    String isTrue(String column, Optional<String> alias);

    /**
     * @param column a column name; not null
     * @param alias the table alias, or empty for none
     * @return a condition true when the boolean column is false or NULL
     */
    String isNotTrue(String column, Optional<String> alias);

    // ---- metadata ----

    /**
     * The query that reads a table's columns in order; its rows are passed to {@link #readColumn(ResultSet)}. No
     * rows means the table does not exist.
     *
     * @param table the table; not null
     * @return the SELECT statement (no parameters)
     */
    String columnsQuery(TableName table);

    /**
     * The query that lists the names of the tables in a table's schema (first column), so that a load can find
     * helper tables ({@code _destsdk_*}) an earlier load of the same table left behind.
     *
     * @param table a table of the schema; not null
     * @return the SELECT statement (no parameters)
     */
    String tablesInSchemaQuery(TableName table);

    /**
     * The query that lists the tables and views of a table's schema, for tools that look for leftovers (the
     * testkit's inspector): one row per object, its name in the first column and {@code VIEW} for a view in the
     * second.
     *
     * @param table a table in the schema; not null
     * @return the SELECT statement, or empty to list with {@link java.sql.DatabaseMetaData#getTables}
     */
    default Optional<String> tablesQuery(TableName table) {
        return Optional.empty();
    }

    /**
     * @param row the current row of the {@link #columnsQuery(TableName)} result; not null
     * @return the column
     * @throws SQLException when reading the row fails
     */
    ExistingColumn readColumn(ResultSet row) throws SQLException;

    // ---- errors ----

    /**
     * Classifies a database failure: bad data (type conversion, constraint) is {@link ErrorType#VALIDATION_ERROR};
     * refused credentials are {@link ErrorType#AUTHENTICATION_ERROR}; the rest {@link ErrorType#SQL_ERROR}.
     *
     * @param failure the failure; not null
     * @return the error type
     */
    ErrorType classify(SQLException failure);

    /**
     * Classifies the failure of a statement that creates or renames a catalog object by name (a schema, a table) and
     * carries no row data, so it cannot fail on bad input. Where {@link #classify} says
     * {@link ErrorType#VALIDATION_ERROR} (SQLSTATE class 22 or 23), the failure here is the server's, a
     * {@link ErrorType#SQL_ERROR}: PostgreSQL, for one, refuses the second of two sessions creating the same schema
     * at the same moment with a unique violation on its catalog ({@code pg_namespace}). Statements over loaded rows
     * keep {@link #classify}: there a unique violation is a key the batch repeats.
     *
     * @param failure the failure; not null
     * @return the error type; never {@link ErrorType#VALIDATION_ERROR} by default
     */
    default ErrorType classifyCatalogChange(SQLException failure) {
        ErrorType type = classify(failure);
        return type == ErrorType.VALIDATION_ERROR ? ErrorType.SQL_ERROR : type;
    }

    /**
     * @param failure a failure; not null
     * @return whether retrying the same statement may succeed (deadlock, serialization failure, lost connection)
     */
    boolean isRetryable(SQLException failure);
}
