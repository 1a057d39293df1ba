package dev.destsdk.examples.duckdb;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.capability.ConnectorCapabilitiesConfigBuilder;
import dev.destsdk.core.naming.NamingDefaults;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.jdbc.BaseWarehouseDestination;
import dev.destsdk.jdbc.bulk.BulkLoader;
import dev.destsdk.jdbc.bulk.CsvOutput;
import dev.destsdk.jdbc.bulk.CsvPassThrough;
import dev.destsdk.jdbc.bulk.CsvTranscoder;
import dev.destsdk.jdbc.bulk.DataFileStreams;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded DuckDB warehouse destination, loaded through a local stage directory so that the SDK's staged path
 * (stage, then load from the stage) is exercised: {@code stage} puts each data file into the stage as it is (a hard
 * link, or a copy), {@code load} checks and reads the staged files with {@link DuckDbCsvLoader}, and every load
 * (successful, failed or cancelled) removes the stage.
 *
 * <p>The destination owns one DuckDB database (opened on first use, closed by {@link #close()}); each call works on
 * a duplicate connection whose time zone is UTC. One instance is used by one thread at a time.
 */
public final class DuckDbDestination extends BaseWarehouseDestination {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbDestination.class);
    private static final String STAGED_PREFIX_FORMAT = "%06d_";
    private static final int STAGED_PREFIX_LENGTH = 7;

    private final DuckDbConfig config;
    private final DuckDbDialect dialect = new DuckDbDialect();
    private DuckDBConnection database;

    /**
     * @param config the validated settings; not null
     */
    public DuckDbDestination(DuckDbConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    protected SqlDialect dialect() {
        return dialect;
    }

    @Override
    protected synchronized Connection openConnection() throws SQLException {
        if (database == null) {
            database = (DuckDBConnection) DriverManager.getConnection(config.jdbcUrl());
        }
        Connection c = database.duplicate();
        try (Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
        }
        return c;
    }

    @Override
    protected NamingDefaults namingDefaults() {
        return new NamingDefaults(Optional.empty(), config.schema());
    }

    @Override
    protected BulkLoader bulkLoader() {
        return new DuckDbCsvLoader();
    }

    @Override
    protected boolean isStaged() {
        return true;
    }

    /** A fresh directory per sync and table under the stage directory. */
    @Override
    protected String prepareStage(SyncContext sync, TableName table) throws IOException {
        String tableKey = HexFormat.of().formatHex(table.toString().getBytes(StandardCharsets.UTF_8));
        if (tableKey.length() > 100) {
            tableKey = tableKey.substring(0, 60) + Integer.toHexString(table.toString().hashCode());
        }
        Path dir = config.stageDirectory().resolve(sync.syncIdAsIdentifierPart()).resolve(tableKey);
        deleteRecursively(dir);
        Files.createDirectories(dir);
        return dir.toString();
    }

    /**
     * Stages a file as it is: a hard link into the stage (a copy when the stage is on another file system), so
     * nothing is copied. The load checks it and rewrites it where DuckDB's reader needs that.
     */
    @Override
    protected long uploadToStage(String stageLocation, LoadFile file, CancellationSignal cancellation)
            throws IOException {
        Path dir = Path.of(stageLocation);
        long index;
        try (Stream<Path> existing = Files.list(dir)) {
            index = existing.count();
        }
        Path staged = dir.resolve(String.format(STAGED_PREFIX_FORMAT, index) + file.displayName());
        cancellation.checkCancellation("stage: upload of " + file.displayName());
        try {
            Files.createLink(staged, file.path());
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot hard-link {} into the stage ({}); copying it", file.path(), e.toString());
            try (InputStream in = DataFileStreams.cancellable(Files.newInputStream(file.path()), cancellation)) {
                Files.copy(in, staged);
            }
            cancellation.checkCancellation("stage: upload of " + file.displayName());
        }
        return Files.size(staged);
    }

    @Override
    protected List<LoadFile> stagedFiles(String stageLocation, CsvFileFormat format) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(stageLocation))) {
            return files.sorted().map(p -> new LoadFile(p, p.getFileName().toString().substring(STAGED_PREFIX_LENGTH),
                    format)).toList();
        }
    }

    /** Deletes the table's stage directory, and its sync's directory once no other table's is left in it. */
    @Override
    protected void cleanUpStage(String stageLocation) throws IOException {
        Path dir = Path.of(stageLocation);
        deleteRecursively(dir);
        Path sync = dir.getParent();
        if (sync != null && sync.startsWith(config.stageDirectory()) && !sync.equals(config.stageDirectory())) {
            try (Stream<Path> rest = Files.list(sync)) {
                if (rest.findAny().isEmpty()) {
                    Files.deleteIfExists(sync);
                }
            } catch (java.nio.file.NoSuchFileException | java.nio.file.DirectoryNotEmptyException e) {
                // another load of the same sync removed it, or staged beside it meanwhile
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Closes the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (database != null) {
            try {
                database.close();
            } catch (SQLException e) {
                LOG.warn("closing the DuckDB database failed: {}", e.toString());
            }
            database = null;
        }
    }

    /** One DuckDB database accepts one writer at a time: parallel loads are not declared. */
    @Override
    protected ConnectorCapabilitiesConfigBuilder capabilities(ConnectorCapabilitiesConfigBuilder preset) {
        return preset.supportsParallelization(false);
    }

    @Override
    public String toString() {
        return "DuckDbDestination{" + config + "}";
    }
}
