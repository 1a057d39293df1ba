package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.ZipException;

/**
 * A data file as the CSV a database's bulk reader takes, produced one chunk at a time: the stream the bulk loaders
 * hand to COPY, LOAD DATA or a CSV reader. A subclass produces chunks ({@link #nextChunk()}); this class serves
 * them to the reader and keeps the bad-input failure that ended the stream early, which the loader rethrows naming
 * the file once the database has read what came before ({@link #throwIfFailed}).
 *
 * <p>Memory is one chunk at a time, whatever the file's size. Not thread-safe: one reader reads the stream; close it.
 */
public abstract class CsvChunkStream extends InputStream {
    private static final byte[] EMPTY = new byte[0];

    private byte[] chunk = EMPTY;
    private int position;
    private int limit;
    private ConnectorException failure;
    private long largestRecord;
    private boolean quotedCarriageReturn;
    private long carriageReturnLineEnd;

    /** For subclasses. */
    protected CsvChunkStream() {
    }

    /**
     * Produces the next chunk with {@link #setChunk}; called only once the previous chunk is read. An empty chunk is
     * allowed (the stream asks again).
     *
     * @return false when there is no more output: the file ended, the job was cancelled, or {@link #fail} was called
     * @throws IOException when the file cannot be read
     */
    protected abstract boolean nextChunk() throws IOException;

    /**
     * Hands the next bytes to the reader. The stream reads {@code bytes} until they are consumed; the subclass may
     * reuse the array after its next {@link #nextChunk()} call.
     *
     * @param bytes the chunk's buffer; not null
     * @param length how many of its bytes, from index 0, are output
     */
    protected final void setChunk(byte[] bytes, int length) {
        Objects.checkFromIndexSize(0, length, bytes.length);
        chunk = bytes;
        position = 0;
        limit = length;
    }

    /**
     * Ends the stream early because of bad input: what was produced before it is still read, then the stream ends.
     *
     * @param badInput the failure, without the file (the loader adds it); not null
     */
    protected final void fail(ConnectorException badInput) {
        failure = Objects.requireNonNull(badInput, "badInput is null");
    }

    /** @return whether {@link #fail} was called */
    protected final boolean failed() {
        return failure != null;
    }

    /** @return the data records produced so far (header rows and skipped blank lines not counted) */
    public abstract long records();

    /**
     * Notes a record's size, for {@link #largestRecord()}.
     *
     * @param bytes the record's size in bytes (or characters where bytes are not known)
     */
    protected final void recordSize(long bytes) {
        largestRecord = Math.max(largestRecord, bytes);
    }

    /** Notes that a quoted value holds a carriage return (some readers, DuckDB 1.5's among them, refuse one). */
    protected final void quotedCarriageReturn() {
        quotedCarriageReturn = true;
    }

    /** @return whether a quoted value read so far holds a carriage return; false when the subclass does not look */
    public final boolean hasQuotedCarriageReturn() {
        return quotedCarriageReturn;
    }

    /**
     * Notes that a line outside quoted fields ended with a carriage return (CR or CRLF, which the output writes as
     * LF): a reader given the file itself with LF line ends would read it differently.
     *
     * @param line the physical line that ended so
     */
    protected final void carriageReturnLineEnd(long line) {
        if (carriageReturnLineEnd == 0) {
            carriageReturnLineEnd = line;
        }
    }

    /**
     * @return the first physical line, outside quoted fields, that ended with a carriage return (CR or CRLF); empty
     *     when none did so far, or the subclass does not look
     */
    public final OptionalLong firstCarriageReturnLineEnd() {
        return carriageReturnLineEnd == 0 ? OptionalLong.empty() : OptionalLong.of(carriageReturnLineEnd);
    }

    /** @return the largest record read so far, in bytes; 0 when the subclass does not measure records */
    public final long largestRecord() {
        return largestRecord;
    }

    /** @return the bad-input failure that ended the stream early, if any */
    public final Optional<ConnectorException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Throws the bad-input failure that ended the stream early, if any.
     *
     * @param file the file, named in the error; not null
     * @throws ConnectorException the failure, naming the file and the record (and column where known)
     */
    public final void throwIfFailed(LoadFile file) {
        if (failure != null) {
            throw file.attribute(failure);
        }
    }

    @Override
    public final int read() throws IOException {
        if (!ensure()) {
            return -1;
        }
        return chunk[position++] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!ensure()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }

    /**
     * Drops what is left of the current chunk and produces the next one without handing its bytes to the caller: for
     * a caller that wants only the checks and the counts ({@link #records()}, {@link #failure()}, ...) of the stream,
     * e.g. a check that runs while the database reads the file itself. Reading a stream so costs no copy of its
     * output; a stream made to produce no output (such as {@link CsvPassThrough#checkOnly}) does one piece of its
     * input per call, so that the caller can stop between calls.
     *
     * <p>Called by the one thread that reads the stream, instead of or after {@code read}; what follows the call is
     * the next chunk.
     *
     * @return false once the stream has ended: the file ended, the job was cancelled, or bad input ended it (then
     *     {@link #failure()} holds it)
     * @throws IOException when the file cannot be read
     */
    public final boolean advance() throws IOException {
        position = limit;
        return produce();
    }

    private boolean ensure() throws IOException {
        while (position >= limit) {
            if (!produce()) {
                return false;
            }
        }
        return true;
    }

    /** Calls {@link #nextChunk()} once; a cut-off or corrupt gzip file ends the stream as bad input. */
    private boolean produce() throws IOException {
        try {
            return nextChunk();
        } catch (EOFException | ZipException e) {
            // a cut-off or corrupt gzip file: end the stream like other bad input, so the reader (and the
            // connection it streams on) sees a clean end and the loader reports the file
            fail(unreadable(e).toBuilder().cause(e).build());
            limit = 0;
            position = 0;
            return false;
        }
    }

    /**
     * The failure for a compressed file that ends early or is corrupt; subclasses that know the line and record
     * add them.
     *
     * @param e what the decompressor reported; not null
     * @return a VALIDATION_ERROR (not retryable: reading the same file again fails the same way)
     */
    protected ConnectorException unreadable(IOException e) {
        return ConnectorException.builder(ErrorType.VALIDATION_ERROR, "the compressed file ends early or is corrupt"
                + " after record " + records() + " (" + e.getMessage() + "); write the file again").build();
    }
}
