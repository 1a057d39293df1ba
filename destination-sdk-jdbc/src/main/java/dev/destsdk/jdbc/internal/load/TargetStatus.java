package dev.destsdk.jdbc.internal.load;

import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.ExistingColumn;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.plan.TableLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The target table as a load finds it, read once before anything is planned: its columns (none when it does not
 * exist), its unique indexes over exactly the key columns, the names of its indexes, and its other unique indexes
 * where the dialect's upsert could meet them. An immutable value.
 *
 * @param columns the table's columns, in order; empty when the table does not exist
 * @param uniqueKeyIndexes the names of its unique indexes over exactly the layout's key columns; empty when it has
 *     none, when the layout has no key, or when the dialect cannot tell
 * @param indexNames the names of its indexes ({@link SqlDialect#indexNamesQuery}; where the dialect has no such
 *     query, the unique key indexes); empty when the layout has no key
 * @param otherUniqueIndexes the names of its unique indexes (primary key included) that are not unique key indexes,
 *     as far as {@link SqlDialect#uniqueIndexesQuery} lists them; empty when it has none, when the dialect has no
 *     such query, or when the table has no unique key index (then no upsert uses one)
 */
public record TargetStatus(List<ExistingColumn> columns, List<String> uniqueKeyIndexes, List<String> indexNames,
                           List<String> otherUniqueIndexes) {

    /** A target that does not exist. */
    public static final TargetStatus ABSENT = new TargetStatus(List.of(), List.of());

    /** Copies the lists. */
    public TargetStatus {
        columns = List.copyOf(columns);
        uniqueKeyIndexes = List.copyOf(uniqueKeyIndexes);
        indexNames = List.copyOf(indexNames);
        otherUniqueIndexes = List.copyOf(otherUniqueIndexes);
    }

    /**
     * A status without other unique indexes.
     *
     * @param columns the table's columns, in order; empty when the table does not exist
     * @param uniqueKeyIndexes the names of its unique indexes over exactly the key columns
     * @param indexNames the names of its indexes
     */
    public TargetStatus(List<ExistingColumn> columns, List<String> uniqueKeyIndexes, List<String> indexNames) {
        this(columns, uniqueKeyIndexes, indexNames, List.of());
    }

    /**
     * A status whose only known index names are the unique key indexes.
     *
     * @param columns the table's columns, in order; empty when the table does not exist
     * @param uniqueKeyIndexes the names of its unique indexes over exactly the key columns
     */
    public TargetStatus(List<ExistingColumn> columns, List<String> uniqueKeyIndexes) {
        this(columns, uniqueKeyIndexes, uniqueKeyIndexes);
    }

    /**
     * @return whether the table exists
     */
    public boolean exists() {
        return !columns.isEmpty();
    }

    /**
     * @return whether the table has a unique index over exactly the key columns and no other unique index the
     *     dialect's upsert could meet instead, so that a MERGE may upsert through it
     */
    public boolean upsertsThroughKeyIndex() {
        return !uniqueKeyIndexes.isEmpty() && otherUniqueIndexes.isEmpty();
    }

    /**
     * Reads the status through the dialect's columns query and, for an existing table with a key, its unique key
     * indexes query, its index names query and (when it has a unique key index) its unique indexes query.
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
        List<String> unique = d.uniqueKeyIndexesQuery(layout.table(), layout.keyColumns())
                .map(q -> names(sql, q)).orElse(List.of());
        List<String> all = d.indexNamesQuery(layout.table()).map(q -> names(sql, q)).orElse(unique);
        List<String> others = unique.isEmpty() ? List.of() : d.uniqueIndexesQuery(layout.table())
                .map(q -> names(sql, q)).orElse(List.of()).stream()
                .filter(n -> unique.stream().noneMatch(n::equalsIgnoreCase)).toList();
        return new TargetStatus(columns, unique, all, others);
    }

    private static List<String> names(SqlExecutor sql, String query) {
        return sql.query(query, rs -> {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        });
    }
}
