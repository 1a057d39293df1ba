package dev.destsdk.examples.duckdb;

import dev.destsdk.jdbc.bulk.CsvChunkStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's check of a data file, run on its own thread while DuckDB's statement reads the same file: the check's
 * stream ({@link CsvChunkStream}, bad input ends it early; a check-only stream, which produces no output) is
 * advanced to its end one input buffer at a time, so that {@link #abandon} takes effect within a buffer.
 *
 * <p>A failed check does not cancel DuckDB's statement, which then reads on to the end of the file: an interrupt
 * that lands as a DuckDB statement ends makes DuckDB end the whole transaction, after which the caller's rollback
 * and its return to auto-commit fail (DuckDB 1.5.6; only the job's cancellation interrupts a statement).
 *
 * <p>Lifecycle: {@link #start}, the statement on the loading thread, then {@link #finish} or {@link #abandon}, which
 * return once the thread ended; only then is the stream's outcome (records, failure) read. One loading thread uses
 * an instance.
 */
final class CheckAlongside implements Runnable {
    /** The thread's name, which tests look for. */
    static final String THREAD_NAME = "destsdk-duckdb-check";
    private static final Logger LOG = LoggerFactory.getLogger(CheckAlongside.class);

    private final CsvChunkStream stream;
    private final Thread thread;
    private volatile boolean abandoned;
    private IOException failure;
    private RuntimeException bug;

    private CheckAlongside(CsvChunkStream stream) {
        this.stream = stream;
        this.thread = new Thread(this, THREAD_NAME);
        thread.setDaemon(true);
    }

    /**
     * Starts checking.
     *
     * @param stream the checking stream over the file (a {@code CsvPassThrough.checkOnly} stream, or any stream whose
     *     output may be dropped); not null; closed by the caller after {@link #finish}
     * @return the running check
     */
    static CheckAlongside start(CsvChunkStream stream) {
        CheckAlongside check = new CheckAlongside(stream);
        check.thread.start();
        return check;
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        try {
            while (!abandoned && stream.advance()) {
                // one input buffer checked per step; no output is produced (DuckDB reads the file itself)
            }
        } catch (IOException e) {
            if (!abandoned) {
                failure = e;
            }
        } catch (RuntimeException e) {
            bug = e;
        }
        if (LOG.isDebugEnabled()) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
            LOG.debug("checked {} record(s) in {} ms ({} ms of CPU)", stream.records(),
                    (System.nanoTime() - started) / 1_000_000, cpu < 0 ? "unknown" : cpu / 1_000_000);
        }
    }

    /**
     * Waits for the check to read the whole file (or fail).
     *
     * @throws IOException when the file could not be read
     * @throws RuntimeException what the check threw beyond bad input (a defect)
     */
    void finish() throws IOException {
        join();
        if (bug != null) {
            throw bug;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops the check at its next chunk (the load is cancelled or failed anyway) and waits for its thread. */
    void abandon() {
        abandoned = true;
        join();
    }

    private void join() {
        joinUninterruptibly(thread);
    }

    /**
     * Waits for a thread to end, even when this one is interrupted meanwhile (its interrupt is kept for later).
     *
     * @param thread the thread; not null
     */
    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
