package dev.destsdk.examples.duckdb;

import dev.destsdk.core.csv.BinaryFormat;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.testkit.warehouse.AbstractDialectGoldenTest;
import dev.destsdk.testkit.warehouse.GoldenStatements;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Golden-file test of {@link DuckDbDialect}; regenerate as {@link dev.destsdk.testkit.warehouse.GoldenFiles} says. */
class DuckDbDialectGoldenTest extends AbstractDialectGoldenTest {

    @Override
    protected SqlDialect dialect() {
        return new DuckDbDialect();
    }

    @Override
    protected Map<String, String> extraStatements() {
        List<ColumnDef> columns = GoldenStatements.sampleColumns(dialect());
        BulkLoadTarget target = new BulkLoadTarget(GoldenStatements.STAGING, columns.subList(0, columns.size() - 3));
        CsvFileFormat format = CsvFileFormat.builder().nullIf("NULL", "\\N").gzip(true).build();
        return Map.of("bulk_read_csv.sql", DuckDbCsvLoader.insertSql(dialect(), target,
                new LoadFile(Path.of("/stage/000000_success_part_00000.csv.gz"), "success_part_00000.csv.gz", format))
                + ";\n", "bulk_read_csv_with_constants.sql", DuckDbCsvLoader.insertSql(dialect(),
                new BulkLoadTarget(GoldenStatements.STAGING, columns.subList(0, 5), trackingConstants(), true),
                new LoadFile(Path.of("/stage/000001_success_part_00001.csv"), "success_part_00001.csv",
                        CsvFileFormat.DEFAULT)) + ";\n");
    }

    private List<BulkLoadTarget.ConstantColumn> trackingConstants() {
        return List.of(
                new BulkLoadTarget.ConstantColumn("_supa_synced", GoldenStatements.SYNC_TIME.toString(),
                        dialect().timestampTzLiteral(GoldenStatements.SYNC_TIME)),
                new BulkLoadTarget.ConstantColumn("_supa_job_id", "sync-42", dialect().stringLiteral("sync-42")),
                new BulkLoadTarget.ConstantColumn("_supa_deleted", "false", dialect().booleanLiteral(false)));
    }
}
