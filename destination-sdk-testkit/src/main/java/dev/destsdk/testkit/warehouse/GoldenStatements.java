package dev.destsdk.testkit.warehouse;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.dialect.TableName;
import dev.destsdk.jdbc.dialect.UpsertCounters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Renders a fixed set of statements with a dialect, one golden file each. The sample table exercises quoting
 * (mixed case, a reserved word, an embedded quote, unicode), every canonical type, keys, a cursor and the tracking
 * columns.
 */
public final class GoldenStatements {
    /** The sample target table. */
    public static final TableName TARGET = TableName.of("Sales Data", "order \"items\"");
    /** The sample staging table. */
    public static final TableName STAGING = TARGET.sibling("_destsdk_stage_sync_42_order \"items\"");
    /** The sample sync time. */
    public static final Instant SYNC_TIME = Instant.parse("2024-01-31T13:45:00.123456789Z");

    private GoldenStatements() {
    }

    /** @return the canonical types rendered in {@code types.txt} */
    public static List<ColumnType> sampleTypes() {
        List<ColumnType> types = new ArrayList<>();
        for (CanonicalType t : CanonicalType.values()) {
            types.add(ColumnType.of(t));
        }
        types.add(ColumnType.of(CanonicalType.DECIMAL, 18, 2));
        types.add(ColumnType.of(CanonicalType.DECIMAL, 2000, 10));
        types.add(new ColumnType(CanonicalType.STRING, Optional.of(40), Optional.empty()));
        types.add(new ColumnType(CanonicalType.STRING, Optional.of(100_000), Optional.empty()));
        types.add(new ColumnType(CanonicalType.BINARY, Optional.of(16), Optional.empty()));
        return types;
    }

    /**
     * @param dialect the dialect; not null
     * @return the sample columns, with native types from the dialect
     */
    public static List<ColumnDef> sampleColumns(SqlDialect dialect) {
        List<ColumnDef> columns = new ArrayList<>();
        columns.add(col(dialect, "id", ColumnType.of(CanonicalType.LONG), false));
        columns.add(col(dialect, "Region", new ColumnType(CanonicalType.STRING, Optional.of(40), Optional.empty()), false));
        columns.add(col(dialect, "select", ColumnType.of(CanonicalType.TIMESTAMP_TZ), true));
        columns.add(col(dialect, "na\"me", ColumnType.of(CanonicalType.STRING), true));
        columns.add(col(dialect, "ünïcødé", ColumnType.of(CanonicalType.DECIMAL, 18, 2), true));
        for (CanonicalType t : CanonicalType.values()) {
            columns.add(col(dialect, "c_" + t.name().toLowerCase(java.util.Locale.ROOT), ColumnType.of(t), true));
        }
        columns.add(col(dialect, "_supa_synced", ColumnType.of(CanonicalType.TIMESTAMP_TZ), true)
                .withDefault(dialect.timestampTzLiteral(SYNC_TIME)));
        columns.add(col(dialect, "_supa_job_id", new ColumnType(CanonicalType.STRING, Optional.of(128),
                Optional.empty()), true).withDefault(dialect.stringLiteral("sync-42")));
        columns.add(col(dialect, "_supa_deleted", ColumnType.of(CanonicalType.BOOLEAN), true)
                .withDefault(dialect.booleanLiteral(false)));
        return columns;
    }

    private static ColumnDef col(SqlDialect dialect, String name, ColumnType type, boolean nullable) {
        ColumnType effective = dialect.effectiveType(type);
        return new ColumnDef(name, effective, dialect.nativeType(effective), nullable, Optional.empty());
    }

