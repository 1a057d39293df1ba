package dev.destsdk.examples.duckdb;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import java.util.Map;

/** Creates {@link DuckDbDestination}s from {@link DuckDbConfig} settings. Stateless and thread-safe. */
public final class DuckDbDestinationFactory implements DestinationFactory {

    /** For ServiceLoader. */
    public DuckDbDestinationFactory() {
    }

    @Override
    public String type() {
        return "duckdb";
    }

    @Override
    public Destination create(Map<String, String> config) {
        return new DuckDbDestination(DuckDbConfig.fromMap(config));
    }
}
