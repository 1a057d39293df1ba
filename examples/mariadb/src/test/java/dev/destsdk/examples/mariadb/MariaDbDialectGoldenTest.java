package dev.destsdk.examples.mariadb;

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

/** Golden-file test of {@link MariaDbDialect}; regenerate as {@link dev.destsdk.testkit.warehouse.GoldenFiles} says. */
class MariaDbDialectGoldenTest extends AbstractDialectGoldenTest {

    @Override
    protected SqlDialect dialect() {
        return new MariaDbDialect();
    }

    @Override
    protected Map<String, String> extraStatements() {
        List<ColumnDef> columns = GoldenStatements.sampleColumns(dialect());
        BulkLoadTarget target = new BulkLoadTarget(GoldenStatements.STAGING, columns.subList(0, columns.size() - 3));
        CsvFileFormat marker = CsvFileFormat.builder().emptyFieldAsNull(false).nullIf("NULL")
                .binaryFormat(BinaryFormat.HEX).recordSeparator("\r\n").build();
        BulkLoadTarget withConstants = new BulkLoadTarget(GoldenStatements.STAGING,
                columns.subList(0, columns.size() - 3), trackingConstants(), false);
        return Map.of("bulk_load_data.sql", MariaDbLoadDataLoader.loadDataSql(dialect(), target, marker, 1) + ";\n",
                "bulk_load_data_with_constants.sql", MariaDbLoadDataLoader.loadDataSql(dialect(), withConstants,
                        CsvFileFormat.DEFAULT.toBuilder().skipHeader(0).build(), 0) + ";\n");
    }

    private List<BulkLoadTarget.ConstantColumn> trackingConstants() {
        return List.of(
                new BulkLoadTarget.ConstantColumn("_supa_synced", GoldenStatements.SYNC_TIME.toString(),
                        dialect().timestampTzLiteral(GoldenStatements.SYNC_TIME)),
                new BulkLoadTarget.ConstantColumn("_supa_job_id", "sync-42", dialect().stringLiteral("sync-42")),
                new BulkLoadTarget.ConstantColumn("_supa_deleted", "false", dialect().booleanLiteral(false)));
    }
}
