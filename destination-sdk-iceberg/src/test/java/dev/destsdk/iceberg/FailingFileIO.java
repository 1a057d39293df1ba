package dev.destsdk.iceberg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * Fault injection for Iceberg's side of the destination: a {@link FileIO} that passes every call to another but
 * fails the N-th one (counted: opening a stream, reading a length, checking existence, creating an output,
 * deleting; listing and deleting prefixes are not counted). Thread-safe.
 */
final class FailingFileIO implements FileIO, SupportsPrefixOperations {
    private static final long serialVersionUID = 1L;

    private final FileIO delegate;
    private volatile int failAt = Integer.MAX_VALUE;
    private volatile java.util.function.Predicate<String> failCreates = l -> false;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    FailingFileIO(FileIO delegate) {
        this.delegate = delegate;
    }

    /** Starts counting from zero; the N-th call from now fails ({@code Integer.MAX_VALUE}: none). */
    void arm(int n) {
        log.clear();
        calls.set(0);
        failAt = n;
    }

    /**
     * Every create of a location the predicate accepts fails with a {@link CommitFailedException} (as when another
     * writer won the race), until called again with {@code l -> false}.
     */
    void failCreates(java.util.function.Predicate<String> which) {
        failCreates = which;
    }

    private void checkCreate(String location) {
        if (failCreates.test(location)) {
            log.add("conflict " + location);
            throw new org.apache.iceberg.exceptions.CommitFailedException("injected conflict writing %s", location);
        }
    }

    int calls() {
        return calls.get();
    }

    List<String> log() {
        return log;
    }

    private void count(String what, String location) {
        int n = calls.incrementAndGet();
        log.add(n + " " + what + " " + location);
        if (n == failAt) {
            throw new RuntimeIOException("injected FileIO failure at call %s: %s %s", n, what, location);
        }
    }

    @Override
    public InputFile newInputFile(String location) {
        InputFile in = delegate.newInputFile(location);
        return new InputFile() {
            @Override
            public long getLength() {
                count("length", location);
                return in.getLength();
            }

            @Override
            public SeekableInputStream newStream() {
                count("read", location);
                return in.newStream();
            }

            @Override
            public String location() {
                return in.location();
            }

            @Override
            public boolean exists() {
                count("exists", location);
                return in.exists();
            }
        };
    }

    @Override
    public OutputFile newOutputFile(String location) {
        OutputFile out = delegate.newOutputFile(location);
        return new OutputFile() {
            @Override
            public PositionOutputStream create() {
                count("create", location);
                checkCreate(location);
                return out.create();
            }

            @Override
            public PositionOutputStream createOrOverwrite() {
                count("create", location);
                checkCreate(location);
                return out.createOrOverwrite();
            }

            @Override
            public String location() {
                return out.location();
            }

            @Override
            public InputFile toInputFile() {
                return newInputFile(location);
            }
        };
    }

    @Override
    public void deleteFile(String location) {
        count("delete", location);
        delegate.deleteFile(location);
    }

    @Override
    public Map<String, String> properties() {
        return delegate.properties();
    }

    @Override
    public Iterable<FileInfo> listPrefix(String prefix) {
        return ((SupportsPrefixOperations) delegate).listPrefix(prefix);
    }

    @Override
    public void deletePrefix(String prefix) {
        ((SupportsPrefixOperations) delegate).deletePrefix(prefix);
    }
}
