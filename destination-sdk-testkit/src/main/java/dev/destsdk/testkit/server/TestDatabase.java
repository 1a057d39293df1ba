package dev.destsdk.testkit.server;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A database server that integration tests connect to, found through environment variables, and what a test does
 * when the server is not there: it is <em>skipped</em> with a message naming the variable to set (a JUnit
 * assumption), except under CI ({@code CI=true}), where it <em>fails</em>, so that a CI build never passes by
 * skipping.
 *
 * <p>{@link #fromEnvironment(String, String, String, String)} reads three variables sharing a prefix:
 * {@code <prefix>_URL} (the JDBC URL), {@code <prefix>_USER} and {@code <prefix>_PASSWORD}, each with a default:
 * <pre>{@code
 * static final TestDatabase POSTGRES = TestDatabase.fromEnvironment("PostgreSQL", "DESTSDK_PG",
 *         "jdbc:postgresql://127.0.0.1:5432/test", "postgres");
 * ...
 * Connection c = POSTGRES.connectOrSkip();   // in @BeforeAll: skips (or under CI fails) the whole class
 * }</pre>
 *
 * <p>Immutable and thread-safe. The password never appears in {@link #toString()} or in any message.
 */
public final class TestDatabase {

    /** The environment variable that marks a CI build: {@code CI=true} turns skips into failures. */
    public static final String CI_VARIABLE = "CI";

    private final String description;
    private final String variablePrefix;
    private final String url;
    private final String user;
    private final String password;
    private final boolean underCi;
    private final Optional<String> hint;

    private TestDatabase(String description, String variablePrefix, String url, String user, String password,
                         boolean underCi, Optional<String> hint) {
        this.description = description;
        this.variablePrefix = variablePrefix;
        this.url = url;
        this.user = user;
        this.password = password;
        this.underCi = underCi;
        this.hint = hint;
    }

    /**
     * Reads the server's address from the process environment.
     *
     * @param description what the server is, for messages, e.g. {@code PostgreSQL}; not null
     * @param variablePrefix the variables' prefix, e.g. {@code DESTSDK_PG} for {@code DESTSDK_PG_URL},
     *     {@code DESTSDK_PG_USER} and {@code DESTSDK_PG_PASSWORD}; not null
     * @param defaultUrl the JDBC URL used when {@code <prefix>_URL} is unset or blank; not null
     * @param defaultUser the user used when {@code <prefix>_USER} is unset or blank; not null (the default
     *     password is empty)
     * @return the database
     */
    public static TestDatabase fromEnvironment(String description, String variablePrefix, String defaultUrl,
                                               String defaultUser) {
        return fromEnvironment(description, variablePrefix, defaultUrl, defaultUser, System::getenv);
    }

    /**
     * Reads the server's address from an environment lookup (for tests, or configuration kept elsewhere).
     *
     * @param description what the server is, for messages; not null
     * @param variablePrefix the variables' prefix; not null
     * @param defaultUrl the JDBC URL used when {@code <prefix>_URL} is unset or blank; not null
     * @param defaultUser the user used when {@code <prefix>_USER} is unset or blank; not null
     * @param environment returns a variable's value, or null when unset; not null; also consulted for
     *     {@value #CI_VARIABLE}
     * @return the database
     */
    public static TestDatabase fromEnvironment(String description, String variablePrefix, String defaultUrl,
                                               String defaultUser, UnaryOperator<String> environment) {
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(variablePrefix, "variablePrefix is null");
        Objects.requireNonNull(defaultUrl, "defaultUrl is null");
        Objects.requireNonNull(defaultUser, "defaultUser is null");
        Objects.requireNonNull(environment, "environment is null");
        return new TestDatabase(description, variablePrefix,
                value(environment, variablePrefix + "_URL").orElse(defaultUrl),
                value(environment, variablePrefix + "_USER").orElse(defaultUser),
                value(environment, variablePrefix + "_PASSWORD").orElse(""),
                isCi(environment), Optional.empty());
    }

    /**
     * @param environment returns a variable's value, or null when unset; not null
     * @return whether {@value #CI_VARIABLE} is {@code true} (any case) in that environment
     */
    public static boolean isCi(UnaryOperator<String> environment) {
        return value(Objects.requireNonNull(environment, "environment is null"), CI_VARIABLE)
                .map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    /**
     * @param howToStart how to start the server locally, added to the skip or failure message, e.g.
     *     {@code "start it with `pg_ctlcluster 15 main start`"}; not null
     * @return a copy with that hint
     */
    public TestDatabase withHint(String howToStart) {
        return new TestDatabase(description, variablePrefix, url, user, password, underCi,
                Optional.of(Objects.requireNonNull(howToStart, "howToStart is null")));
    }

    /** @return the JDBC URL */
    public String url() {
        return url;
    }

    /** @return the user */
    public String user() {
        return user;
    }

    /** @return the password; empty when none is configured. Never log it. */
    public String password() {
        return password;
    }

    /** @return the variable holding the URL, e.g. {@code DESTSDK_PG_URL} */
    public String urlVariable() {
        return variablePrefix + "_URL";
    }

    /** @return whether this test run is a CI build, where an unreachable server fails instead of skipping */
    public boolean underCi() {
        return underCi;
    }

    /**
     * Opens a connection with {@link DriverManager}.
     *
     * @return a new connection; the caller closes it
     * @throws SQLException when the server cannot be reached or refuses
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * Opens a connection, or ends the calling test (or test class, when called from {@code @BeforeAll}): skipped
     * with a JUnit assumption when the server is unreachable, failed under CI.
     *
     * @return a new connection; the caller closes it
     * @throws org.opentest4j.TestAbortedException when the server is unreachable outside CI
     * @throws AssertionError when the server is unreachable under CI
     */
    public Connection connectOrSkip() {
        return connectOrSkip(this::connect);
    }

    /**
     * Like {@link #connectOrSkip()} with another way of connecting (a driver's own data source, extra
     * properties).
     *
     * @param connector opens the connection; not null
     * @return the connection
     * @throws org.opentest4j.TestAbortedException when the server is unreachable outside CI
     * @throws AssertionError when the server is unreachable under CI
     */
    public Connection connectOrSkip(Connector connector) {
        Objects.requireNonNull(connector, "connector is null");
        try {
            return connector.connect();
        } catch (SQLException e) {
            String message = unreachableMessage(e);
            if (underCi) {
                return Assertions.fail(CI_VARIABLE + "=true, so integration tests must not be skipped: " + message,
                        e);
            }
            Assumptions.abort("skipped: " + message);
            throw new IllegalStateException("unreachable: Assumptions.abort returned");
        }
    }

    /**
     * @param failure why connecting failed; not null
     * @return the message a skip or failure carries: the server, its URL, the cause, and the variable to set
     */
    public String unreachableMessage(SQLException failure) {
        Objects.requireNonNull(failure, "failure is null");
        return description + " at " + url + " is not reachable (" + failure.getMessage() + "); "
                + hint.map(h -> h + ", or ").orElse("") + "set " + urlVariable() + " (and " + variablePrefix
                + "_USER, " + variablePrefix + "_PASSWORD) to a reachable server";
    }

    /**
     * A name no other test run uses, for a schema or database a test class creates and drops: the prefix, then
     * hexadecimal time and random digits, lower case, at most 40 characters.
     *
     * @param prefix lower-case letters, digits and underscores, e.g. {@code destsdk_it_pg}; at most 24
     *     characters
     * @return e.g. {@code destsdk_it_pg_18f2a3b4c5d_7e1f}
     */
    public static String uniqueName(String prefix) {
        Objects.requireNonNull(prefix, "prefix is null");
        if (!prefix.matches("[a-z][a-z0-9_]{0,23}")) {
            throw new IllegalArgumentException("prefix must be 1 to 24 lower-case letters, digits or underscores, "
                    + "starting with a letter; got '" + prefix + "'");
        }
        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        return prefix + "_" + Long.toHexString(System.currentTimeMillis()).toLowerCase(Locale.ROOT) + "_"
                + HexFormat.of().formatHex(random);
    }

    private static Optional<String> value(UnaryOperator<String> environment, String name) {
        return Optional.ofNullable(environment.apply(name)).filter(v -> !v.isBlank());
    }

    @Override
    public String toString() {
        return "TestDatabase{" + description + " at " + url + " as " + user + ", url from " + urlVariable()
                + (underCi ? ", CI" : "") + "}";
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
}
