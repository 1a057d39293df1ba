package dev.destsdk.examples.benchmark.data;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Properties;

/**
 * Aggregates that identify a table's content well enough to catch a lossy load: NULL versus empty string, lost or
 * altered text, decimals and integers. Both the generator (expected) and the verification query (actual) produce
 * them.
 *
 * @param rows row count
 * @param nonNullQty rows whose {@code qty} is not NULL
 * @param sumQty the sum of {@code qty}
 * @param sumAmount the sum of {@code amount}, scale 4
 * @param descriptionChars the total length of {@code description} in characters (code points)
 * @param nonNullNote rows whose {@code note} is not NULL
 * @param emptyNote rows whose {@code note} is the empty string
 */
public record DatasetStats(long rows, long nonNullQty, long sumQty, BigDecimal sumAmount, long descriptionChars,
                           long nonNullNote, long emptyNote) {

    /** Validates the components and normalises the decimal's scale to 4. */
    public DatasetStats {
        Objects.requireNonNull(sumAmount, "sumAmount is null");
        sumAmount = sumAmount.setScale(4);
    }

    /**
     * Writes the stats as properties.
     *
     * @param target where to write; not null
     * @param prefix the key prefix, e.g. {@code file.}; not null
     */
    public void writeTo(Properties target, String prefix) {
        target.setProperty(prefix + "rows", Long.toString(rows));
        target.setProperty(prefix + "nonNullQty", Long.toString(nonNullQty));
        target.setProperty(prefix + "sumQty", Long.toString(sumQty));
        target.setProperty(prefix + "sumAmount", sumAmount.toPlainString());
        target.setProperty(prefix + "descriptionChars", Long.toString(descriptionChars));
        target.setProperty(prefix + "nonNullNote", Long.toString(nonNullNote));
        target.setProperty(prefix + "emptyNote", Long.toString(emptyNote));
    }

    /**
     * @param source properties written by {@link #writeTo}; not null
     * @param prefix the key prefix; not null
     * @return the stats
     * @throws IllegalArgumentException when a key is missing or malformed
     */
    public static DatasetStats readFrom(Properties source, String prefix) {
        return new DatasetStats(longValue(source, prefix + "rows"), longValue(source, prefix + "nonNullQty"),
                longValue(source, prefix + "sumQty"), new BigDecimal(value(source, prefix + "sumAmount")),
                longValue(source, prefix + "descriptionChars"), longValue(source, prefix + "nonNullNote"),
                longValue(source, prefix + "emptyNote"));
    }

    /**
     * Describes how {@code actual} differs from this (expected).
     *
     * @param actual what a table holds; not null
     * @return an empty string when equal, else a list of differences such as {@code emptyNote 0 (expected 12)}
     */
    public String differences(DatasetStats actual) {
        StringBuilder sb = new StringBuilder();
        diff(sb, "rows", rows, actual.rows);
        diff(sb, "nonNullQty", nonNullQty, actual.nonNullQty);
        diff(sb, "sumQty", sumQty, actual.sumQty);
        if (sumAmount.compareTo(actual.sumAmount) != 0) {
            sep(sb).append("sumAmount ").append(actual.sumAmount.toPlainString()).append(" (expected ")
                    .append(sumAmount.toPlainString()).append(')');
        }
        diff(sb, "descriptionChars", descriptionChars, actual.descriptionChars);
        diff(sb, "nonNullNote", nonNullNote, actual.nonNullNote);
        diff(sb, "emptyNote", emptyNote, actual.emptyNote);
        return sb.toString();
    }

    private static void diff(StringBuilder sb, String name, long expected, long actual) {
        if (expected != actual) {
            sep(sb).append(name).append(' ').append(actual).append(" (expected ").append(expected).append(')');
        }
    }

    private static StringBuilder sep(StringBuilder sb) {
        return sb.isEmpty() ? sb : sb.append("; ");
    }

    private static long longValue(Properties p, String key) {
        return Long.parseLong(value(p, key));
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing property '" + key + "'");
        }
        return v;
    }

    /** Sums rows into stats; rows can also be taken out again (a MERGE replaces them). Not thread-safe. */
    public static final class Accumulator {
        private long rows;
        private long nonNullQty;
        private long sumQty;
        private long sumAmountUnscaled;
        private long descriptionChars;
        private long nonNullNote;
        private long emptyNote;

        /** Starts from an empty table. */
        public Accumulator() {
        }

        /**
         * Starts from existing stats.
         *
         * @param start the stats to start from; not null
         */
        public Accumulator(DatasetStats start) {
            rows = start.rows;
            nonNullQty = start.nonNullQty;
            sumQty = start.sumQty;
            sumAmountUnscaled = start.sumAmount.unscaledValue().longValueExact();
            descriptionChars = start.descriptionChars;
            nonNullNote = start.nonNullNote;
            emptyNote = start.emptyNote;
        }

        /** @param row a row the table gains; not null */
        public void add(BenchRow row) {
            apply(row, 1);
        }

        /** @param row a row the table loses; not null */
        public void remove(BenchRow row) {
            apply(row, -1);
        }

        private void apply(BenchRow row, int sign) {
            rows += sign;
            if (row.qty().isPresent()) {
                nonNullQty += sign;
                sumQty += sign * (long) row.qty().getAsInt();
            }
            sumAmountUnscaled += sign * row.amount().setScale(4).unscaledValue().longValueExact();
            descriptionChars += sign * (long) row.description().codePointCount(0, row.description().length());
            if (row.note().isPresent()) {
                nonNullNote += sign;
                if (row.note().get().isEmpty()) {
                    emptyNote += sign;
                }
            }
        }

        /** @return the stats so far */
        public DatasetStats stats() {
            return new DatasetStats(rows, nonNullQty, sumQty, BigDecimal.valueOf(sumAmountUnscaled, 4),
                    descriptionChars, nonNullNote, emptyNote);
        }
    }
}
