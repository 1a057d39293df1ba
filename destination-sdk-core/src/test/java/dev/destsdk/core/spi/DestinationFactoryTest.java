package dev.destsdk.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DestinationFactoryTest {

    @Test
    void allListsTheRegisteredFactories() {
        assertThat(DestinationFactory.all()).extracting(DestinationFactory::type)
                .contains("core-test", "core-dup", "CORE-DUP");
    }

    @Test
    void findIsCaseInsensitiveAndCreatesADestination() {
        DestinationFactory factory = DestinationFactory.find("Core-Test");

        assertThat(factory).isInstanceOf(CoreTestDestinationFactory.class);
        try (Destination destination = factory.create(Map.of("name", "probe"))) {
            assertThat(destination.name()).isEqualTo("probe");
            assertThat(destination.getCapabilitiesConfig().canAutoCreateSchema()).isTrue();
            assertThat(destination.getIdentifierSeparator()).isEqualTo(".");
            assertThat(destination.getFullyQualifiedTableName(Optional.empty(), Optional.of("s"), "t"))
                    .isEqualTo("s.t");
            ConnectorException unsupported = catchThrowableOfType(ConnectorException.class,
                    () -> destination.executeSqlScript(null));
            assertThat(unsupported.getMessage())
                    .isEqualTo("[UNSUPPORTED_OPERATION] probe does not support executeSqlScript");
        }
    }

    @Test
    void unknownTypeIsAConfigurationErrorListingTheKnownTypes() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> DestinationFactory.find("snowflake"));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getMessage()).contains("no destination factory for type 'snowflake'")
                .contains("core-test");
    }

    @Test
    void severalFactoriesForOneTypeAreAConfigurationErrorNamingThem() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> DestinationFactory.find("core-dup"));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getMessage()).contains("several destination factories for type 'core-dup'")
                .contains(CoreTestDestinationFactory.DuplicateA.class.getName())
                .contains(CoreTestDestinationFactory.DuplicateB.class.getName());
    }

    @Test
    void nullTypeIsRefused() {
        assertThatThrownBy(() -> DestinationFactory.find(null)).hasMessageContaining("type is null");
    }

    @Test
    void createValidatesItsConfiguration() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> DestinationFactory.find("core-test").create(Map.of()));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getMessage()).contains("setting 'name' is missing");
    }
}
