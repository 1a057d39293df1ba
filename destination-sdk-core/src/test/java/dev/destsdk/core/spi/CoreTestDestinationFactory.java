package dev.destsdk.core.spi;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.IdentifierFormatter;
import dev.destsdk.core.naming.NamespaceRules;
import java.util.Map;
import java.util.Optional;

/** A factory registered in the test class path's {@code META-INF/services}, found by {@link DestinationFactory#find}. */
public final class CoreTestDestinationFactory implements DestinationFactory {

    /** Required by ServiceLoader. */
    public CoreTestDestinationFactory() {
    }

    @Override
    public String type() {
        return "core-test";
    }

    @Override
    public Destination create(Map<String, String> config) {
        String name = config.get("name");
        if (name == null) {
            throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, "setting 'name' is missing: add name=<text>");
        }
        return new FakeDestination(name);
    }

    /** Two factories claiming the same type, to check that find() refuses to choose. */
    public static final class DuplicateA implements DestinationFactory {
        /** Required by ServiceLoader. */
        public DuplicateA() {
        }

        @Override
        public String type() {
            return "core-dup";
        }

        @Override
        public Destination create(Map<String, String> config) {
            return new FakeDestination("a");
        }
    }

    /** See {@link DuplicateA}. */
    public static final class DuplicateB implements DestinationFactory {
        /** Required by ServiceLoader. */
        public DuplicateB() {
        }

        @Override
        public String type() {
            return "CORE-DUP";
        }

        @Override
        public Destination create(Map<String, String> config) {
            return new FakeDestination("b");
        }
    }

    /** A destination that only knows its name and capabilities. */
    static final class FakeDestination implements Destination {
        private final String name;

        FakeDestination(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ConnectorCapabilitiesConfig getCapabilitiesConfig() {
            return ConnectorCapabilitiesConfigBuilder.builder().asTraditionalDatabase().build();
        }

        @Override
        public ObjectMetadata mapToTargetObject(ObjectMetadata sourceObject, NamespaceRules namespaceRules,
                                                Optional<ObjectMetadata> existingMappedObject) {
            throw ConnectorException.unsupported(name, "mapToTargetObject");
        }

        @Override
        public StageResponse stage(StageRequest request) {
            return StageResponse.noOp("direct load");
        }

        @Override
        public LoadResponse load(LoadRequest request) {
            throw ConnectorException.unsupported(name, "load");
        }

        @Override
        public IdentifierFormatter getIdentifierFormatter() {
            throw ConnectorException.unsupported(name, "identifiers");
        }

        @Override
        public String getFullyQualifiedSchemaName(Optional<String> catalog, String schema) {
            return catalog.map(c -> c + "." + schema).orElse(schema);
        }

        @Override
        public String getFullyQualifiedTableName(Optional<String> catalog, Optional<String> schema, String table) {
            return catalog.map(c -> c + ".").orElse("") + schema.map(s -> s + ".").orElse("") + table;
        }
    }
}
