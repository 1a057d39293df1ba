package dev.destsdk.testkit.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A row that failed upstream, before the destination: the runner writes it to an {@code error_part_*} file, which a
 * destination must never load. Its values are text as the source sent them (they may be invalid for their types;
 * that is why they failed).
 *
 * @param values the source fields' texts in field order, null for NULL; unmodifiable
 * @param reason why the row failed; written to the {@value LocalPipelineRunner#ERROR_COLUMN} column; not null
 */
public record ErrorRow(List<String> values, String reason) {

    /** Validates and copies the components (null values allowed). */
    public ErrorRow {
        values = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(values, "values is null")));
        Objects.requireNonNull(reason, "reason is null");
    }

    /**
     * @param reason why the row failed; not null
     * @param values the texts, null for NULL
     * @return the row
     */
    public static ErrorRow of(String reason, String... values) {
        return new ErrorRow(java.util.Arrays.asList(values), reason);
    }
}
