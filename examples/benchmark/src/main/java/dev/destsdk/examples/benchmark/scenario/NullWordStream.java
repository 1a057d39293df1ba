package dev.destsdk.examples.benchmark.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The MariaDB baselines' hand-written fix for {@code LOAD DATA}'s one gap with this file: LOAD DATA reads an
 * unquoted empty field and a quoted empty field ({@code ""}) alike, as the empty string, and reads NULL only as the
 * unquoted word {@code NULL}. This stream passes the file's bytes through and writes {@code NULL} for every unquoted
 * empty field (comma-separated, {@code "}-quoted with doubled quotes, LF line ends, as the benchmark writes its
 * files), so {@code LOAD DATA … FIELDS OPTIONALLY ENCLOSED BY '"'} loads NULL and {@code ""} apart. What a user who
 * needs the difference would put in front of LOAD DATA; it does not check anything. (The generator never writes an
 * unquoted field holding the text {@code NULL}, which would also load as NULL.)
 *
 * <p>Not thread-safe; closing it closes the underlying stream.
 */
final class NullWordStream extends InputStream {
    private static final byte[] NULL = {'N', 'U', 'L', 'L'};
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final byte[] input = new byte[BUFFER];
    /** Room for every input byte plus a NULL word per field (at least one input byte each). */
    private final byte[] output = new byte[BUFFER * 5];
    private int position;
    private int limit;
    private boolean inQuote;
    private boolean fieldStart = true;
    private boolean ended;

    /** @param in the CSV bytes; not null */
    NullWordStream(InputStream in) {
        this.in = Objects.requireNonNull(in, "in is null");
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return output[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(output, position, b, off, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (position >= limit) {
            if (ended) {
                return false;
            }
            int n = in.read(input, 0, input.length);
            if (n < 0) {
                ended = true;
                return false;
            }
            rewrite(n);
        }
        return true;
    }

    private void rewrite(int n) {
        int out = 0;
        for (int i = 0; i < n; i++) {
            byte c = input[i];
            if (inQuote) {
                // a doubled quote closes and reopens the field: same state afterwards
                inQuote = c != '"';
            } else if (c == '"') {
                inQuote = true;
                fieldStart = false;
            } else if (c == ',' || c == '\n') {
                if (fieldStart) {
                    System.arraycopy(NULL, 0, output, out, NULL.length);
                    out += NULL.length;
                }
                fieldStart = true;
            } else {
                fieldStart = false;
            }
            output[out++] = c;
        }
        position = 0;
        limit = out;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
