package dev.destsdk.examples.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.file.store.ObjectInfo;
import dev.destsdk.file.store.ObjectOutput;
import dev.destsdk.file.store.S3ObjectStore;
import dev.destsdk.file.store.S3StoreConfig;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The S3 store against the in-process server: multipart upload and abort, conditional put, listing. */
class S3ObjectStoreIT {

    @Test
    void aLargeObjectGoesUpInPartsAndAnAbortedUploadLeavesNothing() throws Exception {
        try (S3ObjectStore store = InProcessS3.get().newBucketStore("store-multipart")) {
            byte[] data = new byte[S3StoreConfig.MIN_PART_SIZE * 2 + 12345];
            new Random(7).nextBytes(data);
            ObjectOutput out = store.create("a/big.bin");
            out.write(data, 0, S3StoreConfig.MIN_PART_SIZE + 10);
            assertThat(store.listUnfinishedUploads("a/")).as("a started multipart upload").containsExactly("a/big.bin");
            assertThat(store.list("a/")).as("not visible before close").isEmpty();
            out.write(data, S3StoreConfig.MIN_PART_SIZE + 10, data.length - S3StoreConfig.MIN_PART_SIZE - 10);
            out.close();
            assertThat(store.list("")).containsExactly(new ObjectInfo("a/big.bin", data.length));
            try (InputStream in = store.open("a/big.bin")) {
                assertThat(Arrays.equals(in.readAllBytes(), data)).isTrue();
            }
            assertThat(store.listUnfinishedUploads("")).isEmpty();

            ObjectOutput aborted = store.create("a/aborted.bin");
            aborted.write(data, 0, S3StoreConfig.MIN_PART_SIZE + 1);
            assertThat(store.listUnfinishedUploads("")).containsExactly("a/aborted.bin");
            aborted.abort();
            assertThat(store.listUnfinishedUploads("")).isEmpty();
            assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("a/big.bin");
        }
    }

    @Test
    void conditionalPutRefusesAnExistingKeyAndDeletesAreBatched() throws Exception {
        try (S3ObjectStore store = InProcessS3.get().newBucketStore("store-conditional")) {
            assertThat(store.putIfAbsent("t/_catalog/v1.json", new byte[] {1})).isTrue();
            assertThat(store.putIfAbsent("t/_catalog/v1.json", new byte[] {2})).isFalse();
            try (InputStream in = store.open("t/_catalog/v1.json")) {
                assertThat(in.readAllBytes()).containsExactly(1);
            }
            assertThat(store.exists("t/_catalog/v1.json")).isTrue();
            assertThat(store.exists("t/_catalog/v2.json")).isFalse();
            assertThatThrownBy(() -> store.open("t/missing")).isInstanceOf(NoSuchFileException.class);
            for (int i = 0; i < 5; i++) {
                store.put("t/p/f" + i, new byte[] {(byte) i});
            }
            store.delete(List.of("t/p/f0", "t/p/f1", "t/p/f2", "t/p/f3", "t/p/f4", "t/p/none"));
            assertThat(store.list("t/")).extracting(ObjectInfo::key).containsExactly("t/_catalog/v1.json");
        }
    }
}
