package dev.destsdk.iceberg.internal;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdatePartitionSpec;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Parses the configured partition fields ({@code column}, {@code identity(c)}, {@code year(c)}, {@code month(c)},
 * {@code day(c)}, {@code hour(c)}, {@code bucket(n, c)}, {@code truncate(w, c)}) into an Iceberg
 * {@link PartitionSpec}, checking each transform against its column's type; and keeps an unpartitioned spec beside
 * a partitioned one, for global equality deletes. Stateless.
 */
public final class PartitionSpecs {
    private static final Pattern CALL = Pattern.compile("\\s*(\\w+)\\s*\\(\\s*(?:(\\d+)\\s*,\\s*)?([^)\\s]+)\\s*\\)\\s*");
    private static final Set<Type.TypeID> TIME_TYPES = Set.of(Type.TypeID.DATE, Type.TypeID.TIMESTAMP);
    private static final Set<Type.TypeID> BUCKET_TYPES = Set.of(Type.TypeID.INTEGER, Type.TypeID.LONG,
            Type.TypeID.DECIMAL, Type.TypeID.DATE, Type.TypeID.TIME, Type.TypeID.TIMESTAMP, Type.TypeID.STRING,
            Type.TypeID.UUID, Type.TypeID.BINARY, Type.TypeID.FIXED);
    private static final Set<Type.TypeID> TRUNCATE_TYPES = Set.of(Type.TypeID.INTEGER, Type.TypeID.LONG,
            Type.TypeID.DECIMAL, Type.TypeID.STRING, Type.TypeID.BINARY);

    /**
     * One configured partition field.
     *
     * @param text the field as configured
     * @param transform identity, year, month, day, hour, bucket or truncate
     * @param column the source column
     * @param arg the bucket count or truncation width; 0 for the others
     */
    public record Field(String text, String transform, String column, int arg) {
    }

    private PartitionSpecs() {
    }

    /**
     * @param fields the configured fields; not null
     * @param schema the table schema; not null
     * @param table the table, for messages
     * @return the spec (unpartitioned for no fields)
     * @throws ConnectorException CONFIGURATION_ERROR naming the field, the column and the transform for a field that
     *     does not parse, names a column the table does not have, or applies a transform the column's type does not
     *     allow
     */
    public static PartitionSpec parse(List<String> fields, Schema schema, String table) {
        PartitionSpec.Builder b = PartitionSpec.builderFor(schema);
        for (Field f : fields(fields, schema, table)) {
            try {
                add(b, f);
            } catch (IllegalArgumentException e) {
                throw config(table, f, "partition field '" + f.text() + "' cannot be added: " + e.getMessage());
            }
        }
        return b.build();
    }

    private static void add(PartitionSpec.Builder b, Field f) {
        switch (f.transform()) {
            case "identity" -> b.identity(f.column());
            case "year" -> b.year(f.column());
            case "month" -> b.month(f.column());
            case "day" -> b.day(f.column());
            case "hour" -> b.hour(f.column());
            case "bucket" -> b.bucket(f.column(), f.arg());
            case "truncate" -> b.truncate(f.column(), f.arg());
            default -> throw new IllegalStateException(f.transform());
        }
    }

