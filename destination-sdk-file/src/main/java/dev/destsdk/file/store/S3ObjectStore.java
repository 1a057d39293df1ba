package dev.destsdk.file.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} on an S3-compatible bucket through the AWS SDK v2. Keys live under the configured root
 * prefix. Objects smaller than one part go up in one {@code PutObject}; larger ones as a multipart upload whose
 * parts are buffered one at a time (memory per open output: one part), completed on close and aborted on
 * {@link ObjectOutput#abort()} or on any failure, so no upload is left behind. Throttling, 5xx answers and
 * connection failures are retried by the SDK's standard strategy (exponential back-off with jitter, up to
 * {@link S3StoreConfig#maxAttempts()} attempts). The check set with {@link ObjectOutput#checkBeforeEachPart} (the
 * job's cancellation) runs before each part and before the upload is completed. {@link #putIfAbsent} sends {@code If-None-Match: *}. Credentials
 * come from the configuration or the SDK's default provider chain and are never logged. Thread-safe.
 */
public final class S3ObjectStore implements ObjectStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);
    private static final int DELETE_BATCH = 1000;

    private final S3StoreConfig config;
    private final S3Client s3;
    private final String base;

    /**
     * Creates the store and its S3 client.
     *
     * @param config where the bucket is; not null
     */
    public S3ObjectStore(S3StoreConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.base = config.rootPrefix().isEmpty() ? "" : config.rootPrefix() + "/";
        AwsCredentialsProvider credentials = config.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId().get(),
                        config.secretAccessKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(config.maxAttempts()).build()));
        config.endpoint().ifPresent(builder::endpointOverride);
        this.s3 = builder.build();
    }

    /** @return the configuration (its {@code toString} hides the secret) */
    public S3StoreConfig config() {
        return config;
    }

    @Override
    public String describe() {
        return "s3://" + config.bucket() + "/" + config.rootPrefix();
    }

    private String full(String key) {
        return base + ObjectKeys.check(key);
    }

    private String relative(String fullKey) {
        return fullKey.substring(base.length());
    }

    private static IOException io(String what, SdkException e) {
        return new IOException(what + ": " + e.getMessage(), e);
    }

    @Override
    public ObjectOutput create(String key) throws IOException {
        return new S3Output(key, full(key));
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        try {
            s3.putObject(b -> b.bucket(config.bucket()).key(full(key)), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw io("put " + key, e);
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) throws IOException {
        try {
            s3.putObject(b -> b.bucket(config.bucket()).key(full(key)).ifNoneMatch("*"),
                    RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw io("conditional put " + key, e);
        } catch (SdkException e) {
            throw io("conditional put " + key, e);
        }
    }

    @Override
    public boolean supportsConditionalPut() {
        return true;
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(config.bucket()).key(full(key)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw io("get " + key, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            s3.headObject(b -> b.bucket(config.bucket()).key(full(key)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw io("head " + key, e);
        } catch (SdkException e) {
            throw io("head " + key, e);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        ObjectKeys.checkPrefix(prefix);
        List<ObjectInfo> out = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(base + prefix))
                    .contents()) {
                out.add(new ObjectInfo(relative(o.key()), o.size()));
            }
        } catch (SdkException e) {
            throw io("list " + prefix, e);
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    /** A server-side copy then a delete (objects up to 5 GiB; larger ones are copied through this JVM). */
    @Override
    public void move(String from, String to) throws IOException {
        try {
            s3.copyObject(b -> b.sourceBucket(config.bucket()).sourceKey(full(from))
                    .destinationBucket(config.bucket()).destinationKey(full(to)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(from);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(from);
            }
            if (e.statusCode() != 400) {
                throw io("copy " + from + " to " + to, e);
            }
            ObjectStore.super.move(from, to); // larger than a single copy may be
            return;
        } catch (SdkException e) {
            throw io("copy " + from + " to " + to, e);
        }
        delete(List.of(from));
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        List<ObjectIdentifier> batch = new ArrayList<>();
        for (String key : keys) {
            batch.add(ObjectIdentifier.builder().key(full(key)).build());
            if (batch.size() == DELETE_BATCH) {
                deleteBatch(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            deleteBatch(batch);
        }
    }

    private void deleteBatch(List<ObjectIdentifier> batch) throws IOException {
        try {
            var response = s3.deleteObjects(b -> b.bucket(config.bucket())
                    .delete(Delete.builder().objects(batch).quiet(true).build()));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw new IOException("delete failed for " + response.errors().size() + " objects, first: "
                        + response.errors().get(0).key() + ": " + response.errors().get(0).message());
            }
        } catch (SdkException e) {
            throw io("delete of " + batch.size() + " objects", e);
        }
    }

    @Override
    public List<String> listUnfinishedUploads(String prefix) throws IOException {
        List<String> out = new ArrayList<>();
        try {
            for (MultipartUpload u : s3.listMultipartUploadsPaginator(b -> b.bucket(config.bucket())
                    .prefix(base + prefix)).uploads()) {
                out.add(relative(u.key()));
            }
        } catch (SdkException e) {
            throw io("list multipart uploads " + prefix, e);
        }
        return out;
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3ObjectStore[" + config + "]";
    }

    /** Buffers one part; sends a single PutObject when the object ends within the first part. */
    private final class S3Output extends ObjectOutput {
        private final String fullKey;
        private final byte[] buffer;
        private final List<CompletedPart> parts = new ArrayList<>();
        private int filled;
        private String uploadId;

        S3Output(String key, String fullKey) {
            super(key);
            this.fullKey = fullKey;
            this.buffer = new byte[config.partSize()];
        }

        @Override
        protected void append(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == buffer.length) {
                    uploadPart();
                }
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void uploadPart() throws IOException {
            beforePart();
            try {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(b -> b.bucket(config.bucket()).key(fullKey)).uploadId();
                }
                int partNumber = parts.size() + 1;
                String etag = s3.uploadPart(b -> b.bucket(config.bucket()).key(fullKey).uploadId(uploadId)
                        .partNumber(partNumber), body()).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                filled = 0;
            } catch (SdkException e) {
                abort();
                throw io("upload part of " + key(), e);
            }
        }

        /**
         * The buffered bytes as a request body without copying them: the SDK reads them through a stream (again on
         * a retry); the buffer is not touched until the request returns.
         */
        private RequestBody body() {
            int length = filled;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                    "application/octet-stream");
        }

        @Override
        protected void discard() {
            if (uploadId != null) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(config.bucket()).key(fullKey).uploadId(uploadId));
                } catch (SdkException e) {
                    LOG.warn("cannot abort multipart upload of {}: {}", key(), e.getMessage());
                }
            }
        }

        @Override
        protected void publish() throws IOException {
            beforePart();
            try {
                if (uploadId == null) {
                    s3.putObject(b -> b.bucket(config.bucket()).key(fullKey), body());
                } else {
                    if (filled > 0) {
                        uploadPart();
                    }
                    s3.completeMultipartUpload(b -> b.bucket(config.bucket()).key(fullKey).uploadId(uploadId)
                            .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
                }
            } catch (SdkException e) {
                throw io("upload of " + key(), e);
            }
        }
    }
}
