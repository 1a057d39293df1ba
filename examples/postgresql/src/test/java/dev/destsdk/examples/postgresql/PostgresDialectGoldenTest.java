package dev.destsdk.examples.postgresql;

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

/** Golden-file test of {@link PostgresDialect}; regenerate as {@link dev.destsdk.jdbc.testing.GoldenFiles} says. */
class PostgresDialectGoldenTest extends AbstractDialectGoldenTest {

    @Override
    protected SqlDialect dialect() {
        return new PostgresDialect();
    }

    @Override
    protected Map<String, String> extraStatements() {
        BulkLoadTarget target = new BulkLoadTarget(GoldenStatements.STAGING,
                GoldenStatements.sampleColumns(dialect()).subList(0, 5));
        CsvFileFormat marker = CsvFileFormat.builder().emptyFieldAsNull(false).nullIf("NULL").build();
        CsvFileFormat noNull = CsvFileFormat.builder().skipHeader(0).emptyFieldAsNull(false).fieldDelimiter(';')
                .build();
        return Map.of("bulk_copy.sql", PostgresCopyLoader.nativeCopySql(dialect(), target, CsvFileFormat.DEFAULT)
                + ";\n" + PostgresCopyLoader.nativeCopySql(dialect(), target, marker) + ";\n"
                + PostgresCopyLoader.nativeCopySql(dialect(), target, noNull) + ";\n"
                + PostgresCopyLoader.transcodedCopySql(dialect(), target) + ";\n");
    }
}
