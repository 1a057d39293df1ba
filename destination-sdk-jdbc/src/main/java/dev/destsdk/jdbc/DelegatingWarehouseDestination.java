package dev.destsdk.jdbc;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.naming.NamingDefaults;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A real connector's hooks behind another dialect and other declared capabilities, for tests that run the real base
 * class against a real database with a variant of the connector: fewer capabilities (the base must refuse the rest),
 * or a dialect that lacks a feature or misbehaves (the base, or the testkit's
 * {@code DialectSelfChecks}, must notice). For example, the SQLite connector's test runs the self-checks with a
 * dialect that maps text to a capped type:
 * <pre>{@code
 * Destination variant = new DelegatingWarehouseDestination(sqlite, new CappedTextDialect(), caps -> caps);
 * }</pre>
 * It is main code of this package, not of the testkit, because only here may it call another destination's
 * protected hooks.
 *
 * <p>Connection, naming defaults, bulk loader and stage hooks come from the delegate; {@link #close()} closes it.
 * Thread-safe as far as the delegate is.
 */
public final class DelegatingWarehouseDestination extends BaseWarehouseDestination {
    private final BaseWarehouseDestination delegate;
    private final SqlDialect dialect;
    private final UnaryOperator<ConnectorCapabilitiesConfigBuilder> capabilities;

    /**
     * @param delegate the connector whose connection, stage and loader are used; closed by {@link #close()}
     * @param dialect the dialect the base uses
     * @param capabilities adjusts the delegate's declared preset
     */
    public DelegatingWarehouseDestination(BaseWarehouseDestination delegate, SqlDialect dialect,
                                          UnaryOperator<ConnectorCapabilitiesConfigBuilder> capabilities) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.dialect = Objects.requireNonNull(dialect, "dialect is null");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities is null");
    }

    @Override
    protected SqlDialect dialect() {
        return dialect;
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
        return capabilities.apply(delegate.capabilities(preset));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
