package dev.destsdk.examples.benchmark.scenario;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a measured load reported.
 *
 * @param rows the rows the loader says it loaded or merged
 * @param externalPeakRss the peak RSS of an external loader process, if one ran
 * @param note a remark for the report (e.g. warnings the database raised); empty when none
 * @param countCheck an empty string when the counts the loader reported are the expected ones (or it reports
 *     none), else what differs, e.g. {@code updated 0 (expected 250000)}; the report adds it to the content check
 */
public record RunOutcome(long rows, OptionalLong externalPeakRss, String note, String countCheck) {

    /** Validates the components. */
    public RunOutcome {
        Objects.requireNonNull(externalPeakRss, "externalPeakRss is null");
        Objects.requireNonNull(note, "note is null");
        Objects.requireNonNull(countCheck, "countCheck is null");
    }

    /**
     * An outcome without count check.
     *
     * @param rows the rows loaded
     * @param externalPeakRss the peak RSS of an external loader process, if one ran
     * @param note a remark for the report; empty when none
     */
    public RunOutcome(long rows, OptionalLong externalPeakRss, String note) {
        this(rows, externalPeakRss, note, "");
    }

    /**
     * @param rows the rows loaded
     * @return an outcome without external process or note
     */
    public static RunOutcome rows(long rows) {
        return new RunOutcome(rows, OptionalLong.empty(), "");
    }

    /**
     * Compares reported counts with the expected ones.
     *
     * @param what the count's name, e.g. {@code inserted}
     * @param actual the reported count
     * @param expected the expected count
     * @return an empty string when equal, else {@code what actual (expected expected)}
     */
    public static String compare(String what, long actual, long expected) {
        return actual == expected ? "" : what + " " + actual + " (expected " + expected + ")";
    }
}
