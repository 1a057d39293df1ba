package dev.destsdk.activation.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvStoreStateStoreTest {
    @TempDir
    Path dir;

    @Test
    void committedDigestsSurviveReopeningAndUncommittedOnesDoNot() {
        try (MvStoreStateStore store = MvStoreStateStore.open(dir)) {
            try (StateSession s = store.open("contacts|email")) {
                s.recordSuccess("a@x.io", new byte[] {1, 2});
                s.commit();
                s.recordSuccess("b@x.io", new byte[] {3});
            }
        }
        try (MvStoreStateStore store = MvStoreStateStore.open(dir); StateSession s = store.open("contacts|email");
             StateSession other = store.open("deals|key")) {
            assertThat(s.digest("a@x.io")).hasValueSatisfying(d -> assertThat(d).containsExactly(1, 2));
            assertThat(s.digest("b@x.io")).isEmpty();
            assertThat(other.digest("a@x.io")).isEmpty();
        }
        assertThat(MvStoreStateStore.open(dir).file("contacts|email")).exists();
    }

    @Test
    void manyKeysCommitInChunks() {
        try (MvStoreStateStore store = MvStoreStateStore.open(dir); StateSession s = store.open("t|k")) {
            for (int i = 0; i < MvStoreStateStore.COMMIT_EVERY + 10; i++) {
                s.recordSuccess("k" + i, new byte[] {(byte) i});
            }
            s.commit();
        }
        try (MvStoreStateStore store = MvStoreStateStore.open(dir); StateSession s = store.open("t|k")) {
            assertThat(s.digest("k" + MvStoreStateStore.COMMIT_EVERY)).isPresent();
            assertThat(s.digest("k0")).hasValueSatisfying(d -> assertThat(d).containsExactly(0));
        }
    }
}
