package dev.destsdk.examples.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.naming.SchemaStrategy;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.spi.StageResponse;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.testkit.fixtures.LoadModeFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staged files stay invisible to readers that glob the table's files, and orphan clean-up is safe with several
 * writers: a stage of one writer never deletes another live writer's staged files, while the files of a writer
 * whose lease expired (it died) are removed.
 */
class StagingVisibilityIT {
    private static final NamespaceRules RULES = NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM)
            .customSchema("lake").build();

    @TempDir
    Path lake;
    @TempDir
    Path work;

    private Destination destination() {
        return DestinationFactory.find("filesystem").create(Map.of("store", "local", "path", lake.toString(),
                "format", "parquet"));
    }

    /** One data file of {@code rows} rows with ids from {@code firstId}. */
    private Path dataDir(String name, long firstId, int rows) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        StringBuilder b = new StringBuilder("id,name,amount,seq\n");
        for (long id = firstId; id < firstId + rows; id++) {
            b.append(id).append(",n").append(id).append(",1.25,1\n");
        }
        Files.writeString(dir.resolve("success_part_00000.csv"), b.toString());
        return dir;
    }

    private record Staged(Destination destination, MetadataMapping mapping, SyncContext sync, Path data,
                          StageResponse response) {
        void load() {
            destination.load(LoadRequest.builder(sync, mapping, data).fileFormat(CsvFileFormat.DEFAULT)
                    .stageLocation(response.stageLocation().orElseThrow()).loadMode(LoadMode.APPEND).build());
        }
    }

    private Staged stage(Destination d, String syncId, long firstId, int rows) throws IOException {
        ObjectMetadata target = d.mapToTargetObject(LoadModeFixtures.object("orders"), RULES, Optional.empty());
        MetadataMapping mapping = MetadataMapping.firstRun(target);
        SyncContext sync = new SyncContext(Instant.parse("2024-05-06T07:08:09Z"), syncId);
        Path data = dataDir(syncId, firstId, rows);
        StageResponse response = d.stage(new StageRequest(sync, mapping, data, CsvFileFormat.DEFAULT,
                CancellationSignal.never(), e -> { }));
        return new Staged(d, mapping, sync, data, response);
    }

    private List<String> globbed() throws Exception {
        Path table = lake.resolve("lake/orders");
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT _supa_job_id, count(*) FROM read_parquet('" + table
                     + "/**/*.parquet') GROUP BY 1 ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1) + ":" + rs.getLong(2));
            }
        }
        return out;
    }

    private List<String> files(String contains) throws IOException {
        try (Stream<Path> s = Files.walk(lake)) {
            return s.filter(Files::isRegularFile).map(p -> lake.relativize(p).toString())
                    .filter(p -> p.contains(contains)).sorted().toList();
        }
    }

    @Test
    void aGlobbingReaderSeesNoStagedFilesAndTwoWritersDoNotDeleteEachOthersStage() throws Exception {
        try (Destination a = destination(); Destination b = destination()) {
            Staged first = stage(a, "sync-a1", 1, 5);
            first.load();
            assertThat(globbed()).containsExactly("sync-a1:5");

            // writer B stages and stops before its load
            Staged pending = stage(b, "sync-b1", 100, 7);
            assertThat(files("sync_id=sync-b1")).as("B's staged files exist").anyMatch(p -> p.endsWith(".staged"))
                    .anyMatch(p -> p.endsWith("_lease.json"));
            assertThat(globbed()).as("a glob over the table during B's stage").containsExactly("sync-a1:5");

            // writer A stages and loads again: its orphan clean-up must leave B's live stage alone
            Staged second = stage(a, "sync-a2", 10, 3);
            assertThat(files("sync_id=sync-b1")).anyMatch(p -> p.endsWith(".staged"));
            second.load();
            assertThat(globbed()).containsExactly("sync-a1:5", "sync-a2:3");

            pending.load();
            assertThat(globbed()).containsExactly("sync-a1:5", "sync-a2:3", "sync-b1:7");
            assertThat(files(".staged")).as("nothing staged is left").isEmpty();
            assertThat(files("_lease")).isEmpty();
        }
    }

    @Test
    void theStageOfAWriterWhoseLeaseExpiredIsCleanedUpByTheNextStage() throws Exception {
        try (Destination a = destination(); Destination dead = destination()) {
            stage(dead, "sync-dead", 1, 4);
            List<String> lease = files("sync_id=sync-dead/_lease.json");
            assertThat(lease).hasSize(1);
            // the writer died a day and a half ago
            Files.writeString(lake.resolve(lease.get(0)), Instant.now().minusSeconds(36 * 3600).toString());
            stage(a, "sync-live", 10, 2).load();
            assertThat(files("sync_id=sync-dead")).as("the dead writer's files are removed").isEmpty();
            assertThat(globbed()).containsExactly("sync-live:2");
        }
    }
}
