package dev.destsdk.file.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;

/**
 * Where a file destination keeps its objects: a local directory, an S3 bucket (with an optional root prefix), or
 * any other store that can put, get, list and delete objects by key. Keys are relative to the store's root,
 * {@code /}-separated, and are checked by {@link ObjectKeys#check(String)} before any call touches the store, so no
 * key can leave the root.
 *
 * <p>Lifecycle: the connector creates the store from its configuration and closes it when the destination is
 * closed. Threading: implementations are thread-safe; each {@link ObjectOutput} is used by one thread.
 *
 * <p>Errors: methods throw {@link IOException} for store failures (after the implementation's own retries); a
 * caller turns them into a {@code ConnectorException}. No method returns null.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * @return where the store's root is, for messages and stage locations, e.g. {@code file:///data/lake} or
     *     {@code s3://bucket/prefix}; never holds credentials
     */
    String describe();

    /**
     * Starts a new object. It is not visible under its key before {@link ObjectOutput#close()}; an existing object
     * under the key is replaced when the new one is closed.
     *
     * @param key the key; not null
     * @return the output; not null
     * @throws IOException when the store refuses
     */
    ObjectOutput create(String key) throws IOException;

    /**
     * Stores a small object in one call, replacing an existing one.
     *
     * @param key the key; not null
     * @param content the bytes; not null
     * @throws IOException when the store refuses
     */
    void put(String key, byte[] content) throws IOException;

    /**
     * Stores a small object only if no object exists under the key, atomically where the store supports it
     * (see {@link #supportsConditionalPut()}).
     *
     * @param key the key; not null
     * @param content the bytes; not null
     * @return true when stored, false when an object already existed under the key
     * @throws IOException when the store refuses for another reason
     */
    boolean putIfAbsent(String key, byte[] content) throws IOException;

    /**
     * @return whether {@link #putIfAbsent} is atomic against concurrent writers (S3's {@code If-None-Match: *}, a
     *     hard link on a local file system); when false it is a check followed by a put
     */
    boolean supportsConditionalPut();

    /**
     * Opens an object for reading.
     *
     * @param key the key; not null
     * @return the stream; the caller closes it
     * @throws java.nio.file.NoSuchFileException when there is no such object
     * @throws IOException when the store refuses
     */
    InputStream open(String key) throws IOException;

    /**
     * @param key the key; not null
     * @return whether an object exists under the key
     * @throws IOException when the store refuses
     */
    boolean exists(String key) throws IOException;

    /**
     * Lists every object whose key starts with the prefix, recursively, sorted by key.
     *
     * @param prefix a key prefix, usually ending in {@code /}; empty for the whole store; not null
     * @return the objects; empty when none
     * @throws IOException when the store refuses
     */
    List<ObjectInfo> list(String prefix) throws IOException;

    /**
     * Deletes objects; keys without an object are ignored.
     *
     * @param keys the keys; not null
     * @throws IOException when the store refuses
     */
    void delete(Collection<String> keys) throws IOException;

    /**
     * Lists the uploads started under the prefix that were neither completed nor aborted (S3 multipart uploads,
     * temporary files of the local store). After every stage and load, finished or failed, this is empty for the
     * destination's prefixes; the testkit checks it.
     *
     * @param prefix a key prefix; not null
     * @return the keys of the unfinished uploads; empty when none
     * @throws IOException when the store refuses
     */
    List<String> listUnfinishedUploads(String prefix) throws IOException;

    /**
     * Moves an object to another key, replacing what is there (publishing a staged file). By default a streamed
     * copy through {@link #open} and {@link #create} followed by a delete; stores with a cheaper way override it
     * (a rename, a server-side copy).
     *
     * @param from the existing object's key; not null
     * @param to the new key; not null
     * @throws java.nio.file.NoSuchFileException when {@code from} does not exist
     * @throws IOException when the store fails; {@code to} may then exist or not, {@code from} still exists
     */
    default void move(String from, String to) throws IOException {
        ObjectOutput out = create(to);
        try (InputStream in = open(from)) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e;
        }
        out.close();
        delete(List.of(from));
    }


    /** Releases the store's resources (HTTP clients). */
    @Override
    void close();
}
