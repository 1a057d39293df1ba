package dev.destsdk.iceberg.internal;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;

/** Parses the configured partition fields into an Iceberg {@link PartitionSpec}. Stateless. */
public final class PartitionSpecs {
    private static final Pattern CALL = Pattern.compile("\\s*(\\w+)\\s*\\(\\s*(?:(\\d+)\\s*,\\s*)?([^)\\s]+)\\s*\\)\\s*");

    private PartitionSpecs() {
    }

    /**
     * @param fields the configured fields; not null
     * @param schema the table schema; not null
     * @param constantColumns the columns that hold one value per sync (allowed as sources)
     * @param table the table, for messages
     * @return the spec (unpartitioned for no fields)
     * @throws ConnectorException CONFIGURATION_ERROR for a field that does not parse, names an unknown column or a
     *     column that varies within a sync
     */
    public static PartitionSpec parse(List<String> fields, Schema schema, Set<String> constantColumns, String table) {
        if (fields.isEmpty()) {
            return PartitionSpec.unpartitioned();
        }
        PartitionSpec.Builder b = PartitionSpec.builderFor(schema);
        for (String field : fields) {
            String transform;
            String column;
            int arg = 0;
            Matcher m = CALL.matcher(field);
            if (m.matches()) {
                transform = m.group(1).toLowerCase(java.util.Locale.ROOT);
                column = m.group(3);
                arg = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            } else if (field.matches("\\s*\\w+\\s*")) {
                transform = "identity";
                column = field.trim();
            } else {
                throw config(table, "partition field '" + field + "' does not parse; write column, identity(c),"
                        + " year(c), month(c), day(c), hour(c), bucket(n, c) or truncate(w, c)");
            }
            if (schema.findField(column) == null) {
                throw config(table, "partition field '" + field + "' names column " + column + ", which the table"
                        + " does not have");
            }
            if (!constantColumns.contains(column)) {
                throw config(table, "partition field '" + field + "' partitions by column " + column + ", whose"
                        + " values vary within a sync; the file engine writes each data file for one partition, so"
                        + " partition by " + String.join(" or ", constantColumns.stream().sorted().toList()));
            }
            switch (transform) {
                case "identity" -> b.identity(column);
                case "year" -> b.year(column);
                case "month" -> b.month(column);
                case "day" -> b.day(column);
                case "hour" -> b.hour(column);
                case "bucket" -> b.bucket(column, requirePositive(arg, field, table));
                case "truncate" -> b.truncate(column, requirePositive(arg, field, table));
                default -> throw config(table, "partition transform " + transform + " of '" + field + "' is"
                        + " unknown");
            }
        }
        return b.build();
    }

    private static int requirePositive(int arg, String field, String table) {
        if (arg < 1) {
            throw config(table, "partition field '" + field + "' needs a positive width");
        }
        return arg;
    }

    private static ConnectorException config(String table, String detail) {
        return ConnectorException.builder(ErrorType.CONFIGURATION_ERROR, detail).object(table).build();
    }
}
