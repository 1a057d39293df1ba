package dev.destsdk.testkit.corpus;

import dev.destsdk.core.csv.BinaryCodec;
import dev.destsdk.core.csv.BinaryFormat;
import dev.destsdk.core.csv.CanonicalText;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRecordWriter;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bad-input corpus: named data files shipped with the testkit, each with the outcome every warehouse connector
 * must produce when it is loaded into a table of {@link #fields()} that holds {@link #existingRows()} (the decided
 * behaviour per case; docs/RELIABILITY.md lists them). The warehouse conformance suite runs every case for every
 * connector; a connector's own tests can run them too with {@link #cases()} and {@link Case#writeTo(Path)}.
 *
 * <p>Files live under {@code dev/destsdk/testkit/corpus/} with the manifest {@code cases.csv}. Stateless.
 */
public final class BadInputCorpus {
    private static final String BASE = "/dev/destsdk/testkit/corpus/";

    private BadInputCorpus() {
    }

    /**
     * What a context entry (line, record, column) of a refusal must be.
     *
     * @param value the exact value; empty means "any" when {@code present}, "absent" otherwise
     * @param present whether the entry must be present
     */
    public record Expected(Optional<String> value, boolean present) {

        /** Validates the components. */
        public Expected {
            Objects.requireNonNull(value, "value is null");
        }

        static Expected parse(String text) {
            return switch (text) {
                case "-" -> new Expected(Optional.empty(), false);
                case "*" -> new Expected(Optional.empty(), true);
                default -> new Expected(Optional.of(text), true);
            };
        }

        /**
         * @param actual the context's entry, as text
         * @return whether it is what this expects
         */
        public boolean matches(Optional<String> actual) {
            return present ? actual.isPresent() && value.map(v -> v.equals(actual.get())).orElse(true)
                    : actual.isEmpty();
        }

        @Override
        public String toString() {
            return present ? value.orElse("any") : "absent";
        }
    }

