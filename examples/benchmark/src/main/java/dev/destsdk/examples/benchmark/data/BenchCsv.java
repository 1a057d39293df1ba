package dev.destsdk.examples.benchmark.data;

import java.time.format.DateTimeFormatter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes rows in the SDK's canonical CSV format ({@code CsvFileFormat.DEFAULT}): comma, fields quoted with
 * {@code "} only when needed, quotes doubled, an empty unquoted field for NULL, {@code ""} for the empty string,
 * {@code \n} after each record. Values use ISO-8601 text ({@code T} between date and time, six fraction digits,
 * {@code +hh:mm} offsets), {@code true}/{@code false}, and plain decimals. Stateless.
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
                .setIgnoreEmptyLines(true).build();
    }

    /**
     * Appends one record, including its line break.
     *
     * @param out where to append; not null
     * @param row the row; not null
     */
    public static void appendRow(StringBuilder out, BenchRow row) {
        out.append(row.id()).append(',');
        TIMESTAMP.formatTo(row.updatedAt(), out);
        out.append(',');
        if (row.qty().isPresent()) {
            out.append(row.qty().getAsInt());
        }
        out.append(',').append(row.amount().toPlainString());
        out.append(',').append(row.score());
        out.append(',').append(row.active());
        out.append(',').append(row.birthDate());
        out.append(',');
        TIMESTAMP_TZ.formatTo(row.createdAt(), out);
        out.append(',');
        appendText(out, row.code());
        out.append(',');
        appendText(out, row.description());
        out.append(',').append(row.ref());
        out.append(',');
        row.note().ifPresent(n -> appendText(out, n));
        out.append('\n');
    }

    /**
     * Appends a non-null text field: quoted when it is empty or holds a comma, quote or line break.
     *
     * @param out where to append; not null
     * @param value the text; not null (write nothing for NULL)
     */
    public static void appendText(StringBuilder out, String value) {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}
