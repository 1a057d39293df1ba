package dev.destsdk.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Test;

/**
 * The commons-csv behaviour {@link CsvRecordReader} builds on. If an upgrade of commons-csv changes any of it, this
 * test says which assumption broke.
 */
class CommonsCsvAssumptionsTest {

    private static CSVParser parse(String text, QuoteMode mode, String nullString) throws IOException {
        CSVFormat format = CSVFormat.Builder.create().setQuoteMode(mode).setNullString(nullString)
                .setIgnoreEmptyLines(true).get();
        return CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get();
    }

    @Test
    void strictQuoteModeTellsUnquotedEmptyFromQuotedEmpty() throws IOException {
        try (CSVParser parser = parse(",\"\",x\n", QuoteMode.ALL_NON_NULL, null)) {
            assertThat(parser.iterator().next().values()).containsExactly(null, "", "x");
        }
    }

    @Test
    void strictQuoteModeTellsAnUnquotedNullStringFromAQuotedOne() throws IOException {
        try (CSVParser parser = parse("N,\"N\",,\"\"\n", QuoteMode.ALL_NON_NULL, "N")) {
            assertThat(parser.iterator().next().values()).containsExactly(null, "N", "", "");
        }
    }

    @Test
    void withoutStrictQuoteModeQuotingIsLost() throws IOException {
        try (CSVParser parser = parse("N,\"N\",,\"\"\n", QuoteMode.MINIMAL, "N")) {
            assertThat(parser.iterator().next().values()).containsExactly(null, null, "", "");
        }
    }

    @Test
    void characterPositionOfARecordIsBeforeTheBlankLinesItSkipped() throws IOException {
        try (CSVParser parser = parse("a\n\n\nb\n", QuoteMode.ALL_NON_NULL, null)) {
            Iterator<CSVRecord> records = parser.iterator();
            assertThat(parser.getCurrentLineNumber()).isZero();
            assertThat(records.next().getCharacterPosition()).isZero();
            assertThat(parser.getCurrentLineNumber()).as("lines completed after the first record").isEqualTo(1);
            CSVRecord second = records.next();
            assertThat(second.getCharacterPosition()).as("right after the first record's line break").isEqualTo(2);
            assertThat(second.values()).containsExactly("b");
        }
    }

    @Test
    void unexpectedEscapeSequenceIsKeptLiterally() throws IOException {
        CSVFormat format = CSVFormat.Builder.create().setEscape('\\').setQuoteMode(QuoteMode.ALL_NON_NULL).get();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader("\\N,\\\\N,a\\,b,\\n\n"))
                .setFormat(format).get()) {
            assertThat(parser.iterator().next().values()).containsExactly("\\N", "\\N", "a,b", "\n");
        }
    }
}
