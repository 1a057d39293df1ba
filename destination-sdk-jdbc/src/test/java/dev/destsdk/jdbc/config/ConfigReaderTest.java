package dev.destsdk.jdbc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:pg://admin:hunter2@h/db", "jdbc:pg://admin@h:5432/db",
            "jdbc:pg://h/db?%70assword=hunter2", "jdbc:pg://h/db?PASS%77ORD=hunter2", "jdbc:pg://h/db;password=hunter2",
            "jdbc:pg://h/db;create=true;user=sa", "jdbc:pg://h/db?x=1&%20password=hunter2"})
    void credentialsHiddenInTheUrlAreRefusedWithoutEchoingThem(String url) {
        ConfigReader r = new ConfigReader("x", Map.of(), Set.of());
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> r.jdbcUrl("url", url, "jdbc:pg://", Set.of("password", "user")));
        assertThat(e).as(url).isNotNull();
        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("admin");
    }
}
