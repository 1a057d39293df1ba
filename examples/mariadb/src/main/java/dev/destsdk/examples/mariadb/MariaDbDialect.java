package dev.destsdk.examples.mariadb;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.naming.CaseFolding;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.core.naming.KeywordProvider;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.DialectTraits;
import dev.destsdk.jdbc.dialect.GeneralSqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.dialect.UpsertCounters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MariaDB's SQL: a schema is a database; identifiers keep their case, are quoted with backticks, hold at most 64
 * characters, and column names compare case-insensitively. TIMESTAMP_TZ is stored as {@code DATETIME(6)} in UTC
 * (MariaDB has no zoned type and its {@code TIMESTAMP} ends in 2038). DDL is not transactional: a table swap uses
 * {@code RENAME TABLE a TO b, c TO a}, which is atomic.
 *
 * <p>Immutable and thread-safe.
 */
public final class MariaDbDialect extends GeneralSqlDialect {
    /** MariaDB's maximum identifier length in characters. */
    public static final int MAX_IDENTIFIER_LENGTH = 64;
    /** Strings and binaries up to this length get VARCHAR / VARBINARY; longer ones LONGTEXT / LONGBLOB. */
    static final int MAX_INLINE_LENGTH = 255;
    static final int MAX_DECIMAL_PRECISION = 65;
    static final int MAX_DECIMAL_SCALE = 30;
    /** Prefix length for indexing text and blob key columns (191 utf8mb4 characters fit a 767-byte key part). */
    static final int KEY_PREFIX = 191;
    /** At most this many key columns go into the key index, to stay under the maximum key length. */
    static final int MAX_INDEXED_KEYS = 4;
    /** The user variable counting the rows {@link #upsertFromStaging}'s SELECT hands to the insert. */
    private static final String UPSERT_ROWS = "@destsdk_upsert_rows";
    /** The user variable counting the rows of {@link #upsertFromStaging} that find their key. */
    private static final String UPSERT_MATCHED = "@destsdk_upsert_matched";

