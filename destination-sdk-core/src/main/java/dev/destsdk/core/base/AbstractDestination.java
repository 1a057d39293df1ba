package dev.destsdk.core.base;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.capability.Feature;
import dev.destsdk.core.control.ProgressReporter;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.files.FileFormat;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.SqlScriptRequest;
import dev.destsdk.core.spi.SqlScriptResponse;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncMetadata;
import dev.destsdk.core.sync.TrackingColumns;
import java.nio.file.Files;
import java.util.Objects;
import java.util.Optional;

/**
 * The skeleton every destination kind shares: the warehouse, file and activation base classes extend it and add
 * only their engine. Its public methods are final template methods; a kind (or a connector) supplies the
 * {@code protected} hooks.
 *
 * <p>Hooks, in the order an executor's run calls them:
 * <ol>
 *   <li>{@link #declareCapabilities()}: once, the first time {@link #getCapabilitiesConfig()} is asked; the result is
 *       kept for the instance's life. It must declare {@code requiresExplicitLoadStep} (the presets do): rows are
 *       written only by {@link #loadFiles}.</li>
 *   <li>{@link #mapObject}: by {@link #mapToTargetObject} after its null checks; an {@link IllegalArgumentException}
 *       it throws (for example from a metadata builder given an empty name) becomes a VALIDATION_ERROR.</li>
 *   <li>{@link #stageFiles}: by {@link #stage}, after the file format was checked; by default a no-op for
 *       destinations that load straight from the local data files.</li>
 *   <li>{@link #loadFiles}: by {@link #load}, after the request was checked against the declared capabilities
 *       (load mode, table handling, schema evolution mode, hard deletes, empty schemas, staging, file format) and the
 *       local data path; nothing is written before that check passes.</li>
 *   <li>{@link #runSqlScript}: by {@link #executeSqlScript}, only when {@code supportsSqlScripts} is declared.</li>
 * </ol>
 * {@link #trackingColumns()} and {@link #failureType()} may be called at any time.
 *
 * <p>Every refusal of an undeclared feature is {@link ConnectorException#unsupported(String, Feature)} with the
 * {@link Feature} the testkit's behaviour flags name, so message, check and test share one vocabulary. Failures of
 * the stage and load hooks reach the executor as {@link ConnectorException}s (anything else is wrapped with
 * {@link #failureType()}), after a FAILED progress event.
 *
 * <p>Threading: one instance is used by one thread at a time (executors that load in parallel use one instance per
 * thread); cancellation may come from another thread through the request's signal. Nulls: no parameter may be null
 * and no method returns null.
 */
public abstract class AbstractDestination implements Destination {
    private volatile ConnectorCapabilitiesConfig capabilities;

    /** For subclasses. */
    protected AbstractDestination() {
    }

    // ---------------------------------------------------------------- hooks

    /**
     * Declares what the destination supports. Called once per instance.
     *
     * @return the capabilities; not null
     */
    protected abstract ConnectorCapabilitiesConfig declareCapabilities();

    /**
     * Maps a source object to its target; see {@link Destination#mapToTargetObject}.
     *
     * @param sourceObject the source object; not null
     * @param namespaceRules the naming rules; not null
     * @param existingMappedObject what a previous run mapped; not null, possibly empty
     * @return the target object; not null
     */
    protected abstract ObjectMetadata mapObject(ObjectMetadata sourceObject, NamespaceRules namespaceRules,
                                                Optional<ObjectMetadata> existingMappedObject);

    /**
     * Stages the data files. The default returns {@link StageResponse#noOp}: the destination loads straight from
     * the local data files. Check {@link StageContext#checkCancellation} before each file.
     *
     * @param context the validated request; not null
     * @return where the files were staged, or a no-op; not null
     */
    protected StageResponse stageFiles(StageContext context) {
        return StageResponse.noOp(name() + " loads directly from the local data files");
    }

    /**
     * Loads the data files into the target.
     *
     * @param context the request, checked against the declared capabilities; not null
     * @return the counts; not null
     */
    protected abstract LoadResponse loadFiles(LoadContext context);

    /**
     * Runs a SQL script; called only when {@code supportsSqlScripts} is declared. The default refuses it.
     *
     * @param request the request; not null
     * @return the result; not null
     */
    protected SqlScriptResponse runSqlScript(SqlScriptRequest request) {
        throw ConnectorException.unsupported(name(), Feature.SQL_SCRIPTS);
    }

    /** @return the tracking column names; {@link TrackingColumns#DEFAULT} by default */
    protected TrackingColumns trackingColumns() {
        return TrackingColumns.DEFAULT;
    }

    /**
     * @return the error type of a failure of the stage or load hooks that is not already a
     *     {@link ConnectorException}; {@link ErrorType#IO_ERROR} by default
     */
    protected ErrorType failureType() {
        return ErrorType.IO_ERROR;
    }

    // ---------------------------------------------------------------- SPI

