package dev.destsdk.jdbc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JdbcConnectionSettingsTest {
    private static final JdbcConnectionSettings.Profile WITH_DEFAULT = new JdbcConnectionSettings.Profile("demo",
            "jdbc:demo://", Set.of("password", "ssl"), "schema", Optional.of("public"), "copy");
    private static final JdbcConnectionSettings.Profile REQUIRED = new JdbcConnectionSettings.Profile("demo",
            "jdbc:demo://", Set.of("password"), "database", Optional.empty(), "load_data");

    @Test
    void readsEverySettingWithDefaults() {
        JdbcConnectionSettings s = JdbcConnectionSettings.read(
                Map.of("url", "jdbc:demo://h:1/db", "user", "u", "password", " p w "), WITH_DEFAULT);
        assertThat(s.url()).isEqualTo("jdbc:demo://h:1/db");
        assertThat(s.user()).isEqualTo("u");
        assertThat(s.password()).hasValue(" p w ");
        assertThat(s.namespace()).isEqualTo("public");
        assertThat(s.tls()).isEqualTo(TlsMode.VERIFY_FULL);
        assertThat(s.nativeBulkLoad()).isTrue();
        assertThat(s.credentials()).containsEntry("user", "u").containsEntry("password", " p w ");
    }

    @Test
    void bulkLoadAndTlsAreExplicitChoices() {
        JdbcConnectionSettings s = JdbcConnectionSettings.read(Map.of("url", "jdbc:demo://h", "user", "u",
                "database", "dw", "bulk_load", "INSERT", "tls", "disable"), REQUIRED);
        assertThat(s.nativeBulkLoad()).isFalse();
        assertThat(s.tls()).isEqualTo(TlsMode.DISABLE);
        assertThat(s.namespace()).isEqualTo("dw");
        assertThat(s.credentials()).doesNotContainKey("password");
        assertThatThrownBy(() -> JdbcConnectionSettings.read(Map.of("url", "jdbc:demo://h", "user", "u",
                "database", "dw", "bulk_load", "turbo"), REQUIRED))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR))
                .hasMessageContaining("bulk_load").hasMessageContaining("load_data").hasMessageContaining("insert");
    }

    @Test
    void missingRequiredUnknownAndManagedSettingsAreRefusedWithoutLeakingTheSecret() {
        assertThatThrownBy(() -> JdbcConnectionSettings.read(Map.of("url", "jdbc:demo://h", "user", "u"), REQUIRED))
                .hasMessageContaining("'database'");
        assertThatThrownBy(() -> JdbcConnectionSettings.read(Map.of("url", "jdbc:demo://h", "user", "u",
                "schema", "s", "colour", "blue"), WITH_DEFAULT)).hasMessageContaining("colour");
        assertThatThrownBy(() -> JdbcConnectionSettings.read(Map.of("url", "jdbc:demo://h?password=s3cret!",
                "user", "u"), WITH_DEFAULT))
                .isInstanceOf(ConnectorException.class).hasMessageNotContaining("s3cret!");
        assertThatThrownBy(() -> JdbcConnectionSettings.read(Map.of("url", "jdbc:other://h", "user", "u"),
                WITH_DEFAULT)).hasMessageContaining("jdbc:demo://");
    }

    @Test
    void toStringMasksThePassword() {
        JdbcConnectionSettings s = JdbcConnectionSettings.read(
                Map.of("url", "jdbc:demo://h", "user", "u", "password", "s3cret!"), WITH_DEFAULT);
        assertThat(s.toString()).doesNotContain("s3cret!").contains("password=****").contains("bulkLoad=native");
    }
}
