package dev.destsdk.file.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "a//b", "a/", "../x", "a/../b", "./a", "a\\b", "nul\u0000", "ctl\u001f",
            "del\u007f"})
    void keysThatCouldLeaveTheRootAreRefused(String key) {
        assertThatThrownBy(() -> ObjectKeys.check(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordinaryKeysPass() {
        assertThat(ObjectKeys.check("lake/s/t/year=2024/sync_id=a%2Fb/part-00000.parquet"))
                .isEqualTo("lake/s/t/year=2024/sync_id=a%2Fb/part-00000.parquet");
        assertThat(ObjectKeys.checkPrefix("lake/s/")).isEqualTo("lake/s/");
        assertThat(ObjectKeys.checkPrefix("")).isEmpty();
    }
}
