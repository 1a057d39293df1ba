package dev.destsdk.file.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.destsdk.file.store.ObjectOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * JSON Lines: one JSON object per row, keys in column order, a line feed after each. Integers and floating-point
 * values are JSON numbers (non-finite values as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"});
 * DECIMAL is a string of plain digits, because JSON readers (DuckDB among them) parse numbers as doubles and would
 * lose digits; BOOLEAN is a JSON boolean; dates, times and timestamps are ISO-8601 strings (TIMESTAMP_TZ
 * in UTC with {@code Z}); BINARY is a base64 string; JSON values are kept as text in a string (so a document that
 * does not parse can never break the line); NULL is {@code null}. UTF-8. Immutable and thread-safe.
 *
 * @param compression the file compression; not null
 */
public record JsonLinesFormat(Compression compression) implements FormatWriterFactory {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    /** Validates the components. */
    public JsonLinesFormat {
        Objects.requireNonNull(compression, "compression is null");
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String extension() {
        return "jsonl" + compression.suffix();
    }

    @Override
    public FormatWriter open(ObjectOutput output, FileSchema schema) throws IOException {
        return new Writer(output, schema, compression, name());
    }

    private static final class Writer extends TextFormatWriter {
        private final FileSchema schema;
        private final JsonGenerator json;

        Writer(ObjectOutput output, FileSchema schema, Compression compression, String format) throws IOException {
            super(output, compression, format);
            this.schema = schema;
            this.json = JSON.createGenerator(stream(), JsonEncoding.UTF8);
            json.setRootValueSeparator(null);
        }

        @Override
        protected void writeRow(Object[] row) throws IOException {
            json.writeStartObject();
            for (int i = 0; i < row.length; i++) {
                FileColumn c = schema.column(i);
                json.writeFieldName(c.name());
                Object v = row[i];
                if (v == null) {
                    json.writeNull();
                    continue;
                }
                switch (c.type()) {
                    case BOOLEAN -> json.writeBoolean((Boolean) v);
                    case SHORT -> json.writeNumber((Short) v);
                    case INTEGER -> json.writeNumber((Integer) v);
                    case LONG -> json.writeNumber((Long) v);
                    case FLOAT -> json.writeNumber((Float) v);
                    case DOUBLE -> json.writeNumber((Double) v);
                    case DECIMAL -> json.writeString(((BigDecimal) v).toPlainString());
                    case BINARY -> json.writeString(Base64.getEncoder().encodeToString((byte[]) v));
                    case TIMESTAMP_TZ -> json.writeString(((Instant) v).toString());
                    default -> json.writeString(v.toString());
                }
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }

        @Override
        protected void closeEncoder() throws IOException {
            json.close();
        }
    }
}