    /**
     * The words MariaDB does not accept as unquoted names: those of {@code information_schema.KEYWORDS} its parser
     * refuses as a column name (10.11), and a few more its documentation lists as reserved (DATABASE, SCHEMA,
     * WINDOW and others that newer or older servers refuse). {@code MariaDbKeywordsIT} compares this list with the
     * server's catalog.
     */
    static final Set<String> RESERVED = Set.of("ACCESSIBLE", "ADD", "ALL", "ALTER", "ANALYZE", "AND", "AS", "ASC",
            "ASENSITIVE", "BEFORE", "BETWEEN", "BIGINT", "BINARY", "BLOB", "BOTH", "BY", "CALL", "CASCADE", "CASE",
            "CHANGE", "CHAR", "CHARACTER", "CHECK", "COLLATE", "COLUMN", "CONDITION", "CONSTRAINT", "CONTINUE",
            "CONVERT", "CREATE", "CROSS", "CURRENT_DATE", "CURRENT_ROLE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
            "CURRENT_USER", "CURSOR", "DATABASE", "DATABASES", "DAY_HOUR", "DAY_MICROSECOND", "DAY_MINUTE",
            "DAY_SECOND", "DEC", "DECIMAL", "DECLARE", "DEFAULT", "DELAYED", "DELETE", "DELETE_DOMAIN_ID", "DESC",
            "DESCRIBE", "DETERMINISTIC", "DISTINCT", "DISTINCTROW", "DIV", "DOUBLE", "DO_DOMAIN_IDS", "DROP", "DUAL",
            "EACH", "ELSE", "ELSEIF", "ENCLOSED", "ESCAPED", "EXCEPT", "EXISTS", "EXIT", "EXPLAIN", "FALSE", "FETCH",
            "FLOAT", "FLOAT4", "FLOAT8", "FOR", "FORCE", "FOREIGN", "FROM", "FULLTEXT", "GRANT", "GROUP", "HAVING",
            "HIGH_PRIORITY", "HOUR_MICROSECOND", "HOUR_MINUTE", "HOUR_SECOND", "IF", "IGNORE", "IGNORE_DOMAIN_IDS",
            "IN", "INDEX", "INFILE", "INNER", "INOUT", "INSENSITIVE", "INSERT", "INT", "INT1", "INT2", "INT3", "INT4",
            "INT8", "INTEGER", "INTERSECT", "INTERVAL", "INTO", "IS", "ITERATE", "JOIN", "KEY", "KEYS", "KILL",
            "LEADING", "LEAVE", "LEFT", "LIKE", "LIMIT", "LINEAR", "LINES", "LOAD", "LOCALTIME", "LOCALTIMESTAMP",
            "LOCK", "LONG", "LONGBLOB", "LONGTEXT", "LOOP", "LOW_PRIORITY", "MASTER_DEMOTE_TO_REPLICA",
            "MASTER_DEMOTE_TO_SLAVE", "MASTER_SSL_VERIFY_SERVER_CERT", "MATCH", "MAXVALUE", "MEDIUMBLOB", "MEDIUMINT",
            "MEDIUMTEXT", "MIDDLEINT", "MINUTE_MICROSECOND", "MINUTE_SECOND", "MOD", "MODIFIES", "NATURAL", "NOT",
            "NO_WRITE_TO_BINLOG", "NULL", "NUMERIC", "OFFSET", "ON", "OPTIMIZE", "OPTION", "OPTIONALLY", "OR", "ORDER",
            "OUT", "OUTER", "OUTFILE", "OVER", "PAGE_CHECKSUM", "PARSE_VCOL_EXPR", "PARTITION", "PORTION", "PRECISION",
            "PRIMARY", "PROCEDURE", "PURGE", "RANGE", "READ", "READS", "READ_WRITE", "REAL", "RECURSIVE", "REFERENCES",
            "REF_SYSTEM_ID", "REGEXP", "RELEASE", "RENAME", "REPEAT", "REPLACE", "REQUIRE", "RESIGNAL", "RESTRICT",
            "RETURN", "RETURNING", "REVOKE", "RIGHT", "RLIKE", "ROWS", "ROW_NUMBER", "SCHEMA", "SCHEMAS",
            "SECOND_MICROSECOND", "SELECT", "SENSITIVE", "SEPARATOR", "SET", "SHOW", "SIGNAL", "SMALLINT", "SPATIAL",
            "SPECIFIC", "SQL", "SQLEXCEPTION", "SQLSTATE", "SQLWARNING", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT",
            "SQL_CACHE", "SQL_CALC_FOUND_ROWS", "SQL_NO_CACHE", "SQL_SMALL_RESULT", "SSL", "STARTING",
            "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "STRAIGHT_JOIN", "TABLE", "TERMINATED",
            "THEN", "TINYBLOB", "TINYINT", "TINYTEXT", "TO", "TRAILING", "TRIGGER", "TRUE", "UNDO", "UNION", "UNIQUE",
            "UNLOCK", "UNSIGNED", "UPDATE", "USAGE", "USE", "USING", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP", "VALUES",
            "VARBINARY", "VARCHAR", "VARCHARACTER", "VARYING", "WHEN", "WHERE", "WHILE", "WINDOW", "WITH", "WRITE",
            "XOR", "YEAR_MONTH", "ZEROFILL");

    /** Creates the dialect. */
    public MariaDbDialect() {
        super("mariadb", policy());
    }

    private static IdentifierPolicy policy() {
        return IdentifierPolicy.builder()
                .caseFolding(CaseFolding.NONE)
                .quoteString("`")
                .keywords(KeywordProvider.of(RESERVED))
                .maxLength(MAX_IDENTIFIER_LENGTH)
                // Identifiers are stored as utf8mb3: characters beyond the BMP (emoji) are refused by the server.
                .allowedCharacters("[^\\x{10000}-\\x{10FFFF}]")
                .caseInsensitiveComparison(true)
                // MariaDB refuses names that end with a space and strips leading ones in places
                .refuseEdgeSpaces(true)
                .build();
    }

    /** Doubles single quotes and backslashes (backslash is an escape character unless NO_BACKSLASH_ESCAPES). */
    @Override
    public String stringLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** A DATETIME literal in UTC: {@code TIMESTAMP'2024-01-31 13:45:00.000000'}. */
    @Override
    public String timestampTzLiteral(Instant value) {
        return "TIMESTAMP'" + formatUtcMicros(value) + "'";
    }

