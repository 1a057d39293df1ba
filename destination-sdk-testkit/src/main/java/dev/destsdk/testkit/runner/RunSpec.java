package dev.destsdk.testkit.runner;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of a pipeline loads and how: the source object, its rows (typed Java values or already text), rows
 * that failed upstream, the data files' format, the naming rules, the load options, the sync metadata and, for a run
 * that is not a pipeline's first, the previously applied mapped object. Build with {@link #builder(ObjectMetadata)}.
 *
 * <p>Optional parts left empty are decided by the runner: load mode, table handling and schema evolution mode
 * default to the destination's declared defaults; {@code zeroRows} to "no rows"; the sync time to the runner's
 * clock; the sync id to a per-pipeline run number; the previous mapped object to what the pipeline applied last.
 *
 * @param sourceObject the source object; its field names are the data files' header; not null
 * @param rows typed rows, one value per source field, null for NULL ({@link dev.destsdk.testkit.value.ValueFormats}
 *     defines the Java type per canonical type); empty when {@code textRows} is used; unmodifiable
 * @param textRows rows already in data-file text, null for NULL; empty when {@code rows} is used; unmodifiable
 * @param errorRows rows that failed upstream; unmodifiable
 * @param fileFormat the data files' format; not null
 * @param namespaceRules the pipeline's naming rules; not null
 * @param loadMode the load mode, or empty for the destination's default
 * @param destinationTableHandling the first-run table handling, or empty for the destination's default
 * @param schemaEvolutionMode the schema evolution mode, or empty for the destination's default
 * @param ddlOnly create or alter the target only
 * @param zeroRows the zero-rows flag, or empty to set it when there are no rows
 * @param hardDeletes whether rows the source marks deleted are removed
 * @param syncTime the ingestion cutoff, or empty for the runner's clock
 * @param syncId the job id, or empty for a per-pipeline run number
 * @param rowsPerFile the most rows in one data file; at least 1
 * @param previousMappedObject the mapped object a previous run applied, overriding the pipeline's memory; empty to
 *     use the pipeline's memory
 * @param actualDestinationMetadata what the destination holds, when the test read it; passed in the mapping
 * @param cancellation the job's cancellation signal; not null
 * @param dataDirectory a directory of existing data files ({@code success_part_*} in {@code fileFormat}) to load as
 *     they are, instead of writing {@code rows}: the runner then writes nothing and the spec may hold no rows; the
 *     files are streamed by the destination, never read into memory by the runner; empty to write the rows
 */
