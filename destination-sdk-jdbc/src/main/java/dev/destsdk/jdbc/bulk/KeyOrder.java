package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.dialect.ColumnDef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Proves, at no extra pass, that a batch holds no key twice when its keys arrive in strictly increasing order (an
 * export ordered by its primary key, the usual case): the value checks ({@link ValueRules}) hand it every key they
 * accepted, in file order across the batch's files, and it keeps only the last key. A batch whose keys ever fail
 * to increase proves nothing, and the load checks for repeated keys as before. Only a single integer key column
 * (SHORT, INTEGER, LONG) is followed: two texts of an integer are the same key exactly when their values are equal.
 * Memory is constant.
 *
 * <p>Not thread-safe: one load's files are checked one after another (a loader may check on another thread, as
 * long as the load reads the result after that thread ended).
 */
public final class KeyOrder {
    private final int column;
    private long last;
    private long keys;
    private boolean increasing = true;

    private KeyOrder(int column) {
        this.column = column;
    }

    /**
     * @param fileColumns the data files' columns, in file order; not null
     * @param keyColumns the key columns' names; not null
     * @return a tracker for the key, when the key is one integer column of the files; empty otherwise
     */
    public static Optional<KeyOrder> forKey(List<ColumnDef> fileColumns, List<String> keyColumns) {
        if (keyColumns.size() != 1) {
            return Optional.empty();
        }
        for (int i = 0; i < fileColumns.size(); i++) {
            ColumnDef c = fileColumns.get(i);
            if (c.name().equals(keyColumns.get(0))) {
                CanonicalType t = c.canonicalType();
                boolean integer = t == CanonicalType.SHORT || t == CanonicalType.INTEGER || t == CanonicalType.LONG;
                return integer ? Optional.of(new KeyOrder(i)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @return the 0-based file column holding the key */
    public int column() {
        return column;
    }

    /**
     * Takes the next key, already accepted as a canonical integer by the value checks.
     *
     * @param bytes the key's text as UTF-8 bytes; not null
     * @param length how many of them, from index 0
     */
    public void accept(byte[] bytes, int length) {
        accept(bytes, 0, length);
    }

    /**
     * Takes the next key, already accepted as a canonical integer by the value checks.
     *
     * @param bytes holds the key's text as UTF-8 bytes; not null
     * @param offset where the text begins in {@code bytes}
     * @param length how many bytes it has
     */
    public void accept(byte[] bytes, int offset, int length) {
        if (!increasing) {
            keys++;
            return;
        }
        if (length > 18) {
            accept(Long.parseLong(new String(bytes, offset, length, StandardCharsets.US_ASCII)));
            return;
        }
        int i = offset;
        int end = offset + length;
        boolean negative = length > 0 && bytes[offset] == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        for (; i < end; i++) {
            v = v * 10 + (bytes[i] - '0');
        }
        accept(negative ? -v : v);
    }

    /**
     * Takes the next key, already accepted as a canonical integer by the value checks.
     *
     * @param text the key's text; not null
     */
    public void accept(String text) {
        if (!increasing) {
            keys++;
            return;
        }
        accept(Long.parseLong(text));
    }

    private void accept(long value) {
        if (keys > 0 && value <= last) {
            increasing = false;
        }
        last = value;
        keys++;
    }

    /**
     * @param rows the rows the batch loaded
     * @return true when every one of those rows' keys was seen, each greater than the one before: no key repeats
     */
    public boolean provesNoRepeatedKey(long rows) {
        return increasing && keys == rows;
    }
}
