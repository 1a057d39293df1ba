package dev.destsdk.testkit.runner;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.files.DataFiles;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.naming.TargetCollisions;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.record.RecordProcessor;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.testkit.value.ValueFormats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline of a {@link LocalPipelineRunner}: a sequence of runs that remembers, per source object, the mapped
 * object its last successful run applied. The first run of an object is a first run
 * ({@link MetadataMapping#isFirstRun()}); later runs pass the remembered object to {@code mapToTargetObject} and as
 * {@code mappedLastAppliedSourceMetadata}.
 *
 * <p>A run:
 * <ol>
 *   <li>writes the success and error files into a fresh directory {@code run-<nnnnn>} under {@link #directory()}, or
 *       takes the existing files of {@link RunSpec#dataDirectory()};</li>
 *   <li>calls {@code mapToTargetObject(source, namespaceRules, previous)}, and refuses (VALIDATION_ERROR, before
 *       anything is loaded) a mapped object that another source object of this pipeline already maps to
 *       ({@link TargetCollisions});</li>
 *   <li>calls {@code stage} with the mapping (a destination that declares no
 *       {@link ConnectorCapabilitiesConfig#supportsStaging() staging} may refuse it as unsupported: the run goes on
 *       with a no-op stage), then {@code load} with the stage location (if any), the resolved load
 *       options and collecting record processors and progress callback;</li>
 *   <li>on success remembers the mapped object and returns a {@link RunResult}.</li>
 * </ol>
 * Cancellation is checked before each destination call. Not thread-safe: run one run at a time.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final LocalPipelineRunner runner;
    private final String id;
    private final Path directory;
    private final Map<String, ObjectMetadata> lastApplied = new HashMap<>();
    private int runs;

    Pipeline(LocalPipelineRunner runner, String id, Path directory) {
        this.runner = runner;
        this.id = id;
        this.directory = directory;
    }

    /** @return the pipeline's id, e.g. {@code pipeline-1}; also the prefix of default sync ids */
    public String id() {
        return id;
    }

    /** @return the directory holding the pipeline's run directories */
    public Path directory() {
        return directory;
    }

    /** @return how many runs were started, successful or not */
    public int runCount() {
        return runs;
    }

    /**
     * @param source a source object; not null
     * @return the mapped object the last successful run of that object applied, or empty before the first
     */
    public Optional<ObjectMetadata> lastApplied(ObjectMetadata source) {
        return Optional.ofNullable(lastApplied.get(key(Objects.requireNonNull(source, "source is null"))));
    }

    /**
     * Forgets what was applied for a source object, so that its next run is a first run again.
     *
     * @param source a source object; not null
     */
    public void forget(ObjectMetadata source) {
        lastApplied.remove(key(Objects.requireNonNull(source, "source is null")));
    }

    /**
     * Runs one spec.
     *
     * @param spec what to load and how; not null
     * @return what happened
     * @throws ConnectorException what the destination threw; VALIDATION_ERROR (with the record number and column)
     *     when a row does not fit the source object; IO_ERROR when files cannot be written; CANCELLED when the
     *     spec's signal is cancelled between calls
     */
    public RunResult run(RunSpec spec) {
        return run(spec, event -> { });
    }

    /**
     * Runs one spec and passes every progress event of stage and load to a listener as it happens, for example to
     * cancel the spec's {@link dev.destsdk.core.control.CancellationToken} in the middle of a load. The events are
     * also collected into the result as {@link #run(RunSpec)} does.
     *
     * @param spec what to load and how; not null
     * @param listener called on the destination's thread with each event; its failures are logged and ignored;
     *     not null
     * @return what happened
     * @throws ConnectorException as {@link #run(RunSpec)}
     */
    public RunResult run(RunSpec spec, ProgressCallback listener) {
        Objects.requireNonNull(spec, "spec is null");
        Objects.requireNonNull(listener, "listener is null");
        int run = ++runs;
        Destination destination = runner.destination();
        ObjectMetadata source = spec.sourceObject();
        SyncContext sync = new SyncContext(
                spec.syncTime().orElseGet(() -> runner.clock().instant().truncatedTo(ChronoUnit.MICROS)),
                spec.syncId().orElseGet(() -> id + "-run-" + run));

        Path dataDirectory;
        List<Path> successFiles;
        List<Path> errorFiles;
        if (spec.dataDirectory().isPresent()) {
            // Existing files: loaded as they are, streamed by the destination.
            dataDirectory = spec.dataDirectory().get();
            successFiles = DataFiles.successFiles(dataDirectory, spec.fileFormat());
            errorFiles = DataFiles.errorFiles(dataDirectory, spec.fileFormat());
        } else {
            List<String> header = source.getFieldNames();
            // Convert every row before touching the disk: a bad row fails the run with no files written.
            Iterable<List<String>> texts = textRows(spec);
            Iterable<List<String>> errorTexts = errorTexts(spec, header.size());
            dataDirectory = createRunDirectory(run);
            successFiles = DataFileWriter.write(dataDirectory, DataFiles.SUCCESS_PREFIX, spec.fileFormat(), header,
                    texts, spec.rowsPerFile());
            List<String> errorHeader = new ArrayList<>(header);
            errorHeader.add(LocalPipelineRunner.ERROR_COLUMN);
            errorFiles = DataFileWriter.write(dataDirectory, DataFiles.ERROR_PREFIX, spec.fileFormat(), errorHeader,
                    errorTexts, spec.rowsPerFile());
        }

        Optional<ObjectMetadata> previous = spec.previousMappedObject().or(() -> lastApplied(source));
        spec.cancellation().checkCancellation("testkit runner: before mapToTargetObject");
        ObjectMetadata mapped = destination.mapToTargetObject(source, spec.namespaceRules(), previous);
        if (mapped == null) {
            throw new ConnectorException(ErrorType.INTERNAL_ERROR,
                    destination.name() + ".mapToTargetObject returned null: return the mapped object");
        }
        checkCollisions(destination, source, mapped);
        MetadataMapping mapping = new MetadataMapping(mapped, previous, spec.actualDestinationMetadata());

        List<ProgressEvent> progress = Collections.synchronizedList(new ArrayList<>());
        ProgressCallback callback = event -> {
            LOG.debug("{} progress: {}", sync.syncId(), event);
            progress.add(event);
            try {
                listener.update(event);
            } catch (RuntimeException e) {
                LOG.warn("{} progress listener failed; ignored", sync.syncId(), e);
            }
        };
        List<Map<String, Object>> errorRecords = Collections.synchronizedList(new ArrayList<>());
        List<Map<String, Object>> successRecords = Collections.synchronizedList(new ArrayList<>());

        Supplier<ConnectorCapabilitiesConfig> capabilities = memoize(destination::getCapabilitiesConfig);
        StageRequest stageRequest = new StageRequest(sync, mapping, dataDirectory, spec.fileFormat(),
                spec.cancellation(), callback);
        spec.cancellation().checkCancellation("testkit runner: before stage");
        StageResponse stageResponse;
        try {
            stageResponse = requireAnswer(destination.stage(stageRequest), destination, "stage");
        } catch (ConnectorException e) {
            if (e.getErrorType() != ErrorType.UNSUPPORTED_OPERATION || capabilities.get().supportsStaging()) {
                throw e;
            }
            // A destination that declares no staging (e.g. an activation API) may refuse stage(): load reads the
            // local files, as a platform would do.
            stageResponse = StageResponse.noOp(destination.name() + " declares no staging and refused stage()");
        }

        LoadMode loadMode = spec.loadMode().orElseGet(() -> capabilities.get().getDefaultLoadMode());
        DestinationTableHandling handling = spec.destinationTableHandling()
                .orElseGet(() -> capabilities.get().getDefaultDestinationTableHandling());
        SchemaEvolutionMode evolution = spec.schemaEvolutionMode()
                .orElseGet(() -> capabilities.get().getDefaultSchemaEvolutionMode());
        LoadRequest loadRequest = LoadRequest.builder(sync, mapping, dataDirectory)
                .fileFormat(spec.fileFormat())
                .stageLocation(stageResponse.stageLocation().orElse(null))
                .loadMode(loadMode)
                .destinationTableHandling(handling)
                .schemaEvolutionMode(evolution)
                .ddlOnly(spec.ddlOnly())
                .zeroRows(spec.zeroRows().orElse(spec.dataDirectory().isPresent() ? successFiles.isEmpty()
                        : spec.rowCount() == 0))
                .hardDeletes(spec.hardDeletes())
                .errorRecordProcessor(collector(errorRecords))
                .successRecordProcessor(collector(successRecords))
                .cancellation(spec.cancellation())
                .progress(callback)
                .build();
        spec.cancellation().checkCancellation("testkit runner: before load");
        LoadResponse loadResponse = requireAnswer(destination.load(loadRequest), destination, "load");

        lastApplied.put(key(source), mapped);
        RunResult result = new RunResult(dataDirectory, sync, source, mapping, stageRequest, stageResponse,
                loadRequest, loadResponse, successFiles, errorFiles, spec.rowCount(), spec.errorRows().size(),
                snapshot(errorRecords), snapshot(successRecords), snapshot(progress));
        LOG.info("{} {}", id, result.summary());
        return result;
    }

    private Path createRunDirectory(int run) {
        Path dir = directory.resolve(String.format(java.util.Locale.ROOT, "run-%05d", run));
        try {
            return Files.createDirectory(dir);
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot create the run directory " + dir + ": "
                    + e.getMessage()).cause(e).build();
        }
    }

    private static Iterable<List<String>> textRows(RunSpec spec) {
        ObjectMetadata source = spec.sourceObject();
        List<FieldMetadata> fields = source.getFields();
        if (!spec.textRows().isEmpty()) {
            List<List<String>> rows = spec.textRows();
            for (int i = 0; i < rows.size(); i++) {
                requireWidth(rows.get(i).size(), fields.size(), i, source);
            }
            return rows;
        }
        List<List<Object>> rows = spec.rows();
        List<List<String>> texts = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = rows.get(i);
            requireWidth(row.size(), fields.size(), i, source);
            List<String> text = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                try {
                    text.add(ValueFormats.toText(fields.get(c), row.get(c), spec.fileFormat()));
                } catch (ConnectorException e) {
                    throw e.toBuilder().object(source.getName()).record(i + 1L).build();
                }
            }
            texts.add(text);
        }
        return texts;
    }

    private static Iterable<List<String>> errorTexts(RunSpec spec, int width) {
        List<List<String>> out = new ArrayList<>(spec.errorRows().size());
        for (int i = 0; i < spec.errorRows().size(); i++) {
            ErrorRow row = spec.errorRows().get(i);
            requireWidth(row.values().size(), width, i, spec.sourceObject());
            List<String> values = new ArrayList<>(row.values());
            values.add(row.reason());
            out.add(values);
        }
        return out;
    }

    private static void requireWidth(int actual, int expected, int index, ObjectMetadata source) {
        if (actual != expected) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "row " + (index + 1) + " has " + actual
                            + " value(s) but the source object has " + expected + " field(s) "
                            + source.getFieldNames() + ": give one value per field, null for NULL")
                    .object(source.getName()).record(index + 1L).build();
        }
    }

    private static <T> List<T> snapshot(List<T> synchronizedList) {
        synchronized (synchronizedList) {
            return new ArrayList<>(synchronizedList);
        }
    }

    private static RecordProcessor collector(List<Map<String, Object>> sink) {
        // The destination may reuse its map: keep a copy (values may be null).
        return record -> sink.add(Collections.unmodifiableMap(new LinkedHashMap<>(record)));
    }

    private static <T> T requireAnswer(T answer, Destination destination, String method) {
        if (answer == null) {
            throw new ConnectorException(ErrorType.INTERNAL_ERROR,
                    destination.name() + "." + method + " returned null: return a response");
        }
        return answer;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /**
     * Refuses a mapped object that is the target of another source object this pipeline loaded, before any load: the
     * two would silently share a table.
     */
    private void checkCollisions(Destination destination, ObjectMetadata source, ObjectMetadata mapped) {
        String own = key(source);
        Map<String, ObjectMetadata> targets = new HashMap<>();
        lastApplied.forEach((k, m) -> {
            if (!k.equals(own)) {
                targets.put(k.replace('\u0000', '.'), m);
            }
        });
        targets.put(own.replace('\u0000', '.'), mapped);
        TargetCollisions.check(destination.getIdentifierFormatter(), targets);
    }

    private static String key(ObjectMetadata source) {
        return source.getCatalog().orElse("") + '\u0000' + source.getSchema().orElse("") + '\u0000'
                + source.getName();
    }

    @Override
    public String toString() {
        return "Pipeline{" + id + ", runs=" + runs + ", objects=" + lastApplied.size() + "}";
    }
}
