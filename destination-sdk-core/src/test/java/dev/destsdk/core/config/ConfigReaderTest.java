package dev.destsdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    @Test
    void unknownAndMissingSettingsAreConfigurationErrorsNamingTheSetting() {
        assertThatThrownBy(() -> new ConfigReader("x", Map.of("urll", "a"), Set.of("url")))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR))
                .hasMessageContaining("urll").hasMessageContaining("[url]");
        ConfigReader r = new ConfigReader("x", Map.of("url", " ", "password", " secret ", "name", " a "),
                Set.of("url", "password", "name"));
        assertThatThrownBy(() -> r.required("url")).hasMessageContaining("'url'");
        assertThat(r.optional("url")).isEmpty();
        assertThat(r.required("name")).isEqualTo("a");
        assertThat(r.secret("password")).hasValue(" secret ");
        assertThat(r.connector()).isEqualTo("x");
    }

    @Test
    void wordsAndNumbersAreCheckedWithTheAllowedValuesNamed() {
        ConfigReader r = new ConfigReader("fs", Map.of("format", "JSON", "store", "ftp", "threads", "0",
                "size", "12", "big", "3000000000"), Set.of("format", "store", "threads", "size", "big"));
        assertThat(r.oneOf("format", "parquet", Set.of("parquet", "json"))).isEqualTo("json");
        assertThat(r.oneOf("missing", "parquet", Set.of("parquet", "json"))).isEqualTo("parquet");
        assertThatThrownBy(() -> r.oneOf("store", "local", Set.of("local", "s3")))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR))
                .hasMessageContaining("'store'").hasMessageContaining("[local, s3]");
        assertThatThrownBy(() -> r.positiveInt("threads", 2)).hasMessageContaining("'threads'")
                .hasMessageContaining("at least 1");
        assertThat(r.positiveLong("size", 128)).isEqualTo(12);
        assertThat(r.positiveInt("missing", 2)).isEqualTo(2);
        assertThatThrownBy(() -> r.positiveInt("big", 2)).hasMessageContaining("at most");
    }
}