    /**
     * @param fields the configured fields; not null
     * @param schema the table schema; not null
     * @param table the table, for messages
     * @return the parsed and checked fields
     * @throws ConnectorException as {@link #parse}
     */
    public static List<Field> fields(List<String> fields, Schema schema, String table) {
        List<Field> out = new ArrayList<>();
        for (String text : fields) {
            Field f = field(text, table);
            Types.NestedField column = schema.findField(f.column());
            if (column == null) {
                throw config(table, f, "partition field '" + text + "' names column " + f.column() + ", which the"
                        + " table does not have");
            }
            Type.TypeID type = column.type().typeId();
            boolean ok = switch (f.transform()) {
                case "identity" -> column.type().isPrimitiveType();
                case "year", "month", "day" -> TIME_TYPES.contains(type);
                case "hour" -> type == Type.TypeID.TIMESTAMP;
                case "bucket" -> BUCKET_TYPES.contains(type);
                case "truncate" -> TRUNCATE_TYPES.contains(type);
                default -> throw config(table, f, "partition transform " + f.transform() + " of '" + text
                        + "' is unknown; use identity, year, month, day, hour, bucket or truncate");
            };
            if (!ok) {
                throw config(table, f, "partition field '" + text + "' applies transform " + f.transform()
                        + " to column " + f.column() + " of type " + column.type() + ", which " + f.transform()
                        + " does not accept" + accepted(f.transform()));
            }
            out.add(f);
        }
        return out;
    }

    private static String accepted(String transform) {
        return switch (transform) {
            case "year", "month", "day" -> " (it takes date or timestamp columns)";
            case "hour" -> " (it takes timestamp columns)";
            case "bucket" -> " (it takes int, long, decimal, date, time, timestamp, string, uuid or binary columns)";
            case "truncate" -> " (it takes int, long, decimal, string or binary columns)";
            default -> "";
        };
    }

    private static Field field(String text, String table) {
        Matcher m = CALL.matcher(text);
        if (m.matches()) {
            String transform = m.group(1).toLowerCase(Locale.ROOT);
            int arg = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            Field f = new Field(text, transform, m.group(3), arg);
            boolean takesArg = transform.equals("bucket") || transform.equals("truncate");
            if (takesArg && arg < 1) {
                throw config(table, f, "partition field '" + text + "' needs a positive " + (transform.equals(
                        "bucket") ? "bucket count" : "width") + ", as in " + transform + "(16, " + f.column() + ")");
            }
            if (!takesArg && m.group(2) != null) {
                throw config(table, f, "partition field '" + text + "': transform " + transform + " takes only a"
                        + " column");
            }
            return f;
        }
        if (text.matches("\\s*\\w+\\s*")) {
            return new Field(text, "identity", text.trim(), 0);
        }
        throw ConnectorException.builder(ErrorType.CONFIGURATION_ERROR, "partition field '" + text + "' of table "
                + table + " does not parse; write column, identity(c), year(c), month(c), day(c), hour(c),"
                + " bucket(n, c) or truncate(w, c)").object(table).build();
    }

    /**
     * @param spec a partition spec
     * @param constant the columns holding one value per sync
     * @return whether every source of the spec is one of those columns (the sync's files then all fall into one
     *     partition)
     */
    public static boolean bySyncConstants(PartitionSpec spec, Set<String> constant) {
        for (PartitionField f : spec.fields()) {
            if (!constant.contains(spec.schema().findColumnName(f.sourceId()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The table's unpartitioned spec, added inside the transaction (not as the default) when the table has none.
     * Equality deletes registered with it apply to every partition (the spec's global deletes).
     *
     * @param tx a transaction on the table
     * @return the unpartitioned spec (its id is the table's)
     */
    public static PartitionSpec unpartitioned(Transaction tx) {
        for (PartitionSpec s : tx.table().specs().values()) {
            if (s.isUnpartitioned()) {
                return s;
            }
        }
        UpdatePartitionSpec update = tx.updateSpec();
        for (PartitionField f : tx.table().spec().fields()) {
            update.removeField(f.name());
        }
        update.addNonDefaultSpec().commit();
        for (PartitionSpec s : tx.table().specs().values()) {
            if (s.isUnpartitioned()) {
                return s;
            }
        }
        throw new IllegalStateException("Iceberg did not add an unpartitioned spec to " + tx.table().name());
    }

    private static ConnectorException config(String table, Field f, String detail) {
        return ConnectorException.builder(ErrorType.CONFIGURATION_ERROR, detail + " (table " + table + ")")
                .object(table).column(f.column()).build();
    }
}
