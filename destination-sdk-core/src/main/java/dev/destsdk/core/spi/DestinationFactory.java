package dev.destsdk.core.spi;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        Objects.requireNonNull(type, "type is null");
        List<DestinationFactory> factories = all();
        List<DestinationFactory> matches = factories.stream().filter(f -> f.type().equalsIgnoreCase(type)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            List<String> known = factories.stream().map(DestinationFactory::type).sorted().toList();
            throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, "no destination factory for type '" + type
                    + "'; known types: " + known + ": add the connector's jar to the class path or fix the type");
        }
        List<String> classes = matches.stream().map(f -> f.getClass().getName()).sorted().toList();
        throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, "several destination factories for type '"
                + type + "': " + classes + ": keep only one of them on the class path");
    }
}
