package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.error.ConnectorException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** What the pass-through tests share: the one-byte-per-read reference input and a failure's comparable text. */
final class PassThroughStreams {
    private PassThroughStreams() {
    }

    /**
     * @param bytes a file's bytes
     * @return a stream that hands them out one byte per read, so that a stream reading it never has a whole record
     *     (or eight bytes) in its buffer and every byte goes through its general, byte-by-byte scan
     */
    static InputStream oneByteAtATime(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    /**
     * @param e a failure
     * @return its type, context (file, line, record, column) and message, for comparing two failures
     */
    static String describe(ConnectorException e) {
        return e.getErrorType() + " " + e.getContext() + " " + e.getMessage();
    }
}
