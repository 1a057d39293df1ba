package dev.destsdk.iceberg;

import dev.destsdk.iceberg.internal.ParquetKeys;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * {@link BatchKeys} of a key of one integer column (ids, dates, timestamps): the keys as longs, no per-key object.
 * Keys are added to a plain list (9 bytes each, in order); {@link #seal} then builds, when the keys are dense (their
 * range at most {@value #DENSE} times their number, as ids of a table usually are), a bitmap over the range with a
 * rank per 64-bit word: a key's index is its rank, so looking up the sorted or clustered keys of a data file walks
 * the bitmap and the state array in order instead of jumping around a hash table (memory: at most {@value #DENSE}
 * bits plus 9 bytes per key, and half a bit per bit for the ranks); otherwise an open-addressing table of longs (17
 * bytes per slot, at most half full). A key added twice keeps the state it was given last. Before the seal,
 * {@link #size} counts the keys added and {@link #find} finds nothing; the seal renumbers. Not thread-safe.
 */
final class LongKeyTable implements BatchKeys {
    /** The densest range (in values per key) the sealed table keeps as a bitmap. */
    static final int DENSE = 64;

    /** Before the seal: the keys and their states, in the order added. */
    private long[] added;
    private byte[] addedStates;
    private int size;
    private boolean sealed;
    private long[] numbers;

    /** Sealed dense: the least key, the bitmap of keys minus it, the rank before each word, the states by rank. */
    private long min;
    private long[] bits;
    private int[] ranks;
    private byte[] states;

    /** Sealed sparse: the keys by slot, and per slot 0 when free, else the key's state + 1. */
    private long[] keys;
    private byte[] used;

    /**
     * @param expected how many keys will be added (a hint)
     */
    LongKeyTable(int expected) {
        added = new long[Math.max(16, expected)];
        addedStates = new byte[added.length];
    }

    @Override
    public int add(ParquetKeys.Key key) {
        if (sealed) {
            throw new IllegalStateException("the table is sealed");
        }
        if (key.tag(0) != ParquetKeys.LONG_TAG) {
            throw new IllegalStateException("a batch key is not an integer (NULL?): the stage refuses NULL keys");
        }
        if (size == added.length) {
            if (size == Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than 2^31 keys in one MERGE count");
            }
            int n = (int) Math.min(Integer.MAX_VALUE - 8, 2L * size);
            added = Arrays.copyOf(added, n);
            addedStates = Arrays.copyOf(addedStates, n);
        }
        added[size] = key.longValue(0);
        return size++;
    }

    @Override
    public void seal() {
        if (sealed) {
            return;
        }
        sealed = true;
        int n = size;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, added[i]);
            hi = Math.max(hi, added[i]);
        }
        long range = hi - lo;
        if (n > 0 && range >= 0 && range < (long) DENSE * n && range < Integer.MAX_VALUE - 64) {
            min = lo;
            bits = new long[(int) (range >>> 6) + 1];
            for (int i = 0; i < n; i++) {
                long d = added[i] - lo;
                bits[(int) (d >>> 6)] |= 1L << d;
            }
            ranks = new int[bits.length];
            int rank = 0;
            for (int w = 0; w < bits.length; w++) {
                ranks[w] = rank;
                rank += Long.bitCount(bits[w]);
            }
            size = rank;
            states = new byte[size];
            for (int i = 0; i < n; i++) {
                states[rank(added[i] - lo)] = addedStates[i];
            }
            numbers = new long[size];
        } else {
            keys = new long[Integer.highestOneBit(Math.max(8, n) * 2 - 1) * 2];
            used = new byte[keys.length];
            size = 0;
            for (int i = 0; i < n; i++) {
                int s = slot(added[i]);
                if (used[s] == 0) {
                    keys[s] = added[i];
                    size++;
                }
                used[s] = (byte) (addedStates[i] + 1);
            }
            numbers = new long[keys.length];
        }
        added = null;
        addedStates = null;
    }

    @Override
    public int find(ParquetKeys.Key key) {
        if (!sealed || key.tag(0) != ParquetKeys.LONG_TAG) {
            return -1;
        }
        long v = key.longValue(0);
        if (bits != null) {
            long d = v - min;
            if (d < 0 || (d >>> 6) >= bits.length || (bits[(int) (d >>> 6)] & (1L << d)) == 0) {
                return -1;
            }
            return rank(d);
        }
        int s = slot(v);
        return used[s] == 0 ? -1 : s;
    }

    private int rank(long d) {
        int w = (int) (d >>> 6);
        return ranks[w] + Long.bitCount(bits[w] & ((1L << d) - 1));
    }

    /** @return the slot holding {@code v}, or the free slot where it would go */
    private int slot(long v) {
        int mask = keys.length - 1;
        int s = mix(v) & mask;
        while (used[s] != 0 && keys[s] != v) {
            s = (s + 1) & mask;
        }
        return s;
    }

    /** A 64-bit finaliser (Stafford's variant 13), folded to an int. */
    private static int mix(long v) {
        long h = v;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return (int) (h ^ (h >>> 31));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public byte state(int i) {
        if (!sealed) {
            return addedStates[i];
        }
        return bits != null ? states[i] : (byte) (used[i] - 1);
    }

    @Override
    public void state(int i, byte state) {
        if (!sealed) {
            addedStates[i] = state;
        } else if (bits != null) {
            states[i] = state;
        } else {
            used[i] = (byte) (state + 1);
        }
    }

    @Override
    public long number(int i) {
        return sealed ? numbers[i] : 0;
    }

    @Override
    public void number(int i, long number) {
        if (!sealed) {
            throw new IllegalStateException("numbers are kept once the table is sealed");
        }
        numbers[i] = number;
    }

    @Override
    public void forEach(Consumer<ParquetKeys.Key> action) {
        ParquetKeys.Key k = new ParquetKeys.Key(1);
        byte[] encoded = new byte[9];
        encoded[0] = ParquetKeys.LONG_TAG;
        if (!sealed) {
            for (int i = 0; i < size; i++) {
                visit(added[i], encoded, k, action);
            }
        } else if (bits != null) {
            for (int w = 0; w < bits.length; w++) {
                for (long word = bits[w]; word != 0; word &= word - 1) {
                    visit(min + ((long) w << 6) + Long.numberOfTrailingZeros(word), encoded, k, action);
                }
            }
        } else {
            for (int s = 0; s < keys.length; s++) {
                if (used[s] != 0) {
                    visit(keys[s], encoded, k, action);
                }
            }
        }
    }

    private static void visit(long v, byte[] encoded, ParquetKeys.Key k, Consumer<ParquetKeys.Key> action) {
        for (int i = 1; i < 9; i++) {
            encoded[i] = (byte) (v >>> (64 - 8 * i));
        }
        k.decode(encoded, 0, encoded.length);
        action.accept(k);
    }

    /** @return whether the sealed table is a bitmap */
    boolean isDense() {
        return bits != null;
    }

    @Override
    public String toString() {
        return size + " integer key(s)" + (!sealed ? "" : bits != null ? " in a bitmap over " + (bits.length * 64L)
                + " values" : " hashed");
    }
}
