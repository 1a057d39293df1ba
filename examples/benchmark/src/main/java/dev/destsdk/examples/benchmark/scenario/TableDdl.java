package dev.destsdk.examples.benchmark.scenario;

import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.examples.benchmark.data.BenchColumn;
import dev.destsdk.examples.benchmark.data.BenchSchema;
import java.util.List;
import java.util.function.Function;

/**
 * The baseline tables' DDL: the twelve data columns with the native types the SDK connector maps them to (nullable
 * except the key, as the SDK creates them), the three tracking columns with defaults (a native loader cannot fill
 * them, so the table has the same width as the one the SDK writes), and optionally a primary key. Stateless.
 */
final class TableDdl {

    private TableDdl() {
    }

    /**
     * @param qualifiedTable the table's qualified name
     * @param nativeType the database's type for a column
     * @param trackingTypes the database's types for the synced, job id and deleted columns, with their defaults
     * @param primaryKey whether to declare {@code PRIMARY KEY (id)}
     * @param suffix text after the closing parenthesis (e.g. a storage engine); may be empty
     * @return the CREATE TABLE statement
     */
    static String createTable(String qualifiedTable, Function<BenchColumn, String> nativeType,
                              List<String> trackingTypes, boolean primaryKey, String suffix) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(qualifiedTable).append(" (");
        for (BenchColumn c : BenchSchema.COLUMNS) {
            sb.append(c.name()).append(' ').append(nativeType.apply(c)).append(c.primaryKey() ? " NOT NULL" : "")
                    .append(", ");
        }
        List<String> tracking = TrackingColumns.DEFAULT.all();
        for (int i = 0; i < tracking.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(tracking.get(i)).append(' ').append(trackingTypes.get(i));
        }
        sb.append(primaryKey ? ", PRIMARY KEY (id))" : ")");
        if (!suffix.isEmpty()) {
            sb.append(' ').append(suffix);
        }
        return sb.toString();
    }
}
