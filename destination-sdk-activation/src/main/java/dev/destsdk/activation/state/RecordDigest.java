package dev.destsdk.activation.state;

import dev.destsdk.activation.LookupReference;
import dev.destsdk.activation.convert.ConvertedRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Digests of converted records for change-only syncs: 16 bytes of SHA-256 over the operation and the API values in
 * mapping order (name, a type tag and the value's text), so that any change of a mapped value, of a NULL, or of the
 * operation changes the digest. Not thread-safe (one {@link MessageDigest}).
 */
public final class RecordDigest {
    private final MessageDigest sha;
    private final byte[] salt;

    /** @param operation the load's operation, part of every digest; not null */
    public RecordDigest(String operation) {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        salt = operation.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param record the converted record; not null
     * @return its digest
     */
    public byte[] digest(ConvertedRecord record) {
        sha.reset();
        sha.update(salt);
        for (Map.Entry<String, Object> e : record.values().entrySet()) {
            sha.update((byte) 1);
            sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            Object v = e.getValue();
            sha.update((byte) 2);
            if (v == null) {
                sha.update((byte) 0);
            } else if (v instanceof LookupReference ref) {
                sha.update((byte) 'L');
                sha.update((ref.parentObject() + '\u0000' + ref.matchField() + '\u0000' + ref.value())
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                sha.update((byte) v.getClass().getSimpleName().charAt(0));
                sha.update(v.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return Arrays.copyOf(sha.digest(), 16);
    }

    /**
     * @param mergeKeyValues the merge key values; not empty
     * @return the state key: the values joined by NUL
     */
    public static String key(List<String> mergeKeyValues) {
        return String.join("\u0000", mergeKeyValues);
    }
}
