package dev.destsdk.jdbc.bulk;

import dev.destsdk.jdbc.SqlExecutor;

/**
 * Moves the records of one data file into a table through the database's fastest path (COPY, LOAD DATA, a CSV
 * reader) or, as a fallback, batched INSERTs.
 *
 * <p>Contract: every record of the file becomes one row, in file order where the target
 * {@link BulkLoadTarget#keepsFileOrder() keeps it} (the staging table), so that the staging table's row numbers
 * ({@link dev.destsdk.jdbc.dialect.SqlDialect#rowNumberExpression}) of this file's rows are consecutive and follow the
 * previous file's; elsewhere the rows may be stored in any order. Every row gets the target's {@link BulkLoadTarget#constants() constant values} (the sync's tracking
 * values), so a loader can write straight into a target table that has no defaults for them. The file's
 * {@link dev.destsdk.core.csv.CsvFileFormat} is honoured exactly: header rows, blank lines, delimiter, quoting, NULL
 * markers (a quoted empty field is the empty string, never NULL), encoding and gzip. When the database's reader can
 * read the file's bytes (possibly after the cheap byte-level rewrite of {@link CsvPassThrough}), they are streamed
 * without parsing; otherwise each record is transcoded on the fly ({@link CsvTranscoder}). Memory does not grow with
 * the file.
 *
 * <p>Bad input (a ragged record, a value the column type refuses) raises a
 * {@link dev.destsdk.core.error.ConnectorException} of type VALIDATION_ERROR naming the file and, where the database
 * reports it, the line or record. The loader checks cancellation while it streams and its statements are cancelled
 * through {@link SqlExecutor}. Implementations are stateless and thread-safe; the executor's connection is used by
 * one thread.
 */
public interface BulkLoader {

    /**
     * Loads one file.
     *
     * @param sql the executor for the load's connection; not null
     * @param target the table and the file's columns; not null
     * @param file the data file; not null
     * @return the number of rows loaded
     */
    long load(SqlExecutor sql, BulkLoadTarget target, LoadFile file);

    /** @return a short name for logs, e.g. {@code COPY} */
    String describe();
}
