package dev.destsdk.file.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.file.catalog.TableId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PathLayoutTest {
    @Test
    void partitionsComeFromSyncTimeInUtcAndTheSyncId() {
        PartitionValues p = PartitionValues.of(new SyncContext(Instant.parse("2024-01-05T07:59:59.999Z"), "job-7"));
        assertThat(p.asMap()).containsExactly(java.util.Map.entry("year", "2024"), java.util.Map.entry("month", "01"),
                java.util.Map.entry("day", "05"), java.util.Map.entry("hour", "07"),
                java.util.Map.entry("sync_id", "job-7"));
        PathLayout layout = new PathLayout("lake");
        TableId t = new TableId("sales", "orders");
        assertThat(layout.dataKey(t, p, 2, 3, "parquet"))
                .isEqualTo("lake/sales/orders/year=2024/month=01/day=05/hour=07/sync_id=job-7/part-20003.parquet");
        // SyncContext allows only [A-Za-z0-9_.-]; any other id would still be one percent-encoded segment
        assertThat(new PartitionValues(2024, 1, 5, 7, "a/../b").segments().get(4)).isEqualTo("sync_id=a%2F..%2Fb");
        assertThat(layout.catalogPrefix(t)).isEqualTo("lake/sales/orders/_catalog/");
        assertThat(new PathLayout("").tablePrefix(t)).isEqualTo("sales/orders/");
    }
}
