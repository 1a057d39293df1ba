package dev.destsdk.file.format;

import dev.destsdk.core.csv.BinaryCodec;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordWriter;
import dev.destsdk.file.store.ObjectOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CSV output through the SDK's {@link CsvRecordWriter}, in a given {@link CsvFileFormat} (default: one header row,
 * comma, {@code "} quoting by doubling, NULL as an empty unquoted field, the empty string as {@code ""}). Values are
 * written in the canonical text forms: DECIMAL as plain digits, dates and times ISO-8601, TIMESTAMP_TZ in UTC with
 * {@code Z}, BINARY in the format's binary encoding. The format's own {@code gzip} flag is ignored; compression comes
 * from {@link #compression()}. Immutable and thread-safe.
 *
 * @param format the CSV dialect; not null
 * @param compression the file compression; not null
 */
public record CsvFormat(CsvFileFormat format, Compression compression) implements FormatWriterFactory {
    /** Validates the components. */
    public CsvFormat {
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(compression, "compression is null");
    }

    /**
     * @param compression the compression
     * @return CSV in {@link CsvFileFormat#DEFAULT}
     */
    public static CsvFormat of(Compression compression) {
        return new CsvFormat(CsvFileFormat.DEFAULT, compression);
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String extension() {
        return "csv" + compression.suffix();
    }

    @Override
    public FormatWriter open(ObjectOutput output, FileSchema schema) throws IOException {
        return new Writer(output, schema, this);
    }

    private static final class Writer extends TextFormatWriter {
        private final FileSchema schema;
        private final CsvFileFormat format;
        private final CsvRecordWriter csv;
        private final String[] texts;

        Writer(ObjectOutput output, FileSchema schema, CsvFormat owner) throws IOException {
            super(output, owner.compression(), owner.name());
            this.schema = schema;
            this.format = owner.format();
            List<String> names = new ArrayList<>();
            schema.columns().forEach(c -> names.add(c.name()));
            this.csv = CsvRecordWriter.create(stream(), output.key(), format, names);
            this.texts = new String[schema.size()];
        }

        @Override
        protected void writeRow(Object[] row) {
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                texts[i] = v == null ? null : switch (schema.column(i).type()) {
                    case DECIMAL -> ((BigDecimal) v).toPlainString();
                    case BINARY -> BinaryCodec.encode((byte[]) v, format.binaryFormat(), format.encoding());
                    default -> v.toString();
                };
            }
            csv.write(Arrays.asList(texts));
        }

        @Override
        protected void closeEncoder() {
            csv.close();
        }
    }
}
