package dev.destsdk.core.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a failure happened: the object (table, API object), the data file, the line or record number and the
 * column. Every part is optional; {@link #describe()} renders the present parts for messages.
 *
 * <p>Immutable and thread-safe.
 *
 * @param object the target object (table or API object) name, if known
 * @param file the data file, if known
 * @param line the 1-based physical line number in {@code file}, if known
 * @param record the 1-based record number in {@code file} (header rows excluded), if known
 * @param column the column name (or 1-based position when no name is known), if known
 */
public record ErrorContext(
        Optional<String> object,
        Optional<String> file,
        OptionalLong line,
        OptionalLong record,
        Optional<String> column) {

    /** A context with no parts. */
    public static final ErrorContext EMPTY =
            new ErrorContext(Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

    /** Validates that no component is null. */
    public ErrorContext {
        Objects.requireNonNull(object, "object is null");
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(line, "line is null");
        Objects.requireNonNull(record, "record is null");
        Objects.requireNonNull(column, "column is null");
    }

    /**
     * Renders the present parts, e.g. {@code file=success_part_00000.csv, line=12, column=amount}.
     *
     * @return the parts joined with {@code ", "}, or the empty string when there are none
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        object.ifPresent(o -> parts.add("object=" + o));
        file.ifPresent(f -> parts.add("file=" + f));
        line.ifPresent(l -> parts.add("line=" + l));
        record.ifPresent(r -> parts.add("record=" + r));
        column.ifPresent(c -> parts.add("column=" + c));
        return String.join(", ", parts);
    }

    /** @return true when no part is present */
    public boolean isEmpty() {
        return describe().isEmpty();
    }
}
