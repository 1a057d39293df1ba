package dev.destsdk.jdbc;

import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.spi.SqlScriptRequest;
import dev.destsdk.core.spi.SqlScriptResponse;
import dev.destsdk.core.spi.SqlScriptResultProcessor;
import dev.destsdk.core.sql.SqlScriptSplitter;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.value.ValueReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@link BaseWarehouseDestination#executeSqlScript}. Row values are read with the dialect's
 * {@link SqlDialect#valueReader()} for result columns whose JDBC type has a canonical equivalent (so dates and times
 * arrive as {@code java.time} values), with {@code getObject} for the others. Not thread-safe; used once.
 */
final class SqlScriptRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SqlScriptRunner.class);
    private static final int CANCEL_CHECK_ROWS = 1000;

    private final SqlDialect dialect;
    private final Connection connection;
    private final SqlScriptRequest request;

    SqlScriptRunner(SqlDialect dialect, Connection connection, SqlScriptRequest request) {
        this.dialect = dialect;
        this.connection = connection;
        this.request = request;
    }

    SqlScriptResponse run() {
        long start = System.nanoTime();
        List<String> statements = SqlScriptSplitter.split(request.script());
        SqlScriptResultProcessor processor = request.processor();
        SqlExecutor sql = new SqlExecutor(connection, dialect, request.cancellation(), "sql script");
        int done = 0;
        for (int i = 0; i < statements.size(); i++) {
            int index = i + 1;
            String statement = statements.get(i);
            try {
                request.cancellation().checkCancellation("sql script: statement " + index + " of "
                        + statements.size());
            } catch (ConnectorException e) {
                processor.onScriptComplete(false);
                throw e;
            }
            processor.onStatementStart(index, statement);
            long t0 = System.nanoTime();
            try {
                long affected = sql.withStatement(statement, st -> {
                    if (st.execute(statement)) {
                        try (ResultSet rs = st.getResultSet()) {
                            return stream(index, rs, processor);
                        }
                    }
                    return SqlExecutor.updateCount(st);
                });
                processor.onStatementComplete(index, affected, (System.nanoTime() - t0) / 1_000_000);
                done++;
                request.progress().update(new ProgressEvent("sql", ProgressEvent.Status.RUNNING, 0, 0, 0, done,
                        statements.size(), Optional.of("statement " + index + " done")));
            } catch (ConnectorException e) {
                processor.onStatementError(index, e);
                processor.onScriptComplete(false);
                if (e.getErrorType() == dev.destsdk.core.error.ErrorType.CANCELLED) {
                    throw e;
                }
                LOG.info("sql script stopped at statement {}: {}", index, e.getDetail());
                return SqlScriptResponse.failure(done, (System.nanoTime() - start) / 1_000_000, index,
                        "statement " + index + " failed: " + e.getDetail());
            }
        }
        processor.onScriptComplete(true);
        return SqlScriptResponse.success(done, (System.nanoTime() - start) / 1_000_000);
    }

    private long stream(int index, ResultSet rs, SqlScriptResultProcessor processor) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> labels = new ArrayList<>(n);
        List<Optional<CanonicalType>> types = new ArrayList<>(n);
        for (int c = 1; c <= n; c++) {
            labels.add(meta.getColumnLabel(c));
            types.add(ValueReader.canonicalTypeOf(meta.getColumnType(c), meta.getColumnTypeName(c)));
        }
        ValueReader reader = dialect.valueReader();
        processor.onResultStart(index, List.copyOf(labels));
        long rows = 0;
        while (rs.next()) {
            List<Object> values = new ArrayList<>(n);
            for (int c = 1; c <= n; c++) {
                Optional<CanonicalType> type = types.get(c - 1);
                values.add(type.isPresent() ? reader.read(rs, c, type.get()) : rs.getObject(c));
            }
            processor.onRow(index, values);
            rows++;
            if (rows % CANCEL_CHECK_ROWS == 0) {
                request.cancellation().checkCancellation("sql script: reading rows of statement " + index);
            }
        }
        return rows;
    }
}
