package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.DatasetStats;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * What the MERGE scenarios need from a database: template tables tagged with the data set they hold, copies of
 * them, content checks and the SDK connector's settings. Implementations are used by one thread.
 */
interface MergeTarget {

    /** @return the SDK destination type, e.g. {@code postgresql} */
    String type();

    /**
     * @param table a template table's unqualified name; not null
     * @return the data-set tag recorded for it, if the table exists and has one
     * @throws SQLException when the query fails
     */
    Optional<String> templateTag(String table) throws SQLException;

    /**
     * @param table the unqualified name; not null
     * @param tag the data set's name; [a-z0-9-] only
     * @throws SQLException when the statement fails
     */
    void markTemplate(String table, String tag) throws SQLException;

    /**
     * @param from the template's unqualified name; not null
     * @param to the copy's unqualified name; not null
     * @throws SQLException when a statement fails
     */
    void copyTable(String from, String to) throws SQLException;

    /**
     * @param table the unqualified name; not null
     * @throws SQLException when the DDL fails
     */
    void dropTable(String table) throws SQLException;

    /**
     * @param table the unqualified name; not null
     * @return the content aggregates of the table
     * @throws SQLException when the query fails
     */
    DatasetStats stats(String table) throws SQLException;

    /** @return the SDK connector's settings */
    Map<String, String> sdkConfig();

    /**
     * Lets the database finish the setup's writes before the measured section (PostgreSQL: CHECKPOINT).
     *
     * @throws SQLException when that fails
     */
    void settle() throws SQLException;
}
