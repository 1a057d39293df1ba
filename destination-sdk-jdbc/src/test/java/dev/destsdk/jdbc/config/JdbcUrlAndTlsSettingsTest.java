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

/** The JDBC-specific settings: TLS mode and URL checks (the generic reader is tested in core). */
class JdbcUrlAndTlsSettingsTest {
    private static final JdbcConnectionSettings.Profile PROFILE = new JdbcConnectionSettings.Profile("demo",
            "jdbc:postgresql://", Set.of("password", "ssl"), "schema", java.util.Optional.empty(), "copy");

    @Test
    void aBadTlsModeIsAConfigurationErrorNamingTheSettingAndTheModes() {
        Map<String, String> config = Map.of("url", "jdbc:postgresql://h/db", "user", "u", "schema", "s",
                "tls", "maybe");
        assertThatThrownBy(() -> JdbcConnectionSettings.read(config, PROFILE))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR))
                .hasMessageContaining("verify-full").hasMessageContaining("'tls'");
    }

    @Test
    void tlsVerificationIsOnUnlessExplicitlyTurnedOff() {
        assertThat(JdbcConnectionSettings.read(Map.of("url", "jdbc:postgresql://h/db", "user", "u", "schema", "s"),
                PROFILE).tls()).isEqualTo(TlsMode.VERIFY_FULL);
        assertThat(TlsMode.parse("tls", "Require-Unverified")).isEqualTo(TlsMode.REQUIRE_UNVERIFIED);
        assertThat(TlsMode.parse("tls", "disable")).isEqualTo(TlsMode.DISABLE);
    }

    @Test
    void urlsMayNotCarryCredentialsOrTlsAndTheMessageNeverEchoesThem() {
        assertThatThrownBy(() -> JdbcConnectionSettings.checkUrl("url", "jdbc:pg://h/db?user=a&password=hunter2", "jdbc:pg://",
                Set.of("password")))
                .hasMessageContaining("'password'").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JdbcConnectionSettings.checkUrl("url", "jdbc:other://h", "jdbc:pg://", Set.of()))
                .hasMessageContaining("jdbc:pg://");
        assertThat(JdbcConnectionSettings.checkUrl("url", "jdbc:pg://h/db?connectTimeout=3", "jdbc:pg://", Set.of("password")))
                .isEqualTo("jdbc:pg://h/db?connectTimeout=3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:pg://admin:hunter2@h/db", "jdbc:pg://admin@h:5432/db",
            "jdbc:pg://h/db?%70assword=hunter2", "jdbc:pg://h/db?PASS%77ORD=hunter2", "jdbc:pg://h/db;password=hunter2",
            "jdbc:pg://h/db;create=true;user=sa", "jdbc:pg://h/db?x=1&%20password=hunter2"})
    void credentialsHiddenInTheUrlAreRefusedWithoutEchoingThem(String url) {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> JdbcConnectionSettings.checkUrl("url", url, "jdbc:pg://", Set.of("password", "user")));
        assertThat(e).as(url).isNotNull();
        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("admin");
    }
}
