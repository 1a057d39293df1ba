package dev.destsdk.iceberg;

import dev.destsdk.file.store.S3ObjectStore;
import dev.destsdk.file.store.S3StoreConfig;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * s3proxy in this JVM on 127.0.0.1 with an ephemeral port and an in-memory blob store, started on first use and
 * stopped when the JVM exits; each caller gets its own bucket.
 */
final class S3Server {
    private static final String KEY = "iceberg-test";
    private static final String SECRET = "iceberg-test-secret";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3Server server;

    private final URI endpoint;

    private S3Server() throws Exception {
        S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
        proxy.start();
        for (int i = 0; i < 3000 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                // exiting
            }
        }));
    }

    /** @return a store on a new bucket of the shared server */
    static synchronized S3ObjectStore newBucket() throws Exception {
        if (server == null) {
            server = new S3Server();
        }
        String bucket = "iceberg-" + BUCKETS.incrementAndGet();
        try (S3Client client = S3Client.builder().endpointOverride(server.endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(KEY, SECRET))).build()) {
            client.createBucket(b -> b.bucket(bucket));
        }
        return new S3ObjectStore(S3StoreConfig.of(bucket, "us-east-1").withEndpoint(server.endpoint)
                .withCredentials(KEY, SECRET));
    }
}
