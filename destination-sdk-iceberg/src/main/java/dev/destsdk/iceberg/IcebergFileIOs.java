package dev.destsdk.iceberg;

import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.file.store.S3ObjectStore;
import dev.destsdk.file.store.S3StoreConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.FileIO;

/**
 * The Iceberg {@link FileIO} that reaches the same objects as a file destination's {@link ObjectStore}: a
 * {@link LocalFileIO} for a {@link LocalObjectStore}, Iceberg's {@link S3FileIO} (path-style, with the store's
 * endpoint, region and credentials) for an {@link S3ObjectStore}. Stateless.
 */
public final class IcebergFileIOs {
    private IcebergFileIOs() {
    }

    /**
     * @param store a store; not null
     * @return a new FileIO for its objects; the caller closes it
     * @throws IllegalArgumentException for a store of another kind (give the destination its own FileIO then)
     */
    public static FileIO forStore(ObjectStore store) {
        if (store instanceof LocalObjectStore) {
            return new LocalFileIO();
        }
        if (store instanceof S3ObjectStore s3) {
            return s3(s3.config());
        }
        throw new IllegalArgumentException("no FileIO known for the store " + store.describe() + "; configure the"
                + " catalog with its own FileIO");
    }

    /**
     * @param config an S3 store's configuration; not null
     * @return an initialised S3FileIO for that bucket
     */
    public static FileIO s3(S3StoreConfig config) {
        Map<String, String> props = new HashMap<>();
        props.put("client.region", config.region());
        config.endpoint().ifPresent(e -> props.put("s3.endpoint", e.toString()));
        props.put("s3.path-style-access", Boolean.toString(config.pathStyle()));
        config.accessKeyId().ifPresent(k -> props.put("s3.access-key-id", k));
        config.secretAccessKey().ifPresent(k -> props.put("s3.secret-access-key", k));
        props.put("http-client.type", "apache");
        S3FileIO io = new S3FileIO();
        io.initialize(props);
        return io;
    }
}
