package dev.destsdk.examples.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.file.store.ObjectInfo;
import dev.destsdk.file.store.ObjectOutput;
import dev.destsdk.file.store.S3ObjectStore;
import dev.destsdk.file.store.S3StoreConfig;
import dev.destsdk.testkit.file.InProcessS3Server;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The S3 store against the in-process server: multipart upload and abort, conditional put, listing, retries of
 * throttling and 5xx answers, clean-up after failures and cancellation (no unfinished multipart upload left).
 */
class S3ObjectStoreIT {
    private static final InProcessS3Server SERVER = InProcessS3Server.shared();

    @AfterEach
    void clearFaults() {
        SERVER.clearFaults();
    }

    @Test
    void throttlingAndServerErrorsAreRetriedWithBackOffAndTheObjectsArrive() throws Exception {
        String bucket = SERVER.createBucket("store-retry");
        try (S3ObjectStore store = new S3ObjectStore(SERVER.storeConfig(bucket))) {
            SERVER.failNext(InProcessS3Server.Operation.PUT_OBJECT, 2, 503, "SlowDown");
            store.put("r/small.bin", new byte[] {1, 2, 3});
            assertThat(SERVER.injectedFailures(InProcessS3Server.Operation.PUT_OBJECT)).isEqualTo(2);

            byte[] data = new byte[S3StoreConfig.MIN_PART_SIZE + 100];
            new Random(3).nextBytes(data);
            SERVER.failNext(InProcessS3Server.Operation.UPLOAD_PART, 1, 500, "InternalError");
            SERVER.failNext(InProcessS3Server.Operation.COMPLETE_MULTIPART_UPLOAD, 1, 503, "SlowDown");
            ObjectOutput out = store.create("r/big.bin");
            out.write(data, 0, data.length);
            out.close();
            assertThat(SERVER.injectedFailures(InProcessS3Server.Operation.UPLOAD_PART)).isEqualTo(1);
            assertThat(SERVER.injectedFailures(InProcessS3Server.Operation.COMPLETE_MULTIPART_UPLOAD)).isEqualTo(1);
            assertThat(store.list("r/")).containsExactly(new ObjectInfo("r/big.bin", data.length),
                    new ObjectInfo("r/small.bin", 3));
            try (InputStream in = store.open("r/big.bin")) {
                assertThat(Arrays.equals(in.readAllBytes(), data)).isTrue();
            }
            assertThat(SERVER.unfinishedUploads(bucket)).isEmpty();
        }
    }

    @Test
    void aPartThatKeepsFailingAbortsTheUploadAndLeavesNoPartsBehind() throws Exception {
        String bucket = SERVER.createBucket("store-part-fails");
        try (S3ObjectStore store = new S3ObjectStore(SERVER.storeConfig(bucket))) {
            byte[] data = new byte[S3StoreConfig.MIN_PART_SIZE * 2 + 10];
            ObjectOutput out = store.create("f/big.bin");
            out.write(data, 0, S3StoreConfig.MIN_PART_SIZE + 1);
            assertThat(SERVER.unfinishedUploads(bucket)).containsExactly("f/big.bin");
            SERVER.failNext(InProcessS3Server.Operation.UPLOAD_PART, 1000, 503, "SlowDown");
            assertThatThrownBy(() -> out.write(data, 0, S3StoreConfig.MIN_PART_SIZE + 1))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("f/big.bin");
            assertThat(SERVER.injectedFailures(InProcessS3Server.Operation.UPLOAD_PART))
                    .as("every attempt the retry strategy allows").isEqualTo(store.config().maxAttempts());
            assertThat(SERVER.unfinishedUploads(bucket)).as("aborted: ListMultipartUploads is empty").isEmpty();
            assertThat(store.list("")).isEmpty();
        }
    }

    @Test
    void aFailedCompletionAbortsTheUpload() throws Exception {
        String bucket = SERVER.createBucket("store-complete-fails");
        try (S3ObjectStore store = new S3ObjectStore(SERVER.storeConfig(bucket))) {
            ObjectOutput out = store.create("c/big.bin");
            out.write(new byte[S3StoreConfig.MIN_PART_SIZE + 5], 0, S3StoreConfig.MIN_PART_SIZE + 5);
            SERVER.failNext(InProcessS3Server.Operation.COMPLETE_MULTIPART_UPLOAD, 1000, 500, "InternalError");
            assertThatThrownBy(out::close).isInstanceOf(java.io.IOException.class);
            assertThat(SERVER.unfinishedUploads(bucket)).isEmpty();
            assertThat(store.list("")).isEmpty();
        }
    }

    @Test
    void cancellationIsCheckedBeforeEveryPartAndAbortsTheUpload() throws Exception {
        String bucket = SERVER.createBucket("store-cancel");
        try (S3ObjectStore store = new S3ObjectStore(SERVER.storeConfig(bucket))) {
            java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
            ObjectOutput out = store.create("x/big.bin");
            out.checkBeforeEachPart(() -> {
                if (checks.incrementAndGet() == 2) {
                    throw dev.destsdk.core.error.ConnectorException.cancelled("test");
                }
            });
            byte[] data = new byte[S3StoreConfig.MIN_PART_SIZE];
            out.write(data, 0, data.length);
            out.write(data, 0, 1); // the first part goes up here
            assertThat(SERVER.unfinishedUploads(bucket)).containsExactly("x/big.bin");
            assertThatThrownBy(() -> out.write(data, 0, data.length))
                    .isInstanceOfSatisfying(dev.destsdk.core.error.ConnectorException.class,
                            e -> assertThat(e.getErrorType()).isEqualTo(dev.destsdk.core.error.ErrorType.CANCELLED));
            assertThat(checks.get()).isEqualTo(2);
            assertThat(SERVER.unfinishedUploads(bucket)).as("aborted on cancellation").isEmpty();
            assertThat(store.list("")).isEmpty();
            out.close(); // finished: does nothing
            assertThat(store.list("")).isEmpty();
        }
    }


    @Test
    void aLargeObjectGoesUpInPartsAndAnAbortedUploadLeavesNothing() throws Exception {
        try (S3ObjectStore store = InProcessS3Server.shared().newBucket("store-multipart")) {
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
        try (S3ObjectStore store = InProcessS3Server.shared().newBucket("store-conditional")) {
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
