package dev.destsdk.file.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@code Object[]} rows straight to parquet-java's record consumer (no intermediate group objects). The
 * values are those {@link FileColumn} lists. Used by one writer on one thread.
 */
final class ParquetRowWriteSupport extends WriteSupport<Object[]> {
    private final FileSchema schema;
    private final MessageType messageType;
    private final int[] decimalBytes;
    private RecordConsumer consumer;

    ParquetRowWriteSupport(FileSchema schema) {
        this.schema = schema;
        this.messageType = ParquetSchemas.messageType(schema);
        this.decimalBytes = new int[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            FileColumn c = schema.column(i);
            decimalBytes[i] = c.precision().isPresent() ? ParquetSchemas.decimalBytes(c.precision().getAsInt()) : 0;
        }
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(messageType, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(messageType, Map.of());
    }

    @Override
    public String getName() {
        return "destsdk";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
        consumer.startMessage();
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == null) {
                continue;
            }
            FileColumn c = schema.column(i);
            consumer.startField(c.name(), i);
            writeValue(c, i, v);
            consumer.endField(c.name(), i);
        }
        consumer.endMessage();
    }

    private void writeValue(FileColumn c, int index, Object v) {
        switch (c.type()) {
            case BOOLEAN -> consumer.addBoolean((Boolean) v);
            case SHORT -> consumer.addInteger((Short) v);
            case INTEGER -> consumer.addInteger((Integer) v);
            case LONG -> consumer.addLong((Long) v);
            case FLOAT -> consumer.addFloat((Float) v);
            case DOUBLE -> consumer.addDouble((Double) v);
            case DECIMAL -> writeDecimal(c, index, (BigDecimal) v);
            // a byte-array Binary: dictionary look-ups compare arrays, not ByteBuffers
            case STRING, JSON -> consumer.addBinary(Binary.fromConstantByteArray(
                    ((String) v).getBytes(StandardCharsets.UTF_8)));
            case DATE -> consumer.addInteger((int) ((LocalDate) v).toEpochDay());
            case TIME -> consumer.addLong(((LocalTime) v).toNanoOfDay() / 1000);
            case TIMESTAMP -> consumer.addLong(micros(((LocalDateTime) v).toInstant(ZoneOffset.UTC)));
            case TIMESTAMP_TZ -> consumer.addLong(micros((Instant) v));
            case BINARY -> consumer.addBinary(Binary.fromConstantByteArray((byte[]) v));
            case UUID -> {
                UUID u = (UUID) v;
                ByteBuffer b = ByteBuffer.allocate(16);
                b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
                consumer.addBinary(Binary.fromConstantByteArray(b.array()));
            }
        }
    }

    private void writeDecimal(FileColumn c, int index, BigDecimal v) {
        BigInteger unscaled = v.unscaledValue();
        int p = c.precision().getAsInt();
        if (p <= 9) {
            consumer.addInteger(unscaled.intValueExact());
        } else if (p <= 18) {
            consumer.addLong(unscaled.longValueExact());
        } else {
            byte[] raw = unscaled.toByteArray();
            byte[] fixed = new byte[decimalBytes[index]];
            byte pad = (byte) (unscaled.signum() < 0 ? -1 : 0);
            int offset = fixed.length - raw.length;
            for (int i = 0; i < offset; i++) {
                fixed[i] = pad;
            }
            System.arraycopy(raw, 0, fixed, offset, raw.length);
            consumer.addBinary(Binary.fromConstantByteArray(fixed));
        }
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
