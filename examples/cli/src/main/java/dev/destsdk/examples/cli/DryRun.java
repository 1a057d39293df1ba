package dev.destsdk.examples.cli;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.plan.TableLayout;
import dev.destsdk.testkit.runner.RunSpec;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code load --dry-run} prints: per table, the mapped target object ({@code mapToTargetObject}, which changes
 * nothing) and the statements or requests a load would run. For SQL warehouses the statements come from the
 * connector's dialect, for a first load of the table (an existing table is compared first and altered as schema
 * evolution allows); the bulk load of the staging table is shown as a comment.
 */
final class DryRun {
    private final PrintStream out;
    private final String type;
    private final Map<String, String> settings;

    DryRun(PrintStream out, String type, Map<String, String> settings) {
        this.out = out;
        this.type = type;
        this.settings = settings;
    }

    void print(Destination d, List<DataFolder.Table> tables, List<RunSpec> specs) {
        out.println("dry run: nothing is changed");
        for (int i = 0; i < specs.size(); i++) {
            RunSpec spec = specs.get(i);
            DataFolder.Table table = tables.get(i);
            ObjectMetadata mapped = d.mapToTargetObject(spec.sourceObject(), spec.namespaceRules(), Optional.empty());
            LoadMode mode = spec.loadMode().orElseGet(() -> d.getCapabilitiesConfig().getDefaultLoadMode());
            out.println();
            out.println("table " + table.name() + " -> " + mapped.getFormattedFullyQualifiedName()
                    .orElse(mapped.getName()) + " (" + mode + ", " + table.files().size() + " file(s))");
            TextTable columns = new TextTable(List.of("column", "canonical type", "native type", "key", "cursor"));
            for (FieldMetadata f : mapped.getFields()) {
                columns.add(List.of(f.getFormattedName().orElse(f.getName()), f.getCanonicalType(),
                        f.getOriginalDataType().orElse(""), f.isPrimaryKey() ? "key" : "",
                        f.isCursorField() ? "cursor" : ""));
            }
            columns.print(out);
            Optional<SqlDialect> dialect = Destinations.dialect(type, settings);
            if (dialect.isPresent()) {
                sql(dialect.get(), mapped, spec, mode).forEach(s -> out.println(s.startsWith("--") ? s : s + ";"));
            } else if (type.equals("crm")) {
                long records = DataFolder.countRecords(table, (CsvFileFormat) spec.fileFormat());
                String object = String.valueOf(mapped.getActivationTarget().getOrDefault("object_api_name",
                        mapped.getName()));
                String op = String.valueOf(mapped.getActivationBehaviour().getOrDefault("operation", "UPSERT"))
                        .toLowerCase(Locale.ROOT);
                out.println("GET  /crm/v3/properties/" + object);
                out.println(String.format(Locale.ROOT, "POST /crm/v3/objects/%s/batch/%s  x %d call(s) for %d"
                        + " record(s) (100 per call; change_only sends only changed records)", object, op,
                        (records + 99) / 100, records));
            } else {
                out.println("write Parquet files of the sync under " + mapped.getSchema().orElse("") + "/"
                        + mapped.getName() + "/ (" + (type.equals("iceberg")
                        ? "then commit one Iceberg snapshot" : "partition sync_id=<sync id>, then publish one"
                        + " catalog version") + ")");
            }
        }
    }

    private static List<String> sql(SqlDialect d, ObjectMetadata mapped, RunSpec spec, LoadMode mode) {
        TableLayout layout = TableLayout.of(mapped, d, TrackingColumns.DEFAULT);
        TableName target = layout.table();
        TableName staging = target.sibling("_destsdk_stage_" + target.table());
        SyncContext sync = new SyncContext(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), spec.syncId().orElse("dry-run"));
        List<String> all = layout.allColumnNames();
        List<String> sql = new ArrayList<>();
        d.createSchemaIfNotExists(target).ifPresent(sql::add);
        sql.add(d.createTable(target, layout.columnsWithSyncDefaults(d, sync)));
        boolean hard = spec.hardDeletes() && layout.sourceSendsDeleted();
        Optional<String> keep = hard ? Optional.of(d.isNotTrue(layout.deleted(), Optional.of("s")))
                : Optional.empty();
        sql.add(d.createStagingTable(staging, layout.columnsWithSyncDefaults(d, sync)));
        sql.add("-- bulk load of the data files into " + d.qualify(staging));
        switch (mode) {
            case MERGE -> {
                sql.add(d.deleteSupersededRows(staging, layout.keyColumns(), layout.cursorColumn()));
                if (hard) {
                    sql.add(d.deleteMatching(target, staging, layout.keyColumns(),
                            d.isTrue(layout.deleted(), Optional.of("s"))));
                }
                List<String> nonKeys = all.stream().filter(n -> !layout.keyColumns().contains(n)).toList();
                Optional<String> upsert = d.upsertFromStaging(target, staging, layout.keyColumns(), nonKeys, all,
                        keep, false);
                if (upsert.isPresent()) {
                    sql.add(upsert.get());
                } else {
                    sql.add(d.updateFromStaging(target, staging, layout.keyColumns(), nonKeys, keep));
                    sql.add(d.insertMissingFromStaging(target, staging, layout.keyColumns(), all, keep));
                }
            }
            case TRUNCATE_AND_LOAD -> {
                sql.add(d.deleteAllRows(target));
                sql.add(d.insertFromStaging(target, staging, all, keep));
            }
            default -> sql.add(d.insertFromStaging(target, staging, all, keep));
        }
        sql.add(d.dropTableIfExists(staging));
        return sql;
    }
}
