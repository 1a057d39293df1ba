package dev.destsdk.iceberg;

import static dev.destsdk.iceberg.IcebergHarness.field;
import static dev.destsdk.iceberg.IcebergHarness.key;
import static dev.destsdk.iceberg.IcebergHarness.row;
import static dev.destsdk.iceberg.IcebergHarness.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.testkit.runner.Pipeline;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** The Iceberg destination on a local directory with {@link LocalFileIO} and a SQLite JdbcCatalog. */
class IcebergLocalTest extends IcebergDestinationContract {
    @Override
    ObjectStore createStore(Path dir) throws Exception {
        return new LocalObjectStore(dir.resolve("lake"));
    }

    /**
     * An append-only table read by another engine: DuckDB's read_parquet over exactly the files Iceberg plans gives
     * the rows and types Iceberg's reader gives; the manifests carry column statistics for pruning.
     */
    @Test
    void duckDbReadsThePlannedFilesOfAnAppendOnlyTableAndManifestsHoldStatistics() throws Exception {
        ObjectMetadata src = source("ddb", key("id", CanonicalType.LONG), field("name", CanonicalType.STRING),
                IcebergHarness.field("price", CanonicalType.DECIMAL, 12, 2), field("d", CanonicalType.DATE));
        Pipeline p = h.pipeline();
        h.run(p, h.spec(src, LoadMode.APPEND, "s1").rowsPerFile(2).rows(List.of(
                row(1L, "a", new BigDecimal("1.50"), LocalDate.parse("2024-01-01")),
                row(2L, null, new BigDecimal("-2.25"), LocalDate.parse("2024-02-01")),
                row(3L, "c", null, LocalDate.parse("2024-03-01")))));
        h.run(p, h.spec(src, LoadMode.APPEND, "s2").rows(List.of(
                row(4L, "d", new BigDecimal("99.99"), LocalDate.parse("2024-04-01")))));
        Table t = h.table("ddb");
        List<String> paths = new ArrayList<>();
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = t.newScan().includeColumnStats().planFiles()) {
            for (FileScanTask task : tasks) {
                assertThat(task.deletes()).isEmpty();
                files.add(task.file());
                paths.add(LocalFileIO.path(task.file().location()).toString());
            }
        }
        assertThat(paths).hasSize(3);
        List<List<Object>> duck = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, price, d, typeof(price), typeof(d) FROM read_parquet(["
                     + paths.stream().map(x -> "'" + x + "'").collect(Collectors.joining(", ")) + "]) ORDER BY id")) {
            while (rs.next()) {
                duck.add(row(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6)));
            }
        }
        assertThat(duck).containsExactly(
                row(1L, "a", new BigDecimal("1.50"), LocalDate.parse("2024-01-01"), "DECIMAL(12,2)", "DATE"),
                row(2L, null, new BigDecimal("-2.25"), LocalDate.parse("2024-02-01"), "DECIMAL(12,2)", "DATE"),
                row(3L, "c", null, LocalDate.parse("2024-03-01"), "DECIMAL(12,2)", "DATE"),
                row(4L, "d", new BigDecimal("99.99"), LocalDate.parse("2024-04-01"), "DECIMAL(12,2)", "DATE"));
        List<List<Object>> iceberg = h.rows("ddb", "id", "name", "price", "d");
        iceberg.sort(Comparator.comparing(r -> (Long) r.get(0)));
        assertThat(iceberg).containsExactlyElementsOf(duck.stream().map(r -> r.subList(0, 4)).toList());
        int id = t.schema().findField("id").fieldId();
        int name = t.schema().findField("name").fieldId();
        DataFile first = files.stream().filter(f -> f.recordCount() == 2
                && Conversions.<Long>fromByteBuffer(Types.LongType.get(), lower(f, id)) == 1L).findFirst()
                .orElseThrow();
        assertThat(Conversions.<Long>fromByteBuffer(Types.LongType.get(), first.upperBounds().get(id))).isEqualTo(2L);
        assertThat(first.nullValueCounts().get(name)).isEqualTo(1L);
        assertThat(first.valueCounts().get(id)).isEqualTo(2L);
    }

    private static ByteBuffer lower(DataFile f, int id) {
        return f.lowerBounds().get(id);
    }
}
