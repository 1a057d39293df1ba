package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.SchemaStrategy;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.examples.benchmark.data.BenchSchema;
import dev.destsdk.examples.benchmark.data.Dataset;
import java.util.Map;
import java.util.Optional;

/**
 * Drives an SDK destination through its SPI only, as an executor does: {@code DestinationFactory.find(type)
 * .create(config)}, then map → stage → load, then close. The data set's directory is the {@code localDataPath} and
 * its one file is {@code success_part_00000.csv} in {@link CsvFileFormat#DEFAULT}. Stateless.
 */
final class SdkPipeline {

    private SdkPipeline() {
    }

    /**
     * @param type the destination type; not null
     * @return the factory
     * @throws ScenarioUnavailableException when no (or more than one) connector of that type is on the class path
     */
    static DestinationFactory factory(String type) {
        try {
            return DestinationFactory.find(type);
        } catch (ConnectorException e) {
            throw new ScenarioUnavailableException("no SDK connector for type '" + type + "' on the class path ("
                    + e.getMessage() + "); add the connector module as a dependency of examples/benchmark", e);
        }
    }

    /**
     * @param schema the schema all targets go to
     * @return namespace rules that put every object in that schema under its own name
     */
    static NamespaceRules rules(String schema) {
        return NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema(schema).build();
    }

    /**
     * Maps the benchmark's source object without loading anything (to recreate what an executor stored after a
     * previous run).
     *
     * @param type the destination type
     * @param config the connector's settings
     * @param schema the target schema
     * @param table the source object's name
     * @return the mapped target object
     */
    static ObjectMetadata map(String type, Map<String, String> config, String schema, String table) {
        try (Destination d = factory(type).create(config)) {
            return d.mapToTargetObject(BenchSchema.sourceObject(table), rules(schema), Optional.empty());
        }
    }

    /**
     * One executor run for one object.
     *
     * @param type the destination type
     * @param config the connector's settings
     * @param schema the target schema
     * @param table the source object's name
     * @param data the data set to load
     * @param mode the load mode
     * @param previous what the previous run mapped, or empty for a first run
     * @param syncId the job id
     * @param progress receives the destination's progress events; not null
     * @return the load's response
     */
    static LoadResponse run(String type, Map<String, String> config, String schema, String table, Dataset data,
                            LoadMode mode, Optional<ObjectMetadata> previous, String syncId,
                            ProgressCallback progress) {
        SyncContext sync = new SyncContext(ScenarioContext.SYNC_TIME, syncId);
        try (Destination d = factory(type).create(config)) {
            ObjectMetadata target = d.mapToTargetObject(BenchSchema.sourceObject(table), rules(schema), previous);
            MetadataMapping mapping = previous.isEmpty() ? MetadataMapping.firstRun(target)
                    : new MetadataMapping(target, previous, previous);
            StageResponse staged = d.stage(new StageRequest(sync, mapping, data.directory(), CsvFileFormat.DEFAULT,
                    CancellationSignal.never(), progress));
            return d.load(LoadRequest.builder(sync, mapping, data.directory())
                    .fileFormat(CsvFileFormat.DEFAULT)
                    .stageLocation(staged.stageLocation().orElse(null))
                    .loadMode(mode)
                    .progress(progress)
                    .build());
        }
    }
}
