package dev.destsdk.jdbc.dialect;

import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.naming.IdentifierPolicy;
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
import java.util.stream.Collectors;

/**
 * ANSI defaults for every {@link SqlDialect} method; a database's dialect extends it and overrides the few methods
 * its SQL spells differently. Generated statements are single-line, quote every identifier, alias the target table
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

    /** {@code TIMESTAMP WITH TIME ZONE '2024-01-31 13:45:00.000000+00:00'}. */
    @Override
    public String timestampTzLiteral(Instant value) {
        return "TIMESTAMP WITH TIME ZONE '" + formatUtcMicros(value) + "+00:00'";
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
     * ANSI spellings: BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE PRECISION, DECIMAL(p,s), VARCHAR(n), DATE,
     * TIME, TIMESTAMP, TIMESTAMP WITH TIME ZONE, VARBINARY, VARCHAR for JSON, CHAR(36) for UUID.
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
            case STRING -> type.precision().map(p -> "VARCHAR(" + p + ")").orElse("VARCHAR");
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
            case BINARY -> "VARBINARY";
            case JSON -> "VARCHAR";
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

    /** {@code ALTER TABLE t ALTER COLUMN c SET DATA TYPE type}. */
    @Override
    public Optional<List<String>> widenColumn(TableName table, ColumnDef from, ColumnDef to) {
        return Optional.of(List.of("ALTER TABLE " + qualify(table) + " ALTER COLUMN " + quote(to.name())
                + " SET DATA TYPE " + to.nativeType()));
    }

    /** {@code CAST(expression AS nativeType)}. */
    @Override
    public String castTo(String expression, ColumnDef to) {
        return "CAST(" + expression + " AS " + to.nativeType() + ")";
    }

    @Override
    public String insertSelect(TableName target, List<String> columns, List<String> expressions, TableName source) {
        if (columns.size() != expressions.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + expressions.size() + " expressions");
        }
        return "INSERT INTO " + qualify(target) + " (" + columnList(columns, Optional.empty()) + ") SELECT "
                + String.join(", ", expressions) + " FROM " + qualify(source);
    }

    @Override
    public String dropDefault(TableName table, String column) {
        return "ALTER TABLE " + qualify(table) + " ALTER COLUMN " + quote(column) + " DROP DEFAULT";
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

    @Override
    public boolean transactionalDdl() {
        return true;
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

    /** False: the index is built in one pass once the rows are in. */
    @Override
    public boolean buildsKeyIndexBeforeLoad() {
        return false;
    }

    /** True: an index on the keys hands them over in order. */
    @Override
    public boolean checksDuplicatesWithKeyIndex() {
        return true;
    }

    /**
     * Ranks rows per key with ROW_NUMBER() (cursor descending with NULL lowest, then load order descending) and
     * deletes every row ranked after the first.
     */
    @Override
    public String deleteSupersededRows(TableName staging, List<String> keyColumns, Optional<String> cursorColumn) {
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

    /** {@code UPDATE target AS t SET c = s.c FROM staging AS s WHERE t.k = s.k [AND filter]}. */
    @Override
    public String updateFromStaging(TableName target, TableName staging, List<String> keyColumns,
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

    /** {@code DELETE FROM target AS t USING staging AS s WHERE t.k = s.k AND filter}. */
    @Override
    public String deleteMatching(TableName target, TableName staging, List<String> keyColumns, String stagingFilter) {
        return "DELETE FROM " + qualify(target) + " AS " + TARGET + " USING " + qualify(staging) + " AS " + STAGING
                + " WHERE " + keyJoin(keyColumns, TARGET, STAGING) + " AND " + stagingFilter;
    }

    @Override
    public String deleteWhere(TableName table, String condition) {
        return "DELETE FROM " + qualify(table) + " WHERE " + condition;
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

    @Override
    public String tablesInSchemaQuery(TableName table) {
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
     * Maps a native type (as {@code information_schema} names it, lower case) back to a canonical type. The ANSI
     * default knows the spellings of {@link #nativeType}.
     *
     * @param dataType the lower-case type name; not null
     * @param length the character or byte length, if reported
     * @param precision the numeric precision, if reported
     * @param scale the numeric scale, if reported
     * @return the type, or empty when the native type has no canonical equivalent
     */
    protected Optional<ColumnType> columnTypeOf(String dataType, Optional<Integer> length, Optional<Integer> precision,
                                                Optional<Integer> scale) {
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
            case "uuid" -> CanonicalType.UUID;
            default -> null;
        };
        if (t == null) {
            return Optional.empty();
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