    /**
     * One case of the corpus.
     *
     * @param name the case's name, also its file's base name; not null
     * @param file the file's name under the corpus directory; not null
     * @param gzip whether the file is gzip-compressed (loaded with a gzip format)
     * @param refused whether loading it must fail
     * @param errorType the error type of the refusal; empty when it loads
     * @param line the refusal's line
     * @param record the refusal's record
     * @param column the refusal's column
     * @param newRows the rows a load adds (new keys); 0 for a refusal
     * @param decision the decided behaviour, in words; not null
     */
    public record Case(String name, String file, boolean gzip, boolean refused, Optional<ErrorType> errorType,
                       Expected line, Expected record, Expected column, int newRows, String decision) {

        /** Validates the components. */
        public Case {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(file, "file is null");
            Objects.requireNonNull(errorType, "errorType is null");
            Objects.requireNonNull(decision, "decision is null");
        }

        /** @return the format to load the file with: the default CSV format, gzipped where the file is */
        public CsvFileFormat format() {
            return gzip ? CsvFileFormat.DEFAULT.toBuilder().gzip(true).build() : CsvFileFormat.DEFAULT;
        }

        /** @return the name the file gets in a load's data directory */
        public String dataFileName() {
            return "success_part_00000" + format().fileSuffix();
        }

        /**
         * Writes the case's data directory: the file as {@link #dataFileName()}, and any error part beside it.
         *
         * @param directory the directory, created if missing; not null
         * @return the directory
         */
        public Path writeTo(Path directory) {
            try {
                Files.createDirectories(directory);
                Files.write(directory.resolve(dataFileName()), bytes(file));
                Optional<byte[]> errorPart = optionalBytes(name + ".error_part.csv");
                if (errorPart.isPresent()) {
                    Files.write(directory.resolve("error_part_00000.csv"), errorPart.get());
                }
                return directory;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A CSV format other than the default that the corpus is also loaded in (see {@link #reformat}).
     *
     * @param name the variant's name, for test names; not null
     * @param format the format; not null
     */
    public record FormatVariant(String name, CsvFileFormat format) {

        /** Validates the components. */
        public FormatVariant {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(format, "format is null");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The non-default formats the corpus's cases are also loaded in: together they cover 0 and 2 header rows, other
     * delimiters, another quote with a backslash escape, NULL markers with and without empty fields as NULL, CRLF,
     * gzip and hex binaries beside the default's BASE64.
     *
     * @return the variants
     */
    public static List<FormatVariant> formatVariants() {
        CsvFileFormat d = CsvFileFormat.DEFAULT;
        return List.of(
                new FormatVariant("no header, semicolon, single quote, backslash escape, \\N marker, hex, CRLF",
                        d.toBuilder().skipHeader(0).fieldDelimiter(';').quote('\'').escape('\\')
                                .emptyFieldAsNull(false).nullIf("\\N").binaryFormat(BinaryFormat.HEX)
                                .recordSeparator("\r\n").build()),
                new FormatVariant("two header rows, tab, NULL and \\N markers with empty as NULL, gzip",
                        d.toBuilder().skipHeader(2).fieldDelimiter('\t').nullIf("NULL", "\\N").gzip(true).build()));
    }

    /**
     * The case with its file rewritten in another format: the same records and values (NULL stays NULL, binaries
     * re-encoded), so the same bad value must be refused the same way: the same error type, record and column, at
     * the line the format's header rows move it to. Only cases whose file is well-formed CSV with one header row
     * and every record complete can be rewritten; header, byte-level (BOM, invalid UTF-8, quoting), ragged, gzip
     * and empty-file cases cannot.
     *
     * @param c the case; not null
     * @param format the format to write it in; not null
     * @return the rewritten case, or empty when it cannot be rewritten in that format
     */
    public static Optional<Reformatted> reformat(Case c, CsvFileFormat format) {
        Objects.requireNonNull(c, "c is null");
        Objects.requireNonNull(format, "format is null");
        if (c.gzip() || (c.refused() && (c.record().value().isEmpty() || c.line().value().isEmpty()))
                || optionalBytes(c.name() + ".error_part.csv").isPresent()) {
            return Optional.empty();
        }
        List<String> header = fields().stream().map(FieldMetadata::getName).toList();
        List<List<String>> records = new ArrayList<>();
        Path original = null;
        try {
            original = Files.createTempFile("corpus-", ".csv");
            Files.write(original, bytes(c.file()));
            try (CsvRecordReader reader = CsvRecordReader.open(original, CsvFileFormat.DEFAULT, header.size())) {
                if (!reader.header().equals(header)) {
                    return Optional.empty();
                }
                for (Optional<CsvRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                    if (row.get().lineNumber() != row.get().recordNumber() + 1) {
                        return Optional.empty(); // a value over several lines: its line would not move simply
                    }
                    records.add(reencodeBinary(row.get().values(), header.indexOf("bin"), format));
                }
            }
        } catch (ConnectorException | IllegalArgumentException notRewritable) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(original);
        }
        if (records.stream().anyMatch(r -> r == null)) {
            return Optional.empty();
        }
        if (c.refused() && !valueRefused(c, records)) {
            return Optional.empty(); // refused for the file's syntax, which a rewrite does not carry over
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (CsvRecordWriter writer = CsvRecordWriter.create(format.gzip()
                ? new java.util.zip.GZIPOutputStream(out) : out, c.file(), format, header)) {
            for (List<String> r : records) {
                writer.write(r);
            }
        } catch (IllegalArgumentException cannotWrite) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Expected line = c.line().value()
                .map(v -> new Expected(Optional.of(Long.toString(Long.parseLong(v) - 1 + format.skipHeader())), true))
                .orElse(c.line());
        return Optional.of(new Reformatted(new Case(c.name(), c.file(), format.gzip(), c.refused(), c.errorType(),
                line, c.record(), c.column(), c.newRows(), c.decision()), format, out.toByteArray()));
    }

    /**
     * Whether the case is refused for the value it names (not for the file's syntax, which the reader took): a NULL
     * key, or a value that is not canonical for its column's type.
     */
    private static boolean valueRefused(Case c, List<List<String>> records) {
        int record = Integer.parseInt(c.record().value().orElseThrow());
        Optional<String> column = c.column().value();
        if (column.isEmpty() || record < 1 || record > records.size()) {
            return false;
        }
        List<String> names = fields().stream().map(FieldMetadata::getName).toList();
        int index = names.indexOf(column.get());
        if (index < 0) {
            return false;
        }
        FieldMetadata field = fields().get(index);
        String value = records.get(record - 1).get(index);
        if (value == null) {
            return !field.isNullable();
        }
        return CanonicalText.problem(field.getCanonicalType(), field.getPrecision(), field.getScale(),
                BinaryFormat.BASE64, value).isPresent();
    }

    /**
     * The bin column's value in the target format; the text as it is when it is not canonical BASE64 and the target
     * format refuses it too; null when it cannot be carried over.
     */
    private static List<String> reencodeBinary(List<String> values, int bin, CsvFileFormat format) {
        List<String> copy = new ArrayList<>(values);
        String text = copy.get(bin);
        if (text == null || format.binaryFormat() == BinaryFormat.BASE64) {
            return copy;
        }
        try {
            byte[] value = BinaryCodec.decode(text, BinaryFormat.BASE64, StandardCharsets.UTF_8);
            if (BinaryCodec.encode(value, BinaryFormat.BASE64, StandardCharsets.UTF_8).equals(text)) {
                copy.set(bin, BinaryCodec.encode(value, format.binaryFormat(), StandardCharsets.UTF_8));
                return copy;
            }
        } catch (ConnectorException | IllegalArgumentException invalid) {
            // kept as it is below
        }
        // not a value in canonical BASE64 (a header word, an invalid value): kept when the format refuses it too
        return CanonicalText.problem(CanonicalType.BINARY, Optional.empty(), Optional.empty(), format.binaryFormat(),
                text).isPresent() ? copy : null;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    /**
     * A case rewritten in another format.
     *
     * @param expected the case with the line its refusal moves to, and the format's gzip flag; not null
     * @param format the format; not null
     * @param content the file's bytes in that format; not null
     */
    public record Reformatted(Case expected, CsvFileFormat format, byte[] content) {

        /** Validates the components. */
        public Reformatted {
            Objects.requireNonNull(expected, "expected is null");
            Objects.requireNonNull(format, "format is null");
            Objects.requireNonNull(content, "content is null");
        }

        /** @return the name the file gets in a load's data directory */
        public String dataFileName() {
            return "success_part_00000" + format.fileSuffix();
        }

        /**
         * Writes the data directory with the rewritten file.
         *
         * @param directory the directory, created if missing; not null
         * @return the directory
         */
        public Path writeTo(Path directory) {
            try {
                Files.createDirectories(directory);
                Files.write(directory.resolve(dataFileName()), content);
                return directory;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * @param e the refusal; not null
         * @return what differs from the case's decided outcome in this format; empty when it matches
         */
        public List<String> differences(ConnectorException e) {
            return BadInputCorpus.differences(expected, dataFileName(), e);
        }
    }

    /** @return every case, in the manifest's order */
    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String manifest = new String(bytes("cases.csv"), StandardCharsets.UTF_8);
        try (BufferedReader reader = new BufferedReader(new StringReader(manifest))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", 10);
                String decision = f[9].substring(1, f[9].length() - 1).replace("\"\"", "\"");
                boolean refused = f[3].equals("refuse");
                cases.add(new Case(f[0], f[1], Boolean.parseBoolean(f[2]), refused,
                        refused ? Optional.of(ErrorType.valueOf(f[4])) : Optional.empty(), Expected.parse(f[5]),
                        Expected.parse(f[6]), Expected.parse(f[7]), Integer.parseInt(f[8]), decision));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(cases);
    }

    /** @return the source fields every corpus file is written for, in file order */
    public static List<FieldMetadata> fields() {
        return List.of(
                FieldMetadata.builder("id", CanonicalType.LONG).primaryKey(true).nullable(false).build(),
                FieldMetadata.builder("name", CanonicalType.STRING).build(),
                FieldMetadata.builder("amount", CanonicalType.DECIMAL).precision(10).scale(2).build(),
                FieldMetadata.builder("qty", CanonicalType.INTEGER).build(),
                FieldMetadata.builder("ratio", CanonicalType.DOUBLE).build(),
                FieldMetadata.builder("flag", CanonicalType.BOOLEAN).build(),
                FieldMetadata.builder("day", CanonicalType.DATE).build(),
                FieldMetadata.builder("at", CanonicalType.TIME).build(),
                FieldMetadata.builder("ts", CanonicalType.TIMESTAMP_TZ).build(),
                FieldMetadata.builder("doc", CanonicalType.JSON).build(),
                FieldMetadata.builder("uid", CanonicalType.UUID).build(),
                FieldMetadata.builder("bin", CanonicalType.BINARY).build());
    }

    /** @return the rows the table holds before a case is loaded: keys 1 and 2, other values NULL */
    public static List<List<Object>> existingRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (long id = 1; id <= 2; id++) {
            Object[] row = new Object[fields().size()];
            row[0] = id;
            row[1] = "existing " + id;
            rows.add(Arrays.asList(row));
        }
        return rows;
    }

    /**
     * Checks a refusal against a case.
     *
     * @param c the case; not null
     * @param e the refusal; not null
     * @return what differs from the decided outcome; empty when it matches
     */
    public static List<String> differences(Case c, ConnectorException e) {
        return differences(c, c.dataFileName(), e);
    }

    private static List<String> differences(Case c, String dataFileName, ConnectorException e) {
        List<String> out = new ArrayList<>();
        if (c.errorType().isPresent() && e.getErrorType() != c.errorType().get()) {
            out.add("error type " + e.getErrorType() + ", expected " + c.errorType().get());
        }
        if (!e.getContext().file().map(dataFileName::equals).orElse(false)) {
            out.add("file " + e.getContext().file() + ", expected " + dataFileName);
        }
        check(out, "line", c.line(), e.getContext().line().isPresent()
                ? Optional.of(Long.toString(e.getContext().line().getAsLong())) : Optional.empty());
        check(out, "record", c.record(), e.getContext().record().isPresent()
                ? Optional.of(Long.toString(e.getContext().record().getAsLong())) : Optional.empty());
        check(out, "column", c.column(), e.getContext().column());
        if (e.getMessage().length() >= 1024) {
            out.add("message of " + e.getMessage().length() + " characters, expected under 1 KB");
        }
        if (e.isRetryable()) {
            out.add("retryable, expected not: the same file fails the same way");
        }
        return out;
    }

    private static void check(List<String> out, String what, Expected expected, Optional<String> actual) {
        if (!expected.matches(actual)) {
            out.add(what + " " + actual.orElse("absent") + ", expected " + expected);
        }
    }

    private static byte[] bytes(String resource) {
        return optionalBytes(resource).orElseThrow(() -> new IllegalStateException("corpus resource missing: "
                + resource));
    }

    private static Optional<byte[]> optionalBytes(String resource) {
        try (InputStream in = BadInputCorpus.class.getResourceAsStream(BASE + resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
