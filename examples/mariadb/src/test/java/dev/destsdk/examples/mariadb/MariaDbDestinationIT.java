package dev.destsdk.examples.mariadb;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.testkit.behavior.DestinationBehavior;
import dev.destsdk.testkit.behavior.DestinationBehaviors;
import dev.destsdk.testkit.fault.SessionKiller;
import dev.destsdk.testkit.inspect.DestinationInspector;
import dev.destsdk.testkit.server.TestDatabase;
import dev.destsdk.testkit.warehouse.JdbcDestinationInspector;
import dev.destsdk.testkit.warehouse.WarehouseConformanceSuite;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The warehouse conformance suite against a real MariaDB, loading with LOAD DATA LOCAL INFILE. The server comes from
 * {@code DESTSDK_MARIADB_URL} (default {@code jdbc:mariadb://127.0.0.1:3306/test}), {@code DESTSDK_MARIADB_USER}
 * (default {@code root}) and {@code DESTSDK_MARIADB_PASSWORD}; skipped when unreachable, failing under
 * {@code CI=true}. The namespace is a database of its own.
 */
class MariaDbDestinationIT extends WarehouseConformanceSuite {
    static final TestDatabase DATABASE = TestDatabase.fromEnvironment("MariaDB", "DESTSDK_MARIADB",
            "jdbc:mariadb://127.0.0.1:3306/test", "root")
            .withHint("start it with `start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd`");

    @Override
    protected Destination createDestination() {
        return new MariaDbDestinationFactory().create(Map.of("url", DATABASE.url(), "user", DATABASE.user(),
                "password", DATABASE.password(), "database", namespace(), "tls", "disable"));
    }

    @Override
    protected DestinationInspector createInspector(Destination destination) {
        return new JdbcDestinationInspector(DATABASE.connectOrSkip(), new MariaDbDialect());
    }

    /**
     * Column names compare case-insensitively; identifiers cannot hold characters beyond the BMP (emoji are
     * replaced); DOUBLE has no negative zero (NaN and infinities are refused by the SDK everywhere); the UUID type refuses some
     * values that are not RFC 9562 UUIDs of versions 1 to 7.
     */
    @Override
    protected DestinationBehaviors behaviors(DestinationBehaviors.Builder declared) {
        return declared.without(DestinationBehavior.SUPPORTS_CASE_SENSITIVE_COLUMNS)
                .without(DestinationBehavior.SUPPORTS_UNICODE_IDENTIFIERS)
                .without(DestinationBehavior.PRESERVES_NEGATIVE_ZERO)
                .without(DestinationBehavior.SUPPORTS_ANY_UUID)
                .build();
    }

    /** Loads as a user of its own, whose connections {@code KILL CONNECTION} ends at each fault point. */
    @Override
    protected Optional<FaultInjection> faultInjection() {
        String user = "destsdk_fault_" + Long.toHexString(System.nanoTime()).substring(0, 8);
        List<String> hosts = List.of("%", "localhost", "127.0.0.1");
        Connection admin = DATABASE.connectOrSkip();
        List<String> setup = new ArrayList<>(List.of("CREATE DATABASE IF NOT EXISTS `" + namespace() + "`"));
        for (String host : hosts) {
            setup.add("CREATE USER '" + user + "'@'" + host + "'");
            setup.add("GRANT ALL PRIVILEGES ON `" + namespace() + "`.* TO '" + user + "'@'" + host + "'");
        }
        run(admin, setup);
        // the URL without the server's default database, which the user has no access to
        String url = DATABASE.url().replaceFirst("^(jdbc:mariadb://[^/?]+)/[^?]*", "$1/");
        Destination destination = new MariaDbDestinationFactory().create(Map.of("url", url, "user", user,
                "password", "", "database", namespace(), "tls", "disable"));
        return Optional.of(new FaultInjection(destination, SessionKiller.mariadb(admin, user), () -> {
            run(admin, hosts.stream().map(h -> "DROP USER IF EXISTS '" + user + "'@'" + h + "'").toList());
            try {
                admin.close();
            } catch (SQLException ignored) {
                // closing an admin connection after the case
            }
        }));
    }

    private static void run(Connection admin, List<String> statements) {
        try (Statement st = admin.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fault-injection setup failed: " + e.getMessage(), e);
        }
    }
}
