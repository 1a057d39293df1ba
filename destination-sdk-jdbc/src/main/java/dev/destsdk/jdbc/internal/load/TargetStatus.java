package dev.destsdk.jdbc.internal.load;

import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.plan.TableLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The target table as a load finds it, read once before anything is planned: its columns (none when it does not
 * exist) and its unique indexes over exactly the key columns. An immutable value.
 *
 * @param columns the table's columns, in order; empty when the table does not exist
 * @param uniqueKeyIndexes the names of its unique indexes over exactly the layout's key columns; empty when it has
 *     none, when the layout has no key, or when the dialect cannot tell
 */
public record TargetStatus(List<ExistingColumn> columns, List<String> uniqueKeyIndexes) {

    /** A target that does not exist. */
    public static final TargetStatus ABSENT = new TargetStatus(List.of(), List.of());

    /** Copies the lists. */
    public TargetStatus {
        columns = List.copyOf(columns);
        uniqueKeyIndexes = List.copyOf(uniqueKeyIndexes);
    }

    /**
     * @return whether the table exists
     */
    public boolean exists() {
        return !columns.isEmpty();
    }

    /**
     * Reads the status through the dialect's columns query and, for an existing table with a key, its unique key
     * indexes query.
     *
     * @param sql the load's executor; not null
     * @param layout the load's layout (the table and its key); not null
     * @return the status
     */
    static TargetStatus read(SqlExecutor sql, TableLayout layout) {
        SqlDialect d = sql.dialect();
        List<ExistingColumn> columns = sql.query(d.columnsQuery(layout.table()), rs -> {
            List<ExistingColumn> found = new ArrayList<>();
            while (rs.next()) {
                found.add(d.readColumn(rs));
            }
            return found;
        });
        if (columns.isEmpty() || layout.keyColumns().isEmpty()) {
            return new TargetStatus(columns, List.of());
        }
        List<String> indexes = d.uniqueKeyIndexesQuery(layout.table(), layout.keyColumns()).map(q -> sql.query(q,
                rs -> {
                    List<String> names = new ArrayList<>();
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                    return names;
                })).orElse(List.of());
        return new TargetStatus(columns, indexes);
    }
}
