package dev.destsdk.examples.duckdb;

import dev.destsdk.core.config.ConfigReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The DuckDB destination's settings, validated when built.
 *
 * <p>Settings: {@code path} (the database file; absent for an in-memory database that lives as long as the
 * destination), {@code schema} (default {@code main}), {@code stage_dir} (the local stage directory, default
 * {@code <java.io.tmpdir>/destsdk-duckdb-stage}).
 *
 * @param path the database file, or empty for in-memory
 * @param schema the default schema; not null
 * @param stageDirectory the stage directory; not null
 */
public record DuckDbConfig(Optional<Path> path, String schema, Path stageDirectory) {
    private static final Set<String> KNOWN = Set.of("path", "schema", "stage_dir");

    /** Validates the components. */
    public DuckDbConfig {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(stageDirectory, "stageDirectory is null");
    }

    /**
     * @param config the settings; not null
     * @return the validated configuration
     * @throws dev.destsdk.core.error.ConnectorException CONFIGURATION_ERROR naming the setting at fault
     */
    public static DuckDbConfig fromMap(Map<String, String> config) {
        ConfigReader r = new ConfigReader("duckdb", config, KNOWN);
        return new DuckDbConfig(r.optional("path").map(Path::of), r.optional("schema").orElse("main"),
                r.optional("stage_dir").map(Path::of)
                        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "destsdk-duckdb-stage")));
    }

    /** @return the JDBC URL of the database */
    String jdbcUrl() {
        return "jdbc:duckdb:" + path.map(Path::toString).orElse("");
    }
}
