package dev.destsdk.testkit.file;

import dev.destsdk.file.store.ObjectInfo;
import dev.destsdk.file.store.ObjectOutput;
import dev.destsdk.file.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for file destinations: an {@link ObjectStore} that passes every call to another store but fails
 * the N-th one with an {@link IOException}. Counted calls: {@code create}, {@code put}, {@code putIfAbsent},
 * {@code open}, {@code exists}, {@code list}, {@code delete}, and the publish ({@code close}) of an output created
 * through it; {@code describe}, {@code listUnfinishedUploads} (what tests inspect) and {@code close} are not counted.
 * With {@link #counting(ObjectStore)} nothing fails and {@link #calls()} tells how many calls a run made, so a test
 * can then fail each of them in turn. Closing it does not close the wrapped store. Thread-safe.
 */
public final class FailingObjectStore implements ObjectStore {
    private final ObjectStore delegate;
    private final int failAt;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> log = new ArrayList<>();

    /**
     * @param delegate the real store; not closed by this one; not null
     * @param failAt the 1-based call to fail; {@link Integer#MAX_VALUE} for none
     */
    public FailingObjectStore(ObjectStore delegate, int failAt) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        if (failAt < 1) {
            throw new IllegalArgumentException("failAt is 1-based: " + failAt);
        }
        this.failAt = failAt;
    }

    /**
     * @param delegate the real store
     * @return a wrapper that counts calls and fails none
     */
    public static FailingObjectStore counting(ObjectStore delegate) {
        return new FailingObjectStore(delegate, Integer.MAX_VALUE);
    }

    /** @return the calls counted so far */
    public int calls() {
        return calls.get();
    }

    /** @return the counted calls so far, e.g. {@code 3 putIfAbsent lake/s/t/_catalog/v0000000001.json} */
    public synchronized List<String> callLog() {
        return List.copyOf(log);
    }

    private void count(String what, String key) throws IOException {
        int n = calls.incrementAndGet();
        synchronized (this) {
            log.add(n + " " + what + " " + key);
        }
        if (n == failAt) {
            throw new IOException("injected failure of store call " + n + " (" + what + " " + key + ")");
        }
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public ObjectOutput create(String key) throws IOException {
        count("create", key);
        ObjectOutput out = delegate.create(key);
        return new ObjectOutput(key) {
            @Override
            protected void append(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            protected void publish() throws IOException {
                try {
                    count("publish", key);
                } catch (IOException e) {
                    out.abort();
                    throw e;
                }
                out.close();
            }

            @Override
            protected void discard() {
                out.abort();
            }
        };
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        count("put", key);
        delegate.put(key, content);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) throws IOException {
        count("putIfAbsent", key);
        return delegate.putIfAbsent(key, content);
    }

    @Override
    public boolean supportsConditionalPut() {
        return delegate.supportsConditionalPut();
    }

    @Override
    public InputStream open(String key) throws IOException {
        count("open", key);
        return delegate.open(key);
    }

    @Override
    public boolean exists(String key) throws IOException {
        count("exists", key);
        return delegate.exists(key);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        count("list", prefix);
        return delegate.list(prefix);
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        count("delete", keys.size() + " key(s)");
        delegate.delete(keys);
    }

    @Override
    public List<String> listUnfinishedUploads(String prefix) throws IOException {
        return delegate.listUnfinishedUploads(prefix);
    }

    @Override
    public void close() {
        // the wrapped store belongs to the test
    }
}
