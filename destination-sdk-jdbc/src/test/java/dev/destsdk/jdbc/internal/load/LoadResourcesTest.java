package dev.destsdk.jdbc.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.DialectTraits;
import dev.destsdk.jdbc.dialect.GeneralSqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.internal.load.HelperTables.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** How a failed load ends its transaction when the database has already ended it. */
class LoadResourcesTest {

    /** A dialect whose DDL is not transactional, so a failed load undoes its schema changes by statement. */
    private static final GeneralSqlDialect DIALECT = new GeneralSqlDialect("test", IdentifierPolicy.builder().build()) {
        @Override
        public DialectTraits traits() {
            return DialectTraits.DEFAULT.withTransactionalDdl(false);
        }
    };

    private final Connection connection = mock(Connection.class);
    private final Statement statement = mock(Statement.class);
    private final List<String> executed = new ArrayList<>();

    private LoadResources resources() throws SQLException {
        when(connection.createStatement()).thenReturn(statement);
        when(statement.execute(anyString())).thenAnswer(call -> executed.add(call.getArgument(0)));
        TableName target = TableName.of("s", "orders");
        SqlExecutor sql = new SqlExecutor(connection, DIALECT, CancellationSignal.never(), "s.orders");
        return new LoadResources(sql, target, new HelperTables(target, DIALECT, "sync1"));
    }

    @Test
    void aFailedRollbackStillReturnsToAutoCommitBeforeTheHelpersAreDropped() throws SQLException {
        LoadResources resources = resources();
        TableName staging = resources.hold(Kind.STAGING);
        when(connection.getAutoCommit()).thenReturn(false);
        doThrow(new SQLException("no transaction is active")).when(connection).rollback();

        resources.close();

        InOrder order = inOrder(connection, statement);
        order.verify(connection).rollback();
        order.verify(connection).setAutoCommit(true);
        order.verify(statement).execute(anyString());
        assertThat(executed).containsExactly(DIALECT.dropTableIfExists(staging));
    }

    @Test
    void aFailedRollbackStillLetsTheSchemaUndoRunInAutoCommit() throws SQLException {
        LoadResources resources = resources();
        resources.undoable(List.of("ALTER TABLE s.orders DROP COLUMN added"));
        when(connection.getAutoCommit()).thenReturn(false);
        doThrow(new SQLException("no transaction is active")).when(connection).rollback();

        RuntimeException failure = new RuntimeException("load failed");
        resources.undoSchemaChanges(failure);

        InOrder order = inOrder(connection, statement);
        order.verify(connection).rollback();
        order.verify(connection).setAutoCommit(true);
        order.verify(statement).execute(anyString());
        assertThat(executed).containsExactly("ALTER TABLE s.orders DROP COLUMN added");
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void nothingIsRolledBackInAutoCommit() throws SQLException {
        LoadResources resources = resources();
        when(connection.getAutoCommit()).thenReturn(true);

        resources.close();

        verify(connection, never()).rollback();
        verify(connection, never()).setAutoCommit(true);
        assertThat(executed).isEmpty();
    }
}
