package dev.destsdk.activation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The connector's reading of the API's answer to one {@link WriteBatch}. The write engine decides what to do with
 * it: route per-record outcomes, wait and resend, or split the batch.
 */
public sealed interface BatchResult {

    /**
     * The API answered per record. An entry of the batch missing from {@code outcomes} is retried (bounded), an id not
     * in the batch is ignored.
     *
     * @param outcomes correlation id ({@link BatchEntry#correlationId()}) to outcome; not null
     */
    record PerRecord(Map<Long, RecordOutcome> outcomes) implements BatchResult {
        /** Copies the map. */
        public PerRecord {
            outcomes = Map.copyOf(outcomes);
        }
    }

    /**
     * The API throttled the call (429, or its own signal for it); nothing was written. Waiting for it does not use
     * the records' retry budget.
     *
     * @param retryAfter how long the API asks to wait ({@code Retry-After}), if it says
     * @param reason the API's message; not null
     */
    record Throttled(Optional<Duration> retryAfter, String reason) implements BatchResult {
        /** Validates the components. */
        public Throttled {
            Objects.requireNonNull(retryAfter, "retryAfter is null");
            Objects.requireNonNull(reason, "reason is null");
        }
    }

    /**
     * The call failed in a way a retry may fix (5xx, timeout, connection reset); nothing was written.
     *
     * @param reason what happened; not null
     * @param retryAfter how long the API asks to wait, if it says
     */
    record Retryable(String reason, Optional<Duration> retryAfter) implements BatchResult {
        /** Validates the components. */
        public Retryable {
            Objects.requireNonNull(reason, "reason is null");
            Objects.requireNonNull(retryAfter, "retryAfter is null");
        }
    }

    /**
     * The API refused the batch as a whole (one bad record in an all-or-nothing batch, an invalid batch); nothing
     * was written. The engine splits the batch and sends the halves until every record has its own answer; a single
     * record rejected whole fails with this reason.
     *
     * @param reason the API's reason; not null
     */
    record RejectedWhole(String reason) implements BatchResult {
        /** Validates the reason. */
        public RejectedWhole {
            Objects.requireNonNull(reason, "reason is null");
        }
    }
}
