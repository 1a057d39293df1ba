package dev.destsdk.iceberg;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.iceberg.StructLike;

/**
 * A compact set of keys with a small state per key, for counting what a MERGE matches without one object per key:
 * each key is encoded once into a shared byte arena, and an open-addressing table of ints finds it. About 30 bytes
 * per key plus its encoding (9 bytes for a LONG key), where a {@code HashSet} of lists takes about 100.
 *
 * <p>Keys are encoded exactly (equal values, equal bytes), per value: integers as a long, text as UTF-8, decimals as
 * unscaled value and scale, binary as its bytes, NULL as a tag, any other value (dates, times, UUIDs) by its
 * {@code toString}, which the generic reader's value types give exactly. Values of one column have one type (both
 * sides are read with the same projection). Not thread-safe.
 */
final class KeyTable {
    private static final int EMPTY = 0;

    private byte[] arena = new byte[1 << 12];
    private int arenaUsed;
    private int[] offsets = new int[64];
    private int[] hashes = new int[64];
    private byte[] states = new byte[64];
    private long[] numbers = new long[64];
    private int size;
    private int[] slots = new int[128];

    /** @return the number of keys */
    int size() {
        return size;
    }

    /**
     * @param key an encoded key ({@link #encode}); not null
     * @return the key's index, or -1 when the table does not hold it
     */
    int find(byte[] key) {
        int hash = Arrays.hashCode(key);
        int mask = slots.length - 1;
        for (int s = mix(hash) & mask; slots[s] != EMPTY; s = (s + 1) & mask) {
            int i = slots[s] - 1;
            if (hashes[i] == hash && equalsAt(i, key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Adds a key (state 0, number 0) unless the table holds it.
     *
     * @param key an encoded key; not null
     * @return the key's index
     */
    int add(byte[] key) {
        int found = find(key);
        if (found >= 0) {
            return found;
        }
        if ((size + 1) * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        if (size == offsets.length) {
            int n = offsets.length * 2;
            offsets = Arrays.copyOf(offsets, n);
            hashes = Arrays.copyOf(hashes, n);
            states = Arrays.copyOf(states, n);
            numbers = Arrays.copyOf(numbers, n);
        }
        ensureArena(4 + key.length);
        int i = size++;
        offsets[i] = arenaUsed;
        hashes[i] = Arrays.hashCode(key);
        ByteBuffer.wrap(arena, arenaUsed, 4).putInt(key.length);
        System.arraycopy(key, 0, arena, arenaUsed + 4, key.length);
        arenaUsed += 4 + key.length;
        place(i);
        return i;
    }

    /** @return the state of key {@code i} (a small value the caller defines) */
    byte state(int i) {
        return states[i];
    }

    /** Sets the state of key {@code i}. */
    void state(int i, byte state) {
        states[i] = state;
    }

    /** @return the number kept for key {@code i} */
    long number(int i) {
        return numbers[i];
    }

    /** Sets the number kept for key {@code i}. */
    void number(int i, long number) {
        numbers[i] = number;
    }

    /**
     * @param row a row; not null
     * @param positions the key columns' positions in the row, in key order
     * @return the row's key, encoded
     */
    static byte[] encode(StructLike row, int[] positions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            for (int p : positions) {
                Object v = row.get(p, Object.class);
                if (v == null) {
                    out.writeByte(0);
                } else if (v instanceof Long || v instanceof Integer) {
                    out.writeByte(1);
                    out.writeLong(((Number) v).longValue());
                } else if (v instanceof CharSequence text) {
                    writeBytes(out, 2, text.toString().getBytes(StandardCharsets.UTF_8));
                } else if (v instanceof BigDecimal d) {
                    writeBytes(out, 3, d.unscaledValue().toByteArray());
                    out.writeInt(d.scale());
                } else if (v instanceof ByteBuffer b) {
                    byte[] copy = new byte[b.remaining()];
                    b.duplicate().get(copy);
                    writeBytes(out, 4, copy);
                } else if (v instanceof byte[] b) {
                    writeBytes(out, 4, b);
                } else {
                    writeBytes(out, 5, v.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a key in memory", e);
        }
        return bytes.toByteArray();
    }

    private static void writeBytes(DataOutputStream out, int tag, byte[] value) throws IOException {
        out.writeByte(tag);
        out.writeInt(value.length);
        out.write(value);
    }

    private boolean equalsAt(int i, byte[] key) {
        int at = offsets[i];
        int length = ByteBuffer.wrap(arena, at, 4).getInt();
        return length == key.length && Arrays.equals(arena, at + 4, at + 4 + length, key, 0, key.length);
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
        slots = new int[capacity];
        for (int i = 0; i < size; i++) {
            place(i);
        }
    }

    private void place(int i) {
        int mask = slots.length - 1;
        int s = mix(hashes[i]) & mask;
        while (slots[s] != EMPTY) {
            s = (s + 1) & mask;
        }
        slots[s] = i + 1;
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
