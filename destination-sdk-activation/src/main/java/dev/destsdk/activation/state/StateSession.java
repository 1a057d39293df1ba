package dev.destsdk.activation.state;

import java.util.Optional;

/**
 * The change-only state of one target during one load. Used by one thread.
 */
public interface StateSession extends AutoCloseable {

    /**
     * @param key the merge key values, as {@link RecordDigest#key} joins them; not null
     * @return the digest last committed or recorded for the key, if any
     */
    Optional<byte[]> digest(String key);

    /**
     * Records that the API accepted the record with this key and digest. Durable after {@link #commit()} (an
     * implementation may commit earlier, since every recorded digest is a success).
     *
     * @param key the merge key values; not null
     * @param digest the record's digest; not null
     */
    void recordSuccess(String key, byte[] digest);

    /** Makes every recorded success durable. */
    void commit();

    /** Ends the session without committing what was recorded since the last commit. */
    @Override
    void close();
}
