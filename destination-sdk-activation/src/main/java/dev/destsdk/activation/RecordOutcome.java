package dev.destsdk.activation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one record of a batch, as the connector read it from the API's answer.
 */
public sealed interface RecordOutcome {

    /**
     * The record was written.
     *
     * @param id the API's id of the record; not null
     */
    record Succeeded(String id) implements RecordOutcome {
        /** Validates the id. */
        public Succeeded {
            Objects.requireNonNull(id, "id is null");
        }
    }

    /**
     * The API refused the record for a reason a retry does not fix (validation, not found, duplicate).
     *
     * @param reason the API's reason, short; not null
     */
    record Failed(String reason) implements RecordOutcome {
        /** Validates the reason. */
        public Failed {
            Objects.requireNonNull(reason, "reason is null");
        }
    }

    /**
     * The record was not written for a reason a retry may fix (a lock, a transient error).
     *
     * @param reason the reason; not null
     * @param retryAfter how long the API asks to wait, if it says
     */
    record Retryable(String reason, Optional<Duration> retryAfter) implements RecordOutcome {
        /** Validates the components. */
        public Retryable {
            Objects.requireNonNull(reason, "reason is null");
            Objects.requireNonNull(retryAfter, "retryAfter is null");
        }
    }
}
