package dev.destsdk.examples.mariadb;

import dev.destsdk.core.naming.NamingDefaults;
import dev.destsdk.jdbc.BaseWarehouseDestination;
import dev.destsdk.jdbc.bulk.BatchedInsertLoader;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * A MariaDB warehouse destination: {@link MariaDbDialect}, a connection per call, and
 * {@link MariaDbLoadDataLoader} (or batched INSERTs when configured). Loads directly from the local data files.
 * A MariaDB database plays the role of a schema.
 *
 * <p>One instance is used by one thread at a time; it holds no connection between calls.
 */
public final class MariaDbDestination extends BaseWarehouseDestination {
    private final MariaDbConfig config;
    private final MariaDbDialect dialect = new MariaDbDialect();

    /**
     * @param config the validated settings; not null
     */
    public MariaDbDestination(MariaDbConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    protected SqlDialect dialect() {
        return dialect;
    }

    @Override
    protected Connection openConnection() throws SQLException {
        return TransactionAbort.wrap(DriverManager.getConnection(config.connection().url(), config.jdbcProperties()));
    }

    @Override
    protected NamingDefaults namingDefaults() {
        return new NamingDefaults(Optional.empty(), config.database());
    }

    @Override
    protected BulkLoader bulkLoader() {
        return config.connection().nativeBulkLoad() ? new MariaDbLoadDataLoader()
                : new BatchedInsertLoader();
    }

    @Override
    public String toString() {
        return "MariaDbDestination{" + config + "}";
    }
}
