package dev.destsdk.core.csv;

import dev.destsdk.core.files.FileFormat;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the executor wrote a CSV data file. A destination that reads CSV honours every part; it never guesses header
 * rows or delimiters.
 *
 * <p>Null and empty: a field is read as SQL NULL when (a) {@code emptyFieldAsNull} is true and the field is empty and
 * unquoted, or (b) its unquoted text equals one of the {@code nullIf} markers (after trimming when {@code trimSpace}).
 * A quoted empty field ({@code ""}) is always the empty string, so NULL and empty string stay distinct.
 *
 * <p>Immutable. Build with {@link #builder()}; {@link #DEFAULT} is the executor's canonical format.
 *
 * @param skipHeader header rows before the data: 0, 1 (column names) or 2 (column names and a second row, as cursor
 *     tracking writes)
 * @param fieldDelimiter the field separator
 * @param quote the quote character ({@code fieldOptionallyEnclosedBy}); empty for no quoting
 * @param escape the escape character; empty when quotes are escaped by doubling
 * @param trimSpace whether leading and trailing spaces of unquoted fields are removed
 * @param skipBlankLines whether empty lines are ignored rather than read as a record
 * @param nullIf texts that mean NULL when they are a whole unquoted field; unmodifiable
 * @param emptyFieldAsNull whether an empty unquoted field means NULL
 * @param binaryFormat how BINARY values are encoded
 * @param encoding the text encoding
 * @param gzip whether the file is gzip-compressed ({@code .csv.gz})
 * @param recordSeparator the line ending written by writers ({@code \n} or {@code \r\n}); readers accept both
 */
public record CsvFileFormat(
        int skipHeader,
        char fieldDelimiter,
        Optional<Character> quote,
        Optional<Character> escape,
        boolean trimSpace,
        boolean skipBlankLines,
        List<String> nullIf,
        boolean emptyFieldAsNull,
        BinaryFormat binaryFormat,
        Charset encoding,
        boolean gzip,
        String recordSeparator) implements FileFormat {

    /**
     * The canonical format: one header row, comma, double quote, quotes escaped by doubling, no trimming, blank lines
     * skipped, no NULL markers, empty unquoted field means NULL, BASE64 binaries, UTF-8, uncompressed, {@code \n}.
     */
    public static final CsvFileFormat DEFAULT = builder().build();

    /** Validates the components. */
    public CsvFileFormat {
        if (skipHeader < 0 || skipHeader > 2) {
            throw new IllegalArgumentException("skipHeader must be 0, 1 or 2, got " + skipHeader);
        }
        Objects.requireNonNull(quote, "quote is null");
        Objects.requireNonNull(escape, "escape is null");
        nullIf = List.copyOf(Objects.requireNonNull(nullIf, "nullIf is null"));
        Objects.requireNonNull(binaryFormat, "binaryFormat is null");
        Objects.requireNonNull(encoding, "encoding is null");
        Objects.requireNonNull(recordSeparator, "recordSeparator is null");
        if (!recordSeparator.equals("\n") && !recordSeparator.equals("\r\n")) {
            throw new IllegalArgumentException("recordSeparator must be \\n or \\r\\n");
        }
        if (fieldDelimiter == '\n' || fieldDelimiter == '\r') {
            throw new IllegalArgumentException("fieldDelimiter must not be a line break");
        }
        if (quote.isPresent() && quote.get() == fieldDelimiter) {
            throw new IllegalArgumentException("quote and fieldDelimiter must differ");
        }
        if (escape.isPresent() && (escape.get() == fieldDelimiter)) {
            throw new IllegalArgumentException("escape and fieldDelimiter must differ");
        }
        if (quote.isEmpty() && escape.isEmpty()) {
            // Without quoting or escaping, a delimiter or line break inside a value cannot be represented.
            throw new IllegalArgumentException("a CSV format needs a quote character, an escape character, or both");
        }
        for (String marker : nullIf) {
            Objects.requireNonNull(marker, "nullIf marker is null");
        }
    }

    @Override
    public String fileSuffix() {
        return gzip ? ".csv.gz" : ".csv";
    }

    /** @return a builder holding this format's parts */
    public Builder toBuilder() {
        return new Builder().skipHeader(skipHeader).fieldDelimiter(fieldDelimiter).quote(quote.orElse(null))
                .escape(escape.orElse(null)).trimSpace(trimSpace).skipBlankLines(skipBlankLines).nullIf(nullIf)
                .emptyFieldAsNull(emptyFieldAsNull).binaryFormat(binaryFormat).encoding(encoding).gzip(gzip)
                .recordSeparator(recordSeparator);
    }

    /** @return a builder with the {@link #DEFAULT} parts */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CsvFileFormat}. Not thread-safe. */
    public static final class Builder {
        private int skipHeader = 1;
        private char fieldDelimiter = ',';
        private Character quote = '"';
        private Character escape;
        private boolean trimSpace;
        private boolean skipBlankLines = true;
        private List<String> nullIf = List.of();
        private boolean emptyFieldAsNull = true;
        private BinaryFormat binaryFormat = BinaryFormat.BASE64;
        private Charset encoding = StandardCharsets.UTF_8;
        private boolean gzip;
        private String recordSeparator = "\n";

        private Builder() {
        }

        /** @param value header rows: 0, 1 or 2 @return this builder */
        public Builder skipHeader(int value) {
            this.skipHeader = value;
            return this;
        }

        /** @param value the field delimiter @return this builder */
        public Builder fieldDelimiter(char value) {
            this.fieldDelimiter = value;
            return this;
        }

        /** @param value the quote character; null for none @return this builder */
        public Builder quote(Character value) {
            this.quote = value;
            return this;
        }

        /** @param value the escape character; null for quote doubling @return this builder */
        public Builder escape(Character value) {
            this.escape = value;
            return this;
        }

        /** @param value whether to trim unquoted fields @return this builder */
        public Builder trimSpace(boolean value) {
            this.trimSpace = value;
            return this;
        }

        /** @param value whether to skip blank lines @return this builder */
        public Builder skipBlankLines(boolean value) {
            this.skipBlankLines = value;
            return this;
        }

        /** @param value NULL markers; copied @return this builder */
        public Builder nullIf(List<String> value) {
            this.nullIf = List.copyOf(value);
            return this;
        }

        /** @param value NULL markers @return this builder */
        public Builder nullIf(String... value) {
            this.nullIf = List.of(value);
            return this;
        }

        /** @param value whether an empty unquoted field is NULL @return this builder */
        public Builder emptyFieldAsNull(boolean value) {
            this.emptyFieldAsNull = value;
            return this;
        }

        /** @param value the binary encoding @return this builder */
        public Builder binaryFormat(BinaryFormat value) {
            this.binaryFormat = value;
            return this;
        }

        /** @param value the text encoding @return this builder */
        public Builder encoding(Charset value) {
            this.encoding = value;
            return this;
        }

        /** @param value whether gzip-compressed @return this builder */
        public Builder gzip(boolean value) {
            this.gzip = value;
            return this;
        }

        /** @param value {@code \n} or {@code \r\n} @return this builder */
        public Builder recordSeparator(String value) {
            this.recordSeparator = value;
            return this;
        }

        /**
         * @return the format
         * @throws IllegalArgumentException when the parts contradict each other
         */
        public CsvFileFormat build() {
            return new CsvFileFormat(skipHeader, fieldDelimiter, Optional.ofNullable(quote),
                    Optional.ofNullable(escape), trimSpace, skipBlankLines, nullIf, emptyFieldAsNull, binaryFormat,
                    encoding, gzip, recordSeparator);
        }
    }
}
