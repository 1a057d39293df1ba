package dev.destsdk.file.catalog;

import dev.destsdk.file.store.ObjectKeys;

/**
 * A table of a lake: the database (the mapped schema) and the table (the mapped table name). Both are already made
 * safe by the destination's identifier policy, so each is one valid object-key segment.
 *
 * @param database the database, i.e. the mapped schema; one key segment
 * @param table the table; one key segment
 */
public record TableId(String database, String table) {
    /** Validates the components: each must be a single valid key segment. */
    public TableId {
        ObjectKeys.check(database);
        ObjectKeys.check(table);
        if (database.contains("/") || table.contains("/")) {
            throw new IllegalArgumentException("database and table must be single key segments: " + database + "."
                    + table);
        }
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
