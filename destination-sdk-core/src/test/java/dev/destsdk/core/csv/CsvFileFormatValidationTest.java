package dev.destsdk.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation and defaults of {@link CsvFileFormat}; reading and writing are tested with the reader and writer. */
class CsvFileFormatValidationTest {

    @Test
    void defaultIsTheCanonicalFormat() {
        CsvFileFormat f = CsvFileFormat.DEFAULT;

        assertThat(f.skipHeader()).isEqualTo(1);
        assertThat(f.fieldDelimiter()).isEqualTo(',');
        assertThat(f.quote()).contains('"');
        assertThat(f.escape()).isEmpty();
        assertThat(f.trimSpace()).isFalse();
        assertThat(f.skipBlankLines()).isTrue();
        assertThat(f.nullIf()).isEmpty();
        assertThat(f.emptyFieldAsNull()).isTrue();
        assertThat(f.binaryFormat()).isEqualTo(BinaryFormat.BASE64);
        assertThat(f.encoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(f.gzip()).isFalse();
        assertThat(f.recordSeparator()).isEqualTo("\n");
        assertThat(f.fileSuffix()).isEqualTo(".csv");
    }

    @ParameterizedTest(name = "skipHeader {0} accepted")
    @ValueSource(ints = {0, 1, 2})
    void skipHeaderZeroToTwoIsAccepted(int rows) {
        assertThat(CsvFileFormat.builder().skipHeader(rows).build().skipHeader()).isEqualTo(rows);
    }

    @ParameterizedTest(name = "skipHeader {0} rejected")
    @ValueSource(ints = {-1, 3, 10})
    void skipHeaderOutsideZeroToTwoIsRejected(int rows) {
        assertThatThrownBy(() -> CsvFileFormat.builder().skipHeader(rows).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skipHeader must be 0, 1 or 2, got " + rows);
    }

    @Test
    void quoteEqualToDelimiterIsRejected() {
        assertThatThrownBy(() -> CsvFileFormat.builder().fieldDelimiter('|').quote('|').build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quote and fieldDelimiter");
    }

    @Test
    void escapeEqualToDelimiterIsRejected() {
        assertThatThrownBy(() -> CsvFileFormat.builder().escape(',').build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("escape and fieldDelimiter");
    }

    @Test
    void noQuoteAndNoEscapeIsRejected() {
        assertThatThrownBy(() -> CsvFileFormat.builder().quote(null).escape(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a quote character, an escape character, or both");
    }

    @Test
    void escapeWithoutQuoteIsAccepted() {
        CsvFileFormat f = CsvFileFormat.builder().quote(null).escape('\\').fieldDelimiter('\t').build();

        assertThat(f.quote()).isEmpty();
        assertThat(f.escape()).contains('\\');
    }

    @Test
    void lineBreakDelimiterAndOtherRecordSeparatorsAreRejected() {
        assertThatThrownBy(() -> CsvFileFormat.builder().fieldDelimiter('\n').build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
        assertThatThrownBy(() -> CsvFileFormat.builder().recordSeparator("\r").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recordSeparator");
        assertThat(CsvFileFormat.builder().recordSeparator("\r\n").build().recordSeparator()).isEqualTo("\r\n");
    }

    @Test
    void nullIfIsCopiedAndRejectsNullMarkers() {
        List<String> markers = new ArrayList<>(List.of("NULL", "\\N"));
        CsvFileFormat f = CsvFileFormat.builder().nullIf(markers).build();
        markers.add("late");

        assertThat(f.nullIf()).containsExactly("NULL", "\\N");
        assertThatThrownBy(() -> f.nullIf().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> CsvFileFormat.builder().nullIf("a", null).build())
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void gzipChangesTheSuffixAndToBuilderRoundTrips() {
        CsvFileFormat f = CsvFileFormat.builder().gzip(true).skipHeader(2).fieldDelimiter(';').quote('\'')
                .escape('\\').trimSpace(true).skipBlankLines(false).nullIf("NULL").emptyFieldAsNull(false)
                .binaryFormat(BinaryFormat.HEX).encoding(StandardCharsets.ISO_8859_1).recordSeparator("\r\n")
                .build();

        assertThat(f.fileSuffix()).isEqualTo(".csv.gz");
        assertThat(f.toBuilder().build()).isEqualTo(f);
        assertThat(CsvFileFormat.DEFAULT.toBuilder().build()).isEqualTo(CsvFileFormat.DEFAULT);
    }
}
