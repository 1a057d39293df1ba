package dev.destsdk.examples.benchmark.data;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the benchmark's data files once and reuses them: each data set lives in {@code <dir>/<name>/} with a
 * manifest {@code <dir>/<name>.properties} written last, so a file is reused only when its manifest names the same
 * generator version, seed and row counts and the file still has the recorded size. Not thread-safe (one process
 * generates at a time).
 *
 * <p>Files: the initial load holds ids {@code 1..rows} (version 0). The MERGE file holds {@code mergeRows} rows,
 * alternating an update of an existing id (ids spread evenly over the initial load, version 1, later cursor) and a
 * new id above {@code rows}; an odd count has one more update than inserts.
 */
public final class DatasetStore {
    /** The name of the single data file in a data set directory, as an executor names its parts. */
    public static final String DATA_FILE = "success_part_00000.csv";
    /** Bump when the generator's output changes, so stale files are regenerated. */
    static final int GENERATOR_VERSION = 2;
    private static final Logger LOG = LoggerFactory.getLogger(DatasetStore.class);

    private final Path root;

    /** @param root the data directory; created when missing */
    public DatasetStore(Path root) {
        this.root = Objects.requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    /** @return the data directory */
    public Path root() {
        return root;
    }

    /**
     * The initial-load file: ids 1..rows, version 0.
     *
     * @param rows the row count, at least 1
     * @param seed the seed
     * @return the data set, generated now if no matching one exists
     * @throws IOException when the file cannot be written
     */
    public Dataset initialLoad(long rows, long seed) throws IOException {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        String name = "load-n" + rows + "-s" + seed;
        Optional<Dataset> existing = reuse(name, rows, 0, seed);
        if (existing.isPresent()) {
            return existing.get();
        }
        RowGenerator gen = new RowGenerator(seed);
        return write(name, rows, 0, seed, (writer, fileStats) -> {
            for (long id = 1; id <= rows; id++) {
                BenchRow row = gen.row(id, 0);
                writer.write(BenchCsv.values(row));
                fileStats.add(row);
            }
            return fileStats.stats();
        });
    }

    /**
     * The MERGE file: half updates of rows of the initial load, half new rows.
     *
     * @param mergeRows rows in the file, at least 1
     * @param baseRows rows of the initial load it merges onto; at least the number of updates
     * @param seed the seed (the initial load's)
     * @return the data set, generated now if no matching one exists
     * @throws IOException when the file cannot be written
     */
    public Dataset merge(long mergeRows, long baseRows, long seed) throws IOException {
        long updates = updates(mergeRows);
        if (mergeRows < 1 || updates > baseRows) {
            throw new IllegalArgumentException("a MERGE file of " + mergeRows + " rows needs at least " + updates
                    + " rows in the initial load, got " + baseRows);
        }
        String name = "merge-n" + mergeRows + "-on" + baseRows + "-s" + seed;
        Optional<Dataset> existing = reuse(name, mergeRows, baseRows, seed);
        if (existing.isPresent()) {
            return existing.get();
        }
        RowGenerator gen = new RowGenerator(seed);
        DatasetStats base = initialLoad(baseRows, seed).expectedTable();
        return write(name, mergeRows, baseRows, seed, (writer, fileStats) -> {
            DatasetStats.Accumulator table = new DatasetStats.Accumulator(base);
            for (long i = 0; i < mergeRows; i++) {
                long id = mergeId(i, baseRows, mergeRows);
                BenchRow row = gen.row(id, 1);
                writer.write(BenchCsv.values(row));
                fileStats.add(row);
                if (id <= baseRows) {
                    table.remove(gen.row(id, 0));
                }
                table.add(row);
            }
            return table.stats();
        });
    }

    /**
     * The id of the i-th row of a MERGE file: even positions update existing ids spread over the initial load,
     * odd positions insert ids above it.
     *
     * @param index the row's position, from 0
     * @param baseRows rows of the initial load
     * @param mergeRows rows of the MERGE file
     * @return the id
     */
    public static long mergeId(long index, long baseRows, long mergeRows) {
        long step = Math.max(1, baseRows / updates(mergeRows));
        return index % 2 == 0 ? 1 + (index / 2) * step : baseRows + 1 + index / 2;
    }

    /** @param mergeRows rows of a MERGE file @return how many of them update existing rows */
    public static long updates(long mergeRows) {
        return (mergeRows + 1) / 2;
    }

    private Optional<Dataset> reuse(String name, long rows, long baseRows, long seed) throws IOException {
        Path manifest = root.resolve(name + ".properties");
        Path file = root.resolve(name).resolve(DATA_FILE);
        if (!Files.isRegularFile(manifest) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(manifest)) {
            p.load(in);
        }
        try {
            boolean matches = Integer.parseInt(p.getProperty("generator", "-1")) == GENERATOR_VERSION
                    && Long.parseLong(p.getProperty("rows", "-1")) == rows
                    && Long.parseLong(p.getProperty("baseRows", "-1")) == baseRows
                    && Long.parseLong(p.getProperty("seed", "0")) == seed
                    && Long.parseLong(p.getProperty("bytes", "-1")) == Files.size(file);
            if (!matches) {
                LOG.info("data set {} is stale (manifest or size differs); regenerating", name);
                return Optional.empty();
            }
            LOG.debug("reusing data set {} ({} rows, {} bytes)", name, rows, Files.size(file));
            return Optional.of(new Dataset(name, file.getParent(), file, rows, Files.size(file),
                    DatasetStats.readFrom(p, "file."), DatasetStats.readFrom(p, "table.")));
        } catch (IllegalArgumentException e) {
            LOG.info("data set {} has an unreadable manifest ({}); regenerating", name, e.getMessage());
            return Optional.empty();
        }
    }

    private Dataset write(String name, long rows, long baseRows, long seed, Body body) throws IOException {
        Path dir = root.resolve(name);
        Files.createDirectories(dir);
        Path manifest = root.resolve(name + ".properties");
        Files.deleteIfExists(manifest);
        Path file = dir.resolve(DATA_FILE);
        Path tmp = dir.resolve(DATA_FILE + ".tmp");
        LOG.info("generating data set {} ({} rows, seed {}) in {}", name, rows, seed, dir);
        long started = System.nanoTime();
        DatasetStats.Accumulator fileStats = new DatasetStats.Accumulator();
        DatasetStats table;
        try (CsvRecordWriter writer = CsvRecordWriter.create(tmp, CsvFileFormat.DEFAULT, BenchSchema.columnNames())) {
            table = body.write(writer, fileStats);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Properties p = new Properties();
        p.setProperty("generator", Integer.toString(GENERATOR_VERSION));
        p.setProperty("rows", Long.toString(rows));
        p.setProperty("baseRows", Long.toString(baseRows));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("bytes", Long.toString(Files.size(file)));
        fileStats.stats().writeTo(p, "file.");
        table.writeTo(p, "table.");
        Path manifestTmp = root.resolve(name + ".properties.tmp");
        try (OutputStream out = Files.newOutputStream(manifestTmp)) {
            p.store(out, "destsdk benchmark data set; delete to regenerate");
        }
        Files.move(manifestTmp, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("generated {}: {} bytes in {} ms", name, Files.size(file), (System.nanoTime() - started) / 1_000_000);
        return new Dataset(name, dir, file, rows, Files.size(file), fileStats.stats(), table);
    }

    @FunctionalInterface
    private interface Body {
        /** Writes the rows, adding each to {@code fileStats}; returns the expected table after the load. */
        DatasetStats write(CsvRecordWriter writer, DatasetStats.Accumulator fileStats) throws IOException;
    }
}
