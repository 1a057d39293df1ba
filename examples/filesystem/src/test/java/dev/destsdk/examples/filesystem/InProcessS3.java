package dev.destsdk.examples.filesystem;

import dev.destsdk.file.store.S3ObjectStore;
import dev.destsdk.file.store.S3StoreConfig;
import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server in this JVM: s3proxy on an in-memory blob store, listening on 127.0.0.1 with an
 * ephemeral port, started once per test JVM and stopped at its exit. Tests create a bucket each.
 */
final class InProcessS3 {
    static final String ACCESS_KEY = "destsdk-test";
    static final String SECRET_KEY = "destsdk-test-secret";
    private static InProcessS3 instance;

    private final S3Proxy proxy;
    private final URI endpoint;

    private InProcessS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                // the JVM is going away
            }
        }));
    }

    static synchronized InProcessS3 get() throws Exception {
        if (instance == null) {
            instance = new InProcessS3();
        }
        return instance;
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * @param bucket a new bucket's name
     * @return a store on that bucket (created here)
     */
    S3ObjectStore newBucketStore(String bucket) {
        try (S3Client client = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY))).build()) {
            client.createBucket(b -> b.bucket(bucket));
        }
        return new S3ObjectStore(S3StoreConfig.of(bucket, "us-east-1").withEndpoint(endpoint)
                .withCredentials(ACCESS_KEY, SECRET_KEY).withPartSize(S3StoreConfig.MIN_PART_SIZE));
    }
}
