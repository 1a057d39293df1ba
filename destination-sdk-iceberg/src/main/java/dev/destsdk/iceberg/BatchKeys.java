package dev.destsdk.iceberg;

import dev.destsdk.iceberg.internal.ParquetKeys;

/**
 * The keys of a MERGE batch, each with a small state and a number, for counting what the batch matches in the
 * table: filled from the stage's equality deletes ({@link #add}), then {@link #seal sealed}, then looked up once per
 * row of the table ({@link #find}). Implementations: {@link LongKeyTable} for a key of one integer column,
 * {@link KeyTable} for any other. Not thread-safe.
 */
interface BatchKeys {
    /**
     * @param expected how many keys will be added (a hint that spares growing; any number may be added)
     * @param longKey whether every key is one column of integers (dates, times, timestamps)
     * @return an empty set for those keys
     */
    static BatchKeys create(long expected, boolean longKey) {
        int hint = (int) Math.min(expected, 1 << 28);
        return longKey ? new LongKeyTable(hint) : new KeyTable(hint);
    }

    /**
     * Adds a key (state 0, number 0) unless the set holds it; only before {@link #seal}.
     *
     * @param key the key; not null
     * @return the key's index
     */
    int add(ParquetKeys.Key key);

    /** Ends the adding: builds what makes {@link #find} of an absent key cheap. */
    void seal();

    /**
     * @param key a key; not null
     * @return the key's index, or -1 when the set does not hold it
     */
    int find(ParquetKeys.Key key);

    /** @return the number of keys */
    int size();

    /** @return the state of key {@code i} (a small value the caller defines) */
    byte state(int i);

    /** Sets the state of key {@code i}. */
    void state(int i, byte state);

    /** @return the number kept for key {@code i} */
    long number(int i);

    /** Sets the number kept for key {@code i}. */
    void number(int i, long number);

    /**
     * Hands every key to the action, one reused key after another.
     *
     * @param action receives each key, valid during the call only
     */
    void forEach(java.util.function.Consumer<ParquetKeys.Key> action);
}
