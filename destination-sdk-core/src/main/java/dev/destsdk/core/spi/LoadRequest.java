package dev.destsdk.core.spi;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.files.FileFormat;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.record.RecordProcessor;
import dev.destsdk.core.sync.SyncContext;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks a destination to load one object's data into its target.
 *
 * @param sync the job's syncTime and syncId (the same as the stage request's); not null
 * @param mapping the object's metadata mapping; not null
 * @param localDataPath the directory holding {@code success_part_*} files; not null
 * @param fileFormat the data files' format; not null
 * @param stageLocation what {@code stage} returned, or empty for direct loads
 * @param loadMode how rows combine with the target's rows; not null
 * @param destinationTableHandling what a first run does with an existing target; not null
 * @param schemaEvolutionMode which schema changes may be applied; not null
 * @param ddlOnly create or alter the target only; load no rows
 * @param zeroRows the source produced no rows: create the empty target on a first run, change nothing otherwise
 * @param hardDeletes remove rows the source marks deleted instead of keeping them marked
 * @param errorRecordProcessor receives rows that fail; not null
 * @param successRecordProcessor receives rows that succeed (activation targets); not null
 * @param cancellation the job's cancellation signal; not null
 * @param progress where progress goes; not null
 */
public record LoadRequest(
        SyncContext sync,
        MetadataMapping mapping,
        Path localDataPath,
        FileFormat fileFormat,
        Optional<String> stageLocation,
        LoadMode loadMode,
        DestinationTableHandling destinationTableHandling,
        SchemaEvolutionMode schemaEvolutionMode,
        boolean ddlOnly,
        boolean zeroRows,
        boolean hardDeletes,
        RecordProcessor errorRecordProcessor,
        RecordProcessor successRecordProcessor,
        CancellationSignal cancellation,
        ProgressCallback progress) {

    /** Validates the components. */
    public LoadRequest {
        Objects.requireNonNull(sync, "sync is null: syncTime and syncId are required");
        Objects.requireNonNull(mapping, "mapping is null");
        Objects.requireNonNull(localDataPath, "localDataPath is null");
        Objects.requireNonNull(fileFormat, "fileFormat is null");
        Objects.requireNonNull(stageLocation, "stageLocation is null");
        Objects.requireNonNull(loadMode, "loadMode is null");
        Objects.requireNonNull(destinationTableHandling, "destinationTableHandling is null");
        Objects.requireNonNull(schemaEvolutionMode, "schemaEvolutionMode is null");
        Objects.requireNonNull(errorRecordProcessor, "errorRecordProcessor is null");
        Objects.requireNonNull(successRecordProcessor, "successRecordProcessor is null");
        Objects.requireNonNull(cancellation, "cancellation is null");
        Objects.requireNonNull(progress, "progress is null");
    }

    /**
     * Starts a request with its required parts. Defaults: CSV {@link CsvFileFormat#DEFAULT}, no stage location,
     * MERGE, table handling MERGE, schema evolution ALLOW_ALL, no flags, discarding processors, never cancelled,
     * no progress.
     *
     * @param sync the sync context; not null
     * @param mapping the metadata mapping; not null
     * @param localDataPath the data directory; not null
     * @return a builder
     */
    public static Builder builder(SyncContext sync, MetadataMapping mapping, Path localDataPath) {
        return new Builder(sync, mapping, localDataPath);
    }

    /** @return a builder holding this request's parts */
    public Builder toBuilder() {
        return new Builder(sync, mapping, localDataPath).fileFormat(fileFormat).stageLocation(stageLocation.orElse(null))
                .loadMode(loadMode).destinationTableHandling(destinationTableHandling)
                .schemaEvolutionMode(schemaEvolutionMode).ddlOnly(ddlOnly).zeroRows(zeroRows).hardDeletes(hardDeletes)
                .errorRecordProcessor(errorRecordProcessor).successRecordProcessor(successRecordProcessor)
                .cancellation(cancellation).progress(progress);
    }

    /** Builds a {@link LoadRequest}. Not thread-safe. */
    public static final class Builder {
        private SyncContext sync;
        private MetadataMapping mapping;
        private Path localDataPath;
        private FileFormat fileFormat = CsvFileFormat.DEFAULT;
        private String stageLocation;
        private LoadMode loadMode = LoadMode.MERGE;
        private DestinationTableHandling destinationTableHandling = DestinationTableHandling.MERGE;
        private SchemaEvolutionMode schemaEvolutionMode = SchemaEvolutionMode.ALLOW_ALL;
        private boolean ddlOnly;
        private boolean zeroRows;
        private boolean hardDeletes;
        private RecordProcessor errorRecordProcessor = RecordProcessor.discarding();
        private RecordProcessor successRecordProcessor = RecordProcessor.discarding();
        private CancellationSignal cancellation = CancellationSignal.never();
        private ProgressCallback progress = ProgressCallback.none();

        private Builder(SyncContext sync, MetadataMapping mapping, Path localDataPath) {
            this.sync = sync;
            this.mapping = mapping;
            this.localDataPath = localDataPath;
        }

        /** @param value the sync context @return this builder */
        public Builder sync(SyncContext value) {
            this.sync = value;
            return this;
        }

        /** @param value the mapping @return this builder */
        public Builder mapping(MetadataMapping value) {
            this.mapping = value;
            return this;
        }

        /** @param value the data directory @return this builder */
        public Builder localDataPath(Path value) {
            this.localDataPath = value;
            return this;
        }

        /** @param value the file format @return this builder */
        public Builder fileFormat(FileFormat value) {
            this.fileFormat = value;
            return this;
        }

        /** @param value the stage location; null for none @return this builder */
        public Builder stageLocation(String value) {
            this.stageLocation = value;
            return this;
        }

        /** @param value the load mode @return this builder */
        public Builder loadMode(LoadMode value) {
            this.loadMode = value;
            return this;
        }

        /** @param value the table handling @return this builder */
        public Builder destinationTableHandling(DestinationTableHandling value) {
            this.destinationTableHandling = value;
            return this;
        }

        /** @param value the schema evolution mode @return this builder */
        public Builder schemaEvolutionMode(SchemaEvolutionMode value) {
            this.schemaEvolutionMode = value;
            return this;
        }

        /** @param value ddl only @return this builder */
        public Builder ddlOnly(boolean value) {
            this.ddlOnly = value;
            return this;
        }

        /** @param value zero rows @return this builder */
        public Builder zeroRows(boolean value) {
            this.zeroRows = value;
            return this;
        }

        /** @param value hard deletes @return this builder */
        public Builder hardDeletes(boolean value) {
            this.hardDeletes = value;
            return this;
        }

        /** @param value error record processor @return this builder */
        public Builder errorRecordProcessor(RecordProcessor value) {
            this.errorRecordProcessor = value;
            return this;
        }

        /** @param value success record processor @return this builder */
        public Builder successRecordProcessor(RecordProcessor value) {
            this.successRecordProcessor = value;
            return this;
        }

        /** @param value cancellation signal @return this builder */
        public Builder cancellation(CancellationSignal value) {
            this.cancellation = value;
            return this;
        }

        /** @param value progress callback @return this builder */
        public Builder progress(ProgressCallback value) {
            this.progress = value;
            return this;
        }

        /** @return the request */
        public LoadRequest build() {
            return new LoadRequest(sync, mapping, localDataPath, fileFormat, Optional.ofNullable(stageLocation), loadMode,
                    destinationTableHandling, schemaEvolutionMode, ddlOnly, zeroRows, hardDeletes,
                    errorRecordProcessor, successRecordProcessor, cancellation, progress);
        }
    }
}
