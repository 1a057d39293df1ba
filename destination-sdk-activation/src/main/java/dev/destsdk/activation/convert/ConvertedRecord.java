package dev.destsdk.activation.convert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record converted for the API: its merge key values and API values. Immutable.
 *
 * @param mergeKeyValues the merge key values in plan order; empty without merge keys
 * @param values API field name to value (null clears a field)
 * @param sizeBytes the estimated size in a request body
 */
public record ConvertedRecord(List<String> mergeKeyValues, Map<String, Object> values, int sizeBytes) {
    /** Copies the components. */
    public ConvertedRecord {
        mergeKeyValues = List.copyOf(mergeKeyValues);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values is null")));
    }
}
