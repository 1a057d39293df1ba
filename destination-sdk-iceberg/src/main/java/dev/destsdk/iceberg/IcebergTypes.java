package dev.destsdk.iceberg;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.format.FileSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * How the file module's columns become Iceberg types, and which type changes an existing Iceberg table accepts.
 * <table>
 *   <caption>Iceberg types</caption>
 *   <tr><th>canonical</th><th>Iceberg</th></tr>
 *   <tr><td>BOOLEAN</td><td>boolean</td></tr>
 *   <tr><td>SHORT, INTEGER</td><td>int (the Parquet file keeps INT(16) for SHORT, which Iceberg reads as int)</td></tr>
 *   <tr><td>LONG</td><td>long</td></tr>
 *   <tr><td>FLOAT / DOUBLE</td><td>float / double</td></tr>
 *   <tr><td>DECIMAL(p, s)</td><td>decimal(p, s)</td></tr>
 *   <tr><td>STRING, JSON</td><td>string (JSON is kept as its text)</td></tr>
 *   <tr><td>DATE / TIME</td><td>date / time</td></tr>
 *   <tr><td>TIMESTAMP</td><td>timestamp (without zone)</td></tr>
 *   <tr><td>TIMESTAMP_TZ</td><td>timestamptz (adjusted to UTC)</td></tr>
 *   <tr><td>BINARY</td><td>binary</td></tr>
 *   <tr><td>UUID</td><td>uuid</td></tr>
 * </table>
 * Iceberg's schema evolution allows only int → long, float → double and decimal(p, s) → decimal(p', s) with
 * p' &gt; p; every other change of a column's type is refused with a SCHEMA_EVOLUTION_ERROR naming the table, the
 * column and both types. Stateless.
 */
public final class IcebergTypes {
    private IcebergTypes() {
    }

    /**
     * @param column a file column; not null
     * @return its Iceberg type
     */
    public static Type.PrimitiveType type(FileColumn column) {
        Objects.requireNonNull(column, "column is null");
        return switch (column.type()) {
            case BOOLEAN -> Types.BooleanType.get();
            case SHORT, INTEGER -> Types.IntegerType.get();
            case LONG -> Types.LongType.get();
            case FLOAT -> Types.FloatType.get();
            case DOUBLE -> Types.DoubleType.get();
            case DECIMAL -> Types.DecimalType.of(column.precision().getAsInt(), column.scale().orElse(0));
            case STRING, JSON -> Types.StringType.get();
            case DATE -> Types.DateType.get();
            case TIME -> Types.TimeType.get();
            case TIMESTAMP -> Types.TimestampType.withoutZone();
            case TIMESTAMP_TZ -> Types.TimestampType.withZone();
            case BINARY -> Types.BinaryType.get();
            case UUID -> Types.UUIDType.get();
        };
    }

    /**
     * A schema for a new table: every column optional, field ids 1..n in column order (the ids Iceberg keeps when
     * it creates a table from a flat schema).
     *
     * @param schema the file schema; not null
     * @return the Iceberg schema
     */
    public static Schema newSchema(FileSchema schema) {
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 1;
        for (FileColumn c : schema.columns()) {
            fields.add(Types.NestedField.optional(id++, c.name(), type(c)));
        }
        return new Schema(fields);
    }

    /**
     * Whether Iceberg's schema evolution can change a column of type {@code from} to {@code to} in place.
     *
     * @param from the table's type; not null
     * @param to the wanted type; not null
     * @return true when equal or an allowed promotion
     */
    public static boolean canChange(Type.PrimitiveType from, Type.PrimitiveType to) {
        if (from.equals(to)) {
            return true;
        }
        if (from.typeId() == Type.TypeID.INTEGER && to.typeId() == Type.TypeID.LONG) {
            return true;
        }
        if (from.typeId() == Type.TypeID.FLOAT && to.typeId() == Type.TypeID.DOUBLE) {
            return true;
        }
        if (from instanceof Types.DecimalType a && to instanceof Types.DecimalType b) {
            return a.scale() == b.scale() && b.precision() >= a.precision();
        }
        return false;
    }

    /**
     * Whether a file written with {@code written} can be read as a column of type {@code table}: equal, or the table
     * type is a promotion of it (older files keep their narrower type).
     *
     * @param written the type of the column in the batch; not null
     * @param table the table's type; not null
     * @return whether the batch fits the table without changing it
     */
    public static boolean fits(Type.PrimitiveType written, Type.PrimitiveType table) {
        return canChange(written, table);
    }

    /**
     * Refuses a type change Iceberg cannot apply.
     *
     * @param table the table, for the message; not null
     * @param column the column; not null
     * @param from the table's type; not null
     * @param to the wanted type; not null
     * @throws ConnectorException SCHEMA_EVOLUTION_ERROR when the change is neither equal nor an allowed promotion
     */
    public static void checkChange(String table, String column, Type.PrimitiveType from, Type.PrimitiveType to) {
        if (!canChange(from, to) && !fits(to, from)) {
            throw ConnectorException.builder(ErrorType.SCHEMA_EVOLUTION_ERROR, "column " + column + " of Iceberg"
                            + " table " + table + " is " + from + " and cannot become " + to + ": Iceberg widens only"
                            + " int to long, float to double and decimal(p, s) to a larger precision with the same"
                            + " scale; keep the source type or load into a new table")
                    .object(table).column(column).build();
        }
    }

    /**
     * The file column an Iceberg field is read and rewritten as (the inverse of {@link #type}: int is INTEGER,
     * string is STRING), with the field's id.
     *
     * @param field a primitive field; not null
     * @return the column
     */
    public static FileColumn fileColumn(Types.NestedField field) {
        if (field.type() instanceof Types.DecimalType d) {
            return FileColumn.decimal(field.name(), d.precision(), d.scale()).withFieldId(field.fieldId());
        }
        CanonicalType type = switch (field.type().typeId()) {
            case BOOLEAN -> CanonicalType.BOOLEAN;
            case INTEGER -> CanonicalType.INTEGER;
            case LONG -> CanonicalType.LONG;
            case FLOAT -> CanonicalType.FLOAT;
            case DOUBLE -> CanonicalType.DOUBLE;
            case DATE -> CanonicalType.DATE;
            case TIME -> CanonicalType.TIME;
            case TIMESTAMP -> ((Types.TimestampType) field.type()).shouldAdjustToUTC() ? CanonicalType.TIMESTAMP_TZ
                    : CanonicalType.TIMESTAMP;
            case UUID -> CanonicalType.UUID;
            case BINARY, FIXED -> CanonicalType.BINARY;
            default -> CanonicalType.STRING;
        };
        return FileColumn.of(field.name(), type).withFieldId(field.fieldId());
    }
}
