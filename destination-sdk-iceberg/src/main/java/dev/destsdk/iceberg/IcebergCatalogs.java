package dev.destsdk.iceberg;

import dev.destsdk.iceberg.internal.AttemptFileIO;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.JdbcClientPool;

/**
 * Iceberg catalogs for the destination: Iceberg's {@link JdbcCatalog} (schema version V1) on an embedded SQLite file
 * or on a shared PostgreSQL database. The catalog is the destination's hook: Glue, Nessie or a REST catalog is any
 * other {@link Catalog} given to {@link IcebergDestinationConfig}. Each catalog needs its own warehouse location.
 * Stateless.
 */
public final class IcebergCatalogs {
    private IcebergCatalogs() {
    }

    /**
     * A JdbcCatalog in a SQLite file (created when missing), for one process. SQLite allows one writer at a time,
     * so the catalog uses one connection.
     *
     * @param name the catalog's name; not blank
     * @param database the SQLite file; not null
     * @param warehouse the warehouse location (where new tables go); not null
     * @param io the FileIO for the warehouse ({@link LocalFileIO}, or Iceberg's {@code S3FileIO}); not null
     * @return the initialised catalog; close it with the destination
     */
    public static JdbcCatalog sqlite(String name, Path database, String warehouse, Supplier<FileIO> io) {
        Map<String, String> props = new HashMap<>();
        props.put(CatalogProperties.CLIENT_POOL_SIZE, "1");
        return jdbc(name, "jdbc:sqlite:" + Objects.requireNonNull(database, "database is null").toAbsolutePath(),
                warehouse, props, io);
    }

    /**
     * A JdbcCatalog in PostgreSQL, shared by several processes (commits are conditional updates of a row).
     *
     * @param name the catalog's name; not blank
     * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}; not null
     * @param user the user; not null
     * @param password the password; not null, empty for trust authentication; never logged
     * @param warehouse the warehouse location; not null
     * @param io the FileIO for the warehouse; not null
     * @return the initialised catalog
     */
    public static JdbcCatalog postgres(String name, String jdbcUrl, String user, String password, String warehouse,
                                       Supplier<FileIO> io) {
        Map<String, String> props = new HashMap<>();
        props.put(JdbcCatalog.PROPERTY_PREFIX + "user", Objects.requireNonNull(user, "user is null"));
        props.put(JdbcCatalog.PROPERTY_PREFIX + "password", Objects.requireNonNull(password, "password is null"));
        return jdbc(name, jdbcUrl, warehouse, props, io);
    }

    /**
     * @param name the catalog's name
     * @param uri the JDBC URL
     * @param warehouse the warehouse location
     * @param extra further catalog properties
     * @param io the FileIO
     * @return an initialised JdbcCatalog with schema version V1, whose FileIO records what each commit attempt
     *     writes (so that the committer removes the files of a failed attempt)
     */
    public static JdbcCatalog jdbc(String name, String uri, String warehouse, Map<String, String> extra,
                                   Supplier<FileIO> io) {
        Objects.requireNonNull(io, "io is null");
        Map<String, String> props = new HashMap<>(extra);
        props.put(CatalogProperties.URI, Objects.requireNonNull(uri, "uri is null"));
        props.put(CatalogProperties.WAREHOUSE_LOCATION, Objects.requireNonNull(warehouse, "warehouse is null"));
        props.put("jdbc.schema-version", "V1");
        JdbcCatalog catalog = new JdbcCatalog(p -> new AttemptFileIO(io.get()),
                p -> new JdbcClientPool(p.get(CatalogProperties.URI), p), true);
        catalog.initialize(name, props);
        return catalog;
    }

    /**
     * @param catalog a catalog
     * @throws RuntimeException when closing fails
     */
    static void close(Catalog catalog) {
        if (catalog instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the Iceberg catalog " + catalog.name(), e);
            }
        }
    }
}
