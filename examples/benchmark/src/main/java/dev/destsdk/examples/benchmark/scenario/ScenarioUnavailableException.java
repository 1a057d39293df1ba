package dev.destsdk.examples.benchmark.scenario;

/**
 * A scenario cannot run in this environment (e.g. no connector for the destination type on the class path, or no
 * psql executable). The harness reports the reason instead of a figure.
 */
public final class ScenarioUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason why, saying what to change; not null
     * @param cause the underlying failure; may be null
     */
    public ScenarioUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
