package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.examples.benchmark.data.DatasetStats;

/**
 * One measured way of loading a data file. A child JVM runs exactly one scenario once:
 * <ol>
 *   <li>{@link #prepare}: untimed setup (fresh target table, templates, checkpoint); may throw
 *       {@link ScenarioUnavailableException} when the scenario cannot run here.</li>
 *   <li>{@link #run}: the measured section; wall time and heap are taken around it.</li>
 *   <li>{@link #expected} and {@link #actual}: untimed check of what the target table holds.</li>
 *   <li>{@link #cleanup}: untimed removal of what the run created, unless tables are kept.</li>
 * </ol>
 * Implementations are stateless between calls except for what they keep for one run; they are used by one thread.
 */
public interface Scenario {

    /** @return the scenario's id, e.g. {@code pg-load-psql} */
    String id();

    /** @return what the scenario does, for the report */
    String title();

    /**
     * Untimed setup.
     *
     * @param ctx the run's context; not null
     * @throws Exception when setup fails
     */
    void prepare(ScenarioContext ctx) throws Exception;

    /**
     * The measured load.
     *
     * @param ctx the run's context; not null
     * @return what the load reported
     * @throws Exception when the load fails
     */
    RunOutcome run(ScenarioContext ctx) throws Exception;

    /**
     * @param ctx the run's context; not null
     * @return what the target table should hold after the run
     * @throws Exception when the data set cannot be read
     */
    DatasetStats expected(ScenarioContext ctx) throws Exception;

    /**
     * @param ctx the run's context; not null
     * @return what the target table holds after the run
     * @throws Exception when the table cannot be read
     */
    DatasetStats actual(ScenarioContext ctx) throws Exception;

    /**
     * Untimed cleanup of the run's target table.
     *
     * @param ctx the run's context; not null
     * @throws Exception when cleanup fails
     */
    void cleanup(ScenarioContext ctx) throws Exception;
}
