package dev.destsdk.examples.postgresql;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import java.util.Map;

/** Creates {@link PostgresDestination}s from {@link PostgresConfig} settings. Stateless and thread-safe. */
public final class PostgresDestinationFactory implements DestinationFactory {

    /** For ServiceLoader. */
    public PostgresDestinationFactory() {
    }

    @Override
    public String type() {
        return "postgresql";
    }

    @Override
    public Destination create(Map<String, String> config) {
        return new PostgresDestination(PostgresConfig.fromMap(config));
    }
}
