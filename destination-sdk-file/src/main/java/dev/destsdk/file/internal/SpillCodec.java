package dev.destsdk.file.internal;

import dev.destsdk.file.format.FileColumn;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes and reads the values {@link FileColumn} lists in a compact binary form, for spilling rows to local disk.
 * Equal values of one column always give equal bytes (decimals carry the column's scale), so encoded keys can be
 * compared as bytes. Stateless.
 */
final class SpillCodec {
    private SpillCodec() {
    }

    static void write(DataOutput out, FileColumn column, Object v) throws IOException {
        if (v == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        switch (column.type()) {
            case BOOLEAN -> out.writeBoolean((Boolean) v);
            case SHORT -> out.writeShort((Short) v);
            case INTEGER -> out.writeInt((Integer) v);
            case LONG -> out.writeLong((Long) v);
            case FLOAT -> out.writeFloat((Float) v);
            case DOUBLE -> out.writeDouble((Double) v);
            case DECIMAL -> {
                BigDecimal d = (BigDecimal) v;
                bytes(out, d.unscaledValue().toByteArray());
                out.writeInt(d.scale());
            }
            case STRING, JSON -> bytes(out, ((String) v).getBytes(StandardCharsets.UTF_8));
            case DATE -> out.writeLong(((LocalDate) v).toEpochDay());
            case TIME -> out.writeLong(((LocalTime) v).toNanoOfDay());
            case TIMESTAMP -> instant(out, ((LocalDateTime) v).toInstant(ZoneOffset.UTC));
            case TIMESTAMP_TZ -> instant(out, (Instant) v);
            case BINARY -> bytes(out, (byte[]) v);
            case UUID -> {
                UUID u = (UUID) v;
                out.writeLong(u.getMostSignificantBits());
                out.writeLong(u.getLeastSignificantBits());
            }
        }
    }

    static Object read(DataInput in, FileColumn column) throws IOException {
        if (in.readByte() == 0) {
            return null;
        }
        return switch (column.type()) {
            case BOOLEAN -> in.readBoolean();
            case SHORT -> in.readShort();
            case INTEGER -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case DECIMAL -> {
                BigInteger unscaled = new BigInteger(bytes(in));
                yield new BigDecimal(unscaled, in.readInt());
            }
            case STRING, JSON -> new String(bytes(in), StandardCharsets.UTF_8);
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case TIME -> LocalTime.ofNanoOfDay(in.readLong());
            case TIMESTAMP -> LocalDateTime.ofInstant(instant(in), ZoneOffset.UTC);
            case TIMESTAMP_TZ -> instant(in);
            case BINARY -> bytes(in);
            case UUID -> new UUID(in.readLong(), in.readLong());
        };
    }

    /**
     * Orders two values of one column: NULL lowest, then the type's natural order (bytes unsigned).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        return ((Comparable) a).compareTo(b);
    }

    private static void bytes(DataOutput out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInput in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    private static void instant(DataOutput out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant instant(DataInput in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
