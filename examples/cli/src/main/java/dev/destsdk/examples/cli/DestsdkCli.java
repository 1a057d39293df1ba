package dev.destsdk.examples.cli;

import dev.destsdk.core.error.ConnectorException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code destsdk} command: {@code quickstart}, {@code load}, {@code sql} and {@code describe}.
 *
 * <p>Exit codes: {@value #OK} success; {@value #FAILED} a table or a statement failed (the others ran);
 * {@value #USAGE} a bad flag or option value; {@value #BAD_INPUT} bad settings or input found before anything was
 * changed (the error type, file, line and column are printed).
 */
@Command(name = "destsdk", mixinStandardHelpOptions = true, version = "destsdk 0.1.0-SNAPSHOT",
        description = "Load data into any destsdk example destination, run SQL, show capabilities.",
        subcommands = {QuickstartCommand.class, LoadCommand.class, SqlCommand.class, DescribeCommand.class,
                CommandLine.HelpCommand.class})
public final class DestsdkCli {
    /** Success. */
    public static final int OK = 0;
    /** A table or a statement failed. */
    public static final int FAILED = 1;
    /** A bad flag or option value. */
    public static final int USAGE = 2;
    /** Bad settings or input. */
    public static final int BAD_INPUT = 3;

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;
    final boolean terminal;

    DestsdkCli(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
        this.env = Map.copyOf(env);
        this.terminal = terminal;
    }

    /**
     * Entry point.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, System.err, System.getenv(), System.console() != null));
    }

    /**
     * Runs one command line.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @param env the environment (secrets are read from it)
     * @param terminal whether the output is a terminal (progress bars) or not (plain lines)
     * @return the exit code
     */
    static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        CommandLine cli = new CommandLine(new DestsdkCli(out, err, env, terminal));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConnectorException c) {
                err.println("error: " + c.getMessage());
                return BAD_INPUT;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