    @Override
    public String nativeType(ColumnType type) {
        ColumnType t = effectiveType(type);
        return switch (t.canonicalType()) {
            case BOOLEAN -> "BOOLEAN";
            case SHORT -> "SMALLINT";
            case INTEGER -> "INT";
            case LONG -> "BIGINT";
            // FLOAT is read back with 6 significant digits and refuses the decimal text of the largest floats;
            // DOUBLE holds every float exactly.
            case FLOAT, DOUBLE -> "DOUBLE";
            case DECIMAL -> decimalType(t, "DECIMAL");
            case STRING -> t.precision().map(p -> "VARCHAR(" + p + ")").orElse("LONGTEXT");
            case DATE -> "DATE";
            case TIME -> "TIME(6)";
            case TIMESTAMP, TIMESTAMP_TZ -> "DATETIME(6)";
            case BINARY -> t.precision().map(p -> "VARBINARY(" + p + ")").orElse("LONGBLOB");
            case JSON -> "JSON";
            case UUID -> "UUID";
        };
    }

    /**
     * DECIMAL is bounded at 65 digits and scale 30 (unbounded becomes DECIMAL(65,30)); strings and binaries longer
     * than 255 become unbounded (LONGTEXT, LONGBLOB).
     */
    @Override
    public ColumnType effectiveType(ColumnType type) {
        return switch (type.canonicalType()) {
            case DECIMAL -> {
                if (type.precision().isEmpty()) {
                    yield ColumnType.of(CanonicalType.DECIMAL, MAX_DECIMAL_PRECISION, MAX_DECIMAL_SCALE);
                }
                int scale = Math.min(type.scale().orElse(0), MAX_DECIMAL_SCALE);
                int precision = Math.max(Math.min(type.precision().get(), MAX_DECIMAL_PRECISION), Math.max(scale, 1));
                yield ColumnType.of(CanonicalType.DECIMAL, precision, scale);
            }
            case STRING, BINARY -> type.precision().filter(p -> p > 0 && p <= MAX_INLINE_LENGTH).isPresent()
                    ? new ColumnType(type.canonicalType(), type.precision(), Optional.empty())
                    : ColumnType.of(type.canonicalType());
            default -> ColumnType.of(type.canonicalType());
        };
    }

    /** MariaDB has databases, not schemas: the table's schema part is its database. */
    @Override
    public Optional<String> createSchemaIfNotExists(TableName table) {
        return qualifySchema(table).map(s -> "CREATE DATABASE IF NOT EXISTS " + s);
    }

    @Override
    public Optional<List<String>> widenColumn(TableName table, ColumnDef from, ColumnDef to) {
        return Optional.of(List.of("ALTER TABLE " + qualify(table) + " MODIFY COLUMN "
                + columnDefinition(to.withNullable(from.nullable()))));
    }

    @Override
    public Optional<String> createKeyIndex(TableName table, String indexName, List<ColumnDef> keyColumns) {
        String parts = keyColumns.stream().limit(MAX_INDEXED_KEYS).map(c -> quote(c.name()) + (needsPrefix(c)
                ? "(" + KEY_PREFIX + ")" : "")).collect(Collectors.joining(", "));
        return Optional.of("CREATE INDEX " + quote(indexName) + " ON " + qualify(table) + " (" + parts + ")");
    }

    /**
     * A unique index when every key column can be indexed whole (no TEXT, BLOB or JSON column, which MariaDB indexes
     * by prefix only) and there are at most {@value #MAX_INDEXED_KEYS} of them; empty otherwise.
     */
    @Override
    public Optional<String> createUniqueKeyIndex(TableName table, String indexName, List<ColumnDef> keyColumns) {
        if (keyColumns.size() > MAX_INDEXED_KEYS || keyColumns.stream().anyMatch(MariaDbDialect::needsPrefix)) {
            return Optional.empty();
        }
        return Optional.of("CREATE UNIQUE INDEX " + quote(indexName) + " ON " + qualify(table) + " ("
                + columnList(keyColumns.stream().map(ColumnDef::name).toList(), Optional.empty()) + ")");
    }

