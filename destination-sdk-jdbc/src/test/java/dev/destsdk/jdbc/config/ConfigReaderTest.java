package dev.destsdk.jdbc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    @Test
    void unknownMissingAndMalformedSettingsAreConfigurationErrorsNamingTheSetting() {
        assertThatThrownBy(() -> new ConfigReader("x", Map.of("urll", "a"), Set.of("url")))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR))
                .hasMessageContaining("urll").hasMessageContaining("[url]");
        ConfigReader r = new ConfigReader("x", Map.of("url", " ", "tls", "maybe", "password", " secret "),
                Set.of("url", "tls", "password"));
        assertThatThrownBy(() -> r.required("url")).hasMessageContaining("'url'");
        assertThatThrownBy(() -> r.tls("tls")).hasMessageContaining("verify-full").hasMessageContaining("'tls'");
        assertThat(r.secret("password")).hasValue(" secret ");
    }

    @Test
    void tlsVerificationIsOnUnlessExplicitlyTurnedOff() {
        assertThat(new ConfigReader("x", Map.of(), Set.of()).tls("tls")).isEqualTo(TlsMode.VERIFY_FULL);
        assertThat(TlsMode.parse("tls", "Require-Unverified")).isEqualTo(TlsMode.REQUIRE_UNVERIFIED);
        assertThat(TlsMode.parse("tls", "disable")).isEqualTo(TlsMode.DISABLE);
    }

    @Test
    void urlsMayNotCarryCredentialsOrTlsAndTheMessageNeverEchoesThem() {
        ConfigReader r = new ConfigReader("x", Map.of(), Set.of());
        assertThatThrownBy(() -> r.jdbcUrl("url", "jdbc:pg://h/db?user=a&password=hunter2", "jdbc:pg://",
                Set.of("password")))
                .hasMessageContaining("'password'").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> r.jdbcUrl("url", "jdbc:other://h", "jdbc:pg://", Set.of()))
                .hasMessageContaining("jdbc:pg://");
        assertThat(r.jdbcUrl("url", "jdbc:pg://h/db?connectTimeout=3", "jdbc:pg://", Set.of("password")))
                .isEqualTo("jdbc:pg://h/db?connectTimeout=3");
    }
}
