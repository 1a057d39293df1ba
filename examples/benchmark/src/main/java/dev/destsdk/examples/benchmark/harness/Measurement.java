package dev.destsdk.examples.benchmark.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What one child run reports back to the parent, through a properties file.
 *
 * @param scenario the scenario id
 * @param status whether it ran, could not run, or failed
 * @param wallNanos wall time of the measured section
 * @param rows rows the load reported
 * @param peakHeapUsed the child's peak heap occupancy during the section
 * @param maxHeapAfterGc the child's largest live heap after a collection during the section
 * @param collections garbage collections during the section
 * @param maxHeap the child's heap limit
 * @param peakRss the child's peak resident set size, if known
 * @param externalPeakRss the peak RSS of an external loader process (psql), if one ran
 * @param check an empty string when the table holds exactly the expected content, else the differences
 * @param message why the run could not run or failed, or a note; empty when none
 * @param loadAverage the machine's 1-minute load average at the start and at the end of the measured section,
 *     e.g. {@code 2.10-3.05}; empty when unknown
 */
public record Measurement(String scenario, Status status, long wallNanos, long rows, long peakHeapUsed,
                          long maxHeapAfterGc, long collections, long maxHeap, OptionalLong peakRss,
                          OptionalLong externalPeakRss, String check, String message, String loadAverage) {

    /** How a run ended. */
    public enum Status {
        /** Measured. */
        OK,
        /** Not measurable here, e.g. no connector for the type on the class path; no figures. */
        UNAVAILABLE,
        /** Failed; no figures. */
        FAILED
    }

    /** Validates the components. */
    public Measurement {
        Objects.requireNonNull(scenario, "scenario is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(peakRss, "peakRss is null");
        Objects.requireNonNull(externalPeakRss, "externalPeakRss is null");
        Objects.requireNonNull(check, "check is null");
        Objects.requireNonNull(message, "message is null");
        Objects.requireNonNull(loadAverage, "loadAverage is null");
    }

    /**
     * A run without figures.
     *
     * @param scenario the scenario id; not null
     * @param status UNAVAILABLE or FAILED; not null
     * @param message why; not null
     * @return the measurement
     */
    public static Measurement without(String scenario, Status status, String message) {
        return new Measurement(scenario, status, 0, 0, 0, 0, 0, 0, OptionalLong.empty(), OptionalLong.empty(), "",
                message, "");
    }

    /** @return true when the table held exactly the expected content */
    public boolean exact() {
        return status == Status.OK && check.isEmpty();
    }

    /**
     * @param file where to write; replaced
     * @throws IOException when it cannot be written
     */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("scenario", scenario);
        p.setProperty("status", status.name());
        p.setProperty("wallNanos", Long.toString(wallNanos));
        p.setProperty("rows", Long.toString(rows));
        p.setProperty("peakHeapUsed", Long.toString(peakHeapUsed));
        p.setProperty("maxHeapAfterGc", Long.toString(maxHeapAfterGc));
        p.setProperty("collections", Long.toString(collections));
        p.setProperty("maxHeap", Long.toString(maxHeap));
        peakRss.ifPresent(v -> p.setProperty("peakRss", Long.toString(v)));
        externalPeakRss.ifPresent(v -> p.setProperty("externalPeakRss", Long.toString(v)));
        p.setProperty("check", check);
        p.setProperty("message", message);
        p.setProperty("loadAverage", loadAverage);
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, null);
        }
    }

    /**
     * @param file a file written by {@link #write}
     * @return the measurement, if the file exists and is complete
     * @throws IOException when it exists but cannot be read
     */
    public static Optional<Measurement> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        if (p.getProperty("status") == null) {
            return Optional.empty();
        }
        return Optional.of(new Measurement(p.getProperty("scenario"), Status.valueOf(p.getProperty("status")),
                num(p, "wallNanos"), num(p, "rows"), num(p, "peakHeapUsed"), num(p, "maxHeapAfterGc"),
                num(p, "collections"), num(p, "maxHeap"), opt(p, "peakRss"), opt(p, "externalPeakRss"),
                p.getProperty("check", ""), p.getProperty("message", ""), p.getProperty("loadAverage", "")));
    }

    private static long num(Properties p, String key) {
        return Long.parseLong(p.getProperty(key, "0"));
    }

    private static OptionalLong opt(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
    }
}
