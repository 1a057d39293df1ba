package dev.destsdk.testkit.warehouse;

import dev.destsdk.core.csv.CsvFileFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes data files for ITs in any {@link CsvFileFormat}, independently of the SDK's CSV writer so that the loaders
 * are tested against a second implementation. Values are quoted only when they must be (empty, containing the
 * delimiter, quote, escape or a line break, looking like a NULL marker, or with edge spaces under trimSpace), so
 * both quoted and unquoted fields reach the loaders. NULL is written as the format represents it.
 */
public final class TestCsvFiles {
    private TestCsvFiles() {
    }

    /**
     * @param file the file to create; not null
     * @param format its format; not null
     * @param header the column names (written once per header row); not null
     * @param rows the records, null elements for NULL; not null
     */
    public static void write(Path file, CsvFileFormat format, List<String> header, List<List<String>> rows) {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = format.gzip() ? new GZIPOutputStream(raw) : raw;
             Writer w = new OutputStreamWriter(out, format.encoding())) {
            for (int i = 0; i < format.skipHeader(); i++) {
                writeRecord(w, format, header);
            }
            for (List<String> row : rows) {
                writeRecord(w, format, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeRecord(Writer w, CsvFileFormat format, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                w.write(format.fieldDelimiter());
            }
            w.write(field(format, values.get(i)));
        }
        w.write(format.recordSeparator());
    }

    private static String field(CsvFileFormat format, String value) {
        if (value == null) {
            if (format.emptyFieldAsNull()) {
                return "";
            }
            if (format.nullIf().isEmpty()) {
                throw new IllegalArgumentException("format cannot represent NULL: " + format);
            }
            return format.nullIf().get(0);
        }
        char q = format.quote().orElseThrow(() -> new IllegalArgumentException("test writer needs a quote"));
        boolean mustQuote = value.isEmpty() || format.nullIf().contains(value)
                || value.indexOf(format.fieldDelimiter()) >= 0 || value.indexOf(q) >= 0
                || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                || format.escape().filter(e -> value.indexOf(e) >= 0).isPresent()
                || (format.trimSpace() && !value.equals(value.strip()));
        if (!mustQuote) {
            return value;
        }
        StringBuilder sb = new StringBuilder().append(q);
        for (char c : value.toCharArray()) {
            if (c == q) {
                sb.append(format.escape().orElse(q));
            } else if (format.escape().isPresent() && c == format.escape().get()) {
                sb.append(c);
            }
            sb.append(c);
        }
        return sb.append(q).toString();
    }
}
