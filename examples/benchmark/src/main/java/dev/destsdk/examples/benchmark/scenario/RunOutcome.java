package dev.destsdk.examples.benchmark.scenario;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a measured load reported.
 *
 * @param rows the rows the loader says it loaded or merged
 * @param externalPeakRss the peak RSS of an external loader process, if one ran
 * @param note a remark for the report (e.g. warnings the database raised); empty when none
 */
public record RunOutcome(long rows, OptionalLong externalPeakRss, String note) {

    /** Validates the components. */
    public RunOutcome {
        Objects.requireNonNull(externalPeakRss, "externalPeakRss is null");
        Objects.requireNonNull(note, "note is null");
    }

    /**
     * @param rows the rows loaded
     * @return an outcome without external process or note
     */
    public static RunOutcome rows(long rows) {
        return new RunOutcome(rows, OptionalLong.empty(), "");
    }
}
