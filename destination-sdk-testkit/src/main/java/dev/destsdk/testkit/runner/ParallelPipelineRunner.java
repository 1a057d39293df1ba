package dev.destsdk.testkit.runner;

import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.spi.Destination;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays an executor that loads several tables at once: each {@link RunSpec} (one table) runs on its own worker, with
 * its own {@link Destination} instance (so its own connection: a destination instance is used by one thread at a
 * time) in its own {@link Pipeline}, at most {@code parallelism} at a time. A table that fails is reported in its
 * {@link TableRun} and does not stop the others.
 *
 * <pre>{@code
 * List<TableRun> runs = new ParallelPipelineRunner(() -> factory.create(config), workDir, 4)
 *         .run(specs, (index, event) -> log.info("table {}: {}", index, event));
 * }</pre>
 *
 * <p>Threading: {@link #run} blocks until every table ended; the listener is called on the workers' threads, so it
 * must be thread-safe. The runner creates and closes one destination per table.
 */
public final class ParallelPipelineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelPipelineRunner.class);

    private final Supplier<? extends Destination> destinations;
    private final boolean closeDestinations;
    private final Path workRoot;
    private final int parallelism;

    /**
     * @param destinations creates a new destination for each table (called on the table's worker); not null
     * @param workRoot the directory under which each table's pipeline writes; not null
     * @param parallelism how many tables load at once; at least 1
     */
    public ParallelPipelineRunner(Supplier<? extends Destination> destinations, Path workRoot, int parallelism) {
        this(destinations, true, workRoot, parallelism);
    }

    private ParallelPipelineRunner(Supplier<? extends Destination> destinations, boolean closeDestinations,
                                   Path workRoot, int parallelism) {
        this.destinations = Objects.requireNonNull(destinations, "destinations is null");
        this.closeDestinations = closeDestinations;
        this.workRoot = Objects.requireNonNull(workRoot, "workRoot is null");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /**
     * A runner whose tables all load through one destination instance, for a destination that declares
     * {@link dev.destsdk.core.capability.ConnectorCapabilitiesConfig#supportsParallelization()} (e.g. an embedded
     * database file that only one instance of the process may open); each load still opens its own connection.
     *
     * @param destination the shared destination; not closed by the runner; not null
     * @param workRoot the directory under which each table's pipeline writes; not null
     * @param parallelism how many tables load at once; at least 1
     * @return the runner
     * @throws IllegalArgumentException when the destination does not declare parallel use of one instance
     */
    public static ParallelPipelineRunner sharing(Destination destination, Path workRoot, int parallelism) {
        Objects.requireNonNull(destination, "destination is null");
        if (parallelism > 1 && !destination.getCapabilitiesConfig().supportsParallelization()) {
            throw new IllegalArgumentException(destination.name() + " does not declare supportsParallelization:"
                    + " give each table its own instance");
        }
        return new ParallelPipelineRunner(() -> destination, false, workRoot, parallelism);
    }

    /** Receives the progress of the tables of a parallel run. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called on the table's worker thread with each progress event of its stage and load.
         *
         * @param index the table's index in the list of specs
         * @param event the event; not null
         */
        void onProgress(int index, ProgressEvent event);

        /**
         * Called on the table's worker thread when the table ended, successfully or not.
         *
         * @param run the table's outcome; not null
         */
        default void onEnd(TableRun run) {
        }
    }

    /**
     * What happened to one table.
     *
     * @param index the table's index in the list of specs
     * @param spec the table's spec; not null
     * @param result the run's result when it succeeded
     * @param failure what the destination (or the runner) threw when it failed, as a {@link ConnectorException}
     * @param elapsed the table's wall time, destination creation included; not null
     */
    public record TableRun(int index, RunSpec spec, Optional<RunResult> result, Optional<ConnectorException> failure,
                           Duration elapsed) {
        /** Validates the components: exactly one of result and failure. */
        public TableRun {
            Objects.requireNonNull(spec, "spec is null");
            Objects.requireNonNull(result, "result is null");
            Objects.requireNonNull(failure, "failure is null");
            Objects.requireNonNull(elapsed, "elapsed is null");
            if (result.isPresent() == failure.isPresent()) {
                throw new IllegalArgumentException("a table run has either a result or a failure");
            }
        }

        /** @return whether the table loaded */
        public boolean succeeded() {
            return result.isPresent();
        }
    }

    /**
     * Runs every spec and waits for all of them.
     *
     * @param specs one spec per table; not null
     * @param listener progress and end of each table; thread-safe; not null
     * @return one outcome per spec, in the specs' order
     * @throws ConnectorException CANCELLED when the calling thread is interrupted while waiting (workers are
     *     interrupted too)
     */
    public List<TableRun> run(List<RunSpec> specs, Listener listener) {
        Objects.requireNonNull(specs, "specs is null");
        Objects.requireNonNull(listener, "listener is null");
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, specs.size())), r -> {
            Thread t = new Thread(r, "destsdk-table-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TableRun>> futures = new ArrayList<>(specs.size());
            for (int i = 0; i < specs.size(); i++) {
                int index = i;
                RunSpec spec = Objects.requireNonNull(specs.get(i), "a spec is null");
                futures.add(pool.submit(() -> runOne(index, spec, listener)));
            }
            List<TableRun> runs = new ArrayList<>(specs.size());
            for (Future<TableRun> f : futures) {
                runs.add(f.get());
            }
            return runs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.builder(ErrorType.CANCELLED, "parallel run interrupted").cause(e).build();
        } catch (ExecutionException e) {
            // runOne catches everything; reaching here is a bug.
            throw ConnectorException.builder(ErrorType.INTERNAL_ERROR, "a table worker failed: " + e.getCause())
                    .cause(e.getCause()).build();
        } finally {
            pool.shutdownNow();
        }
    }

    private TableRun runOne(int index, RunSpec spec, Listener listener) {
        long start = System.nanoTime();
        TableRun run;
        Destination destination = null;
        try {
            destination = Objects.requireNonNull(destinations.get(), "the supplier returned null");
            RunResult result = new LocalPipelineRunner(destination, workRoot).newPipeline()
                    .run(spec, event -> listener.onProgress(index, event));
            if (closeDestinations) {
                Destination d = destination;
                destination = null;
                d.close();
            }
            run = new TableRun(index, spec, Optional.of(result), Optional.empty(), elapsed(start));
        } catch (ConnectorException e) {
            LOG.warn("table {} ({}) failed: {}", index, spec.sourceObject().getName(), e.getMessage());
            run = new TableRun(index, spec, Optional.empty(), Optional.of(e), elapsed(start));
        } catch (RuntimeException e) {
            LOG.warn("table {} ({}) failed", index, spec.sourceObject().getName(), e);
            ConnectorException wrapped = ConnectorException.builder(ErrorType.INTERNAL_ERROR,
                    "table " + spec.sourceObject().getName() + " failed: " + e).cause(e)
                    .object(spec.sourceObject().getName()).build();
            run = new TableRun(index, spec, Optional.empty(), Optional.of(wrapped), elapsed(start));
        } finally {
            if (closeDestinations && destination != null) {
                try {
                    destination.close();
                } catch (RuntimeException e) {
                    LOG.warn("closing the destination of table {} failed; ignored", index, e);
                }
            }
        }
        try {
            listener.onEnd(run);
        } catch (RuntimeException e) {
            LOG.warn("listener failed on the end of table {}; ignored", index, e);
        }
        return run;
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
