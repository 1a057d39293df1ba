package dev.destsdk.examples.postgresql;

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

/** Golden-file test of {@link PostgresDialect}; regenerate as {@link dev.destsdk.testkit.warehouse.GoldenFiles} says. */
class PostgresDialectGoldenTest extends AbstractDialectGoldenTest {

    @Override
    protected SqlDialect dialect() {
        return new PostgresDialect();
    }

    @Override
    protected Map<String, String> extraStatements() {
        BulkLoadTarget target = new BulkLoadTarget(GoldenStatements.STAGING,
                GoldenStatements.sampleColumns(dialect()).subList(0, 5));
        BulkLoadTarget fresh = new BulkLoadTarget(GoldenStatements.STAGING,
                GoldenStatements.sampleColumns(dialect()).subList(0, 5), trackingConstants(), true);
        CsvFileFormat marker = CsvFileFormat.builder().emptyFieldAsNull(false).nullIf("NULL").build();
        CsvFileFormat noNull = CsvFileFormat.builder().skipHeader(0).emptyFieldAsNull(false).fieldDelimiter(';')
                .build();
        return Map.of("bulk_copy.sql", PostgresCopyLoader.nativeCopySql(dialect(), target, CsvFileFormat.DEFAULT)
                + ";\n" + PostgresCopyLoader.nativeCopySql(dialect(), target, marker) + ";\n"
                + PostgresCopyLoader.nativeCopySql(dialect(), target, noNull) + ";\n"
                + PostgresCopyLoader.transcodedCopySql(dialect(), target) + ";\n",
                "bulk_copy_fresh_with_constants.sql", PostgresCopyLoader.nativeCopySql(dialect(), fresh,
                        CsvFileFormat.DEFAULT) + ";\n" + PostgresCopyLoader.transcodedCopySql(dialect(), fresh) + ";\n");
    }

    private List<BulkLoadTarget.ConstantColumn> trackingConstants() {
        return List.of(
                new BulkLoadTarget.ConstantColumn("_supa_synced", GoldenStatements.SYNC_TIME.toString(),
                        dialect().timestampTzLiteral(GoldenStatements.SYNC_TIME)),
                new BulkLoadTarget.ConstantColumn("_supa_job_id", "sync-42", dialect().stringLiteral("sync-42")),
                new BulkLoadTarget.ConstantColumn("_supa_deleted", "false", dialect().booleanLiteral(false)));
    }
}
