package dev.destsdk.examples.duckdb;

import dev.destsdk.core.csv.BinaryFormat;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.testing.GoldenStatements;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.destsdk.jdbc.testing.AbstractDialectGoldenTest;

/** Golden-file test of {@link DuckDbDialect}; regenerate as {@link dev.destsdk.jdbc.testing.GoldenFiles} says. */
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
                + ";\n");
    }
}
