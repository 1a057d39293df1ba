package dev.destsdk.activation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One converted record in a {@link WriteBatch}: what the connector sends for it. Immutable.
 *
 * @param correlationId the id the SDK assigned to the input record; the connector must return the record's
 *     {@link RecordOutcome} under this id (for example by sending it as the API's trace id), never rely on response
 *     order alone
 * @param mergeKeyValues the values of the batch's merge keys, in {@link WriteBatch#mergeKeys()} order; empty for an
 *     INSERT without merge keys
 * @param values API field name to value, in mapping order: {@code String}, {@code BigDecimal}, {@code BigInteger},
 *     {@code Boolean}, {@code LocalDate}, {@code Instant}, {@link LookupReference}, or null (clear the field, only
 *     when {@code insert_nulls} is on). For UPDATE and UPSERT the merge key fields are not repeated here.
 * @param sizeBytes the estimated size of the entry in a request body
 */
public record BatchEntry(long correlationId, List<String> mergeKeyValues, Map<String, Object> values,
                         int sizeBytes) {
    /** Validates and copies the components (null values are kept). */
    public BatchEntry {
        mergeKeyValues = List.copyOf(mergeKeyValues);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values is null")));
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes is negative");
        }
    }
}
