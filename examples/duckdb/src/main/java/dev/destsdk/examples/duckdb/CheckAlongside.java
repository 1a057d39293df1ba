package dev.destsdk.examples.duckdb;

import dev.destsdk.jdbc.bulk.CsvChunkStream;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's check of a data file, run on its own thread while DuckDB's statement reads the same file: the check's
 * stream ({@link CsvChunkStream}, bad input ends it early) is read to its end and its output dropped. Once the check
 * fails, the statement {@link #watch watched} is cancelled, again and again until it ended (DuckDB's
 * {@link Statement#cancel()} does nothing to a statement that has not started yet), so that a bad record early in a
 * large file does not wait for DuckDB to read the rest.
 *
 * <p>Lifecycle: {@link #start}, then {@link #watch} and {@link #statementEnded} around the statement on the loading
 * thread, then {@link #finish} or {@link #abandon}, which return once the thread ended; only then is the stream's
 * outcome (records, failure) read. One loading thread uses an instance.
 */
final class CheckAlongside implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckAlongside.class);
    /** The thread's name, which tests look for. */
    static final String THREAD_NAME = "destsdk-duckdb-check";
    private static final int BUFFER = 1 << 16;
    private static final long CANCEL_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final CsvChunkStream stream;
    private final Thread thread;
    private volatile boolean abandoned;
    private Statement statement;
    private boolean statementEnded;
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
     * @param stream the checking stream over the file; not null; closed by the caller after {@link #finish}
     * @return the running check
     */
    static CheckAlongside start(CsvChunkStream stream) {
        CheckAlongside check = new CheckAlongside(stream);
        check.thread.start();
        return check;
    }

    @Override
    public void run() {
        try {
            byte[] buffer = new byte[BUFFER];
            while (!abandoned && stream.read(buffer) >= 0) {
                // the output is the rewritten file, which DuckDB does not need: it reads the file itself
            }
        } catch (IOException e) {
            if (!abandoned) {
                failure = e;
            }
        } catch (RuntimeException e) {
            bug = e;
        }
        if (stream.failure().isPresent()) {
            cancelUntilEnded();
        }
    }

    private void cancelUntilEnded() {
        while (!abandoned) {
            synchronized (this) {
                if (statementEnded) {
                    return;
                }
                if (statement != null) {
                    try {
                        statement.cancel();
                    } catch (SQLException | RuntimeException e) {
                        LOG.debug("cancelling DuckDB's statement after bad input failed: {}", e.toString());
                    }
                }
            }
            LockSupport.parkNanos(CANCEL_EVERY_NANOS);
        }
    }

    /**
     * Registers the statement that reads the file, to be cancelled when the check fails.
     *
     * @param st the statement, before it runs; not null
     */
    synchronized void watch(Statement st) {
        statement = st;
    }

    /** Notes that the statement ended (it is closed next): it is not cancelled any more. */
    synchronized void statementEnded() {
        statementEnded = true;
        statement = null;
    }

    /**
     * Waits for the check to read the whole file (or fail).
     *
     * @throws IOException when the file could not be read
     * @throws RuntimeException what the check threw beyond bad input (a defect)
     */
    void finish() throws IOException {
        statementEnded();
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
        statementEnded();
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
