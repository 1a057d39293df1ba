package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.naming.IdentifierKind;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names of the tables a load may create beside its target, one per {@link Kind}, from the sync id and the
 * target's name (so a retry of the same sync uses the same names), and the clean-up of those that loads under other
 * sync ids left behind. Immutable.
 */
final class HelperTables {
    private static final Logger LOG = LoggerFactory.getLogger(HelperTables.class);

    /** The helper tables, each with the prefix its name starts with. */
    enum Kind {
        /** The staging table the files go into before MERGE, hard deletes or a load that cannot go straight in. */
        STAGING("_destsdk_stage_"),
        /** A new table built aside, then published. */
        ASIDE("_destsdk_new_"),
        /** The table a swap replaced, until it is dropped. */
        RETIRED("_destsdk_old_"),
        /** The target rebuilt with wider column types, then swapped in. */
        REBUILT("_destsdk_rebuild_");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private final TableName target;
    private final String syncPart;
    private final Map<Kind, TableName> names = new EnumMap<>(Kind.class);

    /**
     * @param target the load's target
     * @param dialect the dialect (its identifier policy)
     * @param syncPart the sync id as an identifier part
     */
    HelperTables(TableName target, SqlDialect dialect, String syncPart) {
        this.target = target;
        this.syncPart = syncPart;
        for (Kind kind : Kind.values()) {
            names.put(kind, target.sibling(dialect.identifiers().normalize(kind.prefix + syncPart + "_"
                    + target.table(), IdentifierKind.TABLE)));
        }
    }

    TableName get(Kind kind) {
        return names.get(kind);
    }

    TableName staging() {
        return get(Kind.STAGING);
    }

    TableName aside() {
        return get(Kind.ASIDE);
    }

    TableName retired() {
        return get(Kind.RETIRED);
    }

    TableName rebuilt() {
        return get(Kind.REBUILT);
    }

    /**
     * Drops the helper tables that loads of this table under other sync ids left behind (a connection lost before
     * their clean-up), and this load's own names left by an earlier attempt of the same sync. Failures are logged:
     * they do not stop this load.
     *
     * <p>A name is a helper of this table when it starts with a kind's prefix and ends with {@code _<table>}. That
     * holds for the helpers of another table whose name ends with this one's ({@code orders} and
     * {@code customer_orders}); the tables of one sync load in parallel, so a name of this sync's form that is not
     * one of this load's own is another table's live helper and is kept. (Between different syncs the names stay
     * ambiguous: {@code _destsdk_stage_x_a_b} is table {@code a_b}'s under sync {@code x} or table {@code b}'s under
     * sync {@code x_a}, so a load of another sync running at the same moment into such a table is not protected.)
     *
     * @param sql the load's executor
     * @param resources where the quiet drop is
     */
    void dropStale(SqlExecutor sql, LoadResources resources) {
        SqlDialect d = sql.dialect();
        String suffix = "_" + target.table();
        List<String> found;
        try {
            found = sql.query(d.tablesInSchemaQuery(target), rs -> {
                List<String> tables = new ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
                return tables;
            });
        } catch (ConnectorException e) {
            if (e.getErrorType() == ErrorType.CANCELLED) {
                throw e;
            }
            LOG.warn("could not list the tables beside {}: {}", target, e.getMessage());
            return;
        }
        for (String name : found) {
            if (isHelperOf(name, suffix) && !isOtherTablesOfThisSync(name)) {
                LOG.info("dropping {}, left behind by an earlier load of {}", name, target);
                resources.dropQuietly(target.sibling(name));
            }
        }
    }

    /** Whether a name has this sync's form but is none of this load's own names: a parallel load's helper. */
    private boolean isOtherTablesOfThisSync(String name) {
        for (Kind kind : Kind.values()) {
            if (name.startsWith(kind.prefix + syncPart + "_")) {
                return names.values().stream().noneMatch(own -> own.table().equals(name));
            }
        }
        return false;
    }

    private static boolean isHelperOf(String name, String suffix) {
        for (Kind kind : Kind.values()) {
            String prefix = kind.prefix;
            if (name.startsWith(prefix) && name.endsWith(suffix) && name.length() > prefix.length() + suffix.length()) {
                return true;
            }
        }
        return false;
    }
}
