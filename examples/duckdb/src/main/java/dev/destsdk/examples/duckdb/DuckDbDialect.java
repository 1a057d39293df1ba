package dev.destsdk.examples.duckdb;

import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.naming.CaseFolding;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.core.naming.KeywordProvider;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.DialectTraits;
import dev.destsdk.jdbc.dialect.GeneralSqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.value.ValueReader;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DuckDB's SQL: identifiers keep their case but compare case-insensitively (even quoted), are quoted with
 * {@code "}; text and blobs have no length; DECIMAL is bounded at 38 digits (unbounded becomes DECIMAL(38,9)); DDL
 * is transactional. Staging tables need no row-number column: a table filled by appends numbers its rows in
 * insertion order through {@code rowid}.
 *
 * <p>The connection's time zone is UTC (the destination sets it), so casts between TIMESTAMP and TIMESTAMPTZ read
 * naive timestamps as UTC. Immutable and thread-safe; open for extension as {@link GeneralSqlDialect} is (tests use a
 * variant without a feature).
 */
public class DuckDbDialect extends GeneralSqlDialect {
    private static final DialectTraits TRAITS = DialectTraits.DEFAULT.withUpdatesFromJoin(true)
            .withRanksWithWindowFunctions(true);

    /** The length this connector allows identifiers (DuckDB itself has no limit). */
    public static final int MAX_IDENTIFIER_LENGTH = 255;
    static final int MAX_DECIMAL_PRECISION = 38;
    static final int DEFAULT_DECIMAL_SCALE = 9;
    private static final ValueReader TEXT_TEMPORALS = ValueReader.standard().with(CanonicalType.DATE, (row, column) -> {
        String text = row.getString(column);
        return text == null ? null : LocalDate.parse(text);
    });

    /**
     * The words DuckDB does not accept as unquoted column or table names: its {@code reserved} and
     * {@code type_function} keywords ({@code duckdb_keywords()} of 1.5), and GRANT, reserved in 1.1.
     * {@code DuckDbKeywordsTest} compares this list with the engine's catalog.
     */
    static final Set<String> RESERVED = Set.of("ALL", "ANALYSE", "ANALYZE", "AND", "ANTI", "ANY", "ARRAY", "AS", "ASC",
            "ASOF", "ASYMMETRIC", "AT", "AUTHORIZATION", "BINARY", "BOTH", "BY", "CASE", "CAST", "CHECK", "COLLATE",
            "COLLATION", "COLUMN", "COLUMNS", "CONCURRENTLY", "CONSTRAINT", "CREATE", "CROSS", "DEFAULT", "DEFERRABLE",
            "DESC", "DESCRIBE", "DISTINCT", "DO", "ELSE", "END", "EXCEPT", "FALSE", "FETCH", "FOR", "FOREIGN", "FREEZE",
            "FROM", "FULL", "GENERATED", "GLOB", "GRANT", "GROUP", "HAVING", "ILIKE", "IN", "INITIALLY", "INNER",
            "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "LAMBDA", "LATERAL", "LEADING", "LEFT", "LIKE", "LIMIT", "MAP",
            "NATURAL", "NOT", "NOTNULL", "NULL", "OFFSET", "ON", "ONLY", "OR", "ORDER", "OUTER", "OVERLAPS", "PIVOT",
            "PIVOT_LONGER", "PIVOT_WIDER", "PLACING", "POSITIONAL", "PRIMARY", "QUALIFY", "REFERENCES", "RETURNING",
            "RIGHT", "SELECT", "SEMI", "SHOW", "SIMILAR", "SOME", "STRUCT", "SUMMARIZE", "SYMMETRIC", "TABLE",
            "TABLESAMPLE", "THEN", "TO", "TRAILING", "TRUE", "TRY_CAST", "UNION", "UNIQUE", "UNPACK", "UNPIVOT",
            "USING", "VARIADIC", "VERBOSE", "WHEN", "WHERE", "WINDOW", "WITH");

    /** Creates the dialect. */
    public DuckDbDialect() {
        super("duckdb", policy());
    }

    private static IdentifierPolicy policy() {
        return IdentifierPolicy.builder()
                .caseFolding(CaseFolding.NONE)
                .quoteString("\"")
                .keywords(KeywordProvider.of(RESERVED))
                .maxLength(MAX_IDENTIFIER_LENGTH)
                .caseInsensitiveComparison(true)
                .build();
    }

    @Override
    public String nativeType(ColumnType type) {
        ColumnType t = effectiveType(type);
        return switch (t.canonicalType()) {
            case BOOLEAN -> "BOOLEAN";
            case SHORT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case LONG -> "BIGINT";
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case DECIMAL -> decimalType(t, "DECIMAL");
            case STRING -> "VARCHAR";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
            case BINARY -> "BLOB";
            case JSON -> "JSON";
            case UUID -> "UUID";
        };
    }

    /** VARCHAR and BLOB are unbounded; DECIMAL is bounded at 38 digits. */
    @Override
    public ColumnType effectiveType(ColumnType type) {
        return type.boundedBy(MAX_DECIMAL_PRECISION, DEFAULT_DECIMAL_SCALE);
    }

    /** {@code ALTER TABLE ... ALTER COLUMN ... SET DATA TYPE ...}. */
    @Override
    public Optional<List<String>> widenColumn(TableName table, ColumnDef from, ColumnDef to) {
        return Optional.of(List.of("ALTER TABLE " + qualify(table) + " ALTER COLUMN " + quote(to.name())
                + " SET DATA TYPE " + to.nativeType()));
    }

    /**
     * DATE is read from its text: the driver's {@code getObject(column, LocalDate.class)} goes through
     * {@code java.sql.Date} and shifts dates before the Gregorian reform of 1582 (1582-10-10 reads as 1582-10-20).
     * (Its TIMESTAMP text is shifted the same way, while its typed TIMESTAMP getter is right: the standard reader.)
     */
    @Override
    public ValueReader valueReader() {
        return TEXT_TEMPORALS;
    }

    /** No row-number column: see {@link #rowNumberExpression(String)}. */
    @Override
    public Optional<String> rowNumberColumnDefinition() {
        return Optional.empty();
    }

    /** {@code (rowid + 1)}: rows appended to a fresh table get rowids 0, 1, 2, ... in insertion order. */
    @Override
    public String rowNumberExpression(String alias) {
        return "(" + (alias.isEmpty() ? "" : alias + ".") + "rowid + 1)";
    }

    /**
     * DuckDB's JDBC driver reports no SQLSTATE; its messages start with the error class. Conversion, invalid input
     * (including CSV reader errors) and constraint errors are bad data.
     */
    @Override
    public ErrorType classify(SQLException failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        for (String dataError : List.of("Conversion Error", "Invalid Input Error", "Constraint Error",
                "Out of Range Error")) {
            if (message.contains(dataError)) {
                return ErrorType.VALIDATION_ERROR;
            }
        }
        return super.classify(failure);
    }

    @Override
    protected Optional<ColumnType> columnTypeOf(String dataType, Optional<Integer> length, Optional<Integer> precision,
                                                Optional<Integer> scale) {
        String base = dataType.replaceAll("\\(.*$", "").trim();
        return switch (base) {
            case "float" -> Optional.of(ColumnType.of(CanonicalType.FLOAT));
            case "double" -> Optional.of(ColumnType.of(CanonicalType.DOUBLE));
            case "decimal" -> Optional.of(ColumnType.of(CanonicalType.DECIMAL, precision.orElse(18), scale.orElse(3)));
            case "varchar" -> Optional.of(ColumnType.of(CanonicalType.STRING));
            case "blob" -> Optional.of(ColumnType.of(CanonicalType.BINARY));
            default -> super.columnTypeOf(base, Optional.empty(), precision, scale);
        };
    }

    /**
     * DuckDB compares names ignoring case, even quoted ones, while {@code information_schema} holds them as created:
     * a table is found whatever the case of its name (a table {@code Tcase} is the table {@code TCASE}).
     */
    @Override
    protected String nameIs(String column, String name) {
        return "lower(" + column + ") = lower(" + stringLiteral(name) + ")";
    }

    /**
     * The defaults with {@code UPDATE … FROM} and window functions, so that a MERGE updates from staging in one
     * join and de-duplicates a batch in one pass.
     */
    @Override
    public DialectTraits traits() {
        return TRAITS;
    }
}
