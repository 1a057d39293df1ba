package dev.destsdk.jdbc.bulk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scans over an array that has at least {@link #PADDING} readable bytes after the range scanned, for the
 * pass-through's fast path ({@code CsvPassThrough.wholeRecords}): each reads eight bytes at a time as a {@code long}
 * (SWAR, as {@link ByteFinder} does) and needs no byte-by-byte loop for a range's last bytes, because a word may
 * reach into the padding; what lies there (stale bytes) never changes an answer.
 *
 * <p>The scans have no branch that depends on rare bytes: they note CR, NUL and bytes from 0x80 (and, inside quotes,
 * LF) in passing, and a field in which one was noted is then checked by a table-driven automaton
 * ({@link #lineFeedsIfClean}). Code that the JIT compiles has then no
 * speculative branch that the first rare byte of a file would invalidate (a recompilation costs a CPU-bound load
 * 0.2 to 0.5 s; docs/BENCHMARKS.md). Stateless.
 */
final class PaddedScan {
    /** The bytes after a scanned range that must exist in the array (their values do not matter). */
    static final int PADDING = Long.BYTES;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LINE_FEEDS = '\n' * ONES;
    private static final long CARRIAGE_RETURNS = '\r' * ONES;
    /**
     * Added to a position by the scans that note rare bytes: above any position in an input buffer, so that
     * {@code result & POSITION} is the position.
     */
    static final int RARE = 1 << 30;
    /** The bits of a scan's result that hold the position. */
    static final int POSITION = RARE - 1;

    private PaddedScan() {
    }

    /**
     * @param b a byte value
     * @return the pattern that {@link #find} and {@link #findAny} take for it
     */
    static long pattern(byte b) {
        return (b & 0xffL) * ONES;
    }

    /**
     * @param b the bytes; at least {@code end + PADDING} long
     * @param from where to start looking, inclusive
     * @param end where to stop looking, exclusive
     * @param pattern the wanted byte's {@link #pattern}
     * @return the position of the first wanted byte in {@code [from, end)}, or {@code end} when there is none
     */
    static int find(byte[] b, int from, int end, long pattern) {
        for (int i = from; i < end; i += Long.BYTES) {
            long m = zeros((long) LONGS.get(b, i) ^ pattern);
            if (m != 0) {
                return Math.min(i + (Long.numberOfTrailingZeros(m) >>> 3), end);
            }
        }
        return end;
    }

    /**
     * Finds the first of three bytes, and notes whether a rare byte (CR, NUL, or 0x80 and above) comes before it.
     *
     * @param b the bytes; at least {@code end + PADDING} long
     * @param from where to start looking, inclusive
     * @param end where to stop looking, exclusive
     * @param p0 a wanted byte's {@link #pattern}
     * @param p1 another's
     * @param p2 another's
     * @return the position of the first of the three bytes in {@code [from, end)}, or {@code end} when there is
     *     none; plus {@link #RARE} when a rare byte lies between {@code from} and that position
     */
    static int findAnyNotingRare(byte[] b, int from, int end, long p0, long p1, long p2) {
        long rare = 0;
        for (int i = from; i < end; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i);
            long m = zeros(w ^ p0) | zeros(w ^ p1) | zeros(w ^ p2);
            long r = zeros(w ^ CARRIAGE_RETURNS) | zeros(w) | (w & HIGHS);
            if (m != 0 || end - i <= Long.BYTES) {
                return noted(m, r, rare, i, end);
            }
            rare |= r;
        }
        return end;
    }

    /**
     * Finds the next quote inside a quoted field, and notes whether a rare byte (CR, NUL, LF, or 0x80 and above)
     * comes before it.
     *
     * @param b the bytes; at least {@code end + PADDING} long
     * @param from where to start looking, inclusive
     * @param end where to stop looking, exclusive
     * @param quote the quote's {@link #pattern}
     * @return the position of the first quote in {@code [from, end)}, or {@code end} when there is none; plus
     *     {@link #RARE} when a rare byte lies between {@code from} and that position
     */
    static int findQuoteNotingRare(byte[] b, int from, int end, long quote) {
        long rare = 0;
        for (int i = from; i < end; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i);
            long m = zeros(w ^ quote);
            long r = zeros(w ^ CARRIAGE_RETURNS) | zeros(w) | (w & HIGHS) | zeros(w ^ LINE_FEEDS);
            if (m != 0 || end - i <= Long.BYTES) {
                return noted(m, r, rare, i, end);
            }
            rare |= r;
        }
        return end;
    }

    /**
     * Counts the line feeds in a range that must hold no CR, no NUL and only valid UTF-8: the slower pass for a
     * field in which a scan noted a {@link #RARE} byte.
     *
     * @param b the bytes; not null
     * @param from where the range starts, inclusive
     * @param end where it ends, exclusive
     * @return the number of LF bytes in the range; -1 when it holds a CR, a NUL or bytes that are not valid UTF-8
     *     (including a multi-byte sequence cut by {@code end})
     */
    static int lineFeedsIfClean(byte[] b, int from, int end) {
        final byte[] classes = CLASSES;
        final byte[] next = NEXT;
        int state = START;
        int lineFeeds = 0;
        int i = from;
        while (i < end) {
            if (state == START && end - i >= Long.BYTES) {
                long w = (long) LONGS.get(b, i);
                if ((zeros(w ^ CARRIAGE_RETURNS) | zeros(w) | (w & HIGHS) | zeros(w ^ LINE_FEEDS)) == 0) {
                    i += Long.BYTES;
                    continue;
                }
            }
            byte c = b[i];
            lineFeeds += c == '\n' ? 1 : 0;
            state = next[state * CLASS_COUNT + classes[c & 0xff]];
            i++;
        }
        return state == START ? lineFeeds : -1;
    }

    /**
     * The result of a noting scan at the word at {@code i}, its last or the one with the first wanted byte.
     *
     * @param m the wanted bytes' flags in the word (the lowest is a true one), or 0
     * @param r the rare bytes' flags in the word
     * @param rare the rare bytes' flags of the words before
     */
    private static int noted(long m, long r, long rare, int i, int end) {
        // only the rare bytes before the wanted one, and within the range, count
        long before = m == 0 ? -1L : (m & -m) - 1;
        long inRange = -1L >>> ((Long.BYTES - Math.min(end - i, Long.BYTES)) << 3);
        rare |= r & before & inRange;
        int at = m == 0 ? end : Math.min(i + (Long.numberOfTrailingZeros(m) >>> 3), end);
        return rare == 0 ? at : at | RARE;
    }

    /**
     * Flags (0x80) the zero bytes of {@code x}; a flag above a zero byte may be false, the lowest is true, and there
     * is a flag when there is a zero byte.
     */
    private static long zeros(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    // The UTF-8 automaton: a byte's class, then the next state from the state and the class.

    private static final int ASCII = 0;
    private static final int CR_OR_NUL = 1;
    private static final int CONTINUATION_80_8F = 2;
    private static final int CONTINUATION_90_9F = 3;
    private static final int CONTINUATION_A0_BF = 4;
    private static final int LEAD_2 = 5;
    private static final int LEAD_E0 = 6;
    private static final int LEAD_3 = 7;
    private static final int LEAD_ED = 8;
    private static final int LEAD_F0 = 9;
    private static final int LEAD_4 = 10;
    private static final int LEAD_F4 = 11;
    private static final int INVALID = 12;
    private static final int CLASS_COUNT = 16;

    /** Between characters: the only accepting state. */
    private static final int START = 0;
    private static final int NEED_1 = 1;
    private static final int NEED_2 = 2;
    private static final int NEED_3 = 3;
    /** After E0: the next byte is A0..BF (no overlong form). */
    private static final int AFTER_E0 = 4;
    /** After ED: the next byte is 80..9F (no surrogate). */
    private static final int AFTER_ED = 5;
    /** After F0: the next byte is 90..BF (no overlong form). */
    private static final int AFTER_F0 = 6;
    /** After F4: the next byte is 80..8F (nothing beyond U+10FFFF). */
    private static final int AFTER_F4 = 7;
    private static final int REJECT = 8;

    private static final byte[] CLASSES = classes();
    private static final byte[] NEXT = transitions();

    private static byte[] classes() {
        byte[] c = new byte[256];
        for (int v = 0; v < 256; v++) {
            int k;
            if (v == 0 || v == '\r') {
                k = CR_OR_NUL;
            } else if (v < 0x80) {
                k = ASCII;
            } else if (v < 0x90) {
                k = CONTINUATION_80_8F;
            } else if (v < 0xA0) {
                k = CONTINUATION_90_9F;
            } else if (v < 0xC0) {
                k = CONTINUATION_A0_BF;
            } else if (v < 0xC2) {
                k = INVALID;
            } else if (v < 0xE0) {
                k = LEAD_2;
            } else if (v == 0xE0) {
                k = LEAD_E0;
            } else if (v == 0xED) {
                k = LEAD_ED;
            } else if (v < 0xF0) {
                k = LEAD_3;
            } else if (v == 0xF0) {
                k = LEAD_F0;
            } else if (v < 0xF4) {
                k = LEAD_4;
            } else if (v == 0xF4) {
                k = LEAD_F4;
            } else {
                k = INVALID;
            }
            c[v] = (byte) k;
        }
        return c;
    }

    private static byte[] transitions() {
        byte[] t = new byte[(REJECT + 1) * CLASS_COUNT];
        java.util.Arrays.fill(t, (byte) REJECT);
        set(t, START, ASCII, START);
        set(t, START, LEAD_2, NEED_1);
        set(t, START, LEAD_E0, AFTER_E0);
        set(t, START, LEAD_3, NEED_2);
        set(t, START, LEAD_ED, AFTER_ED);
        set(t, START, LEAD_F0, AFTER_F0);
        set(t, START, LEAD_4, NEED_3);
        set(t, START, LEAD_F4, AFTER_F4);
        for (int k = CONTINUATION_80_8F; k <= CONTINUATION_A0_BF; k++) {
            set(t, NEED_1, k, START);
            set(t, NEED_2, k, NEED_1);
            set(t, NEED_3, k, NEED_2);
        }
        set(t, AFTER_E0, CONTINUATION_A0_BF, NEED_1);
        set(t, AFTER_ED, CONTINUATION_80_8F, NEED_1);
        set(t, AFTER_ED, CONTINUATION_90_9F, NEED_1);
        set(t, AFTER_F0, CONTINUATION_90_9F, NEED_2);
        set(t, AFTER_F0, CONTINUATION_A0_BF, NEED_2);
        set(t, AFTER_F4, CONTINUATION_80_8F, NEED_2);
        return t;
    }

    private static void set(byte[] t, int state, int byteClass, int next) {
        t[state * CLASS_COUNT + byteClass] = (byte) next;
    }
}
