package dev.destsdk.testkit.file;

import dev.destsdk.file.store.S3ObjectStore;
import dev.destsdk.file.store.S3StoreConfig;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An S3-compatible server in the test's JVM, for tests of S3 object stores and file destinations: s3proxy on an
 * in-memory blob store, listening on {@code 127.0.0.1} with an ephemeral port (no network beyond loopback, no
 * Docker), with static test credentials. {@link #shared()} starts one server per JVM on first use and stops it when
 * the JVM exits; each test takes its own bucket ({@link #newBucket}).
 *
 * <p>Fault injection: {@link #failNext} makes the server answer the next calls of one operation with an S3 error
 * (for example 503 SlowDown or 500 InternalError) before the blob store sees them, so that a client's retries,
 * back-off and clean-up after a failure can be tested against a real HTTP server.
 *
 * <p>The test scope needs {@code org.gaul:s3proxy} (an optional dependency of the testkit; exclude its logback when
 * the tests log through another SLF4J binding). Thread-safe.
 */
public final class InProcessS3Server {
    /** The access key the server accepts. */
    public static final String ACCESS_KEY = "destsdk-test";
    /** The secret key the server accepts. */
    public static final String SECRET_KEY = "destsdk-test-secret";

    /** An operation faults can be injected into. */
    public enum Operation {
        /** A single-request upload (PutObject, also a conditional put). */
        PUT_OBJECT,
        /** Starting a multipart upload. */
        CREATE_MULTIPART_UPLOAD,
        /** Uploading one part of a multipart upload. */
        UPLOAD_PART,
        /** Completing a multipart upload. */
        COMPLETE_MULTIPART_UPLOAD,
        /** Reading an object. */
        GET_OBJECT,
        /** Listing objects. */
        LIST_OBJECTS
    }

    private static InProcessS3Server shared;

    private final S3Proxy proxy;
    private final URI endpoint;
    private final AtomicInteger buckets = new AtomicInteger();
    private final Map<Operation, Fault> faults = new ConcurrentHashMap<>();
    private final Map<Operation, AtomicInteger> injected = new ConcurrentHashMap<>();

    private record Fault(AtomicInteger remaining, int status, String code) {
    }

    private InProcessS3Server() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new FaultingBlobStore(new TransientNio2BlobStore()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start within 30 s: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                // the JVM is exiting
            }
        }, "destsdk-s3-server-stop"));
    }

    /**
     * @return the JVM's server, started on the first call
     * @throws IllegalStateException when it cannot start
     */
    public static synchronized InProcessS3Server shared() {
        if (shared == null) {
            try {
                shared = new InProcessS3Server();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the in-process S3 server: " + e, e);
            }
        }
        return shared;
    }

    /** @return the server's endpoint, {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Creates a bucket whose name starts with {@code prefix} and ends with a number unique in this JVM.
     *
     * @param prefix lower case letters, digits and dashes; not null
     * @return the bucket's name
     */
    public String createBucket(String prefix) {
        String bucket = (prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + "-"
                + buckets.incrementAndGet());
        if (bucket.length() > 63) {
            bucket = bucket.substring(bucket.length() - 63).replaceAll("^-+", "b");
        }
        String name = bucket;
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    /**
     * @param bucket a bucket of this server; not null
     * @return the configuration of a store on that bucket: path-style endpoint, test credentials, the smallest part
     *     size S3 allows (so that tests reach multipart uploads with little data)
     */
    public S3StoreConfig storeConfig(String bucket) {
        return S3StoreConfig.of(bucket, "us-east-1").withEndpoint(endpoint).withCredentials(ACCESS_KEY, SECRET_KEY)
                .withPartSize(S3StoreConfig.MIN_PART_SIZE);
    }

    /**
     * @param prefix the bucket name's prefix, see {@link #createBucket}; not null
     * @return a store on a new bucket; the caller closes it
     */
    public S3ObjectStore newBucket(String prefix) {
        return new S3ObjectStore(storeConfig(createBucket(prefix)));
    }

    /** @return a new client of this server (path-style, test credentials) for tests to inspect it; close it */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY))).build();
    }

    /**
     * @param bucket a bucket; not null
     * @return the keys of its multipart uploads that were started and neither completed nor aborted
     */
    public List<String> unfinishedUploads(String bucket) {
        try (S3Client client = client()) {
            return client.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream()
                    .map(software.amazon.awssdk.services.s3.model.MultipartUpload::key).toList();
        }
    }

    /**
     * Makes the server answer the next {@code times} calls of {@code operation} (on any bucket) with an S3 error
     * instead of serving them; replaces a fault planned before for that operation.
     *
     * @param operation the operation; not null
     * @param times how many calls fail; 0 clears the fault
     * @param status the HTTP status, e.g. 503
     * @param code the S3 error code, e.g. {@code SlowDown} or {@code InternalError}; not null
     */
    public void failNext(Operation operation, int times, int status, String code) {
        Objects.requireNonNull(operation, "operation is null");
        Objects.requireNonNull(code, "code is null");
        faults.put(operation, new Fault(new AtomicInteger(times), status, code));
    }

    /**
     * @param operation the operation; not null
     * @return how many calls of it the server failed on purpose so far
     */
    public int injectedFailures(Operation operation) {
        return injected.computeIfAbsent(operation, o -> new AtomicInteger()).get();
    }

    /** Clears every planned fault and the counts of injected ones. */
    public void clearFaults() {
        faults.clear();
        injected.clear();
    }

    private void maybeFail(Operation operation) {
        Fault f = faults.get(operation);
        if (f != null && f.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            injected.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
            throw (S3Exception) S3Exception.builder().statusCode(f.status())
                    .message(f.code() + " (injected by the test)")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode(f.code())
                            .errorMessage("injected by the test").build())
                    .build();
        }
    }

    /** Passes every call to the in-memory store after the planned faults. */
    private final class FaultingBlobStore extends ForwardingBlobStore {
        FaultingBlobStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
            maybeFail(Operation.PUT_OBJECT);
            return super.putBlob(request, input);
        }

        @Override
        public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
            maybeFail(Operation.CREATE_MULTIPART_UPLOAD);
            return super.initiateMultipartUpload(request);
        }

        @Override
        public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
                                                      InputStream input) {
            maybeFail(Operation.UPLOAD_PART);
            return super.uploadMultipartPart(upload, request, input);
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                       CompleteMultipartUploadRequest request) {
            maybeFail(Operation.COMPLETE_MULTIPART_UPLOAD);
            return super.completeMultipartUpload(upload, request);
        }

        @Override
        public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
            maybeFail(Operation.GET_OBJECT);
            return super.getBlob(request);
        }

        @Override
        public ListObjectsV2Response list(ListObjectsV2Request request) {
            maybeFail(Operation.LIST_OBJECTS);
            return super.list(request);
        }
    }
}
