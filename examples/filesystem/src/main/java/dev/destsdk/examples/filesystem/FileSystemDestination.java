package dev.destsdk.examples.filesystem;

import dev.destsdk.file.BaseFileDestination;
import dev.destsdk.file.FileWriteOptions;
import dev.destsdk.file.catalog.FileTableCatalog;
import dev.destsdk.file.catalog.TableCatalog;
import dev.destsdk.file.format.FormatWriterFactory;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.ObjectStore;
import java.util.Objects;

/**
 * A data-lake destination on a local directory or an S3-compatible bucket: Parquet, JSON Lines or CSV files in
 * Hive-style partitions, registered in a file catalog kept beside the data. Everything else comes from
 * {@link BaseFileDestination}. Closing it closes the store.
 */
public final class FileSystemDestination extends BaseFileDestination {
    private final ObjectStore store;
    private final FormatWriterFactory format;
    private final PathLayout layout;
    private final FileWriteOptions options;
    private final TableCatalog catalog;

    /**
     * @param config the settings; not null
     */
    public FileSystemDestination(FileSystemConfig config) {
        this(config.openStore(), config.format(), config.layout(), config.writeOptions());
    }

    /**
     * @param store the store; this destination closes it; not null
     * @param format the file format; not null
     * @param layout the path layout; not null
     * @param options roll-over size and threads; not null
     */
    public FileSystemDestination(ObjectStore store, FormatWriterFactory format, PathLayout layout,
                                 FileWriteOptions options) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.format = Objects.requireNonNull(format, "format is null");
        this.layout = Objects.requireNonNull(layout, "layout is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.catalog = new FileTableCatalog(store, layout);
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    protected ObjectStore objectStore() {
        return store;
    }

    @Override
    protected FormatWriterFactory formatWriters() {
        return format;
    }

    @Override
    protected TableCatalog catalog() {
        return catalog;
    }

    @Override
    protected PathLayout pathLayout() {
        return layout;
    }

    @Override
    protected FileWriteOptions writeOptions() {
        return options;
    }
}
