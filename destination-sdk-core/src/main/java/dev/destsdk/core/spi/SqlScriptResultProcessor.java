package dev.destsdk.core.spi;

import java.util.List;

/**
 * Receives the results of {@link Destination#executeSqlScript} as they are produced. Lifecycle, per statement
 * {@code i} (1-based): {@code onStatementStart(i)}, then for a query {@code onResultStart(i, columns)} and
 * {@code onRow(i, values)} per row, then {@code onStatementComplete(i, ...)} or {@code onStatementError(i, ...)};
 * after the last statement (or the first failure) {@code onScriptComplete(success)}. Called on the destination's
 * working thread; rows are streamed, never collected by the destination.
 */
public interface SqlScriptResultProcessor {

    /**
     * @param index 1-based statement index
     * @param sql the statement text
     */
    default void onStatementStart(int index, String sql) {
    }

    /**
     * @param index 1-based statement index
     * @param columns the result's column labels
     */
    default void onResultStart(int index, List<String> columns) {
    }

    /**
     * @param index 1-based statement index
     * @param values one row's values as JDBC returned them (null for NULL); the list is not retained by the caller
     */
    default void onRow(int index, List<Object> values) {
    }

    /**
     * @param index 1-based statement index
     * @param rowsAffected rows affected by DML, rows returned by a query, 0 for DDL
     * @param elapsedMillis wall time of the statement
     */
    default void onStatementComplete(int index, long rowsAffected, long elapsedMillis) {
    }

    /**
     * @param index 1-based statement index
     * @param error the failure
     */
    default void onStatementError(int index, Exception error) {
    }

    /** @param success whether every statement succeeded */
    default void onScriptComplete(boolean success) {
    }
}
