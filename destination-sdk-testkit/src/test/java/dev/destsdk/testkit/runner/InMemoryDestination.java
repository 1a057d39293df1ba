package dev.destsdk.testkit.runner;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.files.DataFiles;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.IdentifierFormatter;
import dev.destsdk.core.naming.IdentifierKind;
import dev.destsdk.core.naming.IdentifierPolicy;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.NamingDefaults;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.testkit.value.ValueFormats;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A destination that keeps tables in memory: enough of a real one to test the runner end to end. It reads the
 * success files with {@link CsvRecordReader} via {@link DataFiles}, honours APPEND and MERGE (with hard deletes by
 * the {@code _supa_deleted} source field), adds the tracking columns {@code _supa_synced} and {@code _supa_job_id},
 * routes rows with a NULL key to the error processor, and records every call it got.
 */
final class InMemoryDestination implements Destination {

    static final NamingDefaults DEFAULTS = new NamingDefaults(Optional.empty(), "main");
    private static final TrackingColumns TRACKING = TrackingColumns.DEFAULT;

    /** One stored table: the mapped object and its rows (source values, then synced and job id). */
    record Table(ObjectMetadata mapped, List<List<Object>> rows) {
    }

    /** What one mapToTargetObject call received. */
    record MapCall(ObjectMetadata source, NamespaceRules rules, Optional<ObjectMetadata> existing) {
    }

    private final IdentifierPolicy policy = IdentifierPolicy.builder().build();
    private final ConnectorCapabilitiesConfig capabilities = ConnectorCapabilitiesConfig.builder()
            .asTraditionalDatabase()
            .loadModes(LoadMode.APPEND, LoadMode.MERGE).defaultLoadMode(LoadMode.MERGE)
            .atomicTruncateAndLoad(false)
            .destinationTableHandlings(DestinationTableHandling.DROP, DestinationTableHandling.MERGE)
            .defaultDestinationTableHandling(DestinationTableHandling.MERGE)
            .schemaEvolutionModes(SchemaEvolutionMode.ALLOW_ALL).defaultSchemaEvolutionMode(SchemaEvolutionMode.ALLOW_ALL)
            .supportsSqlScripts(false)
            .build();

    final Map<String, Table> tables = new LinkedHashMap<>();
    final List<MapCall> mapCalls = new ArrayList<>();
    final List<StageRequest> stageRequests = new ArrayList<>();
    final List<LoadRequest> loadRequests = new ArrayList<>();
    final List<Path> filesRead = new ArrayList<>();
    final List<List<String>> headersRead = new ArrayList<>();

    @Override
    public String name() {
        return "in-memory";
    }

    @Override
    public ConnectorCapabilitiesConfig getCapabilitiesConfig() {
        return capabilities;
    }