    /**
     * {@inheritDoc}
     *
     * <p>{@code requiresExplicitLoadStep} must be true: every destination on this skeleton writes its rows in
     * {@code load()} ({@code stage()} only uploads), so an executor that skipped {@code load()} would write nothing.
     *
     * @throws ConnectorException CONFIGURATION_ERROR when the declaration says {@code requiresExplicitLoadStep(false)}
     */
    @Override
    public final ConnectorCapabilitiesConfig getCapabilitiesConfig() {
        ConnectorCapabilitiesConfig c = capabilities;
        if (c == null) {
            c = Objects.requireNonNull(declareCapabilities(), "declareCapabilities() returned null");
            if (!c.requiresExplicitLoadStep()) {
                throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, name() + " declares"
                        + " requiresExplicitLoadStep(false), but its rows are written only by load() (stage() only"
                        + " uploads): an executor that skipped load() would write nothing; declare"
                        + " requiresExplicitLoadStep(true)");
            }
            capabilities = c;
        }
        return c;
    }

    @Override
    public final ObjectMetadata mapToTargetObject(ObjectMetadata sourceObject, NamespaceRules namespaceRules,
                                                  Optional<ObjectMetadata> existingMappedObject) {
        Objects.requireNonNull(sourceObject, "sourceObject is null");
        Objects.requireNonNull(namespaceRules, "namespaceRules is null");
        Objects.requireNonNull(existingMappedObject, "existingMappedObject is null");
        try {
            return Objects.requireNonNull(mapObject(sourceObject, namespaceRules, existingMappedObject),
                    "mapObject returned null");
        } catch (IllegalArgumentException e) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "cannot map " + sourceObject.getName()
                    + ": " + e.getMessage()).object(sourceObject.getName()).cause(e).build();
        }
    }

    @Override
    public final StageResponse stage(StageRequest request) {
        Objects.requireNonNull(request, "request is null");
        CsvFileFormat format = csvFormat(request.fileFormat());
        ProgressReporter progress = ProgressReporter.of("stage", request.progress());
        StageContext context = new StageContext(name(), request, format,
                new SyncMetadata(request.sync(), trackingColumns()), progress);
        try {
            return Objects.requireNonNull(stageFiles(context), "stageFiles returned null");
        } catch (RuntimeException e) {
            progress.failed(e);
            throw ConnectorException.wrap(e, failureType(), "stage of " + objectName(context));
        }
    }

    @Override
    public final LoadResponse load(LoadRequest request) {
        Objects.requireNonNull(request, "request is null");
        CsvFileFormat format = csvFormat(request.fileFormat());
        checkDeclared(request);
        ProgressReporter progress = ProgressReporter.of("load", request.progress());
        LoadContext context = new LoadContext(name(), request, format,
                new SyncMetadata(request.sync(), trackingColumns()), progress);
        try {
            return Objects.requireNonNull(loadFiles(context), "loadFiles returned null");
        } catch (RuntimeException e) {
            progress.failed(e);
            throw ConnectorException.wrap(e, failureType(), "load into " + objectName(context));
        }
    }

    @Override
    public final SqlScriptResponse executeSqlScript(SqlScriptRequest request) {
        if (request == null) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, "executeSqlScript needs a request; got null");
        }
        if (!getCapabilitiesConfig().supportsSqlScripts()) {
            throw ConnectorException.unsupported(name(), Feature.SQL_SCRIPTS);
        }
        return Objects.requireNonNull(runSqlScript(request), "runSqlScript returned null");
    }

    // ---------------------------------------------------------------- internals

    private CsvFileFormat csvFormat(FileFormat format) {
        if (format instanceof CsvFileFormat csv) {
            return csv;
        }
        throw ConnectorException.unsupported(name(), Feature.fileFormat(format.fileSuffix()));
    }

    /**
     * Refuses, before anything is written, every part of the request the capabilities do not declare.
     */
    private void checkDeclared(LoadRequest request) {
        ConnectorCapabilitiesConfig caps = getCapabilitiesConfig();
        if (!caps.supportsLoadMode(request.loadMode())) {
            throw ConnectorException.unsupported(name(), Feature.loadMode(request.loadMode()));
        }
        if (!caps.supportsDestinationTableHandling(request.destinationTableHandling())) {
            throw ConnectorException.unsupported(name(), Feature.tableHandling(request.destinationTableHandling()));
        }
        if (!caps.supportsSchemaEvolutionMode(request.schemaEvolutionMode())) {
            throw ConnectorException.unsupported(name(), Feature.schemaEvolution(request.schemaEvolutionMode()));
        }
        if (request.hardDeletes() && !caps.supportsHardDeletes()) {
            throw ConnectorException.unsupported(name(), Feature.HARD_DELETES);
        }
        if (request.mapping().mappedMergedSourceMetadata().getFields().isEmpty() && !caps.canPropagateEmptySchema()) {
            throw ConnectorException.unsupported(name(), Feature.EMPTY_SCHEMA);
        }
        if (request.stageLocation().isPresent() && !caps.supportsStaging()) {
            throw ConnectorException.unsupported(name(), Feature.STAGING);
        }
        if (caps.requiresStaging() && request.stageLocation().isEmpty()) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, name() + " loads from a stage: call stage()"
                    + " first and pass its stage location in the load request");
        }
        if (request.stageLocation().isEmpty() && !Files.isDirectory(request.localDataPath())) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, "local data path " + request.localDataPath()
                    + " is not a directory");
        }
    }

    private static String objectName(RequestContext<?> context) {
        ObjectMetadata target = context.target();
        return target.getFullyQualifiedName().orElseGet(target::getName);
    }
}
