package dev.destsdk.file.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest {
    @TempDir
    Path dir;

    @Test
    void anObjectIsVisibleOnlyAfterCloseAndAnAbortLeavesNothing() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("root"));
        ObjectOutput out = store.create("a/b/c.bin");
        out.write("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(store.list("")).isEmpty();
        assertThat(store.listUnfinishedUploads("a/")).containsExactly("a/b/c.bin");
        out.close();
        assertThat(store.list("a/")).containsExactly(new ObjectInfo("a/b/c.bin", 5));
        try (InputStream in = store.open("a/b/c.bin")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        ObjectOutput aborted = store.create("a/b/d.bin");
        aborted.write(1);
        aborted.abort();
        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("a/b/c.bin");
        assertThat(store.listUnfinishedUploads("")).isEmpty();
        assertThatThrownBy(() -> aborted.write(2)).isInstanceOf(IOException.class);
    }

    @Test
    void conditionalPutRefusesAnExistingKeyAndDeleteRemovesEmptyDirectories() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("root"));
        assertThat(store.putIfAbsent("t/_catalog/v1.json", new byte[] {1})).isTrue();
        assertThat(store.putIfAbsent("t/_catalog/v1.json", new byte[] {2})).isFalse();
        try (InputStream in = store.open("t/_catalog/v1.json")) {
            assertThat(in.readAllBytes()).containsExactly(1);
        }
        store.delete(List.of("t/_catalog/v1.json", "t/missing"));
        assertThat(store.list("")).isEmpty();
        assertThat(Files.exists(dir.resolve("root/t"))).isFalse();
    }

    @Test
    void keysOutsideTheRootAreRefusedBeforeTouchingTheDisk() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("root"));
        assertThatThrownBy(() -> store.put("../escape", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(".uploads/x", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(dir.resolve("escape"))).isFalse();
    }

    @Test
    void s3ConfigurationNeverShowsTheSecret() {
        S3StoreConfig c = S3StoreConfig.of("bucket", "eu-west-1").withCredentials("AKIA123", "s3cr3t-value");
        assertThat(c.toString()).doesNotContain("s3cr3t-value").doesNotContain("AKIA123").contains("static");
    }
}
