package dev.destsdk.jdbc.bulk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next byte that matters to a CSV scanner (a delimiter, quote, CR, LF, and where values are checked NUL and
 * the bytes of multi-byte UTF-8 sequences) eight bytes at a time: a {@code long} read from the byte array is
 * compared with each wanted byte at once (SWAR: a byte of {@code word ^ pattern} is zero where the word holds the
 * pattern, and {@code (x - 0x01..01) & ~x & 0x80..80} flags the zero bytes; the lowest flag is always a true one).
 * The last bytes of a range, fewer than eight, are looked up one by one in the byte class table.
 *
 * <p>Built from a byte class table in which 0 means "ordinary, skip"; when the table's wanted bytes are not up to
 * four ASCII bytes plus, optionally, NUL and all bytes from 0x80, the finder looks every byte up in the table.
 * Immutable and thread-safe (the table is copied).
 */
final class ByteFinder {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final int MAX_PATTERNS = 4;

    private final byte[] classes;
    private final boolean swar;
    private final long p0;
    private final long p1;
    private final long p2;
    private final long p3;
    /** Whether NUL and every byte from 0x80 are wanted too. */
    private final boolean nulAndHigh;

    private ByteFinder(byte[] classes) {
        this.classes = classes.clone();
        long[] patterns = new long[MAX_PATTERNS];
        int n = 0;
        boolean ok = true;
        for (int b = 1; b < 0x80; b++) {
            if (classes[b] != 0) {
                if (n == MAX_PATTERNS) {
                    ok = false;
                    break;
                }
                patterns[n++] = (b & 0xffL) * ONES;
            }
        }
        boolean high = classes[0x80] != 0;
        for (int b = 0x80; b < 0x100; b++) {
            ok &= (classes[b] != 0) == high;
        }
        ok &= (classes[0] != 0) == high && n > 0;
        for (int i = n; i < MAX_PATTERNS && n > 0; i++) {
            patterns[i] = patterns[0];
        }
        this.swar = ok;
        this.nulAndHigh = high;
        this.p0 = patterns[0];
        this.p1 = patterns[1];
        this.p2 = patterns[2];
        this.p3 = patterns[3];
    }

    /**
     * @param classes a byte class table of 256 entries (index: the byte's unsigned value); entries other than 0 are
     *     the bytes to find; not null
     * @return the finder of those bytes
     */
    static ByteFinder of(byte[] classes) {
        if (classes.length != 256) {
            throw new IllegalArgumentException("a byte class table has 256 entries, got " + classes.length);
        }
        return new ByteFinder(classes);
    }

    /**
     * @param b the bytes; not null
     * @param from where to start looking, inclusive
     * @param end where to stop looking, exclusive; at most {@code b.length}
     * @return the position of the first wanted byte in {@code [from, end)}, or {@code end} when there is none
     */
    int next(byte[] b, int from, int end) {
        int i = from;
        if (swar) {
            int last = end - Long.BYTES;
            while (i <= last) {
                long word = (long) LONGS.get(b, i);
                long m = zeros(word ^ p0) | zeros(word ^ p1) | zeros(word ^ p2) | zeros(word ^ p3);
                if (nulAndHigh) {
                    m |= zeros(word) | (word & HIGHS);
                }
                if (m != 0) {
                    return i + (Long.numberOfTrailingZeros(m) >>> 3);
                }
                i += Long.BYTES;
            }
        }
        final byte[] k = classes;
        while (i < end && k[b[i] & 0xff] == 0) {
            i++;
        }
        return i;
    }

    /** Flags (0x80) the zero bytes of {@code x}; a flag above a zero byte may be false, the lowest is true. */
    private static long zeros(long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
