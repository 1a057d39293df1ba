package dev.destsdk.file.format;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * How canonical types become Parquet types:
 * <table>
 *   <caption>Parquet types</caption>
 *   <tr><th>canonical</th><th>Parquet</th></tr>
 *   <tr><td>BOOLEAN</td><td>BOOLEAN</td></tr>
 *   <tr><td>SHORT</td><td>INT32 INT(16, signed)</td></tr>
 *   <tr><td>INTEGER</td><td>INT32</td></tr>
 *   <tr><td>LONG</td><td>INT64</td></tr>
 *   <tr><td>FLOAT / DOUBLE</td><td>FLOAT / DOUBLE</td></tr>
 *   <tr><td>DECIMAL(p, s)</td><td>DECIMAL(p, s) on INT32 (p &le; 9), INT64 (p &le; 18) or FIXED_LEN_BYTE_ARRAY</td></tr>
 *   <tr><td>STRING, JSON</td><td>BINARY STRING (JSON is kept as text)</td></tr>
 *   <tr><td>DATE</td><td>INT32 DATE</td></tr>
 *   <tr><td>TIME</td><td>INT64 TIME(MICROS, not adjusted to UTC)</td></tr>
 *   <tr><td>TIMESTAMP</td><td>INT64 TIMESTAMP(MICROS, isAdjustedToUTC = false)</td></tr>
 *   <tr><td>TIMESTAMP_TZ</td><td>INT64 TIMESTAMP(MICROS, isAdjustedToUTC = true)</td></tr>
 *   <tr><td>BINARY</td><td>BINARY</td></tr>
 *   <tr><td>UUID</td><td>FIXED_LEN_BYTE_ARRAY(16) UUID</td></tr>
 * </table>
 * Nullable columns are OPTIONAL, others REQUIRED; a column's field id, when present, is the Parquet field id.
 * Stateless.
 */
public final class ParquetSchemas {
    private ParquetSchemas() {
    }

    /**
     * @param schema the file schema; not null
     * @return the Parquet message type named {@code schema}
     */
    public static MessageType messageType(FileSchema schema) {
        List<Type> fields = new ArrayList<>();
        for (FileColumn c : schema.columns()) {
            fields.add(type(c));
        }
        return new MessageType("schema", fields);
    }

    /**
     * @param precision a DECIMAL precision
     * @return the bytes of the smallest two's complement array that holds every unscaled value of that precision
     */
    public static int decimalBytes(int precision) {
        int n = 1;
        while (Math.pow(2, 8 * n - 1) < Math.pow(10, precision)) {
            n++;
        }
        return n;
    }

    private static Type type(FileColumn c) {
        Type.Repetition rep = c.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> b = switch (c.type()) {
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep);
            case SHORT -> Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.intType(16, true));
            case INTEGER -> Types.primitive(PrimitiveTypeName.INT32, rep);
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, rep);
            case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, rep);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, rep);
            case DECIMAL -> {
                int p = c.precision().orElseThrow();
                int s = c.scale().orElse(0);
                var ann = LogicalTypeAnnotation.decimalType(s, p);
                if (p <= 9) {
                    yield Types.primitive(PrimitiveTypeName.INT32, rep).as(ann);
                } else if (p <= 18) {
                    yield Types.primitive(PrimitiveTypeName.INT64, rep).as(ann);
                }
                yield Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep).length(decimalBytes(p)).as(ann);
            }
            case STRING, JSON -> Types.primitive(PrimitiveTypeName.BINARY, rep)
                    .as(LogicalTypeAnnotation.stringType());
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType());
            case TIME -> Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS));
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS));
            case TIMESTAMP_TZ -> Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, rep);
            case UUID -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep).length(16)
                    .as(LogicalTypeAnnotation.uuidType());
        };
        if (c.fieldId().isPresent()) {
            b = b.id(c.fieldId().getAsInt());
        }
        return b.named(c.name());
    }
}
