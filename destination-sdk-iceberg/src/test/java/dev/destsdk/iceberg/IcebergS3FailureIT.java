package dev.destsdk.iceberg;

import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.file.InProcessS3Server;
import java.nio.file.Path;

/** Failures and cancellation on an S3-compatible store (s3proxy in process), with Iceberg's S3FileIO. */
class IcebergS3FailureIT extends IcebergFailureContract {
    @Override
    ObjectStore createStore(Path dir) throws Exception {
        return InProcessS3Server.shared().newBucket("iceberg");
    }
}
