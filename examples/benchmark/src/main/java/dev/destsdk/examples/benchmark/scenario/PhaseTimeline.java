package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.core.control.ProgressCallback;
import dev.destsdk.core.control.ProgressEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A progress callback that timestamps every event a destination reports, to show where an SDK load spends its
 * time (e.g. when staging ended and the MERGE statements began). Used by the one thread that runs the load.
 */
final class PhaseTimeline implements ProgressCallback {
    private static final Logger LOG = LoggerFactory.getLogger(PhaseTimeline.class);
    private static final int MAX_MESSAGE = 90;

    private final long started = System.nanoTime();
    private final List<String> entries = new ArrayList<>();

    @Override
    public void update(ProgressEvent event) {
        double at = (System.nanoTime() - started) / 1e9;
        String message = event.message().orElse(event.status().name().toLowerCase(Locale.ROOT));
        LOG.info("+{} s {} {}: {}", String.format(Locale.ROOT, "%.2f", at), event.phase(), event.status(), message);
        String shortMessage = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
        entries.add(String.format(Locale.ROOT, "%.1f s %s", at, shortMessage));
    }

    /**
     * @param end what happened at the end, e.g. {@code closed}
     * @return the events as {@code 0.3 s reading … → 15.2 s loaded … → 27.1 s closed}
     */
    String summary(String end) {
        List<String> all = new ArrayList<>(entries);
        all.add(String.format(Locale.ROOT, "%.1f s %s", (System.nanoTime() - started) / 1e9, end));
        return String.join(" → ", all);
    }
}
