package dev.destsdk.examples.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.SchemaStrategy;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.testkit.fixtures.AllTypesFixtures;
import dev.destsdk.testkit.fixtures.LoadModeFixtures;
import dev.destsdk.testkit.runner.LocalPipelineRunner;
import dev.destsdk.testkit.runner.RunSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector as a user configures it (through {@link DestinationFactory}), read back by DuckDB the way a query
 * engine reads a lake: {@code read_parquet(…, hive_partitioning = true)} over the table's directory, and
 * {@code read_json} / {@code read_csv} over the text formats, checking rows, column types and partition columns.
 * Also proves that Parquet is written with no Hadoop class on the class path.
 */
class FileSystemReadBackIT {
    private static final Instant SYNC_TIME = Instant.parse("2024-07-04T05:06:07Z");

    @TempDir
    Path lake;
    @TempDir
    Path work;

    private Destination create(String format, String compression) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("store", "local");
        config.put("path", lake.toString());
        config.put("prefix", "warehouse");
        config.put("format", format);
        config.put("compression", compression);
        return DestinationFactory.find("filesystem").create(config);
    }

    private static NamespaceRules rules() {
        return NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema("Sales").build();
    }

    private Map<String, String> describe(Connection c, String from) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + from)) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return types;
    }

    private List<List<String>> query(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void parquetIsReadByDuckDbWithHivePartitionsAndTypedColumns() throws Exception {
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
                .as("no Hadoop on the connector's class path").isInstanceOf(ClassNotFoundException.class);
        try (Destination d = create("parquet", "zstd")) {
            new LocalPipelineRunner(d, work).newPipeline().run(RunSpec.builder(LoadModeFixtures.object("All Types",
                            AllTypesFixtures.fields())).namespaceRules(rules()).loadMode(LoadMode.APPEND)
                    .syncId("job-1").syncTime(SYNC_TIME).rows(AllTypesFixtures.rows(false)).build());
        }
        String glob = "'" + lake.resolve("warehouse/sales/all_types") + "/*/*/*/*/*/*.parquet'";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            String from = "read_parquet(" + glob + ", hive_partitioning = true, hive_types_autocast = false)";
            Map<String, String> types = describe(c, from);
            assertThat(types).containsEntry("k", "INTEGER").containsEntry("c_boolean", "BOOLEAN")
                    .containsEntry("c_short", "SMALLINT").containsEntry("c_long", "BIGINT")
                    .containsEntry("c_float", "FLOAT").containsEntry("c_double", "DOUBLE")
                    .containsEntry("c_decimal", "DECIMAL(20,6)").containsEntry("c_string", "VARCHAR")
                    .containsEntry("c_date", "DATE").containsEntry("c_time", "TIME")
                    .containsEntry("c_timestamp", "TIMESTAMP")
                    .containsEntry("c_timestamp_tz", "TIMESTAMP WITH TIME ZONE")
                    .containsEntry("c_binary", "BLOB").containsEntry("c_json", "VARCHAR")
                    .containsEntry("c_uuid", "UUID").containsEntry("_supa_synced", "TIMESTAMP WITH TIME ZONE")
                    .containsEntry("_supa_job_id", "VARCHAR").containsEntry("_supa_deleted", "BOOLEAN")
                    .containsEntry("year", "VARCHAR").containsEntry("sync_id", "VARCHAR");
            c.createStatement().execute("SET TimeZone = 'UTC'");
            assertThat(query(c, "SELECT k, c_decimal, c_timestamp_tz, year, month, day, hour, sync_id FROM " + from
                    + " WHERE k = 1")).containsExactly(List.of("1", "-12345678901234.123456",
                    "2024-01-31T13:45:00.123456Z", "2024", "07", "04", "05", "job-1"));
            assertThat(query(c, "SELECT count(*), count(c_string), count(*) FILTER (c_string = '') FROM " + from))
                    .containsExactly(List.of("4", "3", "1"));
        }
    }

    @Test
    void jsonLinesAndCsvAreReadByDuckDb() throws Exception {
        for (String format : List.of("json", "csv")) {
            try (Destination d = create(format, "gzip")) {
                new LocalPipelineRunner(d, work.resolve(format)).newPipeline().run(RunSpec.builder(
                                LoadModeFixtures.object("orders_" + format)).namespaceRules(rules())
                        .loadMode(LoadMode.APPEND).syncId("job-2").syncTime(SYNC_TIME)
                        .rows(LoadModeFixtures.existingRows()).build());
            }
            Path dir = lake.resolve("warehouse/sales/orders_" + format + "/year=2024/month=07/day=04/hour=05"
                    + "/sync_id=job-2");
            String file = "'" + dir.resolve("part-00000." + (format.equals("json") ? "jsonl" : "csv") + ".gz") + "'";
            String from = format.equals("json")
                    ? "read_json(" + file + ", format = 'newline_delimited')"
                    : "read_csv(" + file + ", header = true, quote = '\"', escape = '\"', nullstr = '',"
                    + " allow_quoted_nulls = false)";
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
                assertThat(query(c, "SELECT id, name, CAST(amount AS DECIMAL(12,2)), seq, _supa_job_id FROM " + from
                        + " ORDER BY id")).as(format).containsExactly(
                        List.of("1", "one", "1.50", "1", "job-2"), List.of("2", "two", "2.00", "1", "job-2"),
                        java.util.Arrays.asList("3", "three", null, "1", "job-2"));
            }
        }
    }

    @Test
    void hardDeletesAreDeclaredUnsupportedAndRefusedBeforeAnythingIsPublished() throws Exception {
        try (Destination d = create("parquet", "zstd")) {
            assertThat(d.getCapabilitiesConfig().supportsHardDeletes()).isFalse();
            new LocalPipelineRunner(d, work).newPipeline().run(RunSpec.builder(LoadModeFixtures.object("kept"))
                    .namespaceRules(rules()).loadMode(LoadMode.APPEND).syncId("job-1").syncTime(SYNC_TIME)
                    .rows(LoadModeFixtures.existingRows()).build());
            assertThatThrownBy(() -> new LocalPipelineRunner(d, work.resolve("second")).newPipeline()
                    .run(RunSpec.builder(LoadModeFixtures.object("kept")).namespaceRules(rules())
                            .loadMode(LoadMode.APPEND).hardDeletes(true).syncId("job-2").syncTime(SYNC_TIME)
                            .rows(LoadModeFixtures.existingRows()).build()))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.getErrorType()).isEqualTo(ErrorType.UNSUPPORTED_OPERATION);
                        assertThat(e.getMessage()).contains("does not support hard deletes");
                    });
        }
        Path table = lake.resolve("warehouse/sales/kept");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(table)) {
            assertThat(files.map(p -> table.relativize(p).toString()).filter(p -> p.endsWith(".parquet")))
                    .as("only the first sync is published (the refused one stays staged)")
                    .containsExactly("year=2024/month=07/day=04/hour=05/sync_id=job-1/part-00000.parquet");
        }
        String glob = "'" + table + "/**/*.parquet'";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(query(c, "SELECT count(*), min(_supa_job_id), max(_supa_job_id) FROM read_parquet(" + glob
                    + ")")).containsExactly(List.of("3", "job-1", "job-1"));
        }
    }

    @Test
    void unknownOrBadSettingsAreConfigurationErrors() {
        assertThatThrownBy(() -> DestinationFactory.find("filesystem").create(Map.of("path", lake.toString(),
                "colour", "blue"))).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("colour")
                .satisfies(e -> assertThat(((ConnectorException) e).getErrorType())
                        .isEqualTo(ErrorType.CONFIGURATION_ERROR));
        assertThatThrownBy(() -> DestinationFactory.find("filesystem").create(Map.of("path", lake.toString(),
                "format", "avro"))).isInstanceOf(ConnectorException.class).hasMessageContaining("avro");
        FileSystemConfig s3 = new FileSystemConfig(Map.of("store", "s3", "bucket", "b",
                "access_key_id", "AKIA", "secret_access_key", "very-secret"));
        assertThat(s3.toString()).doesNotContain("very-secret").contains("****");
    }
}
