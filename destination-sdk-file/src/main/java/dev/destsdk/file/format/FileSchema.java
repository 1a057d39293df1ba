package dev.destsdk.file.format;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The columns of the data files of one table, in order; names are unique.
 *
 * @param columns the columns; not empty
 */
public record FileSchema(List<FileColumn> columns) {
    /** Validates the components and copies the list. */
    public FileSchema {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a file schema needs at least one column");
        }
        Set<String> names = new HashSet<>();
        for (FileColumn c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("column " + c.name() + " appears twice");
            }
        }
    }

    /** @return the number of columns */
    public int size() {
        return columns.size();
    }

    /**
     * @param index the 0-based position
     * @return the column there
     */
    public FileColumn column(int index) {
        return columns.get(index);
    }
}
