package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.examples.benchmark.data.BenchColumn;
import dev.destsdk.examples.benchmark.data.BenchSchema;
import java.util.List;
import java.util.function.Function;

/**
 * The baseline tables' DDL: the twelve data columns with native types as a connector would map them, the primary
 * key, and the three tracking columns with defaults (a native loader cannot fill them, so the table has the same
 * shape as the one the SDK writes). Stateless.
 */
final class TableDdl {

    private TableDdl() {
    }

    /**
     * @param qualifiedTable the table's qualified name
     * @param nativeType the database's type for a column
     * @param trackingTypes the database's types for the synced, job id and deleted columns, with their defaults
     * @param suffix text after the closing parenthesis (e.g. a storage engine); may be empty
     * @return the CREATE TABLE statement
     */
    static String createTable(String qualifiedTable, Function<BenchColumn, String> nativeType,
                              List<String> trackingTypes, String suffix) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(qualifiedTable).append(" (");
        for (BenchColumn c : BenchSchema.COLUMNS) {
            sb.append(c.name()).append(' ').append(nativeType.apply(c)).append(c.nullable() ? "" : " NOT NULL")
                    .append(", ");
        }
        List<String> tracking = TrackingColumns.DEFAULT.all();
        for (int i = 0; i < tracking.size(); i++) {
            sb.append(tracking.get(i)).append(' ').append(trackingTypes.get(i)).append(", ");
        }
        sb.append("PRIMARY KEY (id))");
        if (!suffix.isEmpty()) {
            sb.append(' ').append(suffix);
        }
        return sb.toString();
    }
}
