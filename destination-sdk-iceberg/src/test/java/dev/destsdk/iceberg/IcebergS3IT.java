package dev.destsdk.iceberg;

import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.file.InProcessS3Server;
import java.nio.file.Path;

/**
 * The Iceberg destination on an S3-compatible store (s3proxy in process): data files through the file module's S3
 * store, metadata through Iceberg's S3FileIO, a SQLite JdbcCatalog.
 */
class IcebergS3IT extends IcebergDestinationContract {
    @Override
    ObjectStore createStore(Path dir) throws Exception {
        return InProcessS3Server.shared().newBucket("iceberg");
    }
}
