package dev.destsdk.jdbc.dialect;

import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.jdbc.value.ValueBinder;
import dev.destsdk.jdbc.value.ValueReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Defaults for every {@link SqlDialect} method that run on any SQL:2011-ish database (standard types, {@code CAST},
 * {@code EXISTS}-based statements, no window functions); a database's dialect extends it and overrides the few
 * methods its SQL spells differently or does faster. Forms that only some databases accept are protected helpers a
 * dialect opts into ({@link #updateFromJoin}, {@link #deleteSupersededByRank}). {@code docs/connector-guide.md}
 * tables every default, the load path that calls it and the databases known to reject it. Generated statements are single-line, quote every identifier, alias the target table
 * {@code t} and the staging table {@code s}.
 *
 * <p>Subclasses must stay immutable and thread-safe. This class is designed for extension: each protected or
 * public method documents what it renders, and the others compose them.
 */
public abstract class GeneralSqlDialect implements SqlDialect {
    /** Alias of the target table in generated statements. */
    protected static final String TARGET = "t";
    /** Alias of the staging table in generated statements. */
    protected static final String STAGING = "s";

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final ValueBinder TEXT_TEMPORALS_BINDER = ValueBinder.standard().withTemporalsAsText();
    private static final ValueReader TEXT_TEMPORALS_READER = ValueReader.standard().withTemporalsFromText();
    private static final Pattern TRAILING_PARAMETERS =
            Pattern.compile("(.*?)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private final String name;
    private final IdentifierPolicy identifiers;

    /**
     * @param name the database's name, e.g. {@code postgresql}; not null
     * @param identifiers the identifier policy: case folding, quoting, reserved words, maximum length and how the
     *     database compares names; not null
     */
    protected GeneralSqlDialect(String name, IdentifierPolicy identifiers) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.identifiers = Objects.requireNonNull(identifiers, "identifiers is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public IdentifierPolicy identifiers() {
        return identifiers;
    }

    /** As the policy compares identifiers ({@link IdentifierPolicy#isSameIdentifier}). */
    @Override
    public boolean sameColumnName(String a, String b) {
        return identifiers.isSameIdentifier(a, b);
    }

    // ---- identifiers and literals ----

    /**
     * Quotes always, through the policy ({@link IdentifierPolicy#quote}): generated SQL never depends on whether a
     * name is reserved or would fold.
     */
    @Override
    public String quote(String identifier) {
        return identifiers.quote(identifier);
    }

    @Override
    public String qualify(TableName table) {
        StringBuilder sb = new StringBuilder();
        table.catalog().ifPresent(c -> sb.append(quote(c)).append('.'));
        table.schema().ifPresent(s -> sb.append(quote(s)).append('.'));
        return sb.append(quote(table.table())).toString();
    }

    @Override
    public Optional<String> qualifySchema(TableName table) {
        if (table.schema().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(table.catalog().map(c -> quote(c) + ".").orElse("") + quote(table.schema().get()));
    }

    /** Doubles single quotes. */
    @Override
    public String stringLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public String booleanLiteral(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    /**
     * {@code CAST('2024-01-31 13:45:00.000000+00:00' AS <native TIMESTAMP_TZ type>)}; only the string where the
     * database keeps dates and times as text ({@link DialectTraits#temporalsAsText()}).
     */
    @Override
    public String timestampTzLiteral(Instant value) {
        if (traits().temporalsAsText()) {
            return stringLiteral(formatUtcMicros(value) + "+00:00");
        }
        return "CAST(" + stringLiteral(formatUtcMicros(value) + "+00:00") + " AS "
                + nativeType(ColumnType.of(CanonicalType.TIMESTAMP_TZ)) + ")";
    }

    /**
     * @param value an instant; not null
     * @return {@code yyyy-MM-dd HH:mm:ss.ffffff} in UTC, truncated to microseconds
     */
    protected static String formatUtcMicros(Instant value) {
        return MICROS.format(value.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * @param columns final identifiers; not empty
     * @param alias a table alias, or empty for none
     * @return the quoted, comma-separated column list
     */
    protected String columnList(List<String> columns, Optional<String> alias) {
        return columns.stream().map(c -> column(c, alias)).collect(Collectors.joining(", "));
    }

    /**
     * @param column a final identifier; not null
     * @param alias a table alias, or empty for none
     * @return the quoted column, qualified by the alias when present
     */
    protected String column(String column, Optional<String> alias) {
        return alias.map(a -> a + ".").orElse("") + quote(column);
    }

    /**
     * @param keyColumns the key columns; not empty
     * @param left the left alias; not null
     * @param right the right alias; not null
     * @return {@code left.k1 = right.k1 AND ...}
     */
    protected String keyJoin(List<String> keyColumns, String left, String right) {
        return keyColumns.stream()
                .map(k -> column(k, Optional.of(left)) + " = " + column(k, Optional.of(right)))
                .collect(Collectors.joining(" AND "));
    }

    // ---- types ----

    /**
     * SQL:2011 spellings: BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE PRECISION, DECIMAL(p,s), VARCHAR(n) or
     * CLOB when unbounded, DATE, TIME, TIMESTAMP, TIMESTAMP WITH TIME ZONE, VARBINARY(n) or BLOB when unbounded,
     * JSON, CHAR(36) for UUID. Never a bare VARCHAR or VARBINARY, which some databases silently cap.
     */
    @Override
    public String nativeType(ColumnType type) {
        return switch (type.canonicalType()) {
            case BOOLEAN -> "BOOLEAN";
            case SHORT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case LONG -> "BIGINT";
            case FLOAT -> "REAL";
            case DOUBLE -> "DOUBLE PRECISION";
            case DECIMAL -> decimalType(type, "DECIMAL");
            case STRING -> type.precision().map(p -> "VARCHAR(" + p + ")").orElse("CLOB");
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
            case BINARY -> type.precision().map(p -> "VARBINARY(" + p + ")").orElse("BLOB");
            case JSON -> "JSON";
            case UUID -> "CHAR(36)";
        };
    }

    /**
     * @param type a DECIMAL type; not null
     * @param spelling the type keyword, e.g. {@code numeric}; not null
     * @return {@code spelling(p,s)}, {@code spelling(p)} or {@code spelling}
     */
    protected static String decimalType(ColumnType type, String spelling) {
        if (type.precision().isEmpty()) {
            return spelling;
        }
        return spelling + "(" + type.precision().get() + "," + type.scale().orElse(0) + ")";
    }

    /** Returns the type unchanged: the ANSI types have no limits here. */
    @Override
    public ColumnType effectiveType(ColumnType type) {
        return type;
    }

    // ---- DDL ----

    @Override
    public Optional<String> createSchemaIfNotExists(TableName table) {
        return qualifySchema(table).map(s -> "CREATE SCHEMA IF NOT EXISTS " + s);
    }

    /** Reads {@code information_schema.schemata} by schema name, and catalog name when the table has one. */
    @Override
    public Optional<String> schemaExistsQuery(TableName table) {
        return table.schema().map(schema -> "SELECT 1 FROM information_schema.schemata WHERE schema_name = "
                + stringLiteral(schema) + table.catalog().map(c -> " AND catalog_name = " + stringLiteral(c))
                .orElse(""));
    }

    @Override
    public String createTable(TableName table, List<ColumnDef> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column: " + table);
        }
        List<String> parts = new ArrayList<>();
        for (ColumnDef c : columns) {
            parts.add(columnDefinition(c));
        }
        return "CREATE TABLE " + qualify(table) + " (" + String.join(", ", parts) + ")";
    }

    /** {@link #createTable} with {@link #rowNumberColumnDefinition()} appended when there is one. */
    @Override
    public String createStagingTable(TableName table, List<ColumnDef> columns) {
        String create = createTable(table, columns);
        return rowNumberColumnDefinition()
                .map(def -> create.substring(0, create.length() - 1) + ", " + def + ")")
                .orElse(create);
    }

    /**
     * @param column the column; not null
     * @return {@code "name" type [DEFAULT expr] [NOT NULL]}
     */
    protected String columnDefinition(ColumnDef column) {
        return quote(column.name()) + " " + column.nativeType()
                + column.defaultExpression().map(d -> " DEFAULT " + d).orElse("")
                + (column.nullable() ? "" : " NOT NULL");
    }

    @Override
    public String dropTableIfExists(TableName table) {
        return "DROP TABLE IF EXISTS " + qualify(table);
    }

    @Override
    public String addColumn(TableName table, ColumnDef column) {
        return "ALTER TABLE " + qualify(table) + " ADD COLUMN " + columnDefinition(column.withNullable(true));
    }

    @Override
    public String dropColumn(TableName table, String column) {
        return "ALTER TABLE " + qualify(table) + " DROP COLUMN " + quote(column);
    }

    /** {@code ALTER TABLE t ALTER COLUMN c SET DATA TYPE type}; empty where not {@link DialectTraits#altersColumns()}. */
    @Override
    public Optional<List<String>> widenColumn(TableName table, ColumnDef from, ColumnDef to) {
        if (!traits().altersColumns()) {
            return Optional.empty();
        }
        return Optional.of(List.of("ALTER TABLE " + qualify(table) + " ALTER COLUMN " + quote(to.name())
                + " SET DATA TYPE " + to.nativeType()));
    }

    /**
     * {@code CAST(expression AS nativeType)}; to the unbounded STRING type for a date or time where the database keeps
     * them as text ({@link DialectTraits#temporalsAsText()}: a cast to such a type may read the text as a number).
     */
    @Override
    public String castTo(String expression, ColumnDef to) {
        boolean asText = traits().temporalsAsText() && switch (to.canonicalType()) {
            case DATE, TIME, TIMESTAMP, TIMESTAMP_TZ -> true;
            default -> false;
        };
        return "CAST(" + expression + " AS " + (asText ? nativeType(ColumnType.of(CanonicalType.STRING))
                : to.nativeType()) + ")";
    }

    @Override
    public String insertSelect(TableName target, List<String> columns, List<String> expressions, TableName source) {
        if (columns.size() != expressions.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + expressions.size() + " expressions");
        }
        return "INSERT INTO " + qualify(target) + " (" + columnList(columns, Optional.empty()) + ") SELECT "
                + String.join(", ", expressions) + " FROM " + qualify(source);
    }

    /** {@code ALTER TABLE t ALTER COLUMN c DROP DEFAULT}; empty where not {@link DialectTraits#altersColumns()}. */
    @Override
    public Optional<String> dropDefault(TableName table, String column) {
        if (!traits().altersColumns()) {
            return Optional.empty();
        }
        return Optional.of("ALTER TABLE " + qualify(table) + " ALTER COLUMN " + quote(column) + " DROP DEFAULT");
    }

    /**
     * {@code ?}. A database whose JSON or UUID type does not take text parameters renders {@code CAST(? AS type)}
     * for them ({@link #valueBinder()} binds them as text).
     */
    @Override
    public String parameter(ColumnDef column) {
        return "?";
    }

    @Override
    public String insertValues(TableName table, List<String> columns, List<String> values) {
        if (columns.size() != values.size() || columns.isEmpty()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + values.size() + " values");
        }
        return "INSERT INTO " + qualify(table) + " (" + columnList(columns, Optional.empty()) + ") VALUES ("
                + String.join(", ", values) + ")";
    }

    /** No index by default. */
    @Override
    public Optional<String> createKeyIndex(TableName table, String indexName, List<ColumnDef> keyColumns) {
        return Optional.empty();
    }

    /** Empty: no index (see {@link #createKeyIndex}). */
    @Override
    public Optional<String> createUniqueKeyIndex(TableName table, String indexName, List<ColumnDef> keyColumns) {
        return Optional.empty();
    }

    /** Empty: the general dialect creates no index, so it looks for none. */
    @Override
    public Optional<String> uniqueKeyIndexesQuery(TableName table, List<String> keyColumns) {
        return Optional.empty();
    }

    /** {@code DROP INDEX schema.index} (indexes named per schema, as in PostgreSQL and DuckDB). */
    @Override
    public String dropIndex(TableName table, String indexName) {
        return "DROP INDEX " + qualify(table.sibling(indexName));
    }

    @Override
    public String renameTable(TableName table, String newName) {
        return "ALTER TABLE " + qualify(table) + " RENAME TO " + quote(newName);
    }

    /** Two renames; atomic only when {@link #transactionalDdl()} and run in one transaction. */
    @Override
    public List<String> swapTables(TableName target, TableName replacement, TableName retired) {
        return List.of(renameTable(target, retired.table()), renameTable(replacement, target.table()));
    }

    /** {@link DialectTraits#DEFAULT}: transactional DDL, key index built after the rows are in. */
    @Override
    public DialectTraits traits() {
        return DialectTraits.DEFAULT;
    }

    /** The standard binder, binding dates and times as text where {@link DialectTraits#temporalsAsText()}. */
    @Override
    public ValueBinder valueBinder() {
        return traits().temporalsAsText() ? TEXT_TEMPORALS_BINDER : ValueBinder.standard();
    }

    /** The standard reader, parsing dates and times from text where {@link DialectTraits#temporalsAsText()}. */
    @Override
    public ValueReader valueReader() {
        return traits().temporalsAsText() ? TEXT_TEMPORALS_READER : ValueReader.standard();
    }

    // ---- staging ----

    /** The name of the row number column staging tables carry. */
    protected static final String ROW_NUMBER_COLUMN = "_destsdk_row";

    /** An ANSI identity column: {@code "_destsdk_row" BIGINT GENERATED ALWAYS AS IDENTITY}. */
    @Override
    public Optional<String> rowNumberColumnDefinition() {
        return Optional.of(quote(ROW_NUMBER_COLUMN) + " BIGINT GENERATED ALWAYS AS IDENTITY");
    }

    /** The row number column, qualified by the alias unless it is empty. */
    @Override
    public String rowNumberExpression(String alias) {
        return column(ROW_NUMBER_COLUMN, alias.isEmpty() ? Optional.empty() : Optional.of(alias));
    }

    /** {@code SELECT 1 FROM table GROUP BY keys HAVING COUNT(*) > 1 LIMIT 1}. */
    @Override
    public String firstDuplicateKey(TableName table, List<String> keyColumns) {
        return "SELECT 1 FROM " + qualify(table) + " GROUP BY " + columnList(keyColumns, Optional.empty())
                + " HAVING COUNT(*) > 1 LIMIT 1";
    }

    /**
     * Deletes every row for which another row of the same key wins: {@code DELETE FROM staging AS s WHERE EXISTS
     * (SELECT 1 FROM staging AS n WHERE n.k = s.k AND <n wins>)}, where n wins with a higher cursor (NULL lowest) or
     * an equal cursor and a later row number. Needs no window function; see {@link #deleteSupersededByRank} for the
     * one-pass form where the database has {@code ROW_NUMBER() OVER (PARTITION BY …)}.
     */
    @Override
    public String deleteSupersededRows(TableName staging, List<String> keyColumns, Optional<String> cursorColumn) {
        if (traits().ranksWithWindowFunctions()) {
            return deleteSupersededByRank(staging, keyColumns, cursorColumn);
        }
        String n = "n";
        String later = rowNumberExpression(n) + " > " + rowNumberExpression(STAGING);
        String wins = cursorColumn.map(c -> {
            String nc = column(c, Optional.of(n));
            String sc = column(c, Optional.of(STAGING));
            return "(" + nc + " > " + sc + " OR (" + nc + " IS NOT NULL AND " + sc + " IS NULL) OR ((" + nc + " = "
                    + sc + " OR (" + nc + " IS NULL AND " + sc + " IS NULL)) AND " + later + "))";
        }).orElse(later);
        return "DELETE FROM " + qualify(staging) + " AS " + STAGING + " WHERE EXISTS (SELECT 1 FROM " + qualify(staging)
                + " AS " + n + " WHERE " + keyJoin(keyColumns, n, STAGING) + " AND " + wins + ")";
    }

    /**
     * {@link #deleteSupersededRows} in one pass: ranks rows per key with {@code ROW_NUMBER() OVER (PARTITION BY keys
     * ORDER BY cursor DESC with NULL lowest, row number DESC)} and deletes every row ranked after the first. For
     * databases with window functions that may delete from a table their subquery reads (PostgreSQL, DuckDB, SQLite
     * 3.25+; not MariaDB).
     *
     * @param staging the staging table; not null
     * @param keyColumns the key columns; not empty
     * @param cursorColumn the cursor column, if any
     * @return the DELETE statement
     */
    protected String deleteSupersededByRank(TableName staging, List<String> keyColumns, Optional<String> cursorColumn) {
        String rn = rowNumberExpression(STAGING);
        StringBuilder order = new StringBuilder();
        cursorColumn.ifPresent(c -> {
            String col = column(c, Optional.of(STAGING));
            order.append("CASE WHEN ").append(col).append(" IS NULL THEN 1 ELSE 0 END, ").append(col).append(" DESC, ");
        });
        order.append(rn).append(" DESC");
        return "DELETE FROM " + qualify(staging) + " WHERE " + rowNumberExpression("") + " IN (SELECT rn FROM (SELECT "
                + rn + " AS rn, ROW_NUMBER() OVER (PARTITION BY " + columnList(keyColumns, Optional.of(STAGING))
                + " ORDER BY " + order + ") AS pos FROM " + qualify(staging) + " " + STAGING
                + ") ranked WHERE pos > 1)";
    }

    // ---- load modes ----

    @Override
    public String insertFromStaging(TableName target, TableName source, List<String> columns,
                                    Optional<String> sourceFilter) {
        return "INSERT INTO " + qualify(target) + " (" + columnList(columns, Optional.empty()) + ") SELECT "
                + columnList(columns, Optional.of(STAGING)) + " FROM " + qualify(source) + " " + STAGING
                + sourceFilter.map(f -> " WHERE " + f).orElse("");
    }

    /**
     * {@code UPDATE target AS t SET (c, ...) = (SELECT s.c, ... FROM staging AS s WHERE t.k = s.k) WHERE EXISTS
     * (SELECT 1 FROM staging AS s WHERE t.k = s.k [AND filter])}: SQL:2003 row-value assignment, which every database
     * runs but some plan as a subquery per row; see {@link #updateFromJoin} for the faster form where it exists.
     */
    @Override
    public String updateFromStaging(TableName target, TableName staging, List<String> keyColumns,
                                    List<String> updateColumns, Optional<String> stagingFilter) {
        if (traits().updatesFromJoin()) {
            return updateFromJoin(target, staging, keyColumns, updateColumns, stagingFilter);
        }
        String match = " FROM " + qualify(staging) + " AS " + STAGING + " WHERE " + keyJoin(keyColumns, TARGET, STAGING);
        String columns = columnList(updateColumns, Optional.empty());
        String values = "(SELECT " + columnList(updateColumns, Optional.of(STAGING)) + match + ")";
        return "UPDATE " + qualify(target) + " AS " + TARGET + " SET "
                + (updateColumns.size() == 1 ? columns : "(" + columns + ")") + " = " + values
                + " WHERE EXISTS (SELECT 1" + match + stagingFilter.map(f -> " AND " + f).orElse("") + ")";
    }

    /**
     * {@code UPDATE target AS t SET c = s.c FROM staging AS s WHERE t.k = s.k [AND filter]}: one join instead of a
     * subquery per row, for the {@link #updateFromStaging} of databases that accept {@code UPDATE … FROM}
     * (PostgreSQL, DuckDB, SQLite 3.33+; not MariaDB, MySQL or Oracle).
     *
     * @param target the target; not null
     * @param staging the staging table (no duplicate keys); not null
     * @param keyColumns the key columns; not empty
     * @param updateColumns the columns set; not empty
     * @param stagingFilter a condition on the staging rows (alias {@code s}), if any
     * @return the UPDATE statement
     */
    protected String updateFromJoin(TableName target, TableName staging, List<String> keyColumns,
                                    List<String> updateColumns, Optional<String> stagingFilter) {
        String set = updateColumns.stream().map(c -> quote(c) + " = " + column(c, Optional.of(STAGING)))
                .collect(Collectors.joining(", "));
        return "UPDATE " + qualify(target) + " AS " + TARGET + " SET " + set + " FROM " + qualify(staging) + " AS "
                + STAGING + " WHERE " + keyJoin(keyColumns, TARGET, STAGING)
                + stagingFilter.map(f -> " AND " + f).orElse("");
    }

    @Override
    public String insertMissingFromStaging(TableName target, TableName staging, List<String> keyColumns,
                                           List<String> columns, Optional<String> stagingFilter) {
        return "INSERT INTO " + qualify(target) + " (" + columnList(columns, Optional.empty()) + ") SELECT "
                + columnList(columns, Optional.of(STAGING)) + " FROM " + qualify(staging) + " " + STAGING
                + " WHERE NOT EXISTS (SELECT 1 FROM " + qualify(target) + " " + TARGET + " WHERE "
                + keyJoin(keyColumns, TARGET, STAGING) + ")" + stagingFilter.map(f -> " AND " + f).orElse("");
    }

    /** None: the update and the insert run as two statements. */
    @Override
    public Optional<String> upsertFromStaging(TableName target, TableName staging, List<String> keyColumns,
                                              List<String> updateColumns, List<String> insertColumns,
                                              Optional<String> stagingFilter, boolean uniqueKeyIndex) {
        return Optional.empty();
    }

    /** {@code DELETE FROM target AS t WHERE EXISTS (SELECT 1 FROM staging AS s WHERE t.k = s.k AND filter)}. */
    @Override
    public String deleteMatching(TableName target, TableName staging, List<String> keyColumns, String stagingFilter) {
        return "DELETE FROM " + qualify(target) + " AS " + TARGET + " WHERE EXISTS (SELECT 1 FROM " + qualify(staging)
                + " AS " + STAGING + " WHERE " + keyJoin(keyColumns, TARGET, STAGING) + " AND " + stagingFilter + ")";
    }

    @Override
    public String deleteWhere(TableName table, String condition) {
        return "DELETE FROM " + qualify(table) + " WHERE " + condition;
    }

    /** {@code DELETE FROM table WHERE "jobId" = 'syncId'}, through {@link #deleteWhere}. */
    @Override
    public String deleteRowsOfSync(TableName table, String jobIdColumn, String syncId) {
        return deleteWhere(table, quote(jobIdColumn) + " = " + stringLiteral(syncId));
    }

    @Override
    public String deleteAllRows(TableName table) {
        return "DELETE FROM " + qualify(table);
    }

    @Override
    public String isTrue(String column, Optional<String> alias) {
        return column(column, alias) + " = " + booleanLiteral(true);
    }

    @Override
    public String isNotTrue(String column, Optional<String> alias) {
        return "COALESCE(" + column(column, alias) + ", " + booleanLiteral(false) + ") = " + booleanLiteral(false);
    }

    // ---- metadata ----

    /** Reads {@code information_schema.columns}. */
    @Override
    public String columnsQuery(TableName table) {
        return "SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable"
                + " FROM information_schema.columns WHERE "
                + table.catalog().map(c -> nameIs("table_catalog", c) + " AND ").orElse("")
                + table.schema().map(s -> nameIs("table_schema", s) + " AND ").orElse("")
                + nameIs("table_name", table.table()) + " ORDER BY ordinal_position";
    }

    /** {@link #tablesQuery} where the dialect has one, else a query of {@code information_schema.tables}. */
    @Override
    public String tablesInSchemaQuery(TableName table) {
        Optional<String> own = tablesQuery(table);
        if (own.isPresent()) {
            return own.get();
        }
        return "SELECT table_name FROM information_schema.tables WHERE "
                + table.catalog().map(c -> nameIs("table_catalog", c) + " AND ").orElse("")
                + table.schema().map(s -> nameIs("table_schema", s)).orElse("1 = 1");
    }

    /**
     * The condition that an {@code information_schema} name column holds a name: equality here; a database that
     * compares names ignoring case while it stores them as created overrides this.
     *
     * @param column the name column, e.g. {@code table_name}; not null
     * @param name the name; not null
     * @return the condition
     */
    protected String nameIs(String column, String name) {
        return column + " = " + stringLiteral(name);
    }

    /** Reads a row of {@link #columnsQuery} and maps its type with {@link #columnTypeOf}. */
    @Override
    public ExistingColumn readColumn(ResultSet row) throws SQLException {
        String name = row.getString(1);
        String dataType = row.getString(2);
        Optional<Integer> length = optionalInt(row, 3);
        Optional<Integer> precision = optionalInt(row, 4);
        Optional<Integer> scale = optionalInt(row, 5);
        boolean nullable = "YES".equalsIgnoreCase(row.getString(6));
        return new ExistingColumn(name, dataType, columnTypeOf(dataType.toLowerCase(Locale.ROOT), length, precision, scale),
                nullable);
    }

    /**
     * @param row a result row; not null
     * @param index the 1-based column
     * @return the integer value, or empty when NULL
     * @throws SQLException when reading fails
     */
    protected static Optional<Integer> optionalInt(ResultSet row, int index) throws SQLException {
        long value = row.getLong(index);
        return row.wasNull() ? Optional.empty() : Optional.of((int) Math.min(Integer.MAX_VALUE, value));
    }

    /**
     * Maps a native type (as {@code information_schema} names it, or as declared, lower case) back to a canonical
     * type: the usual {@code information_schema} spellings, then {@link #ownTypeName} (the names {@link #nativeType}
     * writes). Parameters in the name ({@code varchar(40)}, {@code decimal(18,2)}) stand in for the reported length,
     * precision and scale when those are absent.
     *
     * @param declared the lower-case type name; not null
     * @param reportedLength the character or byte length, if reported
     * @param reportedPrecision the numeric precision, if reported
     * @param reportedScale the numeric scale, if reported
     * @return the type, or empty when the native type has no canonical equivalent
     */
    protected Optional<ColumnType> columnTypeOf(String declared, Optional<Integer> reportedLength,
                                                Optional<Integer> reportedPrecision, Optional<Integer> reportedScale) {
        // A database that reports the declared type (SQLite) puts the parameters in the name: varchar(40)
        Matcher params = TRAILING_PARAMETERS.matcher(declared);
        boolean inName = params.matches();
        String dataType = inName ? params.group(1) : declared;
        Optional<Integer> first = inName ? Optional.of(Integer.parseInt(params.group(2))) : Optional.empty();
        Optional<Integer> second = inName ? Optional.ofNullable(params.group(3)).map(Integer::parseInt)
                : Optional.empty();
        Optional<Integer> length = reportedLength.or(() -> first);
        Optional<Integer> precision = reportedPrecision.or(() -> first);
        Optional<Integer> scale = reportedScale.or(() -> second);
        CanonicalType t = switch (dataType) {
            case "boolean" -> CanonicalType.BOOLEAN;
            case "smallint" -> CanonicalType.SHORT;
            case "integer", "int" -> CanonicalType.INTEGER;
            case "bigint" -> CanonicalType.LONG;
            case "real", "float" -> CanonicalType.FLOAT;
            case "double precision", "double" -> CanonicalType.DOUBLE;
            case "decimal", "numeric" -> CanonicalType.DECIMAL;
            case "varchar", "character varying", "text", "clob" -> CanonicalType.STRING;
            case "date" -> CanonicalType.DATE;
            case "time", "time without time zone" -> CanonicalType.TIME;
            case "timestamp", "timestamp without time zone" -> CanonicalType.TIMESTAMP;
            case "timestamp with time zone" -> CanonicalType.TIMESTAMP_TZ;
            case "varbinary", "blob", "binary varying" -> CanonicalType.BINARY;
            case "json" -> CanonicalType.JSON;
            case "uuid", "char", "character" -> CanonicalType.UUID; // CHAR(36): this dialect writes no other CHAR
            default -> null;
        };
        if (t == null) {
            return ownTypeName(dataType).map(own -> own.canonicalType() == CanonicalType.DECIMAL
                    && precision.isPresent() ? ColumnType.of(CanonicalType.DECIMAL, precision.get(), scale.orElse(0))
                    : own);
        }
        if (t == CanonicalType.DECIMAL) {
            return Optional.of(new ColumnType(t, precision, precision.isPresent() ? scale.or(() -> Optional.of(0))
                    : Optional.empty()));
        }
        if (t == CanonicalType.STRING || t == CanonicalType.BINARY) {
            return Optional.of(new ColumnType(t, length, Optional.empty()));
        }
        return Optional.of(ColumnType.of(t));
    }

    /**
     * Reads back a type name this dialect's {@link #nativeType} writes, for databases that report a column's type as
     * declared (SQLite): the canonical type whose native name has the same base (before any {@code (}).
     *
     * @param dataType the lower-case type name without parameters, e.g. {@code decimal_text}; not null
     * @return the type (DECIMAL without precision; the caller adds it), or empty when no canonical type maps to it
     */
    protected Optional<ColumnType> ownTypeName(String dataType) {
        String base = baseName(dataType);
        for (CanonicalType t : CanonicalType.values()) {
            if (baseName(nativeType(ColumnType.of(t))).equals(base)) {
                return Optional.of(ColumnType.of(t));
            }
        }
        return Optional.empty();
    }

    private static String baseName(String typeName) {
        int paren = typeName.indexOf('(');
        return (paren < 0 ? typeName : typeName.substring(0, paren)).trim().toLowerCase(Locale.ROOT);
    }

    // ---- errors ----

    /** By SQLSTATE class: 22 and 23 are bad data, 28 is authentication, everything else is a SQL error. */
    @Override
    public ErrorType classify(SQLException failure) {
        String state = failure.getSQLState();
        if (state != null && state.length() >= 2) {
            switch (state.substring(0, 2)) {
                case "22", "23" -> {
                    return ErrorType.VALIDATION_ERROR;
                }
                case "28" -> {
                    return ErrorType.AUTHENTICATION_ERROR;
                }
                default -> {
                    return ErrorType.SQL_ERROR;
                }
            }
        }
        return ErrorType.SQL_ERROR;
    }

    /**
     * SQLSTATE class 40 (transaction rollback: deadlock, serialization), 08 (connection) and the lost-session states
     * 57P01 (terminated by an administrator), 57P02 (crash shutdown) and 57P03 (cannot connect now) are retryable:
     * the session is gone, not the request wrong.
     */
    @Override
    public boolean isRetryable(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith("40") || state.startsWith("08") || state.equals("57P01")
                || state.equals("57P02") || state.equals("57P03"));
    }
}
