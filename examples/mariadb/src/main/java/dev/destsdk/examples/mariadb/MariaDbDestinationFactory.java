package dev.destsdk.examples.mariadb;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import java.util.Map;

/** Creates {@link MariaDbDestination}s from {@link MariaDbConfig} settings. Stateless and thread-safe. */
public final class MariaDbDestinationFactory implements DestinationFactory {

    /** For ServiceLoader. */
    public MariaDbDestinationFactory() {
    }

    @Override
    public String type() {
        return "mariadb";
    }

    @Override
    public Destination create(Map<String, String> config) {
        return new MariaDbDestination(MariaDbConfig.fromMap(config));
    }
}
