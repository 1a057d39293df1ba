package dev.destsdk.iceberg;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.file.catalog.TableId;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.fixtures.LoadModeFixtures;
import dev.destsdk.testkit.runner.LocalPipelineRunner;
import dev.destsdk.testkit.runner.Pipeline;
import dev.destsdk.testkit.runner.RunResult;
import dev.destsdk.testkit.runner.RunSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Drives an Iceberg destination through the testkit's pipeline runner and reads tables back with Iceberg's own
 * generic reader (deletes applied).
 */
final class IcebergHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2024-03-05T07:08:09Z");

    final IcebergDestination destination;
    final LocalPipelineRunner runner;
    final ObjectStore store;
    private int seconds;

    IcebergHarness(IcebergDestinationConfig config, Path work) {
        this.store = config.store();
        this.destination = new IcebergDestination(config);
        this.runner = new LocalPipelineRunner(destination, work);
    }

    static ObjectMetadata source(String table, FieldMetadata... fields) {
        return LoadModeFixtures.object(table, List.of(fields));
    }

    static FieldMetadata key(String name, CanonicalType type) {
        return FieldMetadata.builder(name, type).primaryKey(true).build();
    }

    static FieldMetadata field(String name, CanonicalType type) {
        return FieldMetadata.builder(name, type).build();
    }

    static FieldMetadata field(String name, CanonicalType type, int precision, int scale) {
        return FieldMetadata.builder(name, type).precision(precision).scale(scale).build();
    }

    static FieldMetadata cursor(String name, CanonicalType type) {
        return FieldMetadata.builder(name, type).cursorField(true).build();
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    RunSpec.Builder spec(ObjectMetadata source, LoadMode mode, String syncId) {
        return RunSpec.builder(source).loadMode(mode).syncId(syncId).syncTime(T0.plusSeconds(seconds++));
    }

    Pipeline pipeline() {
        return runner.newPipeline();
    }

    Table table(String table) {
        return destination.icebergCommitter().load(new TableId("default", table)).orElseThrow(
                () -> new AssertionError("no Iceberg table " + table));
    }

    boolean exists(String table) {
        return destination.icebergCommitter().load(new TableId("default", table)).isPresent();
    }

    /** Rows of the table's current snapshot (deletes applied), the given columns, sorted by their text. */
    List<List<Object>> rows(String table, String... columns) {
        return rowsAt(table, -1, columns);
    }

    /** Rows of a snapshot (or the current one for -1), deletes applied, sorted by their text. */
    List<List<Object>> rowsAt(String table, long snapshotId, String... columns) {
        Table t = table(table);
        t.refresh();
        List<List<Object>> out = new ArrayList<>();
        IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(t);
        if (snapshotId >= 0) {
            scan = scan.useSnapshot(snapshotId);
        }
        try (CloseableIterable<Record> records = scan.build()) {
            for (Record r : records) {
                List<Object> row = new ArrayList<>();
                for (String c : columns) {
                    row.add(r.getField(c));
                }
                out.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }

    Map<String, String> lastSummary(String table) {
        Table t = table(table);
        t.refresh();
        return t.currentSnapshot().summary();
    }

    /**
     * Objects below the table's location that no snapshot (data, delete, manifest, manifest list) or metadata file
     * of the table references: what a failed run would leave behind.
     */
    List<String> unreferencedObjects(String table) {
        Table t = table(table);
        t.refresh();
        java.util.Set<String> referenced = IcebergMaintenance.referencedFiles(t);
        String prefix = t.location() + "/";
        List<String> out = new ArrayList<>();
        try {
            String root = store.describe().endsWith("/") ? store.describe() : store.describe() + "/";
            for (var o : store.list(prefix.substring(root.length()))) {
                if (!referenced.contains(root + o.key())) {
                    out.add(o.key());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    RunResult run(Pipeline pipeline, RunSpec.Builder spec) {
        return pipeline.run(spec.build());
    }

    @Override
    public void close() {
        destination.close();
    }
}
