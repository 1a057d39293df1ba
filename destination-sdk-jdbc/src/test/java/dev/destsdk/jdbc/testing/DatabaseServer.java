package dev.destsdk.jdbc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides what an IT does when its database server is unreachable: it is skipped with a clear message (a JUnit
 * assumption), except under CI ({@code CI=true}), where it fails, so that CI never passes by skipping.
 */
public final class DatabaseServer {
    private DatabaseServer() {
    }

    /** Opens a connection. */
    @FunctionalInterface
    public interface Connector {
        /**
         * @return a new connection
         * @throws SQLException when the server cannot be reached
         */
        Connection connect() throws SQLException;
    }

    /**
     * @param env the environment variable holding the server's address
     * @param fallback the address used when the variable is not set
     * @return the address
     */
    public static String address(String env, String fallback) {
        String v = System.getenv(env);
        return v == null || v.isBlank() ? fallback : v;
    }

    /**
     * Connects, or skips (fails under CI) the calling test class.
     *
     * @param what the server's description, e.g. {@code PostgreSQL at jdbc:postgresql://127.0.0.1:5432/test}
     * @param howToStart how to start or point to the server, for the message
     * @param connector opens the connection
     * @return the connection
     */
    public static Connection connectOrSkip(String what, String howToStart, Connector connector) {
        try {
            return connector.connect();
        } catch (SQLException e) {
            String message = what + " is not reachable (" + e.getMessage() + "); " + howToStart;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so ITs must not be skipped: " + message);
            }
            Assumptions.abort("skipped: " + message);
            throw new AssertionError("unreachable");
        }
    }
}
