package dev.destsdk.core.spi;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Creates destinations from configuration. Implementations are listed in
 * {@code META-INF/services/dev.destsdk.core.spi.DestinationFactory} and found with {@link #find(String)}.
 * Implementations are stateless and thread-safe.
 */
public interface DestinationFactory {

    /** @return the type this factory creates, e.g. {@code postgresql}; unique among factories */
    String type();

    /**
     * Creates a destination, validating the configuration up front.
     *
     * @param config connection and behaviour settings; not null
     * @return a new destination; the caller closes it
     * @throws ConnectorException CONFIGURATION_ERROR naming the setting that is missing or invalid
     */
    Destination create(Map<String, String> config);

    /**
     * @return every factory on the class path, in ServiceLoader order
     */
    static List<DestinationFactory> all() {
        return ServiceLoader.load(DestinationFactory.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /**
     * @param type the type, compared case-insensitively; not null
     * @return the factory for that type
     * @throws ConnectorException CONFIGURATION_ERROR when none or several match
     */
    static DestinationFactory find(String type) {
        List<DestinationFactory> matches = all().stream().filter(f -> f.type().equalsIgnoreCase(type)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        List<String> known = all().stream().map(DestinationFactory::type).sorted().toList();
        throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, matches.isEmpty()
                ? "no destination factory for type '" + type + "'; known types: " + known
                : "several destination factories for type '" + type + "': add only one to the class path");
    }
}