public record RunSpec(
        ObjectMetadata sourceObject,
        List<List<Object>> rows,
        List<List<String>> textRows,
        List<ErrorRow> errorRows,
        CsvFileFormat fileFormat,
        NamespaceRules namespaceRules,
        Optional<LoadMode> loadMode,
        Optional<DestinationTableHandling> destinationTableHandling,
        Optional<SchemaEvolutionMode> schemaEvolutionMode,
        boolean ddlOnly,
        Optional<Boolean> zeroRows,
        boolean hardDeletes,
        Optional<Instant> syncTime,
        Optional<String> syncId,
        int rowsPerFile,
        Optional<ObjectMetadata> previousMappedObject,
        Optional<ObjectMetadata> actualDestinationMetadata,
        CancellationSignal cancellation,
        Optional<Path> dataDirectory) {

    /** The default number of rows per data file. */
    public static final int DEFAULT_ROWS_PER_FILE = 10_000;

    /** Validates and copies the components. */
    public RunSpec {
        Objects.requireNonNull(sourceObject, "sourceObject is null");
        rows = copyRows(rows, "rows");
        textRows = copyRows(textRows, "textRows");
        errorRows = List.copyOf(Objects.requireNonNull(errorRows, "errorRows is null"));
        if (!rows.isEmpty() && !textRows.isEmpty()) {
            throw new IllegalArgumentException("give typed rows or text rows, not both");
        }
        Objects.requireNonNull(fileFormat, "fileFormat is null");
        Objects.requireNonNull(namespaceRules, "namespaceRules is null");
        Objects.requireNonNull(loadMode, "loadMode is null");
        Objects.requireNonNull(destinationTableHandling, "destinationTableHandling is null");
        Objects.requireNonNull(schemaEvolutionMode, "schemaEvolutionMode is null");
        Objects.requireNonNull(zeroRows, "zeroRows is null");
        Objects.requireNonNull(syncTime, "syncTime is null");
        Objects.requireNonNull(syncId, "syncId is null");
        if (rowsPerFile < 1) {
            throw new IllegalArgumentException("rowsPerFile must be at least 1, got " + rowsPerFile);
        }
        Objects.requireNonNull(previousMappedObject, "previousMappedObject is null");
        Objects.requireNonNull(actualDestinationMetadata, "actualDestinationMetadata is null");
        Objects.requireNonNull(cancellation, "cancellation is null");
        Objects.requireNonNull(dataDirectory, "dataDirectory is null");
        if (dataDirectory.isPresent() && (!rows.isEmpty() || !textRows.isEmpty() || !errorRows.isEmpty())) {
            throw new IllegalArgumentException("give rows or an existing data directory, not both");
        }
    }

    private static <T> List<List<T>> copyRows(List<? extends List<T>> rows, String what) {
        Objects.requireNonNull(rows, what + " is null");
        List<List<T>> copy = new ArrayList<>(rows.size());
        for (List<T> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(row, what + ": a row is null"))));
        }
        return Collections.unmodifiableList(copy);
    }

    /** @return the number of rows to load, typed or text */
    public int rowCount() {
        return Math.max(rows.size(), textRows.size());
    }

    /**
     * @param sourceObject the source object; not null
     * @return a builder: no rows, {@link CsvFileFormat#DEFAULT}, {@link NamespaceRules#defaults()}, destination
     *     defaults, {@value #DEFAULT_ROWS_PER_FILE} rows per file, never cancelled
     */
    public static Builder builder(ObjectMetadata sourceObject) {
        return new Builder(sourceObject);
    }

    /** @return a builder holding this spec's parts */
    public Builder toBuilder() {
        Builder b = new Builder(sourceObject);
        b.rows.addAll(rows);
        b.textRows.addAll(textRows);
        b.errorRows.addAll(errorRows);
        b.fileFormat = fileFormat;
        b.namespaceRules = namespaceRules;
        b.loadMode = loadMode.orElse(null);
        b.destinationTableHandling = destinationTableHandling.orElse(null);
        b.schemaEvolutionMode = schemaEvolutionMode.orElse(null);
        b.ddlOnly = ddlOnly;
        b.zeroRows = zeroRows.orElse(null);
        b.hardDeletes = hardDeletes;
        b.syncTime = syncTime.orElse(null);
        b.syncId = syncId.orElse(null);
        b.rowsPerFile = rowsPerFile;
        b.previousMappedObject = previousMappedObject.orElse(null);
        b.actualDestinationMetadata = actualDestinationMetadata.orElse(null);
        b.cancellation = cancellation;
        b.dataDirectory = dataDirectory.orElse(null);
        return b;
    }

    /** Builds a {@link RunSpec}. Not thread-safe. */
    public static final class Builder {
        private ObjectMetadata sourceObject;
        private final List<List<Object>> rows = new ArrayList<>();
        private final List<List<String>> textRows = new ArrayList<>();
        private final List<ErrorRow> errorRows = new ArrayList<>();
        private CsvFileFormat fileFormat = CsvFileFormat.DEFAULT;
        private NamespaceRules namespaceRules;
        private LoadMode loadMode;
        private DestinationTableHandling destinationTableHandling;
        private SchemaEvolutionMode schemaEvolutionMode;
        private boolean ddlOnly;
        private Boolean zeroRows;
        private boolean hardDeletes;
        private Instant syncTime;
        private String syncId;
        private int rowsPerFile = DEFAULT_ROWS_PER_FILE;
        private ObjectMetadata previousMappedObject;
        private ObjectMetadata actualDestinationMetadata;
        private CancellationSignal cancellation = CancellationSignal.never();
        private Path dataDirectory;

        private Builder(ObjectMetadata sourceObject) {
            this.sourceObject = Objects.requireNonNull(sourceObject, "sourceObject is null");
        }

        /** @param value the source object; not null @return this builder */
        public Builder sourceObject(ObjectMetadata value) {
            this.sourceObject = Objects.requireNonNull(value, "sourceObject is null");
            return this;
        }

        /** @param value typed rows (replacing earlier ones); not null @return this builder */
        public Builder rows(List<? extends List<?>> value) {
            rows.clear();
            Objects.requireNonNull(value, "rows is null").forEach(r -> rows.add(new ArrayList<>(r)));
            return this;
        }

        /** @param values one typed row, null for NULL @return this builder */
        public Builder addRow(Object... values) {
            rows.add(new ArrayList<>(Arrays.asList(values)));
            return this;
        }

        /** @param value text rows (replacing earlier ones); not null @return this builder */
        public Builder textRows(List<? extends List<String>> value) {
            textRows.clear();
            Objects.requireNonNull(value, "textRows is null").forEach(r -> textRows.add(new ArrayList<>(r)));
            return this;
        }

        /** @param values one text row, null for NULL @return this builder */
        public Builder addTextRow(String... values) {
            textRows.add(new ArrayList<>(Arrays.asList(values)));
            return this;
        }

        /** @param value rows that failed upstream (replacing earlier ones); not null @return this builder */
        public Builder errorRows(List<ErrorRow> value) {
            errorRows.clear();
            errorRows.addAll(Objects.requireNonNull(value, "errorRows is null"));
            return this;
        }

        /** @param value one row that failed upstream; not null @return this builder */
        public Builder addErrorRow(ErrorRow value) {
            errorRows.add(Objects.requireNonNull(value, "errorRow is null"));
            return this;
        }

        /** @param value the data files' format; not null @return this builder */
        public Builder fileFormat(CsvFileFormat value) {
            this.fileFormat = Objects.requireNonNull(value, "fileFormat is null");
            return this;
        }

        /** @param value the naming rules; null for {@link NamespaceRules#defaults()} @return this builder */
        public Builder namespaceRules(NamespaceRules value) {
            this.namespaceRules = value;
            return this;
        }

        /** @param value the load mode; null for the destination's default @return this builder */
        public Builder loadMode(LoadMode value) {
            this.loadMode = value;
            return this;
        }

        /** @param value the table handling; null for the destination's default @return this builder */
        public Builder destinationTableHandling(DestinationTableHandling value) {
            this.destinationTableHandling = value;
            return this;
        }

        /** @param value the schema evolution mode; null for the destination's default @return this builder */
        public Builder schemaEvolutionMode(SchemaEvolutionMode value) {
            this.schemaEvolutionMode = value;
            return this;
        }

        /** @param value ddl only @return this builder */
        public Builder ddlOnly(boolean value) {
            this.ddlOnly = value;
            return this;
        }

        /** @param value the zero-rows flag; null to derive it from the rows @return this builder */
        public Builder zeroRows(Boolean value) {
            this.zeroRows = value;
            return this;
        }

        /** @param value hard deletes @return this builder */
        public Builder hardDeletes(boolean value) {
            this.hardDeletes = value;
            return this;
        }

        /** @param value the sync time; null for the runner's clock @return this builder */
        public Builder syncTime(Instant value) {
            this.syncTime = value;
            return this;
        }

        /** @param value the sync id; null for a per-pipeline run number @return this builder */
        public Builder syncId(String value) {
            this.syncId = value;
            return this;
        }

        /** @param value the most rows per data file; at least 1 @return this builder */
        public Builder rowsPerFile(int value) {
            this.rowsPerFile = value;
            return this;
        }

        /** @param value the previously applied mapped object; null to use the pipeline's memory @return this builder */
        public Builder previousMappedObject(ObjectMetadata value) {
            this.previousMappedObject = value;
            return this;
        }

        /** @param value what the destination holds; null for not read @return this builder */
        public Builder actualDestinationMetadata(ObjectMetadata value) {
            this.actualDestinationMetadata = value;
            return this;
        }

        /** @param value the cancellation signal; not null @return this builder */
        public Builder cancellation(CancellationSignal value) {
            this.cancellation = Objects.requireNonNull(value, "cancellation is null");
            return this;
        }

        /**
         * Loads the existing data files of a directory instead of rows (for loads of real files, e.g. a CLI).
         *
         * @param value the directory holding {@code success_part_*} files in the spec's file format; null to write
         *     the spec's rows instead
         * @return this builder
         */
        public Builder dataDirectory(Path value) {
            this.dataDirectory = value;
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException when both typed and text rows are given, rows and a data directory are
         *     given, or rowsPerFile is below 1
         */
        public RunSpec build() {
            return new RunSpec(sourceObject, rows, textRows, errorRows, fileFormat,
                    namespaceRules == null ? NamespaceRules.defaults() : namespaceRules, Optional.ofNullable(loadMode),
                    Optional.ofNullable(destinationTableHandling), Optional.ofNullable(schemaEvolutionMode), ddlOnly,
                    Optional.ofNullable(zeroRows), hardDeletes, Optional.ofNullable(syncTime),
                    Optional.ofNullable(syncId), rowsPerFile, Optional.ofNullable(previousMappedObject),
                    Optional.ofNullable(actualDestinationMetadata), cancellation, Optional.ofNullable(dataDirectory));
        }
    }
}
