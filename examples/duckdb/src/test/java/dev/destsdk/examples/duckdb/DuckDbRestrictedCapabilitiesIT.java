package dev.destsdk.examples.duckdb;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.naming.NamingDefaults;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.jdbc.BaseWarehouseDestination;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.testkit.behavior.DestinationBehavior;
import dev.destsdk.testkit.behavior.DestinationBehaviors;
import dev.destsdk.testkit.inspect.DestinationInspector;
import dev.destsdk.testkit.warehouse.JdbcDestinationInspector;
import dev.destsdk.testkit.warehouse.WarehouseConformanceSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The conformance suite against the DuckDB connector declaring less than it implements: load modes APPEND and
 * OVERWRITE, table handlings FAIL and DROP, schema evolution ALLOW_NEW_COLUMNS_ONLY and BLOCK_ALL, no hard deletes,
 * no SQL scripts, no schema auto-creation (the suite creates its schema up front). Every case whose behaviour is
 * undeclared must then meet the canonical unsupported failure from the real base class, which proves the suite's
 * unsupported branches against a real database.
 */
class DuckDbRestrictedCapabilitiesIT extends WarehouseConformanceSuite {
    private final Path dir;

    DuckDbRestrictedCapabilitiesIT() {
        try {
            dir = Files.createTempDirectory("destsdk-duckdb-restricted-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Destination createDestination() {
        return new RestrictedDuckDbDestination(new DuckDbDestination(DuckDbConfig.fromMap(Map.of(
                "path", dir.resolve("restricted.duckdb").toString(), "schema", namespace(),
                "stage_dir", dir.resolve("stage").toString()))));
    }

    @Override
    protected DestinationInspector createInspector(Destination destination) {
        try {
            return new JdbcDestinationInspector(((RestrictedDuckDbDestination) destination).openConnection(),
                    new DuckDbDialect());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the DuckDB database", e);
        }
    }

    @Override
    protected DestinationBehaviors behaviors(DestinationBehaviors.Builder declared) {
        return declared.without(DestinationBehavior.SUPPORTS_CASE_SENSITIVE_COLUMNS).build();
    }

    /** The DuckDB connector's hooks, with fewer capabilities declared; the base refuses everything else. */
    static final class RestrictedDuckDbDestination extends BaseWarehouseDestination {
        private final DuckDbDestination delegate;

        RestrictedDuckDbDestination(DuckDbDestination delegate) {
            this.delegate = delegate;
        }

        @Override
        protected SqlDialect dialect() {
            return delegate.dialect();
        }

        @Override
        protected Connection openConnection() throws SQLException {
            return delegate.openConnection();
        }

        @Override
        protected NamingDefaults namingDefaults() {
            return delegate.namingDefaults();
        }

        @Override
        protected BulkLoader bulkLoader() {
            return delegate.bulkLoader();
        }

        @Override
        protected boolean isStaged() {
            return delegate.isStaged();
        }

        @Override
        protected String prepareStage(SyncContext sync, TableName table) throws IOException {
            return delegate.prepareStage(sync, table);
        }

        @Override
        protected long uploadToStage(String stageLocation, LoadFile file, CancellationSignal cancellation)
                throws IOException {
            return delegate.uploadToStage(stageLocation, file, cancellation);
        }

        @Override
        protected List<LoadFile> stagedFiles(String stageLocation, CsvFileFormat format) throws IOException {
            return delegate.stagedFiles(stageLocation, format);
        }

        @Override
        protected void cleanUpStage(String stageLocation) throws IOException {
            delegate.cleanUpStage(stageLocation);
        }

        @Override
        protected ConnectorCapabilitiesConfigBuilder capabilities(ConnectorCapabilitiesConfigBuilder preset) {
            return preset.loadModes(LoadMode.APPEND, LoadMode.OVERWRITE).defaultLoadMode(LoadMode.APPEND)
                    .atomicTruncateAndLoad(false)
                    .destinationTableHandlings(DestinationTableHandling.FAIL, DestinationTableHandling.DROP)
                    .defaultDestinationTableHandling(DestinationTableHandling.FAIL)
                    .schemaEvolutionModes(SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY, SchemaEvolutionMode.BLOCK_ALL)
                    .defaultSchemaEvolutionMode(SchemaEvolutionMode.ALLOW_NEW_COLUMNS_ONLY)
                    .supportsHardDeletes(false)
                    .supportsSqlScripts(false)
                    .canAutoCreateSchema(false)
                    .supportsParallelization(false);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