    /** Reads {@code information_schema.STATISTICS}: unique indexes whose whole columns are exactly the keys. */
    @Override
    public Optional<String> uniqueKeyIndexesQuery(TableName table, List<String> keyColumns) {
        int n = keyColumns.size();
        return Optional.of("SELECT INDEX_NAME " + uniqueIndexParts(table) + " GROUP BY INDEX_NAME HAVING COUNT(*) = "
                + n + " AND SUM(SUB_PART IS NULL) = " + n + " AND SUM(COLUMN_NAME IN (" + keyColumns.stream()
                .map(this::stringLiteral).collect(Collectors.joining(", ")) + ")) = " + n + " ORDER BY 1");
    }

    /**
     * Reads {@code information_schema.STATISTICS}: every unique index, the primary key included, since
     * {@code ON DUPLICATE KEY UPDATE} resolves a collision with any of them.
     */
    @Override
    public Optional<String> uniqueIndexesQuery(TableName table) {
        return Optional.of("SELECT DISTINCT INDEX_NAME " + uniqueIndexParts(table) + " ORDER BY 1");
    }

    /** {@code FROM information_schema.STATISTICS WHERE} the rows of the table's unique indexes, one per column. */
    private String uniqueIndexParts(TableName table) {
        return "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = " + stringLiteral(table.schema().orElseThrow())
                + " AND TABLE_NAME = " + stringLiteral(table.table()) + " AND NON_UNIQUE = 0";
    }

    /** {@code DROP INDEX index ON table}: MariaDB names indexes per table. */
    @Override
    public String dropIndex(TableName table, String indexName) {
        return "DROP INDEX " + quote(indexName) + " ON " + qualify(table);
    }

    private static boolean needsPrefix(ColumnDef column) {
        String type = column.nativeType().toUpperCase(Locale.ROOT);
        return type.endsWith("TEXT") || type.endsWith("BLOB") || type.equals("JSON");
    }

    @Override
    public String renameTable(TableName table, String newName) {
        return "RENAME TABLE " + qualify(table) + " TO " + qualify(table.sibling(newName));
    }

    /** One atomic {@code RENAME TABLE target TO retired, replacement TO target}. */
    @Override
    public List<String> swapTables(TableName target, TableName replacement, TableName retired) {
        return List.of("RENAME TABLE " + qualify(target) + " TO " + qualify(retired) + ", " + qualify(replacement)
                + " TO " + qualify(target));
    }

    /**
     * DDL commits implicitly; the duplicate check runs before the key index ({@link #firstDuplicateKey}); a MERGE
     * load's unique key index is built before the rows are loaded: InnoDB clusters a table without primary key by
     * its first unique NOT NULL index, so a table whose unique key exists before LOAD DATA stores the rows in key
     * order as they come, faster than loading them unordered and building the index afterwards. (LOAD DATA LOCAL
     * skips a repeated key with a warning, which fails the load.)
     */
    @Override
    public DialectTraits traits() {
        return DialectTraits.DEFAULT.withTransactionalDdl(false).withBuildsKeyIndexBeforeLoad(true)
                .withChecksDuplicatesWithKeyIndex(false);
    }

    /** An AUTO_INCREMENT key: consecutive within one LOAD DATA statement of one session. */
    @Override
    public Optional<String> rowNumberColumnDefinition() {
        return Optional.of(quote(ROW_NUMBER_COLUMN) + " BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY");
    }

    /**
     * Compares the row count with the count of distinct keys: MariaDB counts distinct values in an in-memory tree,
     * several times faster than grouping, and best before the key index exists (the rows just loaded are cached).
     */
    @Override
    public String firstDuplicateKey(TableName table, List<String> keyColumns) {
        return "SELECT 1 FROM DUAL WHERE (SELECT COUNT(*) - COUNT(DISTINCT " + columnList(keyColumns, Optional.empty())
                + ") FROM " + qualify(table) + ") > 0";
    }

