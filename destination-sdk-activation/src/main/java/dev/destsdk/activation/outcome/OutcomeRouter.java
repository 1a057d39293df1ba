package dev.destsdk.activation.outcome;

import dev.destsdk.core.record.RecordProcessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place that writes records to the success and error processors in the seed's formats: a success is
 * {@code _ID} followed by the mapped source columns, a failure the mapped source columns followed by {@code _ERROR}.
 * Counts what it routed. Not thread-safe: the engine's coordinating thread uses it.
 */
public final class OutcomeRouter {
    /** The column holding the API's id of a record that succeeded. */
    public static final String ID_COLUMN = "_ID";
    /** The column holding the reason a record failed. */
    public static final String ERROR_COLUMN = "_ERROR";

    private final RecordProcessor success;
    private final RecordProcessor error;
    private final List<String> columns;
    private long succeeded;
    private long failed;

    /**
     * @param success the executor's success processor; not null
     * @param error the executor's error processor; not null
     * @param columns the mapped source columns, in order; not null
     */
    public OutcomeRouter(RecordProcessor success, RecordProcessor error, List<String> columns) {
        this.success = Objects.requireNonNull(success, "success is null");
        this.error = Objects.requireNonNull(error, "error is null");
        this.columns = List.copyOf(columns);
    }

    /**
     * @param sourceValues the record's mapped source values, in column order; not null
     * @param id the API's id; not null
     */
    public void succeeded(List<String> sourceValues, String id) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(ID_COLUMN, id);
        put(record, sourceValues);
        success.processRecord(record);
        succeeded++;
    }

    /**
     * @param sourceValues the record's mapped source values, in column order; not null
     * @param reason why it failed; not null
     */
    public void failed(List<String> sourceValues, String reason) {
        Map<String, Object> record = new LinkedHashMap<>();
        put(record, sourceValues);
        record.put(ERROR_COLUMN, reason);
        error.processRecord(record);
        failed++;
    }

    /** @return records routed to the success processor */
    public long succeededCount() {
        return succeeded;
    }

    /** @return records routed to the error processor */
    public long failedCount() {
        return failed;
    }

    private void put(Map<String, Object> record, List<String> values) {
        for (int i = 0; i < columns.size(); i++) {
            record.put(columns.get(i), values.get(i));
        }
    }
}
