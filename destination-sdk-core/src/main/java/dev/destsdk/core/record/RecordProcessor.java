package dev.destsdk.core.record;

import java.util.Map;

/**
 * Receives records a destination routes out of a load: rows that failed (with the reason under {@code _ERROR}) or
 * rows that succeeded (with the created id under {@code _ID}) for activation targets. Provided by the executor.
 *
 * <p>Called on the destination's working thread, in the order outcomes are known. Implementations must not keep the
 * map; its iteration order is the record's column order.
 */
@FunctionalInterface
public interface RecordProcessor {

    /**
     * Receives one record.
     *
     * @param record column name to value (values may be null); not null
     */
    void processRecord(Map<String, Object> record);

    /** @return a processor that drops every record */
    static RecordProcessor discarding() {
        return record -> { };
    }
}
