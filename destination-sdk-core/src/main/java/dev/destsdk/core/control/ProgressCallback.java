package dev.destsdk.core.control;

/**
 * Receives progress reports from a destination. Called on the destination's working thread; implementations must
 * be quick and must not throw (an exception from a callback is logged and ignored by the base classes).
 */
@FunctionalInterface
public interface ProgressCallback {

    /**
     * Receives one report.
     *
     * @param event the report; not null
     */
    void update(ProgressEvent event);

    /** @return a callback that ignores every report */
    static ProgressCallback none() {
        return event -> { };
    }
}
