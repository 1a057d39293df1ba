package dev.destsdk.core.csv;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One data record read from a CSV file.
 *
 * @param file the file's name, for error messages; not null
 * @param recordNumber 1-based number of this record among the data records (header rows excluded)
 * @param lineNumber 1-based physical line on which the record starts
 * @param values the field values in column order; an element is null when the field is NULL per the format;
 *     unmodifiable
 */
public record CsvRow(String file, long recordNumber, long lineNumber, List<String> values) {

    /** Validates and copies the components (null elements allowed). */
    public CsvRow {
        Objects.requireNonNull(file, "file is null");
        values = Collections.unmodifiableList(new java.util.ArrayList<>(Objects.requireNonNull(values, "values is null")));
    }

    /** @return the number of fields */
    public int size() {
        return values.size();
    }

    /**
     * @param index 0-based column
     * @return the value, or null for NULL
     */
    public String get(int index) {
        return values.get(index);
    }
}
