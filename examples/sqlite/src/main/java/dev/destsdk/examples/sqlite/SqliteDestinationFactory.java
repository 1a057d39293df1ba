package dev.destsdk.examples.sqlite;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import dev.destsdk.core.config.ConfigReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Creates {@link SqliteDestination}s from {@code directory} and {@code schema} (default {@code main}). */
public final class SqliteDestinationFactory implements DestinationFactory {

    @Override
    public String type() {
        return "sqlite";
    }

    @Override
    public Destination create(Map<String, String> config) {
        ConfigReader r = new ConfigReader("sqlite", config, Set.of("directory", "schema"));
        return new SqliteDestination(Path.of(r.required("directory")), r.optional("schema").orElse("main"));
    }
}
