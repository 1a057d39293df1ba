package dev.destsdk.iceberg;

import dev.destsdk.file.FileWriteOptions;
import dev.destsdk.file.format.ParquetFormat;
import dev.destsdk.file.store.ObjectStore;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import org.apache.iceberg.catalog.Catalog;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Everything an Iceberg destination is: where the data goes, which catalog holds the tables, and how tables are
 * made.
 *
 * @param store the object store of the warehouse (local directory or S3-compatible bucket); the destination closes
 *     it; not null
 * @param prefix the key prefix of the warehouse inside the store, without leading or trailing {@code /}; empty for
 *     the store's root
 * @param catalog opens the catalog for a warehouse location (the store's root plus the prefix); called once by the
 *     destination's constructor; the destination closes the catalog when it is closed; not null
 * @param options partitioning and table properties; not null
 * @param parquet the data files' Parquet settings; not null
 * @param writeOptions roll-over size and conversion threads; not null
 */
public record IcebergDestinationConfig(ObjectStore store, String prefix, Function<String, Catalog> catalog,
                                       IcebergTableOptions options, ParquetFormat parquet,
                                       FileWriteOptions writeOptions) {
    /** Validates the components. */
    public IcebergDestinationConfig {
        Objects.requireNonNull(store, "store is null");
        Objects.requireNonNull(prefix, "prefix is null");
        Objects.requireNonNull(catalog, "catalog is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(parquet, "parquet is null");
        Objects.requireNonNull(writeOptions, "writeOptions is null");
    }

    /**
     * The embedded default: a JdbcCatalog in a SQLite file, the store's own FileIO, unpartitioned tables, ZSTD
     * Parquet.
     *
     * @param store the store; not null
     * @param prefix the warehouse prefix in the store
     * @param sqliteFile the catalog's SQLite file (one per warehouse); not null
     * @return the configuration
     */
    public static IcebergDestinationConfig sqlite(ObjectStore store, String prefix, Path sqliteFile) {
        return new IcebergDestinationConfig(store, prefix,
                warehouse -> IcebergCatalogs.sqlite("destsdk", sqliteFile, warehouse,
                        () -> IcebergFileIOs.forStore(store)),
                IcebergTableOptions.DEFAULT, ParquetFormat.of(CompressionCodecName.ZSTD), FileWriteOptions.DEFAULT);
    }

    /**
     * @param value the table options
     * @return a copy with them
     */
    public IcebergDestinationConfig withOptions(IcebergTableOptions value) {
        return new IcebergDestinationConfig(store, prefix, catalog, value, parquet, writeOptions);
    }

    /**
     * @param value the catalog factory
     * @return a copy with it
     */
    public IcebergDestinationConfig withCatalog(Function<String, Catalog> value) {
        return new IcebergDestinationConfig(store, prefix, value, options, parquet, writeOptions);
    }

    /**
     * @param value the write options
     * @return a copy with them
     */
    public IcebergDestinationConfig withWriteOptions(FileWriteOptions value) {
        return new IcebergDestinationConfig(store, prefix, catalog, options, parquet, value);
    }
}
