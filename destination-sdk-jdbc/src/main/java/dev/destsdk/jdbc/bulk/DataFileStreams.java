package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;

/**
 * Opens data files as byte streams for bulk loaders that pass bytes through: gunzipped when the format says so,
 * and ending (end of stream) on the next read once the job is cancelled, so a driver that is streaming the file to
 * the database stops within one buffer. Ending rather than failing keeps the connection usable with every driver
 * (some close the connection when a local-infile stream throws); the loader must check cancellation after its
 * statement returns.
 *
 * <p>Stateless; the caller closes the stream.
 */
public final class DataFileStreams {
    private static final int BUFFER = 1 << 16;

    private DataFileStreams() {
    }

    /**
     * @param file the file; not null
     * @param cancellation the job's signal; not null
     * @return the file's (uncompressed) bytes
     * @throws ConnectorException IO_ERROR when the file cannot be opened
     */
    public static InputStream open(LoadFile file, CancellationSignal cancellation) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file.path()), BUFFER);
            if (file.format().gzip()) {
                in = new GZIPInputStream(in, BUFFER);
            }
            return cancellable(in, cancellation);
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.IO_ERROR, "cannot open data file: " + e.getMessage())
                    .file(file.displayName()).cause(e).build();
        }
    }

    /**
     * @param in a stream; not null
     * @param cancellation the job's signal; not null
     * @return a stream that ends once the job is cancelled
     */
    public static InputStream cancellable(InputStream in, CancellationSignal cancellation) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return cancellation.isCancelled() ? -1 : super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return cancellation.isCancelled() ? -1 : super.read(b, off, len);
            }
        };
    }
}
