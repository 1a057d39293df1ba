package dev.destsdk.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.files.DataFiles;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.MetadataJson;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.sync.TrackingColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The tables of a data folder: each sub-directory is a table (its {@code *.csv} / {@code *.csv.gz} files, in name
 * order), and so is each {@code <table>.csv} / {@code <table>.csv.gz} file at the top. Files that are not named
 * {@code success_part_NNNNN} are linked under that name into a directory of the work directory, so the destination
 * sees the executor's layout; nothing is copied and nothing is read into memory.
 */
final class DataFolder {

    /**
     * One table of the folder.
     *
     * @param name the table name (directory or file name without suffix)
     * @param files its data files in load order
     * @param gzip whether the files are gzip-compressed
     */
    record Table(String name, List<Path> files, boolean gzip) {
    }

    private DataFolder() {
    }

    /**
     * @param dir the folder
     * @return its tables, by name
     * @throws ConnectorException VALIDATION_ERROR when the folder is missing, holds no data file, or a table mixes
     *     compressed and plain files
     */
    static List<Table> tables(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, "data folder " + dir + " does not exist or is"
                    + " not a directory");
        }
        Map<String, List<Path>> byTable = new LinkedHashMap<>();
        for (Path p : list(dir)) {
            if (Files.isDirectory(p)) {
                List<Path> files = list(p).stream().filter(DataFolder::isData).toList();
                if (!files.isEmpty()) {
                    byTable.computeIfAbsent(p.getFileName().toString(), k -> new ArrayList<>()).addAll(files);
                }
            } else if (isData(p)) {
                byTable.computeIfAbsent(stripSuffix(p.getFileName().toString()), k -> new ArrayList<>()).add(p);
            }
        }
        if (byTable.isEmpty()) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, "data folder " + dir + " holds no data file:"
                    + " put <table>.csv files or <table>/ directories of .csv (or .csv.gz) files in it");
        }
        List<Table> tables = new ArrayList<>();
        byTable.forEach((name, files) -> {
            long gz = files.stream().filter(f -> f.getFileName().toString().endsWith(".gz")).count();
            if (gz != 0 && gz != files.size()) {
                throw new ConnectorException(ErrorType.VALIDATION_ERROR, "table " + name + " mixes .csv and"
                        + " .csv.gz files: compress all of them or none");
            }
            tables.add(new Table(name, List.copyOf(files), gz > 0));
        });
        return tables;
    }

    /**
     * The directory the destination reads: the table's own directory when its files are already
     * {@code success_part_*}, else a directory of links under the work directory.
     *
     * @param table the table
     * @param format its format
     * @param work the work directory
     * @return the directory
     */
    static Path dataDirectory(Table table, CsvFileFormat format, Path work) {
        Path parent = table.files().get(0).getParent();
        boolean allParts = table.files().stream().allMatch(f -> f.getParent().equals(parent)
                && f.getFileName().toString().startsWith(DataFiles.SUCCESS_PREFIX));
        if (allParts) {
            return parent;
        }
        try {
            Path dir = Files.createDirectories(work.resolve("links").resolve(table.name()));
            for (int i = 0; i < table.files().size(); i++) {
                Path link = dir.resolve(String.format(Locale.ROOT, "%s%05d%s", DataFiles.SUCCESS_PREFIX, i,
                        format.fileSuffix()));
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, table.files().get(i).toAbsolutePath());
            }
            return dir;
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot link the files of table " + table.name()
                    + " under " + work + ": " + e.getMessage()).cause(e).build();
        }
    }

    /**
     * Reads source metadata in the seeds' snake_case shape: one object or an array of objects.
     *
     * @param file the JSON file
     * @return the objects by lower-case name
     */
    static Map<String, ObjectMetadata> readMetadata(Path file) {
        Map<String, ObjectMetadata> byName = new LinkedHashMap<>();
        try {
            JsonNode root = MetadataJson.mapper().readTree(file.toFile());
            List<JsonNode> nodes = new ArrayList<>();
            if (root != null && root.isArray()) {
                root.forEach(nodes::add);
            } else if (root != null && root.isObject()) {
                nodes.add(root);
            } else {
                throw new ConnectorException(ErrorType.VALIDATION_ERROR, "metadata file " + file + " must hold one"
                        + " object or an array of objects (the seeds' snake_case shape)");
            }
            for (JsonNode n : nodes) {
                ObjectMetadata m = MetadataJson.mapper().treeToValue(n, ObjectMetadata.class);
                byName.put(m.getName().toLowerCase(Locale.ROOT), m);
            }
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "metadata file " + file + " is not valid"
                    + " metadata JSON: " + firstLine(e.getMessage())).cause(e).build();
        }
        return byName;
    }

    /**
     * Infers a source object from the first file's header: every column a nullable STRING (the soft-delete marker
     * {@code _supa_deleted} a BOOLEAN), no key.
     *
     * @param table the table
     * @param format its format
     * @return the inferred object
     */
    static ObjectMetadata inferFromHeader(Table table, CsvFileFormat format) {
        if (format.skipHeader() < 1) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, "table " + table.name() + " has no metadata"
                    + " and its files have no header (--skip-header 0): give --metadata");
        }
        List<String> header;
        try (CsvRecordReader reader = CsvRecordReader.open(table.files().get(0), format)) {
            header = reader.header();
        }
        ObjectMetadata.Builder b = ObjectMetadata.builder(table.name());
        for (String column : header) {
            // The soft-delete marker is BOOLEAN by definition; every other column is text.
            b.addField(FieldMetadata.builder(column, column.equalsIgnoreCase(TrackingColumns.DEFAULT.deleted())
                    ? CanonicalType.BOOLEAN : CanonicalType.STRING).build());
        }
        return b.build();
    }

    /**
     * Counts the records of a table's files by streaming them.
     *
     * @param table the table
     * @param format its format
     * @return the record count
     */
    static long countRecords(Table table, CsvFileFormat format) {
        long n = 0;
        for (Path f : table.files()) {
            try (CsvRecordReader reader = CsvRecordReader.open(f, format)) {
                while (reader.next().isPresent()) {
                    n++;
                }
            }
        }
        return n;
    }

    static Optional<ObjectMetadata> find(Map<String, ObjectMetadata> metadata, String table) {
        return Optional.ofNullable(metadata.get(table.toLowerCase(Locale.ROOT)));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }

    private static boolean isData(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".csv") || n.endsWith(".csv.gz"))
                && !n.startsWith(DataFiles.ERROR_PREFIX);
    }

    private static String stripSuffix(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return name.substring(0, name.length() - (lower.endsWith(".csv.gz") ? 7 : 4));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot list " + dir + ": " + e.getMessage())
                    .cause(e).build();
        }
    }
}