    /**
     * Joins the ranked row numbers, since MariaDB cannot delete from a table its own subquery reads. The deleted
     * table is named, not aliased (see {@link #deleteMatching}).
     */
    @Override
    public String deleteSupersededRows(TableName staging, List<String> keyColumns, Optional<String> cursorColumn) {
        String rn = rowNumberExpression("x");
        StringBuilder order = new StringBuilder();
        cursorColumn.ifPresent(c -> {
            String col = column(c, Optional.of("x"));
            order.append(col).append(" IS NULL, ").append(col).append(" DESC, ");
        });
        order.append(rn).append(" DESC");
        String self = qualify(staging);
        return "DELETE " + self + " FROM " + self + " JOIN (SELECT rn FROM (SELECT " + rn
                + " AS rn, ROW_NUMBER() OVER (PARTITION BY " + columnList(keyColumns, Optional.of("x")) + " ORDER BY "
                + order + ") AS pos FROM " + self + " x) ranked WHERE pos > 1) d ON " + rowNumberExpression(self)
                + " = d.rn";
    }

    /**
     * With a unique key index and no other unique index ({@link #uniqueIndexesQuery}): {@code INSERT INTO target
     * (cols) SELECT s.cols FROM staging s [WHERE filter] ON DUPLICATE KEY UPDATE c = VALUES(c), …}, one pass that
     * finds each staging row's match through the index, where an {@code UPDATE … JOIN} followed by an
     * {@code INSERT … WHERE NOT EXISTS} looks every key up twice. Its affected-row count (1 per insert, 2 per
     * changed row, 0 or, with the driver's default CLIENT_FOUND_ROWS, 1 per unchanged one) cannot tell an unchanged
     * row from an inserted one, so the statement counts its rows itself ({@link #upsertCounters}): the last inserted
     * column's value is {@code IF((@rows := @rows + 1) > 0, s.c, s.c)}, evaluated once per row the SELECT hands to
     * the insert, and the last updated column's {@code IF((@matched := @matched + 1) > 0, VALUES(c), VALUES(c))},
     * evaluated once per row that finds its key, whether it then changes or not. Both branches being the same
     * expression, the values and their types are those of the plain column. Without a unique key index (or with
     * no column to update): none; the two statements run.
     */
    @Override
    public Optional<String> upsertFromStaging(TableName target, TableName staging, List<String> keyColumns,
                                              List<String> updateColumns, List<String> insertColumns,
                                              Optional<String> stagingFilter, boolean uniqueKeyIndex) {
        if (!uniqueKeyIndex || updateColumns.isEmpty()) {
            return Optional.empty();
        }
        List<String> select = new ArrayList<>();
        for (int i = 0; i < insertColumns.size(); i++) {
            String value = column(insertColumns.get(i), Optional.of(STAGING));
            select.add(i == insertColumns.size() - 1 ? counted(UPSERT_ROWS, value) : value);
        }
        List<String> set = new ArrayList<>();
        for (int i = 0; i < updateColumns.size(); i++) {
            String c = quote(updateColumns.get(i));
            String value = "VALUES(" + c + ")";
            set.add(c + " = " + (i == updateColumns.size() - 1 ? counted(UPSERT_MATCHED, value) : value));
        }
        return Optional.of("INSERT INTO " + qualify(target) + " (" + columnList(insertColumns, Optional.empty())
                + ") SELECT " + String.join(", ", select) + " FROM " + qualify(staging) + " " + STAGING
                + stagingFilter.map(f -> " WHERE " + f).orElse("") + " ON DUPLICATE KEY UPDATE "
                + String.join(", ", set));
    }

    /** {@code IF((counter := counter + 1) > 0, value, value)}: the value, counting each evaluation. */
    private static String counted(String counter, String value) {
        return "IF((" + counter + " := " + counter + " + 1) > 0, " + value + ", " + value + ")";
    }

    /**
     * The counters of {@link #upsertFromStaging}: {@code SET} both to 0 before it; after it, the rows that found
     * their key are the rows updated (changed or not), and the other rows read are the rows inserted. User
     * variables belong to the session, so loads on other connections do not touch them.
     */
    @Override
    public Optional<UpsertCounters> upsertCounters() {
        return Optional.of(new UpsertCounters("SET " + UPSERT_ROWS + " := 0, " + UPSERT_MATCHED + " := 0",
                "SELECT " + UPSERT_MATCHED + ", " + UPSERT_ROWS + " - " + UPSERT_MATCHED));
    }

