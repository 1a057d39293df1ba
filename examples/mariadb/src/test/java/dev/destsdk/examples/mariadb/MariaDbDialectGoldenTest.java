package dev.destsdk.examples.mariadb;

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

/** Golden-file test of {@link MariaDbDialect}; regenerate as {@link dev.destsdk.jdbc.testing.GoldenFiles} says. */
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
        return Map.of("bulk_load_data.sql", MariaDbLoadDataLoader.loadDataSql(dialect(), target, marker, 1) + ";\n");
    }
}
