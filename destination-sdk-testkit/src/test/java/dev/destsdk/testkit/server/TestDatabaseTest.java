package dev.destsdk.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class TestDatabaseTest {
    private static TestDatabase database(Map<String, String> environment) {
        return TestDatabase.fromEnvironment("PostgreSQL", "DESTSDK_PG", "jdbc:postgresql://127.0.0.1:5432/test",
                "postgres", environment::get);
    }

    @Test
    void defaultsApplyWhenVariablesAreUnsetOrBlank() {
        TestDatabase db = database(Map.of("DESTSDK_PG_USER", "  "));
        assertThat(db.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(db.user()).isEqualTo("postgres");
        assertThat(db.password()).isEmpty();
        assertThat(db.urlVariable()).isEqualTo("DESTSDK_PG_URL");
        assertThat(db.underCi()).isFalse();
    }

    @Test
    void variablesOverrideTheDefaultsAndThePasswordStaysOutOfToString() {
        TestDatabase db = database(Map.of("DESTSDK_PG_URL", "jdbc:postgresql://db:5433/it", "DESTSDK_PG_USER", "u",
                "DESTSDK_PG_PASSWORD", "s3cret", "CI", "TRUE"));
        assertThat(db.url()).isEqualTo("jdbc:postgresql://db:5433/it");
        assertThat(db.user()).isEqualTo("u");
        assertThat(db.password()).isEqualTo("s3cret");
        assertThat(db.underCi()).isTrue();
        assertThat(db.toString()).contains("jdbc:postgresql://db:5433/it").doesNotContain("s3cret");
    }

    @Test
    void anUnreachableServerSkipsNamingTheVariable() {
        TestDatabase db = database(Map.of()).withHint("start it with `pg_ctlcluster 15 main start`");
        assertThatThrownBy(() -> db.connectOrSkip(() -> {
            throw new SQLException("Connection refused");
        })).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("PostgreSQL at jdbc:postgresql://127.0.0.1:5432/test is not reachable")
                .hasMessageContaining("Connection refused")
                .hasMessageContaining("pg_ctlcluster")
                .hasMessageContaining("DESTSDK_PG_URL");
    }

    @Test
    void underCiAnUnreachableServerFails() {
        Map<String, String> env = new HashMap<>();
        env.put("CI", "true");
        env.put("DESTSDK_PG_PASSWORD", "s3cret");
        TestDatabase db = database(env);
        assertThatThrownBy(() -> db.connectOrSkip(() -> {
            throw new SQLException("Connection refused");
        })).isInstanceOf(AssertionError.class).isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("CI=true").hasMessageContaining("DESTSDK_PG_URL")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void isCiReadsTheVariable() {
        assertThat(TestDatabase.isCi(Map.of("CI", "true")::get)).isTrue();
        assertThat(TestDatabase.isCi(Map.of("CI", "false")::get)).isFalse();
        assertThat(TestDatabase.isCi(Map.<String, String>of()::get)).isFalse();
    }

    @Test
    void uniqueNamesKeepThePrefixAndDiffer() {
        String a = TestDatabase.uniqueName("destsdk_it_pg");
        String b = TestDatabase.uniqueName("destsdk_it_pg");
        assertThat(a).startsWith("destsdk_it_pg_").matches("[a-z0-9_]{1,40}");
        assertThat(a).isNotEqualTo(b);
        assertThatThrownBy(() -> TestDatabase.uniqueName("Bad-Prefix")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad-Prefix");
    }
}
