package dev.destsdk.examples.cli;

import dev.destsdk.core.control.ProgressEvent;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of one table or destination: a progress bar (me.tongfei:progressbar) on a terminal, plain lines
 * otherwise (one when the work starts, one per data file, one at the end). Thread-safe.
 */
final class Progress implements AutoCloseable {
    private final String name;
    private final PrintStream out;
    private final ProgressBar bar;
    private long base;
    private long lastLine = -1;

    private Progress(String name, PrintStream out, ProgressBar bar) {
        this.name = name;
        this.out = out;
        this.bar = bar;
    }

    /**
     * @param name what is loading
     * @param total rows expected, or -1 when unknown
     * @param out where plain lines go
     * @param bars whether to draw a bar (on a terminal)
     * @return the progress
     */
    static Progress start(String name, long total, PrintStream out, boolean bars) {
        if (bars) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" rows", 1).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(out)).continuousUpdate().build();
            return new Progress(name, out, bar);
        }
        synchronized (out) {
            out.println(name + ": started" + (total >= 0 ? String.format(Locale.ROOT, " (%,d rows)", total) : ""));
        }
        return new Progress(name, out, null);
    }

    /** Adds the rows of a finished step (e.g. one table of a destination) to the base the next events count on. */
    synchronized void stepDone(long rows) {
        base += rows;
        if (bar != null) {
            bar.stepTo(base);
        }
    }

    /** @param event a progress event of the current step */
    synchronized void update(ProgressEvent event) {
        long rows = Math.max(event.rowsProcessed(), event.rowsLoaded() + event.rowsFailed());
        if (bar != null) {
            bar.stepTo(base + rows);
            event.message().ifPresent(m -> bar.setExtraMessage(" " + event.phase()));
            return;
        }
        if (event.filesTotal() > 0 && event.filesDone() != lastLine && event.phase().equals("load")) {
            lastLine = event.filesDone();
            synchronized (out) {
                out.println(String.format(Locale.ROOT, "%s: %s %d/%d file(s), %,d row(s)", name, event.phase(),
                        event.filesDone(), event.filesTotal(), base + rows));
            }
        }
    }

    /** @param message the end line (plain mode) */
    synchronized void finish(String message) {
        if (bar != null) {
            bar.setExtraMessage(" " + message);
            bar.close();
        } else {
            synchronized (out) {
                out.println(name + ": " + message);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
