package dev.destsdk.file.layout;

import dev.destsdk.core.sync.SyncContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The partition a sync's files go to: year, month, day and hour of {@code request.syncTime} in UTC, and the
 * request's sync id. Never derived from the clock or a random id, so the same sync always lands in the same
 * partition.
 *
 * @param year the UTC year
 * @param month the UTC month (1..12)
 * @param day the UTC day of month
 * @param hour the UTC hour (0..23)
 * @param syncId the sync id as the request gave it; not blank
 */
public record PartitionValues(int year, int month, int day, int hour, String syncId) {
    /** The partition keys, in path order. */
    public static final List<String> KEYS = List.of("year", "month", "day", "hour", "sync_id");

    /** Validates the components. */
    public PartitionValues {
        Objects.requireNonNull(syncId, "syncId is null");
        if (syncId.isBlank()) {
            throw new IllegalArgumentException("syncId is blank");
        }
    }

    /**
     * @param sync the sync; not null
     * @return the partition of that sync
     */
    public static PartitionValues of(SyncContext sync) {
        ZonedDateTime t = sync.syncTime().atZone(ZoneOffset.UTC);
        return new PartitionValues(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), sync.syncId());
    }

    /**
     * @return key to value as text, in {@link #KEYS} order: {@code year=2024}, {@code month=01}, {@code day=05},
     *     {@code hour=07}, {@code sync_id=<id>} (zero-padded as in the path)
     */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("year", String.format("%04d", year));
        m.put("month", String.format("%02d", month));
        m.put("day", String.format("%02d", day));
        m.put("hour", String.format("%02d", hour));
        m.put("sync_id", syncId);
        return m;
    }

    /**
     * The path segments {@code year=YYYY/month=MM/day=DD/hour=HH/sync_id=<id>}. The sync id is percent-encoded
     * (every character but ASCII letters, digits, {@code -}, {@code _} and {@code .}), so any id is one safe key
     * segment and two ids never share a path.
     *
     * @return the segments
     */
    public List<String> segments() {
        return asMap().entrySet().stream().map(e -> e.getKey() + "=" + (e.getKey().equals("sync_id")
                ? encode(e.getValue()) : e.getValue())).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }
}
