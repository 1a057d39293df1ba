package dev.destsdk.examples.cli;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.SqlScriptRequest;
import dev.destsdk.core.spi.SqlScriptResponse;
import dev.destsdk.core.spi.SqlScriptResultProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code destsdk sql}: runs a script through {@code executeSqlScript} and prints each result set as a table. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a SQL script through executeSqlScript; result sets are printed as tables.")
final class SqlCommand implements Callable<Integer> {
    @ParentCommand
    DestsdkCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    DestinationOptions destination;

    @Parameters(arity = "0..1", paramLabel = "SCRIPT", description = "The statements, separated by semicolons.")
    String script;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the script from a file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        if ((script == null) == (file == null)) {
            throw new ParameterException(spec.commandLine(), "give the script as an argument or with --file, not"
                    + " both and not neither");
        }
        String text = script != null ? script : Files.readString(file, StandardCharsets.UTF_8);
        Map<Integer, TextTable> tables = new HashMap<>();
        try (Destination d = destination.open(root.env)) {
            SqlScriptResponse response = d.executeSqlScript(new SqlScriptRequest(text, new SqlScriptResultProcessor() {
                @Override
                public void onResultStart(int index, List<String> columns) {
                    tables.put(index, new TextTable(columns));
                }

                @Override
                public void onRow(int index, List<Object> values) {
                    tables.get(index).add(values);
                }

                @Override
                public void onStatementComplete(int index, long rowsAffected, long elapsedMillis) {
                    TextTable t = tables.remove(index);
                    if (t != null) {
                        t.print(root.out);
                        root.out.println("(" + t.size() + " row" + (t.size() == 1 ? "" : "s") + ")");
                    } else {
                        root.out.println("statement " + index + ": " + (rowsAffected >= 0 ? rowsAffected
                                + " row(s) affected" : "done") + " (" + elapsedMillis + " ms)");
                    }
                }
            }, CancellationSignal.never(), ProgressCallback.none()));
            if (!response.success()) {
                root.err.println("error: statement " + (response.failedStatementIndex().isPresent()
                        ? String.valueOf(response.failedStatementIndex().getAsInt()) : "?") + " failed: " + response.errorMessage().orElse("?"));
                return DestsdkCli.FAILED;
            }
            return DestsdkCli.OK;
        }
    }
}