    /** {@code UPDATE target t JOIN staging s ON keys SET t.c = s.c [WHERE filter]}. */
    @Override
    public String updateFromStaging(TableName target, TableName staging, List<String> keyColumns,
                                    List<String> updateColumns, Optional<String> stagingFilter) {
        String set = updateColumns.stream()
                .map(c -> column(c, Optional.of(TARGET)) + " = " + column(c, Optional.of(STAGING)))
                .collect(Collectors.joining(", "));
        return "UPDATE " + qualify(target) + " " + TARGET + " JOIN " + qualify(staging) + " " + STAGING + " ON "
                + keyJoin(keyColumns, TARGET, STAGING) + " SET " + set + stagingFilter.map(f -> " WHERE " + f).orElse("");
    }

    /**
     * {@code DELETE db.target FROM db.target JOIN staging s ON keys WHERE filter}: the deleted table is named, not
     * aliased, because MariaDB resolves an alias in a multi-table DELETE's table list only when the connection has a
     * default database.
     */
    @Override
    public String deleteMatching(TableName target, TableName staging, List<String> keyColumns, String stagingFilter) {
        String self = qualify(target);
        return "DELETE " + self + " FROM " + self + " JOIN " + qualify(staging) + " " + STAGING + " ON "
                + keyJoin(keyColumns, self, STAGING) + " WHERE " + stagingFilter;
    }

    /**
     * Reads {@code information_schema.COLUMNS}, reporting a column with a {@code json_valid} check as {@code json}
     * (MariaDB's JSON is LONGTEXT with that check).
     */
    @Override
    public String columnsQuery(TableName table) {
        return "SELECT c.COLUMN_NAME, CASE WHEN EXISTS (SELECT 1 FROM information_schema.CHECK_CONSTRAINTS k"
                + " WHERE k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME"
                + " AND k.CHECK_CLAUSE = CONCAT('json_valid(`', c.COLUMN_NAME, '`)')) THEN 'json' ELSE c.COLUMN_TYPE END,"
                + " c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION, c.NUMERIC_SCALE, c.IS_NULLABLE"
                + " FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = "
                + stringLiteral(table.schema().orElseThrow()) + " AND c.TABLE_NAME = " + stringLiteral(table.table())
                + " ORDER BY c.ORDINAL_POSITION";
    }

    @Override
    protected Optional<ColumnType> columnTypeOf(String columnType, Optional<Integer> length, Optional<Integer> precision,
                                                Optional<Integer> scale) {
        String base = columnType.replaceAll("\\(.*$", "").replace(" unsigned", "").trim();
        if (columnType.startsWith("tinyint(1)")) {
            return Optional.of(ColumnType.of(CanonicalType.BOOLEAN));
        }
        return switch (base) {
            case "smallint" -> Optional.of(ColumnType.of(CanonicalType.SHORT));
            case "int", "mediumint" -> Optional.of(ColumnType.of(CanonicalType.INTEGER));
            case "bigint" -> Optional.of(ColumnType.of(CanonicalType.LONG));
            case "float" -> Optional.of(ColumnType.of(CanonicalType.FLOAT));
            case "double" -> Optional.of(ColumnType.of(CanonicalType.DOUBLE));
            case "decimal" -> Optional.of(ColumnType.of(CanonicalType.DECIMAL, precision.orElse(10), scale.orElse(0)));
            case "varchar", "char" -> Optional.of(new ColumnType(CanonicalType.STRING, length, Optional.empty()));
            case "longtext", "mediumtext", "text", "tinytext" -> Optional.of(ColumnType.of(CanonicalType.STRING));
            case "date" -> Optional.of(ColumnType.of(CanonicalType.DATE));
            case "time" -> Optional.of(ColumnType.of(CanonicalType.TIME));
            case "datetime", "timestamp" -> Optional.of(ColumnType.of(CanonicalType.TIMESTAMP));
            case "varbinary", "binary" -> Optional.of(new ColumnType(CanonicalType.BINARY, length, Optional.empty()));
            case "longblob", "mediumblob", "blob", "tinyblob" -> Optional.of(ColumnType.of(CanonicalType.BINARY));
            case "json" -> Optional.of(ColumnType.of(CanonicalType.JSON));
            case "uuid" -> Optional.of(ColumnType.of(CanonicalType.UUID));
            default -> Optional.empty();
        };
    }
}
