package dev.destsdk.activation;

import dev.destsdk.activation.convert.ConversionException;
import dev.destsdk.activation.convert.ConvertedRecord;
import dev.destsdk.activation.convert.RecordConverter;
import dev.destsdk.activation.engine.EngineRuntime;
import dev.destsdk.activation.engine.EngineStats;
import dev.destsdk.activation.engine.TrackedRecord;
import dev.destsdk.activation.engine.WriteEngine;
import dev.destsdk.activation.outcome.OutcomeRouter;
import dev.destsdk.activation.plan.ActivationPlan;
import dev.destsdk.activation.plan.ActivationPlanner;
import dev.destsdk.activation.plan.MappedField;
import dev.destsdk.activation.ratelimit.RateLimiter;
import dev.destsdk.activation.ratelimit.WindowRateLimiter;
import dev.destsdk.activation.state.RecordDigest;
import dev.destsdk.activation.state.StateSession;
import dev.destsdk.activation.state.StateStore;
import dev.destsdk.core.base.AbstractDestination;
import dev.destsdk.core.base.LoadContext;
import dev.destsdk.core.base.StageContext;
import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.core.capability.Feature;
import dev.destsdk.core.control.ProgressCounts;
import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.IdentifierFormatter;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.StageResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of activation (reverse-ETL) destinations: rows from the pipeline written into the existing objects of a
 * SaaS API (a CRM, a marketing tool). A connector supplies an object description and one batch call; this class owns
 * the rest: the mapping checks, record conversion, batching, requests in flight, rate limiting, retries, splitting,
 * per-record outcomes, change-only state and progress.
 *
 * <h2>Hooks, in the order a load calls them</h2>
 * <ol>
 *   <li>{@link #limits()}: once per load (and once per instance for the rate limiter,
 *       {@link #rateLimiter(ActivationLimits)}).</li>
 *   <li>{@link #describeObject(String)}: once per load, before anything is sent; its description is what the mapping
 *       is validated against (all problems reported together as CONFIGURATION_ERROR).</li>
 *   <li>{@link #defaultMergeKeys(ObjectDescription)}: when {@code selected_merge_keys} is empty.</li>
 *   <li>{@link #stateStore()}: when {@code activation_behaviour.change_only} is true.</li>
 *   <li>{@link #writeBatch(WriteBatch)}: for every batch, on the engine's executor threads, up to
 *       {@code maxInFlight} at once. It must be thread-safe, must not retry or sleep itself (the engine does), and
 *       must report each entry's outcome by its correlation id.</li>
 * </ol>
 * {@code stage} is not supported: activation destinations load straight from the local data files, and a load with
 * a stage location is refused with the canonical unsupported error. {@code mapToTargetObject} is a pass-through that
 * keeps every activation attribute (the CSV keeps the source column names; the target fields are resolved at load
 * time).
 *
 * <h2>A load</h2>
 * The target object, operation, options and merge keys come from the mapped object (see {@link ActivationPlanner}).
 * The {@code success_part_*} files are streamed with the request's CSV format; each record is converted
 * ({@link RecordConverter}); a record that cannot be converted goes to the error processor with its reason and the
 * load goes on. With {@code change_only}, a record whose digest equals the one kept for its merge key is not sent.
 * The {@link WriteEngine} sends the rest. Each input record ends in exactly one processor: succeeded records with
 * {@code _ID} and the mapped columns, failed ones with the mapped columns and {@code _ERROR}; the
 * {@link LoadResponse} counts both.
 *
 * <p>Threading: one load at a time per instance; {@link #writeBatch} runs on other threads. Nulls: hooks never
 * receive or return null.
 */
public abstract class BaseActivationDestination extends AbstractDestination {
    private static final Logger LOG = LoggerFactory.getLogger(BaseActivationDestination.class);

    private static final IdentifierFormatter IDENTIFIERS = IdentifierPolicy.builder().build();

    private final EngineRuntime runtime;
    private RateLimiter rateLimiter;

    /** A destination on the system clock, with a thread pool per load. */
    protected BaseActivationDestination() {
        this(EngineRuntime.system());
    }

    /**
     * A destination on the given runtime (tests inject a fake clock and a direct executor).
     *
     * @param runtime clock, executor and jitter source; not null
     */
    protected BaseActivationDestination(EngineRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime is null");
    }

    // ---------------------------------------------------------------- hooks

    /**
     * Describes an API object: its fields, their types and write rules, and which can be merge keys.
     *
     * @param objectName the object's API name, as resolved from {@code activation_target}; not null
     * @return the description; not null
     * @throws ConnectorException CONFIGURATION_ERROR when the object does not exist, or the API's failure
     */
    protected abstract ObjectDescription describeObject(String objectName);

    /**
     * Sends one batch and reads the API's answer. Called concurrently; never retries or sleeps itself.
     *
     * @param batch the batch, within {@link #limits()}; not null
     * @return the answer: per record by correlation id, throttled, retryable, or rejected whole; not null
     * @throws ConnectorException a retryable one (e.g. IO) is retried like {@link BatchResult.Retryable}; a
     *     non-retryable one (e.g. refused credentials) ends the load
     */
    protected abstract BatchResult writeBatch(WriteBatch batch);

    /** @return the write engine's limits; {@link ActivationLimits#defaults()} unless overridden */
    protected ActivationLimits limits() {
        return ActivationLimits.defaults();
    }

    /**
     * @param description the target's description; not null
     * @return the merge keys to use when {@code selected_merge_keys} is empty; empty by default (then UPDATE and
     *     UPSERT fail validation)
     */
    protected List<String> defaultMergeKeys(ObjectDescription description) {
        return List.of();
    }

    /** @return the change-only state store; empty by default (then {@code change_only} is a configuration error) */
    protected Optional<StateStore> stateStore() {
        return Optional.empty();
    }

    /**
     * The rate limiter; called once per instance. Override to share one budget between several workers.
     *
     * @param limits the limits; not null
     * @return a {@link WindowRateLimiter} for {@code requestsPerWindow}; without a budget one that only pauses when
     *     the API throttles ({@link WindowRateLimiter#throttleOnly}, first pause {@code initialBackoff})
     */
    protected RateLimiter rateLimiter(ActivationLimits limits) {
        return limits.requestsPerWindow() > 0 ? new WindowRateLimiter(limits.requestsPerWindow(), limits.window())
                : WindowRateLimiter.throttleOnly(limits.initialBackoff());
    }

    /** @return the API connector preset: APPEND and MERGE, no staging, rate limiting */
    @Override
    protected ConnectorCapabilitiesConfig declareCapabilities() {
        return ConnectorCapabilitiesConfigBuilder.builder().asAPIConnector().build();
    }

    /** @return the default identifier policy: API object and field names are used as the API spells them */
    @Override
    public IdentifierFormatter getIdentifierFormatter() {
        return IDENTIFIERS;
    }

    /** @return the schema as it is: API objects have no namespaces to qualify */
    @Override
    public String getFullyQualifiedSchemaName(Optional<String> catalog, String schema) {
        return schema;
    }

    /** @return the object's API name: API objects have no namespaces to qualify */
    @Override
    public String getFullyQualifiedTableName(Optional<String> catalog, Optional<String> schema, String table) {
        return table;
    }

    // ---------------------------------------------------------------- template

    /** Returns the source object unchanged: activation attributes and source column names are kept. */
    @Override
    protected final ObjectMetadata mapObject(ObjectMetadata sourceObject, NamespaceRules namespaceRules,
                                             Optional<ObjectMetadata> existingMappedObject) {
        LOG.debug("{}: mapToTargetObject keeps {} as it is (activation_target {}, selected_merge_keys {})", name(),
                sourceObject.getName(), sourceObject.getActivationTarget(), sourceObject.getSelectedMergeKeys());
        return sourceObject;
    }

    /** Refuses: activation destinations do not stage. */
    @Override
    protected final StageResponse stageFiles(StageContext context) {
        throw ConnectorException.unsupported(name(), Feature.STAGING);
    }

    @Override
    protected final LoadResponse loadFiles(LoadContext context) {
        LoadRequest request = context.request();
        ActivationLimits limits = Objects.requireNonNull(limits(), "limits() returned null");
        ActivationPlan plan = ActivationPlanner.plan(name(), context.target(), this::describeChecked,
                this::defaultMergeKeys, limits);
        if (request.ddlOnly() || request.zeroRows()) {
            context.progress().ended(ProgressCounts.NONE, "nothing to send");
            return LoadResponse.noRows(request.ddlOnly() ? "activation targets have no DDL" : "no rows to send");
        }
        List<Path> files = context.dataFiles();
        List<String> columns = plan.fields().stream().map(MappedField::column).toList();
        OutcomeRouter router = new OutcomeRouter(request.successRecordProcessor(), request.errorRecordProcessor(),
                columns);
        StateSession state = plan.options().changeOnly() ? stateStore().orElseThrow(() -> ConnectorException
                .builder(ErrorType.CONFIGURATION_ERROR, name() + " keeps no change-only state; remove "
                        + "activation_behaviour.change_only or configure a state directory")
                .object(plan.objectName()).build()).open(plan.stateScope()) : null;
        RecordDigest digester = new RecordDigest(plan.operation().name());
        RecordConverter converter = new RecordConverter(plan);
        EngineStats stats;
        try (WriteEngine engine = new WriteEngine(plan.objectName(), plan.operation(), plan.mergeKeys(),
                this::writeBatch, limits, runtime, limiter(limits), router, context.progress(),
                context.cancellation(), t -> {
                    if (state != null) {
                        state.recordSuccess(t.orderKey(), (byte[]) t.attachment());
                    }
                })) {
            long sequence = 0;
            for (int i = 0; i < files.size(); i++) {
                context.checkCancellation("send", i);
                try (CsvRecordReader reader = CsvRecordReader.open(files.get(i), context.format())) {
                    int[] index = columnIndexes(plan, context.target(), reader, files.get(i));
                    Optional<CsvRow> next;
                    while ((next = reader.next()).isPresent()) {
                        CsvRow row = next.get();
                        List<String> source = new ArrayList<>(index.length);
                        for (int c : index) {
                            source.add(row.get(c));
                        }
                        ConvertedRecord converted;
                        try {
                            converted = converter.convert(source);
                        } catch (ConversionException e) {
                            engine.rejectUnsent(source, "record " + row.recordNumber() + " of "
                                    + files.get(i).getFileName() + ": " + e.getMessage());
                            continue;
                        }
                        long id = ++sequence;
                        String key = converted.mergeKeyValues().isEmpty() ? "#" + id
                                : RecordDigest.key(converted.mergeKeyValues());
                        byte[] digest = null;
                        if (state != null) {
                            digest = digester.digest(converted);
                            if (!plan.options().fullResync() && unchanged(state, key, digest)) {
                                engine.skipUnchanged();
                                continue;
                            }
                        }
                        engine.submit(new TrackedRecord(new BatchEntry(id, converted.mergeKeyValues(),
                                converted.values(), converted.sizeBytes()), source, key, digest));
                    }
                }
            }
            stats = engine.finish();
        } finally {
            if (state != null) {
                state.commit();
                state.close();
            }
        }
        ProgressCounts counts = new ProgressCounts(stats.submitted() + stats.unchanged(), stats.succeeded(),
                stats.failed(), files.size(), files.size());
        String message = plan.operation() + " into " + plan.objectName() + ": " + stats.describe();
        context.progress().ended(counts, message);
        LOG.info("{}: {}", name(), message);
        long inserted = plan.operation() == Operation.INSERT ? stats.succeeded() : 0;
        long updated = plan.operation() == Operation.UPDATE ? stats.succeeded() : 0;
        return new LoadResponse(stats.succeeded(), inserted, updated, 0, stats.failed(), message);
    }

    // ---------------------------------------------------------------- internals

    private ObjectDescription describeChecked(String objectName) {
        return Objects.requireNonNull(describeObject(objectName), "describeObject returned null");
    }

    private synchronized RateLimiter limiter(ActivationLimits limits) {
        if (rateLimiter == null) {
            rateLimiter = Objects.requireNonNull(rateLimiter(limits), "rateLimiter returned null");
        }
        return rateLimiter;
    }

    private static boolean unchanged(StateSession state, String key, byte[] digest) {
        return state.digest(key).map(d -> Arrays.equals(d, digest)).orElse(false);
    }

    /**
     * The CSV column of each mapped field: by header name when the files have a header, else by the field's position
     * in the mapped object.
     */
    private int[] columnIndexes(ActivationPlan plan, ObjectMetadata target, CsvRecordReader reader, Path file) {
        List<String> header = reader.header();
        List<String> names = header.isEmpty() ? target.getFields().stream().map(FieldMetadata::getName).toList()
                : header;
        int[] index = new int[plan.fields().size()];
        for (int i = 0; i < index.length; i++) {
            String column = plan.fields().get(i).column();
            index[i] = names.indexOf(column);
            if (index[i] < 0) {
                throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "the data file has no column for the "
                        + "mapped field; its header is " + names).file(file).column(column)
                        .object(plan.objectName()).build();
            }
        }
        return index;
    }
}
