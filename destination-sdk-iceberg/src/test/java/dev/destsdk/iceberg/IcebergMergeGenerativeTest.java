package dev.destsdk.iceberg;

import static dev.destsdk.iceberg.IcebergHarness.cursor;
import static dev.destsdk.iceberg.IcebergHarness.field;
import static dev.destsdk.iceberg.IcebergHarness.key;
import static dev.destsdk.iceberg.IcebergHarness.row;
import static dev.destsdk.iceberg.IcebergHarness.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.testkit.generate.Seeds;
import dev.destsdk.testkit.runner.Pipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Generated MERGE batches (keys repeating within and across data files, cursors with ties and NULLs, rows marked
 * deleted) against an oracle: per key the row with the highest cursor wins (NULL lowest), ties go to the row loaded
 * last, and with hard deletes a winning deleted row removes its key; the load reports the oracle's inserted, updated
 * and hard-deleted counts. The seed is in every message; replay with
 * {@code -Ddestsdk.seed=N}.
 */
class IcebergMergeGenerativeTest extends LocalIcebergCase {
    private static final long BASE_SEED = Seeds.pick();

    @RepeatedTest(3)
    void generatedBatchesMergeAsTheOracleSays(RepetitionInfo repetition) {
        mergeAsTheOracleSays("g" + repetition.getCurrentRepetition(),
                Seeds.forCase(BASE_SEED, repetition.getCurrentRepetition()));
    }

    /**
     * The same on a table partitioned by a bucket of a column every row changes, so that most keys move to another
     * partition at each sync (the old row must go through global equality deletes); then a compaction must leave
     * the same rows.
     */
    @RepeatedTest(2)
    void generatedBatchesMergeAsTheOracleSaysIntoAPartitionedTable(RepetitionInfo repetition) throws Exception {
        h.close();
        h = new IcebergHarness(IcebergDestinationConfig.sqlite(new dev.destsdk.file.store.LocalObjectStore(
                dir.resolve("plake")), "wh", dir.resolve("p.db")).withOptions(IcebergTableOptions.DEFAULT
                .withPartitioning(List.of("bucket(4, v)"))), dir.resolve("pwork"));
        String table = "pg" + repetition.getCurrentRepetition();
        mergeAsTheOracleSays(table, Seeds.forCase(BASE_SEED, 100 + repetition.getCurrentRepetition()));
        assertThat(h.table(table).spec().isPartitioned()).isTrue();
        List<List<Object>> before = h.rows(table, "id", "v", "_supa_deleted");
        IcebergMaintenance.Compaction c = new IcebergMaintenance(h.destination.icebergCommitter())
                .compact(new dev.destsdk.file.catalog.TableId("default", table), 64L << 20);
        assertThat(c.deleteFilesAfter()).isZero();
        assertThat(c.dataFilesAfter()).isLessThanOrEqualTo(4);
        assertThat(h.rows(table, "id", "v", "_supa_deleted")).containsExactlyElementsOf(before);
        assertThat(h.unreferencedObjects(table)).isEmpty();
    }

    private void mergeAsTheOracleSays(String name, long seed) {
        Random random = new Random(seed);
        ObjectMetadata src = source(name, key("id", CanonicalType.INTEGER),
                cursor("seq", CanonicalType.LONG), field("v", CanonicalType.STRING),
                field("_supa_deleted", CanonicalType.BOOLEAN));
        String table = src.getName();
        Map<Integer, List<Object>> expected = new TreeMap<>();
        Pipeline p = h.pipeline();
        for (int sync = 0; sync < 3; sync++) {
            boolean hard = sync == 2;
            List<List<Object>> batch = new ArrayList<>();
            int rows = 200 + random.nextInt(400);
            for (int i = 0; i < rows; i++) {
                Long seq = random.nextInt(10) == 0 ? null : (long) random.nextInt(20);
                batch.add(row(random.nextInt(150), seq, "s" + sync + "-r" + i, random.nextInt(8) == 0));
            }
            Map<Integer, Integer> winner = new TreeMap<>();
            for (int i = 0; i < batch.size(); i++) {
                int id = (Integer) batch.get(i).get(0);
                Integer w = winner.get(id);
                if (w == null || compare((Long) batch.get(i).get(1), (Long) batch.get(w).get(1)) >= 0) {
                    winner.put(id, i);
                }
            }
            long inserted = 0;
            long updated = 0;
            long deleted = 0;
            for (Map.Entry<Integer, Integer> w : winner.entrySet()) {
                List<Object> r = batch.get(w.getValue());
                boolean existed = expected.containsKey(w.getKey());
                if (hard && (Boolean) r.get(3)) {
                    deleted += existed ? 1 : 0;
                    expected.remove(w.getKey());
                } else {
                    updated += existed ? 1 : 0;
                    inserted += existed ? 0 : 1;
                    expected.put(w.getKey(), row(r.get(0), r.get(2), r.get(3)));
                }
            }
            LoadResponse response = h.run(p, h.spec(src, LoadMode.MERGE, "g-" + sync).hardDeletes(hard)
                    .rowsPerFile(37 + random.nextInt(60)).rows(batch)).loadResponse();
            List<List<Object>> want = new ArrayList<>(expected.values());
            want.sort(Comparator.comparing(Object::toString));
            assertThat(h.rows(table, "id", "v", "_supa_deleted")).as("%s after sync %s", Seeds.describe(seed), sync)
                    .containsExactlyElementsOf(want);
            assertThat(List.of(response.rowsLoaded(), response.rowsInserted(), response.rowsUpdated(),
                    response.rowsDeleted())).as("%s sync %s: loaded, inserted, updated, deleted",
                    Seeds.describe(seed), sync).containsExactly(inserted + updated, inserted, updated, deleted);
        }
    }

    private static int compare(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Long.compare(a, b);
    }
}
