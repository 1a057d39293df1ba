package dev.destsdk.examples.sqlite;

import dev.destsdk.jdbc.bulk.BatchedInsertLoader;
import dev.destsdk.jdbc.bulk.BulkLoadTarget;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.testkit.warehouse.AbstractDialectGoldenTest;
import dev.destsdk.testkit.warehouse.GoldenStatements;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Golden-file test of {@link SqliteDialect}; regenerate as {@link dev.destsdk.testkit.warehouse.GoldenFiles} says. */
class SqliteDialectGoldenTest extends AbstractDialectGoldenTest {

    @Override
    protected SqlDialect dialect() {
        return new SqliteDialect(Path.of("/data/sqlite"));
    }

    @Override
    protected Map<String, String> extraStatements() {
        List<ColumnDef> columns = GoldenStatements.sampleColumns(dialect());
        BulkLoadTarget target = new BulkLoadTarget(GoldenStatements.STAGING, columns.subList(0, 5));
        return Map.of("batched_insert.sql", BatchedInsertLoader.insertSql(dialect(), target) + ";\n",
                "attach.sql", ((SqliteDialect) dialect()).attach("Sales Data") + ";\n",
                "tables_query.sql", dialect().tablesQuery(GoldenStatements.STAGING).orElseThrow() + ";\n");
    }
}
