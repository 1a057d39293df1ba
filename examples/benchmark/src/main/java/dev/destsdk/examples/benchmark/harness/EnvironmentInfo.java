package dev.destsdk.examples.benchmark.harness;

import dev.destsdk.examples.benchmark.scenario.ScenarioContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The machine and database versions a report was measured on, each read best-effort ("unknown (reason)" when it
 * cannot be read).
 *
 * @param cpus the processors the JVM sees
 * @param memory total memory, from {@code /proc/meminfo}
 * @param os operating system name, version and architecture
 * @param java the Java runtime's version and vendor
 * @param postgres PostgreSQL's {@code version()}
 * @param mariadb MariaDB's {@code version()}
 * @param duckdb DuckDB's {@code version()} (the embedded engine of the JDBC driver)
 */
public record EnvironmentInfo(int cpus, String memory, String os, String java, String postgres, String mariadb,
                              String duckdb) {

    /** Validates the components. */
    public EnvironmentInfo {
        Objects.requireNonNull(memory, "memory is null");
        Objects.requireNonNull(os, "os is null");
        Objects.requireNonNull(java, "java is null");
        Objects.requireNonNull(postgres, "postgres is null");
        Objects.requireNonNull(mariadb, "mariadb is null");
        Objects.requireNonNull(duckdb, "duckdb is null");
    }

    /**
     * @param ctx the context whose databases to ask; not null
     * @return the environment
     */
    public static EnvironmentInfo collect(ScenarioContext ctx) {
        return new EnvironmentInfo(Runtime.getRuntime().availableProcessors(), totalMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                query(() -> ctx.postgres().connect(), "SELECT version()"),
                query(() -> ctx.mariadb().connect(Map.of()), "SELECT version()"),
                query(() -> DriverManager.getConnection("jdbc:duckdb:"), "SELECT version()"));
    }

    private static String totalMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.substring(9).trim().split("\\s+")[0]);
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    @FunctionalInterface
    private interface Connector {
        Connection open() throws SQLException;
    }

    private static String query(Connector connector, String sql) {
        try (Connection c = connector.open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : "unknown";
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
