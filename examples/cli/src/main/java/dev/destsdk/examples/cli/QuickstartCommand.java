package dev.destsdk.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code destsdk quickstart}: see {@link Quickstart}. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Two syncs of a small shop into DuckDB, Parquet files, Iceberg and a (fake, in-process) CRM"
                + " API; needs nothing but the JDK.")
final class QuickstartCommand implements Callable<Integer> {
    @ParentCommand
    DestsdkCli root;

    @Option(names = {"-w", "--work-dir"}, paramLabel = "DIR",
            description = "Where the outputs go (default: a new directory under the temporary directory).")
    Path work;

    @Option(names = "--no-progress", description = "Plain lines instead of progress bars.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        Path dir = work != null ? work : Files.createTempDirectory("destsdk-quickstart");
        Quickstart.run(dir, root.out, root.terminal && !noProgress);
        return DestsdkCli.OK;
    }
}
