package dev.destsdk.examples.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.destsdk.activation.ApiFieldType;
import dev.destsdk.activation.ObjectDescription;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.testkit.fakeapi.FakeApiSettings;
import dev.destsdk.testkit.fakeapi.FakeCrmServer;
import dev.destsdk.testkit.fakeapi.FakeObjectType;
import dev.destsdk.testkit.fakeapi.FakeProperty;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CrmDestinationTest {
    private static final String SECRET = "pat-na1-secret-0042";

    @Test
    void theTokenNeverShowsInToStringOrMessages() {
        try (FakeCrmServer api = FakeCrmServer.start(FakeApiSettings.defaults().withToken("another"),
                FakeObjectType.of("contacts", FakeProperty.uniqueId("email")))) {
            CrmConfig config = CrmConfig.of(api.baseUri(), ApiToken.of(SECRET));
            try (CrmDestination d = new CrmDestination(config)) {
                assertThat(config.toString()).doesNotContain(SECRET).contains("****");
                assertThat(d.toString()).doesNotContain(SECRET);
                assertThat(ApiToken.of(SECRET).toString()).doesNotContain(SECRET);
                Throwable refused = catchThrowable(() -> d.describeObject("contacts"));
                assertThat(refused).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.getErrorType()).isEqualTo(ErrorType.AUTHENTICATION_ERROR);
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
            }
            assertThat(api.requestLog()).singleElement().satisfies(e -> assertThat(e.authorized()).isFalse());
        }
    }

    @Test
    void describesPropertiesWithTypesRulesAndIdFields() {
        try (FakeCrmServer api = FakeCrmServer.start(FakeApiSettings.defaults().withToken(SECRET),
                FakeObjectType.of("contacts", FakeProperty.uniqueId("email"),
                        FakeProperty.enumeration("stage", "lead", "customer"),
                        FakeProperty.of("signup", FakeProperty.Type.DATE).createOnly().asRequired()));
             CrmDestination d = new CrmDestination(CrmConfig.of(api.baseUri(), ApiToken.of(SECRET)))) {
            ObjectDescription desc = d.describeObject("contacts");
            assertThat(desc.idFields()).containsExactly("hs_object_id", "email");
            assertThat(desc.field("stage").orElseThrow().type()).isEqualTo(ApiFieldType.PICKLIST);
            assertThat(desc.field("stage").orElseThrow().picklistValues()).containsExactly("lead", "customer");
            assertThat(desc.field("signup").orElseThrow().updateable()).isFalse();
            assertThat(desc.field("signup").orElseThrow().required()).isTrue();
            assertThat(desc.field("hs_object_id").orElseThrow().readOnly()).isTrue();
            Throwable missing = catchThrowable(() -> d.describeObject("tickets"));
            assertThat(missing).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR));
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(CrmDestination.retryAfter("2")).contains(Duration.ofSeconds(2));
        assertThat(CrmDestination.retryAfter("0.25")).contains(Duration.ofMillis(250));
        assertThat(CrmDestination.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(CrmDestination.retryAfter("soon")).isEmpty();
    }
}
