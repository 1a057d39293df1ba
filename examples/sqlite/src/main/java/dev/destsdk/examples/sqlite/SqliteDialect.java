package dev.destsdk.examples.sqlite;

import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.core.naming.SqlKeywords;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.DialectTraits;
import dev.destsdk.jdbc.dialect.GeneralSqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * SQLite's SQL. A schema other than {@code main} is a database file attached under its name; names compare
 * case-insensitively. A column keeps its declared type name, which is what reads back. Values follow SQLite's storage
 * classes: numbers as 64-bit integers or floats, DECIMAL and JSON as exact text (TEXT affinity; a REAL keeps 15
 * digits, and a DECIMAL cursor compares as text), dates and times as text that sorts in time order. No ALTER COLUMN:
 * a widening load rebuilds the table, and tracking columns keep the first sync's values as defaults.
 */
public class SqliteDialect extends GeneralSqlDialect {
    private final Path directory;

    /** @param directory where the schemas' database files are; not null */
    public SqliteDialect(Path directory) {
        super("sqlite", IdentifierPolicy.builder().keywords(SqlKeywords.sql2016()).caseInsensitiveComparison(true)
                .build());
        this.directory = directory;
    }

    /** The statement that attaches (and so creates) the database file of a schema under its name. */
    String attach(String schema) {
        return "ATTACH DATABASE " + stringLiteral(directory.resolve(URLEncoder.encode(schema, StandardCharsets.UTF_8)
                + ".sqlite").toString()) + " AS " + quote(schema);
    }

    /** The standard names, but DECIMAL and JSON with TEXT affinity, so that their text is kept exactly. */
    @Override
    public String nativeType(ColumnType type) {
        return switch (type.canonicalType()) {
            case DECIMAL -> decimalType(effectiveType(type), "DECIMAL_TEXT");
            case JSON -> "JSON_TEXT";
            default -> super.nativeType(type);
        };
    }

    @Override
    public ColumnType effectiveType(ColumnType type) {
        return type.boundedBy(38, 9);
    }

    /** Dates and times are text; no ALTER COLUMN. */
    @Override
    public DialectTraits traits() {
        return DialectTraits.DEFAULT.withTemporalsAsText(true).withAltersColumns(false);
    }

    /** None: the destination attaches its schema's file to every connection, creating it. */
    @Override
    public Optional<String> createSchemaIfNotExists(TableName table) {
        return Optional.empty();
    }

    @Override
    public Optional<String> schemaExistsQuery(TableName table) {
        return table.schema().map(s -> "SELECT 1 FROM pragma_database_list WHERE name = " + stringLiteral(s)
                + " COLLATE NOCASE");
    }

    /** An alias of the rowid, so numbered in insertion order. */
    @Override
    public Optional<String> rowNumberColumnDefinition() {
        return Optional.of(quote(ROW_NUMBER_COLUMN) + " INTEGER PRIMARY KEY");
    }

    /** Joins the attached databases, so that a schema not attached has no columns rather than an error. */
    @Override
    public String columnsQuery(TableName table) {
        return "SELECT c.name, c.type, NULL, NULL, NULL, CASE WHEN c.\"notnull\" = 0 THEN 'YES' ELSE 'NO' END FROM"
                + " pragma_database_list AS d, pragma_table_info(" + stringLiteral(table.table()) + ", d.name) AS c"
                + " WHERE d.name = " + stringLiteral(table.schema().orElse("main")) + " COLLATE NOCASE ORDER BY c.cid";
    }

    @Override
    public Optional<String> tablesQuery(TableName table) {
        return Optional.of("SELECT name, type FROM pragma_table_list WHERE schema = "
                + stringLiteral(table.schema().orElse("main")) + " COLLATE NOCASE AND type IN ('table', 'view')"
                + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    }

    /** SQLITE_CONSTRAINT and SQLITE_MISMATCH are bad data; SQLITE_BUSY and SQLITE_LOCKED may pass when retried. */
    @Override
    public ErrorType classify(SQLException failure) {
        int code = failure.getErrorCode() & 0xFF;
        return code == 19 || code == 20 ? ErrorType.VALIDATION_ERROR : super.classify(failure);
    }

    @Override
    public boolean isRetryable(SQLException failure) {
        int code = failure.getErrorCode() & 0xFF;
        return code == 5 || code == 6 || super.isRetryable(failure);
    }
}
