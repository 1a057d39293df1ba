package dev.destsdk.examples.mariadb;

import dev.destsdk.core.control.CancellationSignal;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a cancelled load's open transaction by closing its connection instead of rolling it back: MariaDB undoes a
 * large LOAD DATA row by row, which takes seconds, while the client would wait; once the client is gone the server
 * rolls the transaction back on its own, and no reader ever sees its rows. A cancelled load so returns at once and
 * the table stays as it was.
 *
 * <p>{@link #wrap} puts a connection behind a proxy that makes this safe: the abort and a {@code commit()} exclude
 * each other (a cancel that arrives while the commit runs waits for it, so a load never reports CANCELLED for a
 * transaction the server committed), and once aborted, {@code rollback()}, {@code setAutoCommit}, {@code close()}
 * succeed without doing anything ({@code getAutoCommit()} says true), so the load's clean-up does not log a failed
 * rollback. Only a transaction is aborted: in auto-commit mode the connection is left alone, because the load still
 * needs it to drop its helper tables.
 *
 * <p>Thread-safe: {@link #abortOnCancel} runs its action on the cancelling thread.
 */
final class TransactionAbort {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionAbort.class);

    private TransactionAbort() {
    }

    /**
     * @param physical the driver's connection; not null
     * @return a connection that behaves as {@code physical} and that {@link #abortOnCancel} can abort
     */
    static Connection wrap(Connection physical) {
        Objects.requireNonNull(physical, "physical is null");
        return (Connection) Proxy.newProxyInstance(TransactionAbort.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Handler(physical));
    }

    /**
     * Registers, once per connection, the action that aborts the connection's open transaction when the job is
     * cancelled. Does nothing for a connection {@link #wrap} did not make.
     *
     * @param connection the load's connection; not null
     * @param cancellation the job's signal; not null
     */
    static void abortOnCancel(Connection connection, CancellationSignal cancellation) {
        if (Proxy.isProxyClass(connection.getClass())
                && Proxy.getInvocationHandler(connection) instanceof Handler handler) {
            handler.watch(cancellation);
        }
    }

    private static final class Handler implements InvocationHandler {
        private final Connection physical;
        private final Object lock = new Object();
        private boolean watched;
        private volatile boolean aborted;

        Handler(Connection physical) {
            this.physical = physical;
        }

        void watch(CancellationSignal cancellation) {
            synchronized (lock) {
                if (watched) {
                    return;
                }
                watched = true;
            }
            // kept until the job ends: a cancel between two files or after the last one must abort too
            cancellation.onCancel(this::abortIfInTransaction);
        }

        private void abortIfInTransaction() {
            synchronized (lock) {
                try {
                    if (aborted || physical.isClosed() || physical.getAutoCommit()) {
                        return;
                    }
                    aborted = true;
                    physical.abort(Runnable::run);
                    LOG.debug("cancelled: closed the connection, the server rolls the load's transaction back");
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("aborting the connection failed", e);
                }
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (aborted) {
                switch (name) {
                    case "rollback", "setAutoCommit", "close", "abort" -> {
                        return null;
                    }
                    case "getAutoCommit", "isClosed" -> {
                        return true;
                    }
                    default -> { }
                }
            }
            switch (name) {
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "unwrap" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                }
                case "commit" -> {
                    synchronized (lock) {
                        return call(method, args);
                    }
                }
                default -> { }
            }
            return call(method, args);
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
