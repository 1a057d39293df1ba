package dev.destsdk.file.store;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A new object being written. {@link #close()} publishes the object under its key (for S3, completes the multipart
 * upload); {@link #abort()} discards everything written so far (for S3, aborts the multipart upload) so that nothing
 * is left behind. After either, the output is finished: writes fail, and {@code close} or {@code abort} do nothing.
 * A failing {@code close} aborts. Implementations supply {@link #append}, {@link #publish} and {@link #discard}.
 *
 * <p>Not thread-safe: one writer thread per output.
 */
public abstract class ObjectOutput extends OutputStream {
    private final String key;
    private final byte[] one = new byte[1];
    private long position;
    private boolean finished;
    private Runnable partCheck = () -> { };

    /**
     * @param key the key the object will have; not null
     */
    protected ObjectOutput(String key) {
        this.key = Objects.requireNonNull(key, "key is null");
    }

    /** @return the key this output writes to */
    public final String key() {
        return key;
    }

    /**
     * Sets a check that stores which send an object in parts (S3 multipart uploads) run before sending each part and
     * before publishing, e.g. the job's cancellation. When it throws, the output is aborted (nothing is left behind,
     * no unfinished upload) and the exception propagates from {@code write} or {@code close}.
     *
     * @param check the check; not null
     */
    public final void checkBeforeEachPart(Runnable check) {
        this.partCheck = Objects.requireNonNull(check, "check is null");
    }

    /** For implementations: runs the check set by {@link #checkBeforeEachPart}, aborting the output if it throws. */
    protected final void beforePart() {
        try {
            partCheck.run();
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** @return the number of bytes written so far */
    public final long position() {
        return position;
    }

    @Override
    public final void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public final void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("the output for " + key + " is finished");
        }
        append(b, off, len);
        position += len;
    }

    /**
     * Discards what was written; the key is not created (an existing object under the key is left as it was).
     * Never throws: a failure to clean up is logged by the implementation.
     */
    public final void abort() {
        if (!finished) {
            finished = true;
            discard();
        }
    }

    /**
     * Publishes the object.
     *
     * @throws IOException when the object cannot be stored; the output is then aborted
     */
    @Override
    public final void close() throws IOException {
        if (finished) {
            return;
        }
        try {
            publish();
            finished = true;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /**
     * Takes bytes.
     *
     * @param b the bytes
     * @param off the offset
     * @param len the count
     * @throws IOException when the store fails
     */
    protected abstract void append(byte[] b, int off, int len) throws IOException;

    /**
     * Makes the object visible under its key.
     *
     * @throws IOException when the store fails (the output is then aborted)
     */
    protected abstract void publish() throws IOException;

    /** Discards the bytes written; never throws. */
    protected abstract void discard();
}
