package dev.destsdk.examples.cli;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.spi.Destination;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code destsdk describe}: a destination's declared capabilities. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Print a destination's declared capabilities (getCapabilitiesConfig).")
final class DescribeCommand implements Callable<Integer> {
    @ParentCommand
    DestsdkCli root;

    @Mixin
    DestinationOptions destination;

    @Override
    public Integer call() {
        try (Destination d = destination.open(root.env)) {
            ConnectorCapabilitiesConfig c = d.getCapabilitiesConfig();
            root.out.println("destination: " + d.name() + " (" + destination.canonicalType() + ")");
            TextTable t = new TextTable(List.of("capability", "value", "default"));
            t.add(List.of("load modes", c.getLoadModes(), c.getDefaultLoadMode()));
            t.add(List.of("destination table handling", c.getDestinationTableHandlings(),
                    c.getDefaultDestinationTableHandling()));
            t.add(List.of("schema evolution", c.getSchemaEvolutionModes(), c.getDefaultSchemaEvolutionMode()));
            t.add(List.of("auto-creates schemas", c.canAutoCreateSchema(), ""));
            t.add(List.of("staging (supported / required)", c.supportsStaging() + " / " + c.requiresStaging(), ""));
            t.add(List.of("explicit load step", c.requiresExplicitLoadStep(), ""));
            t.add(List.of("hard deletes", c.supportsHardDeletes(), ""));
            t.add(List.of("empty schema propagation", c.canPropagateEmptySchema(), ""));
            t.add(List.of("parallel loads on one instance", c.supportsParallelization(), ""));
            t.add(List.of("checkpointing", c.supportsCheckpointing(), ""));
            t.add(List.of("rate limit", c.supportsRateLimit(), ""));
            t.add(List.of("atomic TRUNCATE_AND_LOAD", c.atomicTruncateAndLoad(), ""));
            t.add(List.of("SQL scripts", c.supportsSqlScripts(), ""));
            t.print(root.out);
        }
        return DestsdkCli.OK;
    }
}
