package dev.destsdk.testkit.corpus;

import dev.destsdk.core.csv.CsvFileFormat;
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
        List<String> out = new ArrayList<>();
        if (c.errorType().isPresent() && e.getErrorType() != c.errorType().get()) {
            out.add("error type " + e.getErrorType() + ", expected " + c.errorType().get());
        }
        if (!e.getContext().file().map(c.dataFileName()::equals).orElse(false)) {
            out.add("file " + e.getContext().file() + ", expected " + c.dataFileName());
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
