package dev.destsdk.examples.benchmark.data;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The benchmark's CSV text: how a row's values are spelled (ISO-8601 with {@code T} between date and time, six
 * fraction digits and {@code +hh:mm} offsets; {@code true}/{@code false}; plain decimals) for the SDK's
 * {@code CsvRecordWriter} in {@code CsvFileFormat.DEFAULT} (comma, {@code "} quoting only when needed with quotes
 * doubled, an empty unquoted field for NULL, {@code ""} for the empty string, {@code \n} after each record), and the
 * commons-csv format that reads such files back. Stateless.
 */
public final class BenchCsv {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter TIMESTAMP_TZ =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private BenchCsv() {
    }

    /**
     * A commons-csv format that reads these files as the canonical format means them: the header row skipped, an
     * empty unquoted field as {@code null}, a quoted empty field ({@code ""}) as the empty string.
     *
     * @return the format
     */
    public static CSVFormat commonsCsvFormat() {
        return CSVFormat.DEFAULT.builder().setDelimiter(',').setQuote('"').setRecordSeparator("\n")
                .setNullString("").setQuoteMode(QuoteMode.ALL_NON_NULL).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get();
    }

    /**
     * The row's fields as the CSV writer takes them.
     *
     * @param row the row; not null
     * @return the field texts in column order, {@code null} for NULL
     */
    public static List<String> values(BenchRow row) {
        return Arrays.asList(
                Long.toString(row.id()),
                TIMESTAMP.format(row.updatedAt()),
                row.qty().isPresent() ? Integer.toString(row.qty().getAsInt()) : null,
                row.amount().toPlainString(),
                Double.toString(row.score()),
                Boolean.toString(row.active()),
                row.birthDate().toString(),
                TIMESTAMP_TZ.format(row.createdAt()),
                row.code(),
                row.description(),
                row.ref().toString(),
                row.note().orElse(null));
    }
}
