package dev.destsdk.examples.benchmark.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates benchmark rows deterministically: a row is a pure function of (seed, id, version), so the MERGE file can
 * produce the new version of any row of the initial load without reading it back. Version 0 rows form the initial
 * load; version 1 rows are the MERGE file's updates and inserts, with a later cursor. Immutable and thread-safe.
 */
public final class RowGenerator {
    private static final LocalDateTime CURSOR_BASE = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final long CREATED_FROM = LocalDateTime.of(2015, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long CREATED_SPAN = 9L * 365 * 24 * 3600;
    private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(2),
            ZoneOffset.ofHours(-5), ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-8));
    private static final List<String> WORDS = List.of("alpha", "bravo", "cargo", "delta", "engine", "fleet",
            "garden", "harbor", "index", "jungle", "kettle", "lemon", "market", "north", "orbit", "parcel", "quartz",
            "river", "signal", "timber", "umbrella", "valley", "window", "yellow", "zone", "order", "ship", "paid");
    private static final List<String> NON_ASCII = List.of("café", "Zürich", "niño", "東京", "Ελλάδα", "Kraków");

    private final long seed;

    /** @param seed the data set's seed; the same seed always gives the same rows */
    public RowGenerator(long seed) {
        this.seed = seed;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * @param id the primary key, at least 1
     * @param version 0 for the initial load, 1 for the MERGE file
     * @return the row
     */
    public BenchRow row(long id, int version) {
        if (id < 1 || version < 0) {
            throw new IllegalArgumentException("id must be >= 1 and version >= 0, got id=" + id + " version=" + version);
        }
        SplittableRandom r = new SplittableRandom(mix(seed, id, version));
        LocalDateTime updatedAt = CURSOR_BASE.plusSeconds(id * 7 + version * (30L * 86_400 + r.nextInt(86_400)))
                .plusNanos(r.nextInt(1_000_000) * 1_000L);
        OptionalInt qty = r.nextInt(100) < 3 ? OptionalInt.empty() : OptionalInt.of(r.nextInt(-1_000_000, 1_000_000));
        BigDecimal amount = BigDecimal.valueOf(r.nextLong(-10_000_000_000L, 10_000_000_000L), 4);
        double score = r.nextLong(0, 10_000_000_000L) / 1_000_000.0;
        boolean active = r.nextBoolean();
        LocalDate birthDate = LocalDate.ofEpochDay(r.nextLong(-7_305, 14_610));
        ZoneOffset offset = OFFSETS.get(r.nextInt(OFFSETS.size()));
        OffsetDateTime createdAt = OffsetDateTime.of(
                LocalDateTime.ofEpochSecond(CREATED_FROM + r.nextLong(CREATED_SPAN), r.nextInt(1_000_000) * 1_000,
                        offset), offset);
        String code = code(r);
        String description = description(r);
        UUID ref = new UUID((r.nextLong() & 0xffff_ffff_ffff_0fffL) | 0x4000L,
                (r.nextLong() & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L);
        int n = r.nextInt(100);
        Optional<String> note = n < 30 ? Optional.empty()
                : n < 40 ? Optional.of("") : Optional.of(WORDS.get(r.nextInt(WORDS.size())) + "-" + r.nextInt(1000));
        return new BenchRow(id, updatedAt, qty, amount, score, active, birthDate, createdAt, code, description, ref,
                note);
    }

    private static String code(SplittableRandom r) {
        char[] c = new char[9];
        for (int i = 0; i < 3; i++) {
            c[i] = (char) ('A' + r.nextInt(26));
        }
        c[3] = '-';
        for (int i = 4; i < 9; i++) {
            c[i] = (char) ('0' + r.nextInt(10));
        }
        return new String(c);
    }

    private static String description(SplittableRandom r) {
        int words = 5 + r.nextInt(4);
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                int sep = r.nextInt(100);
                sb.append(sep < 12 ? ", " : sep < 13 ? "\n" : " ");
            }
            int kind = r.nextInt(100);
            String word = kind < 2 ? NON_ASCII.get(r.nextInt(NON_ASCII.size())) : WORDS.get(r.nextInt(WORDS.size()));
            if (kind >= 2 && kind < 5) {
                sb.append('"').append(word).append('"');
            } else {
                sb.append(word);
            }
        }
        return sb.toString();
    }

    /** SplitMix64-style mixing so neighbouring ids and seeds give unrelated streams. */
    private static long mix(long seed, long id, int version) {
        long z = seed * 0x9E37_79B9_7F4A_7C15L + id * 0xBF58_476D_1CE4_E5B9L + (version + 1L) * 0x94D0_49BB_1331_11EBL;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