    @Override
    public ObjectMetadata mapToTargetObject(ObjectMetadata source, NamespaceRules rules,
                                            Optional<ObjectMetadata> existing) {
        mapCalls.add(new MapCall(source, rules, existing));
        List<String> raw = source.getFields().stream().map(f -> rules.columnName(source, f)).toList();
        List<String> columns = policy.normalizeAll(raw, IdentifierKind.COLUMN);
        List<FieldMetadata> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            FieldMetadata f = source.getFields().get(i);
            fields.add(f.toBuilder().name(columns.get(i)).formattedName(policy.format(columns.get(i)))
                    .originalDataType("mem_" + f.getCanonicalType().name().toLowerCase(java.util.Locale.ROOT))
                    .build());
        }
        String schema = policy.normalize(rules.schemaName(source, DEFAULTS), IdentifierKind.SCHEMA);
        String table = policy.normalize(rules.tableName(source), IdentifierKind.TABLE);
        return ObjectMetadata.builder(table).schema(schema).fullyQualifiedName(schema + "." + table)
                .formattedFullyQualifiedName(getFullyQualifiedTableName(Optional.empty(), Optional.of(schema), table))
                .fields(fields).build();
    }

    @Override
    public StageResponse stage(StageRequest request) {
        stageRequests.add(request);
        request.cancellation().checkCancellation("in-memory stage");
        return StageResponse.noOp("in-memory loads directly from the local data files");
    }

    @Override
    public LoadResponse load(LoadRequest request) {
        loadRequests.add(request);
        ObjectMetadata mapped = request.mapping().mappedMergedSourceMetadata();
        String key = mapped.getFullyQualifiedName().orElseThrow();
        if (request.loadMode() != LoadMode.APPEND && request.loadMode() != LoadMode.MERGE) {
            throw ConnectorException.unsupported(name(), "load mode " + request.loadMode());
        }
        Table table = tables.get(key);
        boolean drop = request.mapping().isFirstRun()
                && request.destinationTableHandling() == DestinationTableHandling.DROP;
        if (table == null || drop) {
            table = new Table(mapped, new ArrayList<>());
            tables.put(key, table);
        }
        if (request.ddlOnly() || request.zeroRows()) {
            return LoadResponse.noRows(request.ddlOnly() ? "created " + key : "no rows for " + key);
        }
        CsvFileFormat format = (CsvFileFormat) request.fileFormat();
        List<Path> files = DataFiles.successFiles(request.localDataPath(), format);
        List<FieldMetadata> fields = mapped.getFields();
        List<Integer> keyPositions = new ArrayList<>();
        int deletedPosition = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).isPrimaryKey()) {
                keyPositions.add(i);
            }
            if (fields.get(i).getName().equals(TRACKING.deleted())) {
                deletedPosition = i;
            }
        }
        long loaded = 0;
        long inserted = 0;
        long updated = 0;
        long deleted = 0;
        long failed = 0;
        int filesDone = 0;
        OffsetDateTime synced = request.sync().syncTime().atOffset(ZoneOffset.UTC);
        for (Path file : files) {
            request.cancellation().checkCancellation("in-memory load of " + file.getFileName());
            filesRead.add(file);
            try (CsvRecordReader reader = CsvRecordReader.open(file, format, fields.size())) {
                headersRead.add(reader.header());
                Optional<CsvRow> next;
                while ((next = reader.next()).isPresent()) {
                    CsvRow row = next.get();
                    List<Object> values = new ArrayList<>(fields.size() + 2);
                    for (int i = 0; i < fields.size(); i++) {
                        values.add(ValueFormats.fromText(fields.get(i), row.get(i), format));
                    }
                    List<Object> rowKey = keyPositions.stream().map(values::get).toList();
                    if (request.loadMode() == LoadMode.MERGE && rowKey.stream().anyMatch(v -> v == null)) {
                        Map<String, Object> error = new LinkedHashMap<>();
                        for (int i = 0; i < fields.size(); i++) {
                            error.put(fields.get(i).getName(), values.get(i));
                        }
                        error.put("_ERROR", "NULL primary key in " + row.file() + " record " + row.recordNumber());
                        request.errorRecordProcessor().processRecord(error);
                        failed++;
                        continue;
                    }
                    values.add(synced);
                    values.add(request.sync().syncId());
                    int existing = request.loadMode() == LoadMode.MERGE ? find(table, keyPositions, fields, values)
                            : -1;
                    boolean markedDeleted = deletedPosition >= 0 && Boolean.TRUE.equals(values.get(deletedPosition));
                    if (request.hardDeletes() && markedDeleted) {
                        if (existing >= 0) {
                            table.rows().remove(existing);
                            deleted++;
                        }
                        continue;
                    }
                    if (existing >= 0) {
                        table.rows().set(existing, values);
                        updated++;
                    } else {
                        table.rows().add(values);
                        inserted++;
                    }
                    loaded++;
                    request.successRecordProcessor().processRecord(Map.of("_ID", rowKey.toString()));
                }
            }
            request.progress().update(new ProgressEvent("load", ProgressEvent.Status.RUNNING, loaded + failed, loaded,
                    failed, ++filesDone, files.size(), Optional.of(file.getFileName().toString())));
        }
        request.progress().update(new ProgressEvent("load", ProgressEvent.Status.ENDED, loaded + failed, loaded,
                failed, filesDone, files.size(), Optional.empty()));
        return new LoadResponse(loaded, inserted, updated, deleted, failed, "in-memory " + request.loadMode());
    }

    private static int find(Table table, List<Integer> keyPositions, List<FieldMetadata> fields, List<Object> row) {
        if (keyPositions.isEmpty()) {
            return -1;
        }
        for (int r = 0; r < table.rows().size(); r++) {
            List<Object> candidate = table.rows().get(r);
            boolean same = true;
            for (int p : keyPositions) {
                same &= ValueFormats.sameValue(fields.get(p).getCanonicalType(), candidate.get(p), row.get(p));
            }
            if (same) {
                return r;
            }
        }
        return -1;
    }

    @Override
    public IdentifierFormatter getIdentifierFormatter() {
        return policy;
    }

    @Override
    public String getFullyQualifiedSchemaName(Optional<String> catalog, String schema) {
        return policy.format(schema);
    }

    @Override
    public String getFullyQualifiedTableName(Optional<String> catalog, Optional<String> schema, String table) {
        return schema.map(s -> policy.format(s) + ".").orElse("") + policy.format(table);
    }

    /** @return the stored table, or a failure naming what exists */
    Table table(ObjectMetadata mapped) {
        Table t = tables.get(mapped.getFullyQualifiedName().orElseThrow());
        if (t == null) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, "no table " + mapped.getName() + " in "
                    + tables.keySet());
        }
        return t;
    }
}
