package dev.destsdk.file.store;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an S3-compatible bucket.
 *
 * @param bucket the bucket; not blank
 * @param rootPrefix the key prefix every key of the store lives under, without leading or trailing {@code /};
 *     empty for the bucket's root
 * @param region the signing region, e.g. {@code us-east-1}; not blank
 * @param endpoint the endpoint of an S3-compatible server; empty for AWS
 * @param pathStyle whether to address the bucket in the path ({@code http://host/bucket/key}), as most
 *     S3-compatible servers need
 * @param accessKeyId the access key; empty to use the AWS SDK's default credentials provider chain
 * @param secretAccessKey the secret key; present exactly when {@code accessKeyId} is; never logged
 * @param partSize the multipart upload's part size in bytes (at least 5 MiB); objects smaller than one part are
 *     uploaded in one request
 * @param maxAttempts attempts per request, counting the first, for throttling, 5xx and connection failures (the AWS
 *     SDK's standard retry strategy with exponential back-off and jitter)
 */
public record S3StoreConfig(String bucket, String rootPrefix, String region, Optional<URI> endpoint,
                            boolean pathStyle, Optional<String> accessKeyId, Optional<String> secretAccessKey,
                            int partSize, int maxAttempts) {
    /** The default part size: 8 MiB (one buffer of it per open output). */
    public static final int DEFAULT_PART_SIZE = 8 << 20;
    /** The smallest part size S3 accepts (but for the last part). */
    public static final int MIN_PART_SIZE = 5 << 20;

    /** Validates the components. */
    public S3StoreConfig {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket is blank");
        }
        Objects.requireNonNull(rootPrefix, "rootPrefix is null");
        if (rootPrefix.startsWith("/") || rootPrefix.endsWith("/")) {
            throw new IllegalArgumentException("rootPrefix must not start or end with '/': " + rootPrefix);
        }
        if (!rootPrefix.isEmpty()) {
            ObjectKeys.check(rootPrefix);
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region is blank");
        }
        Objects.requireNonNull(endpoint, "endpoint is null");
        Objects.requireNonNull(accessKeyId, "accessKeyId is null");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey is null");
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("give both accessKeyId and secretAccessKey, or neither");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be at least " + MIN_PART_SIZE + ": " + partSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    /**
     * @param bucket the bucket
     * @param region the region
     * @return a configuration for AWS with the default credentials chain, no root prefix, the default part size
     *     and 5 attempts
     */
    public static S3StoreConfig of(String bucket, String region) {
        return new S3StoreConfig(bucket, "", region, Optional.empty(), false, Optional.empty(), Optional.empty(),
                DEFAULT_PART_SIZE, 5);
    }

    /**
     * @param value the endpoint of an S3-compatible server; path-style addressing is switched on
     * @return a copy with the endpoint
     */
    public S3StoreConfig withEndpoint(URI value) {
        return new S3StoreConfig(bucket, rootPrefix, region, Optional.of(value), true, accessKeyId, secretAccessKey,
                partSize, maxAttempts);
    }

    /**
     * @param id the access key id
     * @param secret the secret key
     * @return a copy with static credentials
     */
    public S3StoreConfig withCredentials(String id, String secret) {
        return new S3StoreConfig(bucket, rootPrefix, region, endpoint, pathStyle, Optional.of(id),
                Optional.of(secret), partSize, maxAttempts);
    }

    /**
     * @param value the root prefix
     * @return a copy with the root prefix
     */
    public S3StoreConfig withRootPrefix(String value) {
        return new S3StoreConfig(bucket, value, region, endpoint, pathStyle, accessKeyId, secretAccessKey, partSize,
                maxAttempts);
    }

    /**
     * @param size the part size
     * @return a copy with the part size
     */
    public S3StoreConfig withPartSize(int size) {
        return new S3StoreConfig(bucket, rootPrefix, region, endpoint, pathStyle, accessKeyId, secretAccessKey, size,
                maxAttempts);
    }

    /** @return the configuration without the secret */
    @Override
    public String toString() {
        return "S3StoreConfig[bucket=" + bucket + ", rootPrefix=" + rootPrefix + ", region=" + region
                + ", endpoint=" + endpoint.map(URI::toString).orElse("aws") + ", pathStyle=" + pathStyle
                + ", credentials=" + (accessKeyId.isPresent() ? "static" : "default chain")
                + ", partSize=" + partSize + ", maxAttempts=" + maxAttempts + "]";
    }
}
