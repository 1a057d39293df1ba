package dev.destsdk.examples.filesystem;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import java.util.Map;

/** Creates {@link FileSystemDestination}s from {@link FileSystemConfig} settings. Stateless and thread-safe. */
public final class FileSystemDestinationFactory implements DestinationFactory {

    /** For ServiceLoader. */
    public FileSystemDestinationFactory() {
    }

    @Override
    public String type() {
        return "filesystem";
    }

    @Override
    public Destination create(Map<String, String> config) {
        return new FileSystemDestination(new FileSystemConfig(config));
    }
}
