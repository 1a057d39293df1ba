package dev.destsdk.examples.postgresql;

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
 * A PostgreSQL warehouse destination: {@link PostgresDialect}, a pgjdbc connection per call, and
 * {@link PostgresCopyLoader} (or batched INSERTs when configured). Loads directly from the local data files.
 *
 * <p>One instance is used by one thread at a time; it holds no connection between calls.
 */
public final class PostgresDestination extends BaseWarehouseDestination {
    private final PostgresConfig config;
    private final PostgresDialect dialect = new PostgresDialect();

    /**
     * @param config the validated settings; not null
     */
    public PostgresDestination(PostgresConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    protected SqlDialect dialect() {
        return dialect;
    }

    @Override
    protected Connection openConnection() throws SQLException {
        return DriverManager.getConnection(config.url(), config.jdbcProperties());
    }

    @Override
    protected NamingDefaults namingDefaults() {
        return new NamingDefaults(Optional.empty(), config.schema());
    }

    @Override
    protected BulkLoader bulkLoader() {
        return config.bulkLoad() == PostgresConfig.BulkLoad.COPY ? new PostgresCopyLoader()
                : new BatchedInsertLoader();
    }

    @Override
    public String toString() {
        return "PostgresDestination{" + config + "}";
    }
}
