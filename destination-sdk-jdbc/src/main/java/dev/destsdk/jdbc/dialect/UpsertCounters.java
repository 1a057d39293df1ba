package dev.destsdk.jdbc.dialect;

import java.util.Objects;

/**
 * How a load learns the counts of an upsert whose statement returns none but counts its rows into the session as it
 * runs ({@link SqlDialect#upsertCounters}; MariaDB: user variables assigned inside the statement). The load runs
 * {@code reset}, then the upsert, then {@code read}, one after the other on the upsert's connection and in its
 * transaction.
 *
 * <p>Immutable.
 *
 * @param reset the statement that sets the counters to zero; not null
 * @param read the query that returns one row of two numbers, the rows the upsert updated (changed or not) and the
 *     rows it inserted; neither is NULL after {@code reset} and the upsert ran; not null
 */
public record UpsertCounters(String reset, String read) {

    /** Validates the components. */
    public UpsertCounters {
        Objects.requireNonNull(reset, "reset is null");
        Objects.requireNonNull(read, "read is null");
    }
}
