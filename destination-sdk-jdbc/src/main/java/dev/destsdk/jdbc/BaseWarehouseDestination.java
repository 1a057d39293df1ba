package dev.destsdk.jdbc;

import dev.destsdk.core.base.AbstractDestination;
import dev.destsdk.core.base.LoadContext;
import dev.destsdk.core.base.StageContext;
import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.capability.Feature;
import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.ProgressCounts;
import dev.destsdk.core.control.ProgressReporter;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.files.DataFiles;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.IdentifierFormatter;
import dev.destsdk.core.naming.IdentifierKind;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.NamingDefaults;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.SqlScriptRequest;
import dev.destsdk.core.spi.SqlScriptResponse;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.jdbc.bulk.BatchedInsertLoader;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.internal.load.LoadInputs;
import dev.destsdk.jdbc.internal.load.WarehouseLoad;
import dev.destsdk.jdbc.plan.TableLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every SQL warehouse destination: implements the whole {@link Destination} contract as final template
 * methods, so that a connector is a {@link SqlDialect}, a connection and, for a staged warehouse, an upload hook.
 *
 * <p>Hooks, in the order a pipeline run calls them:
 * <ol>
 *   <li>{@link #dialect()}: called by every method; returns the same immutable dialect each time.</li>
 *   <li>{@link #capabilities(ConnectorCapabilitiesConfigBuilder)}: once, the first time capabilities are needed, to
 *       adjust the preset ({@code asTraditionalDatabase()}, or {@code asCloudWarehouse()} when staged).</li>
 *   <li>{@link #namingDefaults()}: by {@code mapToTargetObject}, for the default catalog and schema.</li>
 *   <li>{@link #prepareStage}, then {@link #uploadToStage} once per data file: by {@code stage}, only when
 *       {@link #isStaged()}.</li>
 *   <li>{@link #openConnection()}: once per {@code load} and {@code executeSqlScript}; the base closes the
 *       connection before returning.</li>
 *   <li>{@link #stagedFiles} (staged) and {@link #bulkLoader()}: by {@code load}, once per load; the loader is
 *       called once per data file. After every staged load (failed and cancelled ones too), and after a failed
 *       stage, {@link #cleanUpStage}.</li>
 * </ol>
 *
 * <p>What {@code load} does, in order: validate the request against the declared capabilities; read the target's
 * columns; apply first-run {@link dev.destsdk.core.spi.DestinationTableHandling}; plan schema evolution (refusals
 * before any data moves); for ddlOnly / zeroRows create or alter only; otherwise move the data files with the bulk
 * loader, writing them once wherever nothing has to be matched against existing rows:
 * <ul>
 *   <li>first loads and OVERWRITE bulk-load straight into a table built aside (named from the sync id, dropped
 *       first if a retry left it; tracking columns default to the sync's values while it loads), create the key
 *       index, and swap or rename it into place. A MERGE load's key index is unique where the dialect can enforce
 *       it ({@link SqlDialect#createUniqueKeyIndex}): building it checks the batch for repeated keys, and later
 *       MERGE loads use the database's native upsert through it. A MERGE whose batch repeats a key reloads the
 *       files through the staging table to de-duplicate them;</li>
 *   <li>APPEND and TRUNCATE_AND_LOAD into an existing table whose key columns are NOT NULL, without hard deletes,
 *       bulk-load straight into the target inside the load's transaction (APPEND first deletes this sync id's rows
 *       so a retry is idempotent), with the tracking values passed to the loader as constants. Both keep repeated
 *       keys, so they first replace a unique key index the SDK built for MERGE by a plain one (an index the user
 *       created is left alone);</li>
 *   <li>everything else (MERGE into an existing table, hard deletes) bulk-loads into a staging table, de-duplicates
 *       by key for MERGE when a key repeats (highest cursor wins, later rows win ties) and applies the load mode in
 *       one transaction.</li>
 * </ul>
 * Every table a load writes declares its key columns NOT NULL, so a NULL key fails the bulk load and is reported
 * naming the file and record. Before any of this, the bulk loaders check every file with the SDK's
 * {@link dev.destsdk.jdbc.bulk.ValueRules} as it streams (canonical values, header names, NULL keys, CSV rules,
 * UTF-8, record size), so every connector refuses the same files the same way. The staging and aside tables are
 * dropped on failure and cancellation, and before success is reported; helpers that earlier loads of the table left
 * behind are dropped when a load starts.
 * Where DDL is not transactional ({@link SqlDialect#transactionalDdl()} false), a load that fails after altering
 * the target undoes its schema changes (drops added columns, restores widened types and replaced indexes). A
 * missing schema is created only when the capabilities declare {@code canAutoCreateSchema}; otherwise the load
 * fails with the canonical unsupported error before it writes anything.
 *
 * <p>Threading: one instance is used by one thread at a time; cancellation may come from another thread through
 * the request's signal. Errors are always {@link ConnectorException}.
 */
public abstract class BaseWarehouseDestination extends AbstractDestination {
    private static final Logger LOG = LoggerFactory.getLogger(BaseWarehouseDestination.class);

    /** For subclasses. */
    protected BaseWarehouseDestination() {
    }

    // ---------------------------------------------------------------- hooks

    /** @return the dialect; the same immutable instance on every call */
    protected abstract SqlDialect dialect();

    /**
     * Opens a connection to the database. The base closes it.
     *
     * @return a new connection in auto-commit mode
     * @throws SQLException when the database refuses
     */
    protected abstract Connection openConnection() throws SQLException;

    /** @return where tables go when the namespace rules do not say: the default catalog and schema */
    protected abstract NamingDefaults namingDefaults();

    /** @return the bulk loader; by default the generic {@link BatchedInsertLoader} */
    protected BulkLoader bulkLoader() {
        return new BatchedInsertLoader();
    }

    /**
     * Adjusts the capability preset. The default declares what the base implements: every load mode (default
     * MERGE), every table handling and schema evolution mode, hard deletes, atomic truncate-and-load (the base
     * empties and reloads inside one transaction), SQL scripts; no empty-schema propagation.
     *
     * @param preset {@code asTraditionalDatabase()}, or {@code asCloudWarehouse()} when {@link #isStaged()}; not null
     * @return the builder to build
     */
    protected ConnectorCapabilitiesConfigBuilder capabilities(ConnectorCapabilitiesConfigBuilder preset) {
        return preset;
    }

    /** @return whether {@code stage} uploads data files to a stage that {@code load} reads; false by default */
    protected boolean isStaged() {
        return false;
    }

    /**
     * Creates (or empties) the stage location for one table and sync. Staged destinations only.
     *
     * @param sync the sync; not null
     * @param table the target table; not null
     * @return the stage location passed to the other stage hooks and returned by {@code stage}
     * @throws IOException when the stage cannot be prepared
     */
    protected String prepareStage(SyncContext sync, TableName table) throws IOException {
        throw ConnectorException.unsupported(name(), Feature.STAGING);
    }

    /**
     * Uploads one data file to the stage. Staged destinations only. A destination whose loader cannot read the
     * file's format natively transcodes it here.
     *
     * @param stageLocation the location {@link #prepareStage} returned; not null
     * @param file the local data file; not null
     * @param cancellation the job's signal, to check while uploading; not null
     * @return the number of bytes staged
     * @throws IOException when the upload fails
     */
    protected long uploadToStage(String stageLocation, LoadFile file, CancellationSignal cancellation)
            throws IOException {
        throw ConnectorException.unsupported(name(), Feature.STAGING);
    }

    /**
     * Lists the staged files of a location, in load order. Staged destinations only.
     *
     * @param stageLocation the location; not null
     * @param format the format of the original data files; not null
     * @return the files to load
     * @throws IOException when the stage cannot be listed
     */
    protected List<LoadFile> stagedFiles(String stageLocation, CsvFileFormat format) throws IOException {
        throw ConnectorException.unsupported(name(), Feature.STAGING);
    }

    /**
     * Removes a stage location once its load ended (succeeded, failed or was cancelled: a retry stages again) or
     * its staging failed. Staged destinations only; the default does nothing.
     *
     * @param stageLocation the location; not null
     * @throws IOException when the removal fails (logged, not fatal)
     */
    protected void cleanUpStage(String stageLocation) throws IOException {
    }

    // ---------------------------------------------------------------- SPI

    @Override
    public final String name() {
        return dialect().name();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The preset for the destination's shape ({@code asTraditionalDatabase()}, or {@code asCloudWarehouse()}
     * when {@link #isStaged()}) without empty-schema propagation, adjusted by {@link #capabilities}.
     */
    @Override
    protected final ConnectorCapabilitiesConfig declareCapabilities() {
        ConnectorCapabilitiesConfigBuilder preset = ConnectorCapabilitiesConfig.builder();
        if (isStaged()) {
            preset.asCloudWarehouse();
        } else {
            preset.asTraditionalDatabase();
        }
        // Loading needs at least one data column; an object without fields is not declared as supported.
        preset.canPropagateEmptySchema(false);
        return capabilities(preset).build();
    }

    /** @return {@link ErrorType#SQL_ERROR}: what a failed load is when the database did not say otherwise */
    @Override
    protected final ErrorType failureType() {
        return ErrorType.SQL_ERROR;
    }

    @Override
    public final IdentifierFormatter getIdentifierFormatter() {
        return dialect().identifiers();
    }

    @Override
    public final String getFullyQualifiedSchemaName(Optional<String> catalog, String schema) {
        return dialect().qualifySchema(new TableName(catalog, Optional.of(schema), "_")).orElseThrow();
    }

    @Override
    public final String getFullyQualifiedTableName(Optional<String> catalog, Optional<String> schema, String table) {
        return dialect().qualify(new TableName(catalog, schema, table));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Catalog, schema, table and column names come from the namespace rules and are normalised by the dialect's
     * identifier policy; column collisions are reported before any DDL. Types map to the dialect's native types,
     * widened to the existing mapped object's types (along the type hierarchy, with precision and scale) and
     * clamped to the database's limits. Keys, cursor, nullability and custom attributes are copied; tracking
     * columns are never added.
     */
    @Override
    protected final ObjectMetadata mapObject(ObjectMetadata sourceObject, NamespaceRules namespaceRules,
                                             Optional<ObjectMetadata> existingMappedObject) {
        SqlDialect d = dialect();
        IdentifierPolicy policy = d.identifiers();
        NamingDefaults defaults = namingDefaults();
        Optional<String> catalog = namespaceRules.catalogName(sourceObject, defaults)
                .map(c -> policy.normalize(c, IdentifierKind.CATALOG));
        String schema = policy.normalize(namespaceRules.schemaName(sourceObject, defaults), IdentifierKind.SCHEMA);
        String table = policy.normalize(namespaceRules.tableName(sourceObject), IdentifierKind.TABLE);
        List<String> rawColumns = sourceObject.getFields().stream()
                .map(f -> namespaceRules.columnName(sourceObject, f)).toList();
        List<String> columns = policy.normalizeAll(rawColumns, IdentifierKind.COLUMN);
        List<FieldMetadata> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            FieldMetadata source = sourceObject.getFields().get(i);
            String column = columns.get(i);
            ColumnType type = typeOf(source);
            Optional<FieldMetadata> existing = existingMappedObject.flatMap(e -> e.getFields().stream()
                    .filter(f -> d.sameColumnName(f.getName(), column)).findFirst());
            if (existing.isPresent()) {
                type = typeOf(existing.get()).widenWith(type);
            }
            ColumnType effective = d.effectiveType(type);
            fields.add(source.toBuilder()
                    .name(column)
                    .canonicalType(effective.canonicalType())
                    .precision(effective.precision().orElse(null))
                    .scale(effective.scale().orElse(null))
                    .originalDataType(d.nativeType(effective))
                    .formattedName(d.quote(column))
                    .build());
        }
        TableName tableName = new TableName(catalog, Optional.of(schema), table);
        ObjectMetadata mapped = sourceObject.toBuilder()
                .catalog(catalog.orElse(null))
                .schema(schema)
                .name(table)
                .fields(fields)
                .fullyQualifiedName(tableName.toString())
                .formattedName(d.quote(table))
                .formattedFullyQualifiedName(d.qualify(tableName))
                .build();
        TableLayout.of(mapped, d, trackingColumns());
        return mapped;
    }

    private static ColumnType typeOf(FieldMetadata field) {
        return new ColumnType(field.getCanonicalType(), field.getPrecision(),
                field.getCanonicalType() == CanonicalType.DECIMAL ? field.getScale() : Optional.empty());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Direct-load destinations return {@link StageResponse#noOp}. Staged destinations upload every
     * {@code success_part_*} file through {@link #uploadToStage}, checking cancellation before each file.
     */
    @Override
    protected final StageResponse stageFiles(StageContext context) {
        if (!isStaged()) {
            return StageResponse.noOp(name() + " loads directly from the local data files");
        }
        ObjectMetadata mapped = context.target();
        TableName table = new TableName(mapped.getCatalog(), mapped.getSchema(), mapped.getName());
        ProgressReporter progress = context.progress();
        List<Path> files = context.dataFiles();
        String location = null;
        try {
            location = prepareStage(context.syncMetadata().sync(), table);
            long bytes = 0;
            for (int i = 0; i < files.size(); i++) {
                context.checkCancellation("upload", i);
                bytes += uploadToStage(location, LoadFile.of(files.get(i), context.format()),
                        context.cancellation());
                progress.running(ProgressCounts.files(i + 1, files.size()), "staged " + files.get(i).getFileName());
            }
            progress.ended(ProgressCounts.files(files.size(), files.size()),
                    "staged " + files.size() + " file(s) to " + location);
            return StageResponse.success(location, files.size(), bytes);
        } catch (IOException e) {
            cleanUpQuietlyIfPrepared(location);
            throw ConnectorException.builder(ErrorType.IO_ERROR, "staging failed: " + e.getMessage())
                    .object(table.toString()).cause(e).build();
        } catch (RuntimeException e) {
            cleanUpQuietlyIfPrepared(location);
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>See the class documentation for the steps.
     */
    @Override
    protected final LoadResponse loadFiles(LoadContext context) {
        LoadRequest request = context.request();
        SqlDialect d = dialect();
        TableLayout layout = TableLayout.of(context.target(), d, trackingColumns());
        try (Connection connection = connect()) {
            SqlExecutor sql = new SqlExecutor(connection, d, request.cancellation(), layout.table().toString());
            LoadInputs inputs = new LoadInputs(() -> filesToLoad(request, context.format()), this::bulkLoader,
                    name(), getCapabilitiesConfig().canAutoCreateSchema());
            return new WarehouseLoad(sql, layout, request, inputs, context.progress().asCallback()).run();
        } catch (SQLException e) {
            throw ConnectorException.builder(d.classify(e), "cannot close the connection: " + e.getMessage())
                    .cause(e).build();
        } finally {
            // after success, failure and cancellation alike: a retry stages the files again
            request.stageLocation().filter(l -> isStaged()).ifPresent(this::cleanUpQuietly);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Splits the script with {@link dev.destsdk.core.sql.SqlScriptSplitter}, runs the statements in order in
     * auto-commit mode, streams query rows to the processor, and stops at the first failure, reporting its 1-based
     * index. Cancellation cancels the running statement and throws CANCELLED.
     */
    @Override
    protected final SqlScriptResponse runSqlScript(SqlScriptRequest request) {
        try (Connection connection = connect()) {
            return new SqlScriptRunner(dialect(), connection, request).run();
        } catch (SQLException e) {
            throw ConnectorException.builder(dialect().classify(e), "cannot close the connection: " + e.getMessage())
                    .cause(e).build();
        }
    }

    /**
     * @param request the load request; not null
     * @param format its CSV format; not null
     * @return the files to load, in order
     */
    private List<LoadFile> filesToLoad(LoadRequest request, CsvFileFormat format) {
        try {
            if (isStaged()) {
                String location = request.stageLocation().orElseThrow(() -> new ConnectorException(
                        ErrorType.VALIDATION_ERROR, name() + " loads from a stage: call stage() first and pass its"
                        + " stage location in the load request"));
                return stagedFiles(location, format);
            }
            return DataFiles.successFiles(request.localDataPath(), format).stream()
                    .map(p -> LoadFile.of(p, format)).toList();
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot list the data files: " + e.getMessage())
                    .cause(e).build();
        }
    }

    private void cleanUpQuietlyIfPrepared(String location) {
        if (location != null) {
            cleanUpQuietly(location);
        }
    }

    private void cleanUpQuietly(String location) {
        try {
            cleanUpStage(location);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not clean up stage {}: {}", location, e.toString());
        }
    }

    /** Whether a failed connection was refused over TLS: a handshake failure, or a server without TLS. */
    private static boolean isTlsRefusal(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.matches("(?s).*\\b(SSL|TLS|ssl)\\b.*")) {
                return true;
            }
        }
        return false;
    }

    private Connection connect() {
        try {
            Connection c = openConnection();
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            return c;
        } catch (SQLException e) {
            if (isTlsRefusal(e)) {
                // the TLS settings and the server disagree: retrying cannot help, the configuration must change
                throw ConnectorException.builder(ErrorType.CONFIGURATION_ERROR, "cannot connect to " + name()
                        + " with the configured TLS mode: " + e.getMessage() + "; check the 'tls' setting and the"
                        + " server's TLS configuration").retryable(false).cause(e).build();
            }
            ErrorType type = dialect().classify(e);
            throw ConnectorException.builder(type == ErrorType.VALIDATION_ERROR ? ErrorType.SQL_ERROR : type,
                    "cannot connect to " + name() + ": " + e.getMessage()).retryable(dialect().isRetryable(e))
                    .cause(e).build();
        }
    }
}
