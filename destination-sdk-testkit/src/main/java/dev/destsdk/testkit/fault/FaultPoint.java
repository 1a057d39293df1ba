package dev.destsdk.testkit.fault;

import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.control.ProgressEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A point of a load at which a fault is injected: the {@code n}-th progress event the load reports (1-based; its
 * RUNNING events mark its phases, e.g. "creating", "loaded success_part_00001.csv", "updating rows with matching
 * keys", "dropping the replaced table", and its ENDED event comes after the commit). The fault runs synchronously on
 * the load's thread, between two of its statements, so the point is exact and repeatable.
 *
 * <p>{@link #counter()} counts a dry run's events to enumerate the points. Not thread-safe.
 */
public final class FaultPoint implements ProgressCallback {
    private final int event;
    private final Runnable fault;
    private final List<String> seen = new ArrayList<>();
    private boolean fired;

    /**
     * @param event the 1-based event at which the fault runs; 0 for never
     * @param fault what to do there (kill the session, cancel the job); not null
     */
    public FaultPoint(int event, Runnable fault) {
        if (event < 0) {
            throw new IllegalArgumentException("event must not be negative, got " + event);
        }
        this.event = event;
        this.fault = Objects.requireNonNull(fault, "fault is null");
    }

    /** @return a point that never fires and only records the events: a dry run to count them */
    public static FaultPoint counter() {
        return new FaultPoint(0, () -> { });
    }

    @Override
    public void update(ProgressEvent e) {
        seen.add(e.status() + " " + e.message().orElse(""));
        if (!fired && seen.size() == event) {
            fired = true;
            fault.run();
        }
    }

    /** @return whether the fault ran */
    public boolean fired() {
        return fired;
    }

    /** @return the events seen so far, as status and message */
    public List<String> events() {
        return List.copyOf(seen);
    }

    /** @return the event the fault runs at, as recorded; empty text before it was reached */
    public String where() {
        return event > 0 && event <= seen.size() ? seen.get(event - 1) : "";
    }
}
