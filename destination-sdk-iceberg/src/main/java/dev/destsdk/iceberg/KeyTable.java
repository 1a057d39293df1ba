package dev.destsdk.iceberg;

import dev.destsdk.iceberg.internal.ParquetKeys;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * {@link BatchKeys} of any key (several columns, text, decimals), compactly and without one object per key: each
 * key's encoded bytes ({@link ParquetKeys.Key}) are copied once into a shared byte arena, and an open-addressing
 * table of longs (the key's hash beside its index, so that a miss costs one memory access) finds it. When sealed,
 * a filter of 8 bits per key (one bit per key's hash) answers most lookups of absent keys without touching the
 * table. About 34 bytes per key plus its encoding (9 bytes per long column), where a {@code HashSet} of lists takes
 * about 100. Lookups read the caller's reused key: no allocation per row. Indexes are stable. Not thread-safe.
 */
final class KeyTable implements BatchKeys {
    private static final long EMPTY = 0;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] arena;
    private int arenaUsed;
    private int[] offsets;
    private byte[] states;
    private long[] numbers;
    private int size;
    /** Per slot: the key's hash in the high half, its index + 1 in the low half; 0 when free. */
    private long[] slots;
    /** After {@link #seal}: a bit per key's hash, or null. */
    private long[] filter;

    /**
     * @param expected how many keys will be added (a hint)
     */
    KeyTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(64, expected) * 2 - 1) * 2;
        slots = new long[capacity];
        offsets = new int[capacity / 2];
        states = new byte[capacity / 2];
        numbers = new long[capacity / 2];
        arena = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(1 << 12, 13L * expected))];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int add(ParquetKeys.Key key) {
        if (filter != null) {
            throw new IllegalStateException("the table is sealed");
        }
        return add(key.bytes(), key.length());
    }

    @Override
    public int find(ParquetKeys.Key key) {
        return find(key.bytes(), key.length());
    }

    @Override
    public void seal() {
        long bits = Math.max(64, Long.highestOneBit(Math.max(1, size) * 8L - 1) * 2);
        filter = new long[(int) (bits >>> 6)];
        for (int i = 0; i < size; i++) {
            int h = filterBit(hash(arena, offsets[i] + 4, lengthAt(offsets[i])));
            filter[(h >>> 6) & (filter.length - 1)] |= 1L << h;
        }
    }

    @Override
    public void forEach(Consumer<ParquetKeys.Key> action) {
        ParquetKeys.Key k = null;
        for (int i = 0; i < size; i++) {
            int at = offsets[i];
            if (k == null) {
                k = new ParquetKeys.Key(columns(arena, at + 4, lengthAt(at)));
            }
            k.decode(arena, at + 4, lengthAt(at));
            action.accept(k);
        }
    }

    /**
     * @param key a buffer holding an encoded key; not null
     * @param length the key's length in it (from 0)
     * @return the key's index, or -1 when the table does not hold it
     */
    int find(byte[] key, int length) {
        int hash = hash(key, 0, length);
        if (filter != null) {
            int h = filterBit(hash);
            if ((filter[(h >>> 6) & (filter.length - 1)] & (1L << h)) == 0) {
                return -1;
            }
        }
        return find(key, length, hash);
    }

    /**
     * Adds a key (state 0, number 0) unless the table holds it.
     *
     * @param key a buffer holding an encoded key; not null
     * @param length the key's length in it (from 0)
     * @return the key's index
     */
    int add(byte[] key, int length) {
        int hash = hash(key, 0, length);
        int found = find(key, length, hash);
        if (found >= 0) {
            return found;
        }
        if ((size + 1) * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        if (size == offsets.length) {
            int n = offsets.length * 2;
            offsets = Arrays.copyOf(offsets, n);
            states = Arrays.copyOf(states, n);
            numbers = Arrays.copyOf(numbers, n);
        }
        ensureArena(4 + length);
        int i = size++;
        offsets[i] = arenaUsed;
        arena[arenaUsed] = (byte) (length >>> 24);
        arena[arenaUsed + 1] = (byte) (length >>> 16);
        arena[arenaUsed + 2] = (byte) (length >>> 8);
        arena[arenaUsed + 3] = (byte) length;
        System.arraycopy(key, 0, arena, arenaUsed + 4, length);
        arenaUsed += 4 + length;
        place(slot(hash, i));
        return i;
    }

    @Override
    public byte state(int i) {
        return states[i];
    }

    @Override
    public void state(int i, byte state) {
        states[i] = state;
    }

    @Override
    public long number(int i) {
        return numbers[i];
    }

    @Override
    public void number(int i, long number) {
        numbers[i] = number;
    }

    private int find(byte[] key, int length, int hash) {
        int mask = slots.length - 1;
        for (int s = mix(hash) & mask; slots[s] != EMPTY; s = (s + 1) & mask) {
            long slot = slots[s];
            if ((int) (slot >>> 32) == hash) {
                int i = (int) slot - 1;
                int at = offsets[i];
                if (lengthAt(at) == length && Arrays.equals(arena, at + 4, at + 4 + length, key, 0, length)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private int lengthAt(int at) {
        return (arena[at] & 0xff) << 24 | (arena[at + 1] & 0xff) << 16 | (arena[at + 2] & 0xff) << 8
                | (arena[at + 3] & 0xff);
    }

    /**
     * A hash of all of a key's bytes, 8 at a time, each word spread by a multiply (a polynomial over single bytes,
     * as {@code Arrays.hashCode} is, gives the 9-byte keys of nearby integers the same hash far too often).
     */
    private static int hash(byte[] key, int from, int length) {
        long h = 0x9E3779B97F4A7C15L ^ length;
        int i = from;
        int end = from + length;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ spread((long) LONGS.get(key, i))) * 0xff51afd7ed558ccdL;
        }
        long tail = 0;
        for (; i < end; i++) {
            tail = tail << 8 | (key[i] & 0xff);
        }
        h = spread(h ^ spread(tail));
        return (int) (h ^ (h >>> 32));
    }

    private static long spread(long v) {
        long h = (v ^ (v >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** A second spreading of the hash than the table's, so that the filter's and the table's misses differ. */
    private static int filterBit(int hash) {
        return mix(hash ^ 0x5bd1e995);
    }

    /** @return how many key columns an encoded key holds */
    private static int columns(byte[] encoded, int from, int length) {
        int n = 0;
        int at = from;
        while (at < from + length) {
            byte tag = encoded[at++];
            n++;
            if (tag == ParquetKeys.LONG_TAG || tag == ParquetKeys.DOUBLE_TAG) {
                at += 8;
            } else if (tag == ParquetKeys.BOOLEAN_TAG) {
                at += 1;
            } else if (tag == ParquetKeys.INT96_TAG) {
                at += 12;
            } else if (tag != ParquetKeys.NULL_TAG) {
                at += 4 + ((encoded[at] & 0xff) << 24 | (encoded[at + 1] & 0xff) << 16
                        | (encoded[at + 2] & 0xff) << 8 | (encoded[at + 3] & 0xff));
            }
        }
        return n;
    }

    private static long slot(int hash, int index) {
        return (long) hash << 32 | (index + 1);
    }

    private void ensureArena(int more) {
        long needed = (long) arenaUsed + more;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than 2 GiB of keys in one MERGE count");
        }
        if (needed > arena.length) {
            arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * arena.length)));
        }
    }

    private void rehash(int capacity) {
        long[] old = slots;
        slots = new long[capacity];
        for (long slot : old) {
            if (slot != EMPTY) {
                place(slot);
            }
        }
    }

    private void place(long slot) {
        int mask = slots.length - 1;
        int s = mix((int) (slot >>> 32)) & mask;
        while (slots[s] != EMPTY) {
            s = (s + 1) & mask;
        }
        slots[s] = slot;
    }

    /** Murmur3's finaliser: spreads a weak polynomial hash over the low bits the mask keeps. */
    private static int mix(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
