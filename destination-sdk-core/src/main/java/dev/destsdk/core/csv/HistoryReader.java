package dev.destsdk.core.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a byte stream for the CSV parser and keeps the decoded characters from a retention point on, so that the
 * reader can look at the raw text of the current and the previous record (to tell quoted from unquoted fields and
 * to locate errors) without a second pass over the file.
 *
 * <p>Malformed or unmappable input is reported, never replaced: the characters before the bad bytes are delivered
 * first, and the read that reaches the bad bytes throws {@link BadBytesException}. A leading U+FEFF (byte order mark)
 * is dropped for the UTF charsets. Memory is bounded by the retained text plus one decoding chunk. Not thread-safe.
 */
final class HistoryReader extends Reader {
    /** {@link #charAt} at the end of the input. */
    static final int END = -1;
    /** {@link #charAt} beyond the decoded text when the input did not end there (bad bytes or a read failure). */
    static final int UNAVAILABLE = -2;

    private static final int CHUNK = 32 * 1024;

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes;
    private final boolean dropBom;
    private long bytesRead;
    private boolean inputEnded;
    private boolean ended;
    private BadBytesException pending;

    private char[] text = new char[2 * CHUNK];
    private long base;
    private int length;
    private int delivered;
    private long keepFrom;

    HistoryReader(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.bytes = ByteBuffer.allocate(CHUNK);
        this.bytes.flip();
        this.dropBom = charset.name().startsWith("UTF");
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        while (delivered == length) {
            if (pending != null) {
                throw pending;
            }
            if (ended) {
                return -1;
            }
            decodeMore();
        }
        int n = Math.min(count, length - delivered);
        System.arraycopy(text, delivered, buffer, offset, n);
        delivered += n;
        return n;
    }

    /**
     * Allows dropping text before {@code position}; text from there on stays available to {@link #charAt}.
     *
     * @param position absolute character position, not beyond what was delivered
     */
    void keepFrom(long position) {
        if (position > keepFrom) {
            keepFrom = position;
        }
    }

    /**
     * @param position absolute character position, at or after the retention point
     * @return the character, {@link #END} at the end of the input, or {@link #UNAVAILABLE} beyond the decoded text
     */
    int charAt(long position) {
        long index = position - base;
        if (index < 0) {
            throw new IllegalStateException("position " + position + " was already dropped");
        }
        if (index < length) {
            return text[(int) index];
        }
        return ended && index >= length ? END : UNAVAILABLE;
    }

    /** @return the bad bytes met so far, or null */
    BadBytesException pendingFailure() {
        return pending;
    }

    /** @return the charset */
    Charset charset() {
        return charset;
    }

    private void decodeMore() throws IOException {
        makeRoom();
        CharBuffer out = CharBuffer.wrap(text, length, text.length - length);
        int before = length;
        CoderResult error = null;
        while (true) {
            CoderResult result = decoder.decode(bytes, out, inputEnded);
            if (result.isError()) {
                error = result;
                break;
            }
            if (result.isOverflow()) {
                break;
            }
            if (inputEnded) {
                if (decoder.flush(out).isOverflow()) {
                    break;
                }
                ended = true;
                break;
            }
            if (out.position() > before) {
                break;
            }
            readBytes();
        }
        length = out.position();
        if (dropBom && base == 0 && before == 0 && length > 0 && text[0] == '\uFEFF') {
            System.arraycopy(text, 1, text, 0, length - 1);
            length--;
        }
        if (error != null) {
            // the bad bytes start where the decoded text ends
            pending = new BadBytesException(bytesRead - bytes.remaining(), base + length, error.length(),
                    error.isUnmappable(), charset);
        }
    }

    private void readBytes() throws IOException {
        bytes.compact();
        try {
            int n = 0;
            while (n == 0) {
                n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            }
            if (n < 0) {
                inputEnded = true;
            } else {
                bytes.position(bytes.position() + n);
                bytesRead += n;
            }
        } finally {
            bytes.flip();
        }
    }

    private void makeRoom() {
        if (text.length - length >= CHUNK / 2) {
            return;
        }
        int drop = (int) Math.min(keepFrom - base, delivered);
        if (drop >= text.length / 2) {
            System.arraycopy(text, drop, text, 0, length - drop);
            base += drop;
            length -= drop;
            delivered -= drop;
        } else {
            char[] bigger = new char[text.length * 2];
            System.arraycopy(text, drop, bigger, 0, length - drop);
            text = bigger;
            base += drop;
            length -= drop;
            delivered -= drop;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Bytes that are not valid in the charset, met when the parser reached them. */
    static final class BadBytesException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long byteOffset;
        private final transient long charPosition;
        private final int byteCount;
        private final boolean unmappable;
        private final transient Charset charset;

        BadBytesException(long byteOffset, long charPosition, int byteCount, boolean unmappable, Charset charset) {
            super((unmappable ? "unmappable" : "malformed") + " input at byte offset " + byteOffset);
            this.byteOffset = byteOffset;
            this.charPosition = charPosition;
            this.byteCount = byteCount;
            this.unmappable = unmappable;
            this.charset = charset;
        }

        long byteOffset() {
            return byteOffset;
        }

        long charPosition() {
            return charPosition;
        }

        int byteCount() {
            return byteCount;
        }

        boolean unmappable() {
            return unmappable;
        }

        Charset charset() {
            return charset;
        }
    }
}
