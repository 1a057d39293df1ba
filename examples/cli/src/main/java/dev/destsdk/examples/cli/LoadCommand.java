package dev.destsdk.examples.cli;

import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.SchemaStrategy;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationTableHandling;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.SchemaEvolutionMode;
import dev.destsdk.testkit.runner.ParallelPipelineRunner;
import dev.destsdk.testkit.runner.RunSpec;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code destsdk load}: loads the tables of a data folder into a destination, each table its own load (and its own
 * destination instance, so its own connection), {@code --parallelism} at a time, through the testkit's
 * {@link ParallelPipelineRunner}. A failed table is reported and the others go on.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load a folder of CSV files (one <table>.csv or <table>/ directory per table) into a"
                + " destination.")
final class LoadCommand implements Callable<Integer> {
    @ParentCommand
    DestsdkCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    DestinationOptions destination;

    @Parameters(index = "0", paramLabel = "DIR", description = "The data folder.")
    Path folder;

    @Option(names = {"-m", "--metadata"}, paramLabel = "FILE",
            description = "Source metadata JSON (seeds' snake_case shape): one object or an array. Tables without"
                    + " metadata get all-STRING columns from their CSV header.")
    Path metadataFile;

    @Option(names = {"-t", "--table"}, paramLabel = "NAME", description = "Load only these tables (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--load-mode", paramLabel = "MODE", description = "APPEND, MERGE, OVERWRITE, TRUNCATE_AND_LOAD"
            + " (default: the destination's).")
    LoadMode loadMode;

    @Option(names = "--table-handling", paramLabel = "HANDLING", description = "First-run table handling: DROP,"
            + " TRUNCATE, MERGE, FAIL (default: the destination's).")
    DestinationTableHandling tableHandling;

    @Option(names = "--evolution", paramLabel = "MODE", description = "Schema evolution mode (default: the"
            + " destination's).")
    SchemaEvolutionMode evolution;

    @Option(names = "--hard-deletes", description = "Remove rows whose _supa_deleted is true.")
    boolean hardDeletes;

    @Option(names = {"-p", "--parallelism"}, paramLabel = "N", defaultValue = "1",
            description = "Tables loaded at once (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--dry-run", description = "Print the mapped target schema and the SQL or requests a load"
            + " would run; change nothing.")
    boolean dryRun;

    @Option(names = "--sync-id", paramLabel = "ID", description = "The sync (job) id (default: cli-<time>).")
    String syncId;

