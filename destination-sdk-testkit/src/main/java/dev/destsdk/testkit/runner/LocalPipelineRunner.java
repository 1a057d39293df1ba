package dev.destsdk.testkit.runner;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.spi.Destination;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the pipeline executor for one {@link Destination}: writes a run's rows into data files, then drives
 * {@code mapToTargetObject → stage → load} exactly as a platform would, and reports what happened.
 *
 * <p>Usable from tests and from a plain {@code main}:
 * <pre>{@code
 * try (Destination destination = factory.create(config)) {
 *     LocalPipelineRunner runner = new LocalPipelineRunner(destination, Path.of("build/pipelines"));
 *     Pipeline pipeline = runner.newPipeline();
 *     RunResult first = pipeline.run(RunSpec.builder(customers).addRow(1L, "Ada").loadMode(LoadMode.MERGE).build());
 *     RunResult second = pipeline.run(RunSpec.builder(customers).addRow(1L, "Ada L.").build()); // not a first run
 *     log.info("{}", second.summary());
 * }
 * }</pre>
 *
 * <p>Each {@link Pipeline} remembers the mapped object its last successful run applied per source object, so a
 * second run passes it as {@code existingMappedObject} and {@code mappedLastAppliedSourceMetadata}, as a platform
 * does. Each run writes into a fresh directory under the pipeline's directory:
 * <ul>
 *   <li>{@code success_part_00000.csv}, {@code success_part_00001.csv}, ... (the format's suffix, e.g.
 *       {@code .csv.gz}): the rows, at most {@link RunSpec#rowsPerFile()} per file, with the source field names as
 *       header (as many header rows as the format's {@code skipHeader}); no file when there are no rows;</li>
 *   <li>{@code error_part_00000.csv}, ...: the rows that failed upstream, with the source field names plus
 *       {@value #ERROR_COLUMN}; a destination must never load them.</li>
 * </ul>
 * Data files hold only the source fields; the destination adds its tracking columns.
 *
 * <p>The runner does not close the destination. Creating pipelines is thread-safe; a pipeline runs one run at a
 * time. Failures of the destination are thrown as they are ({@link ConnectorException}); the pipeline then keeps
 * its previous memory.
 */
public final class LocalPipelineRunner {

    /** The column error files carry the failure reason in. */
    public static final String ERROR_COLUMN = "_ERROR";

    private final Destination destination;
    private final Path workRoot;
    private final Clock clock;
    private final AtomicInteger pipelineCounter = new AtomicInteger();

    /**
     * A runner whose default sync times come from the UTC system clock.
     *
     * @param destination the destination to drive; not null; not closed by the runner
     * @param workRoot the directory under which pipelines write their data files; created when missing; not null
     */
    public LocalPipelineRunner(Destination destination, Path workRoot) {
        this(destination, workRoot, Clock.systemUTC());
    }

    /**
     * @param destination the destination to drive; not null; not closed by the runner
     * @param workRoot the directory under which pipelines write their data files; created when missing; not null
     * @param clock where default sync times come from (truncated to microseconds); not null
     */
    public LocalPipelineRunner(Destination destination, Path workRoot, Clock clock) {
        this.destination = Objects.requireNonNull(destination, "destination is null");
        this.workRoot = Objects.requireNonNull(workRoot, "workRoot is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** @return the destination this runner drives */
    public Destination destination() {
        return destination;
    }

    /** @return the directory under which pipelines write */
    public Path workRoot() {
        return workRoot;
    }

    /** @return the clock default sync times come from */
    Clock clock() {
        return clock;
    }

    /**
     * Starts a pipeline with no memory: its first run of each source object is a first run.
     *
     * @return the pipeline, with its own directory {@code pipeline-<n>} under the work root
     * @throws ConnectorException IO_ERROR when the directory cannot be created
     */
    public Pipeline newPipeline() {
        try {
            Files.createDirectories(workRoot);
            while (true) {
                String id = "pipeline-" + pipelineCounter.incrementAndGet();
                try {
                    return new Pipeline(this, id, Files.createDirectory(workRoot.resolve(id)));
                } catch (FileAlreadyExistsException e) {
                    // Another runner used this work root: take the next number.
                }
            }
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot create a pipeline directory under "
                    + workRoot + ": " + e.getMessage() + "; pass a writable work root").cause(e).build();
        }
    }

    /**
     * Runs a spec in a new pipeline: a first run unless the spec names a previous mapped object.
     *
     * @param spec what to load; not null
     * @return what happened
     * @throws ConnectorException what the destination threw, or a VALIDATION_ERROR for rows that do not fit the
     *     source object
     */
    public RunResult runOnce(RunSpec spec) {
        return newPipeline().run(spec);
    }
}
