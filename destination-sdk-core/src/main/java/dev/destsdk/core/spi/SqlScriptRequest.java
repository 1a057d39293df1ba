package dev.destsdk.core.spi;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.ProgressCallback;
import java.util.Objects;

/**
 * Asks a SQL destination to run a script.
 *
 * @param script the statements, separated by semicolons; not null
 * @param processor receives results; not null
 * @param cancellation the job's cancellation signal; not null
 * @param progress where progress goes; not null
 */
public record SqlScriptRequest(String script, SqlScriptResultProcessor processor, CancellationSignal cancellation,
                               ProgressCallback progress) {

    /** Validates the components. */
    public SqlScriptRequest {
        Objects.requireNonNull(script, "script is null");
        Objects.requireNonNull(processor, "processor is null");
        Objects.requireNonNull(cancellation, "cancellation is null");
        Objects.requireNonNull(progress, "progress is null");
    }
}
