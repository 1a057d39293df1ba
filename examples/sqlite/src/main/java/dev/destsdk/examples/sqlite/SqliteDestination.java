package dev.destsdk.examples.sqlite;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.core.naming.NamingDefaults;
import dev.destsdk.jdbc.BaseWarehouseDestination;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * An embedded SQLite warehouse destination: a directory holding {@code main.sqlite} and, for a schema other than
 * {@code main}, that schema's file, attached to every connection. It loads with the SDK's batched INSERTs. Tables go
 * to the configured schema; a load into another schema fails as unsupported (loads do not create schemas). One
 * writer at a time, so parallel loads are not declared.
 */
public final class SqliteDestination extends BaseWarehouseDestination {
    private final Path directory;
    private final String schema;
    private final SqliteDialect dialect;

    /**
     * @param directory the database directory, created when missing; not null
     * @param schema the schema: {@code main} or the name of a database file to attach; not null
     */
    public SqliteDestination(Path directory, String schema) {
        this.directory = directory;
        this.schema = schema;
        this.dialect = new SqliteDialect(directory);
    }

    @Override
    protected SqlDialect dialect() {
        return dialect;
    }

    @Override
    protected Connection openConnection() throws SQLException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new SQLException("cannot create " + directory + ": " + e.getMessage(), "58030", e);
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("main.sqlite"));
        if (!schema.equalsIgnoreCase("main")) {
            try (Statement st = c.createStatement()) {
                st.execute(dialect.attach(schema));
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    @Override
    protected NamingDefaults namingDefaults() {
        return new NamingDefaults(Optional.empty(), schema);
    }

    @Override
    protected ConnectorCapabilitiesConfigBuilder capabilities(ConnectorCapabilitiesConfigBuilder preset) {
        return preset.canAutoCreateSchema(false).supportsParallelization(false);
    }
}
