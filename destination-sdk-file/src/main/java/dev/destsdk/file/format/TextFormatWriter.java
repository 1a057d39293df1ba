package dev.destsdk.file.format;

import dev.destsdk.file.store.ObjectOutput;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The part the text formats share: a (possibly compressed) stream into a new object, counting rows, finishing or
 * aborting the object. A subclass writes a row's text to {@link #stream()} and closes its own encoder in
 * {@link #closeEncoder()}. The size estimate is the compressed bytes that reached the store plus what the
 * compressor still holds is not counted, which is at most its buffer.
 */
abstract class TextFormatWriter implements FormatWriter {
    private final ObjectOutput output;
    private final String format;
    private final OutputStream stream;
    private long rows;
    private boolean done;

    TextFormatWriter(ObjectOutput output, Compression compression, String format) throws IOException {
        this.output = output;
        this.format = format;
        // the encoder closes this stream; the object is published by finish(), never by the encoder's close
        this.stream = compression.wrap(new FilterOutputStream(output) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        });
    }

    /** @return the stream a row's text goes to */
    protected final OutputStream stream() {
        return stream;
    }

    /**
     * Writes one row's text.
     *
     * @param row the values
     * @throws IOException when the store fails
     */
    protected abstract void writeRow(Object[] row) throws IOException;

    /**
     * Flushes and closes the subclass's encoder, which closes {@link #stream()}.
     *
     * @throws IOException when the store fails
     */
    protected abstract void closeEncoder() throws IOException;

    @Override
    public final void write(Object[] row) throws IOException {
        writeRow(row);
        rows++;
    }

    @Override
    public final long rows() {
        return rows;
    }

    @Override
    public final long estimatedSize() {
        return output.position();
    }

    @Override
    public final WrittenFile finish() throws IOException {
        try {
            closeEncoder();
            output.close();
            done = true;
            return WrittenFile.of(output.key(), format, rows, output.position());
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    @Override
    public final void abort() {
        if (!done) {
            done = true;
            output.abort();
        }
    }
}