    /**
     * @param dialect the dialect; not null
     * @return file name to rendered text (statements end with {@code ;} and a newline)
     */
    public static Map<String, String> render(SqlDialect dialect) {
        Map<String, String> out = new TreeMap<>();
        List<ColumnDef> columns = sampleColumns(dialect);
        List<String> names = columns.stream().map(ColumnDef::name).toList();
        List<String> keys = List.of("id", "Region");
        List<String> nonKeys = names.stream().filter(n -> !keys.contains(n)).toList();
        String notDeleted = dialect.isNotTrue("_supa_deleted", Optional.of("s"));
        String deleted = dialect.isTrue("_supa_deleted", Optional.of("s"));

        StringBuilder types = new StringBuilder();
        for (ColumnType t : sampleTypes()) {
            types.append(t).append(" -> ").append(dialect.nativeType(t)).append(" (effective ")
                    .append(dialect.effectiveType(t)).append(")\n");
        }
        out.put("types.txt", types.toString());
        out.put("literals.sql", sql(dialect.stringLiteral("it's a \\ test"), dialect.booleanLiteral(true),
                dialect.booleanLiteral(false), dialect.timestampTzLiteral(SYNC_TIME)));
        out.put("qualify.sql", sql(dialect.qualify(TARGET), dialect.qualifySchema(TARGET).orElse("<none>")));
        out.put("create_schema.sql", sql(dialect.createSchemaIfNotExists(TARGET).orElse("-- none")));
        out.put("create_table.sql", sql(dialect.createTable(TARGET, columns)));
        out.put("create_staging_table.sql", sql(dialect.createStagingTable(STAGING, columns)));
        out.put("drop_table.sql", sql(dialect.dropTableIfExists(STAGING)));
        out.put("rebuild_copy.sql", sql(dialect.insertSelect(TARGET.sibling("_destsdk_rebuild_sync_42"),
                List.of("id", "c_integer"), List.of(dialect.quote("id"), dialect.castTo(dialect.quote("c_integer"),
                        col(dialect, "c_integer", ColumnType.of(CanonicalType.LONG), true))), TARGET)));
        out.put("drop_column.sql", sql(dialect.dropColumn(TARGET, "New Column")));
        out.put("add_column.sql", sql(dialect.addColumn(TARGET, col(dialect, "New Column",
                ColumnType.of(CanonicalType.DATE), false))));
        List<String> widen = new ArrayList<>();
        widen.addAll(dialect.widenColumn(TARGET, col(dialect, "c_integer", ColumnType.of(CanonicalType.INTEGER), true),
                col(dialect, "c_integer", ColumnType.of(CanonicalType.LONG), true)).orElse(List.of("-- rebuild")));
        widen.addAll(dialect.widenColumn(TARGET, col(dialect, "c_timestamp", ColumnType.of(CanonicalType.TIMESTAMP),
                true), col(dialect, "c_timestamp", ColumnType.of(CanonicalType.TIMESTAMP_TZ), true))
                .orElse(List.of("-- rebuild")));
        widen.addAll(dialect.widenColumn(TARGET, col(dialect, "Region", new ColumnType(CanonicalType.STRING,
                Optional.of(40), Optional.empty()), false), col(dialect, "Region", ColumnType.of(CanonicalType.STRING),
                false)).orElse(List.of("-- rebuild")));
        out.put("widen_column.sql", sql(widen.toArray(String[]::new)));
        out.put("drop_default.sql", sql(dialect.dropDefault(TARGET, "_supa_synced").orElse("-- none")));
        out.put("create_key_index.sql", sql(dialect.createKeyIndex(TARGET, "order \"items\"_key_sync_42",
                columns.subList(0, 2)).orElse("-- none")));
        out.put("create_unique_key_index.sql", sql(dialect.createUniqueKeyIndex(TARGET, "_destsdk_key_sync_42",
                columns.subList(0, 2)).orElse("-- none")));
        out.put("unique_key_indexes_query.sql", sql(Stream.of(dialect.uniqueKeyIndexesQuery(TARGET, keys)
                .or(() -> Optional.of("-- none")), dialect.uniqueIndexesQuery(TARGET)).flatMap(Optional::stream)
                .toArray(String[]::new)));
        out.put("index_names_query.sql", sql(dialect.indexNamesQuery(TARGET).orElse("-- none")));
        out.put("drop_index.sql", sql(dialect.dropIndex(TARGET, "_destsdk_key_sync_42")));
        out.put("rename_table.sql", sql(dialect.renameTable(STAGING, "order \"items\"")));
        out.put("swap_tables.sql", sql(dialect.swapTables(TARGET, TARGET.sibling("_destsdk_new_sync_42"),
                TARGET.sibling("_destsdk_old_sync_42")).toArray(String[]::new)));
        out.put("first_duplicate_key.sql", sql(dialect.firstDuplicateKey(STAGING, keys)));
        out.put("delete_superseded_rows.sql", sql(dialect.deleteSupersededRows(STAGING, keys, Optional.of("select"))));
        out.put("delete_superseded_rows_no_cursor.sql", sql(dialect.deleteSupersededRows(STAGING, List.of("id"),
                Optional.empty())));
        out.put("insert_from_staging.sql", sql(dialect.insertFromStaging(TARGET, STAGING, names, Optional.empty()),
                dialect.insertFromStaging(TARGET, STAGING, names, Optional.of(notDeleted))));
        out.put("upsert_from_staging.sql", sql(dialect.upsertFromStaging(TARGET, STAGING, keys, nonKeys, names,
                Optional.of(notDeleted), false).orElse("-- none")));
        Optional<UpsertCounters> counters = dialect.upsertCounters();
        out.put("upsert_from_staging_unique_key.sql", sql(Stream.of(counters.map(UpsertCounters::reset),
                dialect.upsertFromStaging(TARGET, STAGING, keys, nonKeys, names, Optional.of(notDeleted), true)
                        .or(() -> Optional.of("-- none")), counters.map(UpsertCounters::read))
                .flatMap(Optional::stream).toArray(String[]::new)));
        out.put("update_from_staging.sql", sql(dialect.updateFromStaging(TARGET, STAGING, keys, nonKeys,
                Optional.empty()), dialect.updateFromStaging(TARGET, STAGING, keys, nonKeys, Optional.of(notDeleted))));
        out.put("insert_missing_from_staging.sql", sql(dialect.insertMissingFromStaging(TARGET, STAGING, keys, names,
                Optional.of(notDeleted))));
        out.put("delete_matching.sql", sql(dialect.deleteMatching(TARGET, STAGING, keys, deleted)));
        out.put("delete_job_rows.sql", sql(dialect.deleteRowsOfSync(TARGET, "_supa_job_id", "sync-42")));
        out.put("insert_values.sql", sql(dialect.insertValues(TARGET,
                columns.stream().map(ColumnDef::name).toList(), columns.stream().map(dialect::parameter).toList())));
        out.put("delete_all_rows.sql", sql(dialect.deleteAllRows(TARGET)));
        out.put("columns_query.sql", sql(dialect.columnsQuery(TARGET)));
        out.put("tables_in_schema_query.sql", sql(dialect.tablesInSchemaQuery(TARGET)));
        return out;
    }

    private static String sql(String... statements) {
        StringBuilder sb = new StringBuilder();
        for (String s : statements) {
            sb.append(s).append(";\n");
        }
        return sb.toString();
    }
}