    @Option(names = "--table-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Put before every table name.")
    String tablePrefix;

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "Load every table into this schema.")
    String schema;

    @Option(names = "--source-schema", description = "Keep the metadata's schema (with --schema-prefix before it).")
    boolean sourceSchema;

    @Option(names = "--schema-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Put before source schema names (with --source-schema).")
    String schemaPrefix;

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",", description = "CSV field delimiter.")
    char delimiter;

    @Option(names = "--quote", paramLabel = "CHAR", defaultValue = "\"", description = "CSV quote character.")
    char quote;

    @Option(names = "--escape", paramLabel = "CHAR", description = "CSV escape character (default: quotes doubled).")
    Character escape;

    @Option(names = "--skip-header", paramLabel = "N", defaultValue = "1", description = "Header rows per file.")
    int skipHeader;

    @Option(names = "--null", paramLabel = "TEXT", description = "A text that means NULL (repeatable).")
    List<String> nullIf = new ArrayList<>();

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8", description = "File encoding.")
    Charset encoding;

    @Option(names = "--trim", description = "Trim spaces around unquoted values.")
    boolean trim;

    @Option(names = "--no-progress", description = "Plain log lines even on a terminal.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        if (parallelism < 1) {
            throw new ParameterException(spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
        }
        if (skipHeader < 0) {
            throw new ParameterException(spec.commandLine(), "--skip-header must not be negative");
        }
        Map<String, String> settings = destination.resolve(root.env);
        NamespaceRules rules = rules();
        CsvFileFormat baseFormat = format();
        List<DataFolder.Table> tables = selected(DataFolder.tables(folder));
        Map<String, ObjectMetadata> metadata = metadataFile == null ? Map.of()
                : DataFolder.readMetadata(metadataFile);
        String sync = syncId != null ? syncId : "cli-" + System.currentTimeMillis();
        Path work = Files.createTempDirectory("destsdk-load");
        try {
            List<RunSpec> specs = new ArrayList<>();
            for (DataFolder.Table table : tables) {
                CsvFileFormat format = baseFormat.toBuilder().gzip(table.gzip()).build();
                ObjectMetadata source = DataFolder.find(metadata, table.name()).orElse(null);
                if (source == null) {
                    source = DataFolder.inferFromHeader(table, format);
                    root.out.println(table.name() + ": no metadata given; columns inferred from the CSV header"
                            + " as STRING (no key, so no MERGE; give --metadata for types and keys): "
                            + source.getFieldNames());
                }
                RunSpec.Builder b = RunSpec.builder(source).fileFormat(format).namespaceRules(rules)
                        .hardDeletes(hardDeletes).syncId(sync);
                if (loadMode != null) {
                    b.loadMode(loadMode);
                } else if (source.getFields().stream().noneMatch(FieldMetadata::isPrimaryKey)) {
                    b.loadMode(LoadMode.APPEND);
                    root.out.println(table.name() + ": no primary key: loading with APPEND");
                }
                Optional.ofNullable(tableHandling).ifPresent(b::destinationTableHandling);
                Optional.ofNullable(evolution).ifPresent(b::schemaEvolutionMode);
                if (!dryRun) {
                    b.dataDirectory(DataFolder.dataDirectory(table, format, work));
                }
                specs.add(b.build());
            }
            if (dryRun) {
                try (Destination d = Destinations.create(destination.type, settings)) {
                    new DryRun(root.out, destination.canonicalType(), settings).print(d, tables, specs);
                }
                return DestsdkCli.OK;
            }
            return load(settings, tables, specs, work);
        } finally {
            deleteTree(work);
        }
    }

    private int load(Map<String, String> settings, List<DataFolder.Table> tables, List<RunSpec> specs, Path work) {
        boolean bars = root.terminal && !noProgress;
        Progress[] progress = new Progress[specs.size()];
        long start = System.nanoTime();
        // An embedded database file may be open in one instance per process, and an instance serves one thread at
        // a time: its tables load one after another. Every other destination gets one instance (one connection)
        // per table.
        Destination shared = Destinations.sharesOneInstance(destination.canonicalType())
                ? Destinations.create(destination.type, settings) : null;
        if (shared != null && parallelism > 1) {
            root.out.println(destination.canonicalType() + ": one database file per process: tables load one"
                    + " after another (--parallelism " + parallelism + " ignored)");
        }
        ParallelPipelineRunner runner = shared != null
                ? ParallelPipelineRunner.sharing(shared, work.resolve("runs"), 1)
                : new ParallelPipelineRunner(() -> Destinations.create(destination.type, settings),
                        work.resolve("runs"), parallelism);
        List<ParallelPipelineRunner.TableRun> runs;
        try {
            runs = runner.run(specs, new ParallelPipelineRunner.Listener() {
                @Override
                public void onProgress(int index, ProgressEvent event) {
                    progress(index).update(event);
                }

                @Override
                public void onEnd(ParallelPipelineRunner.TableRun run) {
                    progress(run.index()).finish(run.succeeded()
                            ? "loaded " + run.result().get().loadResponse().rowsLoaded() + " row(s)"
                            : "FAILED: " + run.failure().get().getErrorType());
                }

                private synchronized Progress progress(int index) {
                    if (progress[index] == null) {
                        progress[index] = Progress.start(tables.get(index).name(), -1, root.out, bars);
                    }
                    return progress[index];
                }
            });
        } finally {
            if (shared != null) {
                shared.close();
            }
        }
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        TextTable summary = new TextTable(List.of("table", "target", "status", "loaded", "inserted", "merged",
                "deleted", "failed", "time"));
        int failed = 0;
        for (ParallelPipelineRunner.TableRun run : runs) {
            String name = tables.get(run.index()).name();
            if (run.succeeded()) {
                LoadResponse r = run.result().get().loadResponse();
                ObjectMetadata mapped = run.result().get().mappedObject();
                summary.add(List.of(name, mapped.getFormattedFullyQualifiedName().orElse(mapped.getName()), "ok",
                        r.rowsLoaded(), r.rowsInserted(), r.rowsUpdated(), r.rowsDeleted(), r.rowsFailed(),
                        seconds(run.elapsed())));
            } else {
                failed++;
                summary.add(List.of(name, "-", "FAILED", "-", "-", "-", "-", "-", seconds(run.elapsed())));
            }
        }
        root.out.println();
        summary.print(root.out);
        root.out.println(String.format(Locale.ROOT, "%d table(s), %d failed, parallelism %d, %s", runs.size(),
                failed, shared != null ? 1 : parallelism, seconds(total)));
        for (ParallelPipelineRunner.TableRun run : runs) {
            run.failure().ifPresent(e -> root.err.println("error: table " + tables.get(run.index()).name() + ": "
                    + e.getMessage()));
        }
        return failed == 0 ? DestsdkCli.OK : DestsdkCli.FAILED;
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    private List<DataFolder.Table> selected(List<DataFolder.Table> all) {
        if (only.isEmpty()) {
            return all;
        }
        Set<String> wanted = new LinkedHashSet<>(only);
        List<DataFolder.Table> out = all.stream().filter(t -> wanted.remove(t.name())).toList();
        if (!wanted.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no table " + wanted + " in " + folder + "; tables: "
                    + all.stream().map(DataFolder.Table::name).toList());
        }
        return out;
    }

    private NamespaceRules rules() {
        NamespaceRules.Builder b = NamespaceRules.builder().tablePrefix(tablePrefix);
        if (schema != null && sourceSchema) {
            throw new ParameterException(spec.commandLine(), "give --schema or --source-schema, not both");
        }
        if (schema != null) {
            b.schemaStrategy(SchemaStrategy.CUSTOM).customSchema(schema);
        } else if (sourceSchema) {
            b.schemaStrategy(SchemaStrategy.SOURCE_SCHEMA).schemaPrefix(schemaPrefix);
        } else if (!schemaPrefix.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--schema-prefix needs --source-schema");
        }
        return b.build();
    }

    private CsvFileFormat format() {
        CsvFileFormat.Builder b = CsvFileFormat.builder().fieldDelimiter(delimiter).quote(quote).escape(escape)
                .skipHeader(skipHeader).trimSpace(trim).encoding(encoding);
        if (!nullIf.isEmpty()) {
            b.nullIf(nullIf);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad CSV format options: " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
