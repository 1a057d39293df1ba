package dev.destsdk.iceberg;

import dev.destsdk.file.BaseFileDestination;
import dev.destsdk.file.FileWriteOptions;
import dev.destsdk.file.catalog.TableCatalog;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.commit.TableCommitter;
import dev.destsdk.file.format.FileSchema;
import dev.destsdk.file.format.FormatWriterFactory;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.iceberg.internal.IcebergCatalogView;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;

/**
 * A file destination whose tables are Apache Iceberg tables: {@link BaseFileDestination}'s engine stages Parquet
 * files (with Iceberg field ids) under each table's location, and the {@link IcebergTableCommitter} commits them
 * as one snapshot per load (APPEND, OVERWRITE, TRUNCATE_AND_LOAD, MERGE by equality and position deletes, hard
 * deletes). A connector is an {@link IcebergDestinationConfig}: a store, a catalog and table options.
 *
 * <p>Lifecycle: the constructor opens the catalog; {@link #close()} closes the catalog and the store. Threading: as
 * {@link BaseFileDestination}: one stage or load at a time per instance; several instances (processes) may load
 * into one table concurrently when they share a catalog (PostgreSQL).
 */
public final class IcebergDestination extends BaseFileDestination {
    private final IcebergDestinationConfig config;
    private final PathLayout layout;
    private final Catalog catalog;
    private final IcebergTableCommitter committer;
    private final IcebergCatalogView catalogView;

    /**
     * @param config the configuration; not null
     */
    public IcebergDestination(IcebergDestinationConfig config) {
        this.config = config;
        this.layout = new PathLayout(config.prefix());
        String root = config.store().describe();
        root = root.endsWith("/") ? root : root + "/";
        this.catalog = config.catalog().apply(root + config.prefix());
        this.committer = new IcebergTableCommitter(catalog, root, layout.root(), config.options(),
                trackingColumns(), config.parquet().codec().name(), config.store(), config.parquet(),
                config.writeOptions().targetFileSize());
        this.catalogView = new IcebergCatalogView(committer);
    }

    /** @return the committer (for maintenance and inspection) */
    public IcebergTableCommitter icebergCommitter() {
        return committer;
    }

    /** @return {@code iceberg} */
    @Override
    public String name() {
        return "iceberg";
    }

    @Override
    protected ObjectStore objectStore() {
        return config.store();
    }

    @Override
    protected FormatWriterFactory formatWriters() {
        return config.parquet();
    }

    @Override
    protected TableCatalog catalog() {
        return catalogView;
    }

    @Override
    protected PathLayout pathLayout() {
        return layout;
    }

    @Override
    protected Optional<TableCommitter> tableCommitter() {
        return Optional.of(committer);
    }

    /** Gives every column the Iceberg table's field id for it ({@link IcebergTableCommitter#withFieldIds}). */
    @Override
    protected FileSchema dataFileSchema(TableId table, FileSchema schema) {
        return committer.withFieldIds(table, schema);
    }

    @Override
    protected FileWriteOptions writeOptions() {
        return config.writeOptions();
    }

    @Override
    public void close() {
        try {
            IcebergCatalogs.close(catalog);
        } finally {
            super.close();
        }
    }
}
