package dev.destsdk.testkit.fault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fault injection for server databases: terminates, from an administrator's connection, every server-side session of
 * one database user, the way an operator or a crashing server would. A test configures the destination under test
 * with a user of its own (so no other session is hit) and calls {@link #kill()} at the point of a load it wants to
 * fail, typically from a progress callback ({@link FaultPoint}), which runs on the load's thread between its
 * statements. Not thread-safe; the caller closes the admin connection.
 */
public final class SessionKiller {
    private final Connection admin;
    private final String user;
    private final String listSql;
    private final Kill kill;

    @FunctionalInterface
    private interface Kill {
        void run(Statement st, long session) throws SQLException;
    }

    private SessionKiller(Connection admin, String user, String listSql, Kill kill) {
        this.admin = Objects.requireNonNull(admin, "admin is null");
        this.user = Objects.requireNonNull(user, "user is null");
        this.listSql = listSql;
        this.kill = kill;
    }

    /**
     * @param admin a superuser connection; not null
     * @param user the role whose sessions are terminated ({@code pg_terminate_backend}: SQLSTATE 57P01); not null
     * @return a killer for PostgreSQL
     */
    public static SessionKiller postgres(Connection admin, String user) {
        return new SessionKiller(admin, user, "SELECT pid FROM pg_stat_activity WHERE usename = ?",
                (st, pid) -> st.execute("SELECT pg_terminate_backend(" + pid + ")"));
    }

    /**
     * @param admin a connection with the PROCESS and CONNECTION_ADMIN (or SUPER) privilege; not null
     * @param user the user whose connections are killed ({@code KILL CONNECTION}); not null
     * @return a killer for MariaDB and MySQL
     */
    public static SessionKiller mariadb(Connection admin, String user) {
        return new SessionKiller(admin, user, "SELECT id FROM information_schema.processlist WHERE user = ?",
                (st, id) -> st.execute("KILL CONNECTION " + id));
    }

    /**
     * Terminates every session of the user.
     *
     * @return how many sessions were terminated
     * @throws IllegalStateException when the admin connection fails
     */
    public int kill() {
        try {
            List<Long> sessions = new ArrayList<>();
            try (PreparedStatement ps = admin.prepareStatement(listSql)) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(rs.getLong(1));
                    }
                }
            }
            int killed = 0;
            try (Statement st = admin.createStatement()) {
                for (long session : sessions) {
                    try {
                        kill.run(st, session);
                        killed++;
                    } catch (SQLException gone) {
                        // the session ended on its own meanwhile
                    }
                }
            }
            return killed;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot kill the sessions of " + user + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SessionKiller{" + user + "}";
    }
}
