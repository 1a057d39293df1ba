package dev.destsdk.jdbc;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements on one connection with cancellation and error translation: before each statement the
 * cancellation signal is checked; while it runs, {@link Statement#cancel()} is registered with the signal; a
 * failure becomes a {@link ConnectorException} typed by the dialect (or CANCELLED when the signal fired) naming the
 * object and the statement.
 *
 * <p>Not thread-safe: one executor per connection and thread, except that the signal may cancel from another
 * thread. The caller owns the connection.
 */
public final class SqlExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SqlExecutor.class);
    private static final int MAX_SQL_IN_MESSAGE = 300;

    private final Connection connection;
    private final SqlDialect dialect;
    private final CancellationSignal cancellation;
    private final String object;

    /**
     * @param connection the connection; not null
     * @param dialect the dialect that classifies failures; not null
     * @param cancellation the job's signal; not null
     * @param object the object named in errors (e.g. the target table); not null
     */
    public SqlExecutor(Connection connection, SqlDialect dialect, CancellationSignal cancellation, String object) {
        this.connection = Objects.requireNonNull(connection, "connection is null");
        this.dialect = Objects.requireNonNull(dialect, "dialect is null");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation is null");
        this.object = Objects.requireNonNull(object, "object is null");
    }

    /** @return the connection */
    public Connection connection() {
        return connection;
    }

    /** @return the dialect */
    public SqlDialect dialect() {
        return dialect;
    }

    /** @return the cancellation signal */
    public CancellationSignal cancellation() {
        return cancellation;
    }

    /**
     * Runs a statement that returns no rows.
     *
     * @param sql the statement; not null
     * @return the update count, or 0 when the statement reports none
     * @throws ConnectorException on failure or cancellation
     */
    public long update(String sql) {
        return withStatement(sql, st -> {
            LOG.debug("{}: {}", object, sql);
            boolean hasResult = st.execute(sql);
            return hasResult ? 0 : updateCount(st);
        });
    }

    /**
     * Runs a statement that creates or renames a catalog object by name and carries no row data ({@code CREATE
     * SCHEMA}, {@code CREATE TABLE}, a rename): as {@link #update}, but a failure is typed by
     * {@link SqlDialect#classifyCatalogChange}, so that a catalog conflict with another session is never reported as
     * bad input.
     *
     * @param sql the statement; not null
     * @throws ConnectorException on failure or cancellation
     */
    public void updateCatalog(String sql) {
        run(sql, st -> {
            LOG.debug("{}: {}", object, sql);
            return st.execute(sql);
        }, true);
    }

    /**
     * Runs a statement that must finish whatever the signal says: a step after a load's commit point (dropping its
     * helper tables, the swap that publishes a table where DDL is not transactional). Not cancelled, and a failure
     * is never reported as CANCELLED.
     *
     * @param sql the statement; not null
     * @throws ConnectorException when the database fails it
     */
    public void updateIgnoringCancellation(String sql) {
        LOG.debug("{}: {}", object, sql);
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw ConnectorException.builder(dialect.classify(e), dialect.name() + " refused a statement: "
                            + e.getMessage() + " [SQL: " + abbreviate(sql) + "]")
                    .retryable(dialect.isRetryable(e)).cause(e).object(object).build();
        }
    }

    /**
     * Runs a query and hands its result set to {@code reader}.
     *
     * @param sql the query; not null
     * @param reader reads the result; not null
     * @param <T> the result type
     * @return what the reader returned
     * @throws ConnectorException on failure or cancellation
     */
    public <T> T query(String sql, ResultReader<T> reader) {
        return withStatement(sql, st -> {
            LOG.debug("{}: {}", object, sql);
            try (ResultSet rs = st.executeQuery(sql)) {
                return reader.read(rs);
            }
        });
    }

    /**
     * Runs a query whose first row's first column is a number.
     *
     * @param sql the query; not null
     * @return the number, or empty when there is no row or it is NULL
     */
    public Optional<Long> queryLong(String sql) {
        return query(sql, rs -> {
            if (!rs.next()) {
                return Optional.empty();
            }
            long v = rs.getLong(1);
            return rs.wasNull() ? Optional.<Long>empty() : Optional.of(v);
        });
    }

    /**
     * Runs work with a fresh statement whose {@code cancel()} is registered with the signal.
     *
     * @param sql the statement text, for messages; not null
     * @param work the work; not null
     * @param <T> the result type
     * @return what the work returned
     * @throws ConnectorException on failure or cancellation
     */
    public <T> T withStatement(String sql, StatementWork<T> work) {
        return run(sql, work, false);
    }

    private <T> T run(String sql, StatementWork<T> work, boolean catalogChange) {
        cancellation.checkCancellation("running SQL on " + object);
        try (Statement st = connection.createStatement();
             CancellationSignal.Registration ignored = cancellation.onCancel(() -> cancelQuietly(st))) {
            return work.run(st);
        } catch (SQLException e) {
            throw translate(e, sql, catalogChange);
        }
    }

    /**
     * Translates a database failure.
     *
     * @param e the failure; not null
     * @param sql the statement, for the message; may be null
     * @return the exception to throw: CANCELLED when the signal fired, otherwise typed by the dialect
     */
    public ConnectorException translate(SQLException e, String sql) {
        return translate(e, sql, false);
    }

    private ConnectorException translate(SQLException e, String sql, boolean catalogChange) {
        if (cancellation.isCancelled()) {
            return ConnectorException.builder(ErrorType.CANCELLED, "cancelled while running SQL on " + object)
                    .cause(e).object(object).build();
        }
        ErrorType type = catalogChange ? dialect.classifyCatalogChange(e) : dialect.classify(e);
        return ConnectorException.builder(type, dialect.name() + " refused a statement: "
                        + e.getMessage() + (sql == null ? "" : " [SQL: " + abbreviate(sql) + "]"))
                .retryable(dialect.isRetryable(e)).cause(e).object(object).build();
    }

    /**
     * The update count of the statement just executed, as a long where the driver supports it (some, like DuckDB's,
     * implement only the int version).
     *
     * @param st the statement; not null
     * @return the count, or 0 when the statement reports none
     * @throws SQLException when the driver fails
     */
    public static long updateCount(Statement st) throws SQLException {
        long count;
        try {
            count = st.getLargeUpdateCount();
        } catch (SQLException | UnsupportedOperationException e) {
            count = st.getUpdateCount();
        }
        return Math.max(0, count);
    }

    /**
     * @param sql a statement; not null
     * @return the statement cut to a length fit for messages
     */
    public static String abbreviate(String sql) {
        return sql.length() <= MAX_SQL_IN_MESSAGE ? sql : sql.substring(0, MAX_SQL_IN_MESSAGE) + "...";
    }

    private static void cancelQuietly(Statement st) {
        try {
            st.cancel();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("statement cancel failed", e);
        }
    }

    /**
     * Reads a result set.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface ResultReader<T> {
        /**
         * @param rs the result set, positioned before the first row; not null
         * @return the result
         * @throws SQLException when reading fails
         */
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Work done with a statement.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface StatementWork<T> {
        /**
         * @param statement a fresh statement, closed afterwards; not null
         * @return the result
         * @throws SQLException when the database fails
         */
        T run(Statement statement) throws SQLException;
    }
}
