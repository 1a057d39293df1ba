package dev.destsdk.activation.engine;

import dev.destsdk.activation.ActivationLimits;
import dev.destsdk.activation.BatchEntry;
import dev.destsdk.activation.BatchResult;
import dev.destsdk.activation.Operation;
import dev.destsdk.activation.RecordOutcome;
import dev.destsdk.activation.WriteBatch;
import dev.destsdk.activation.outcome.OutcomeRouter;
import dev.destsdk.activation.ratelimit.RateLimiter;
import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.ProgressCounts;
import dev.destsdk.core.control.ProgressReporter;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The activation write engine (the shape of Flink's {@code AsyncSinkWriter}): it buffers converted records, forms
 * batches, keeps several calls in flight, respects the rate limiter, retries, splits rejected batches and routes
 * exactly one outcome per record.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li>A batch holds at most {@code maxRecordsPerBatch} entries and {@code maxBytesPerBatch} estimated bytes.</li>
 *   <li>Records with the same order key (the merge key values) are sent in input order: a record waits while an
 *       earlier one with its key has no final outcome, so two of them are never in one batch or in flight together.
 *   </li>
 *   <li>At most {@code maxInFlight} calls run at once; each call takes a permit from the {@link RateLimiter} first.
 *   </li>
 *   <li>A throttled call ({@link BatchResult.Throttled}) pauses the limiter (honouring {@code Retry-After}) and
 *       requeues its records without using their retry budget (bounded by {@code maxThrottledAttempts}).</li>
 *   <li>A retryable failure (per record or per call, or a call past {@code requestTimeout}, which is abandoned)
 *       retries each record after exponential back-off with jitter, at most {@code maxRetries} times; then the record
 *       fails with the last reason.</li>
 *   <li>A batch rejected whole is split in halves, which are sent next, until each record has its own answer.</li>
 *   <li>Outcomes are matched by correlation id; a record missing from a per-record answer is retried.</li>
 *   <li>Cancellation is checked at least every 100 ms, also while waiting; it abandons the calls in flight and throws
 *       CANCELLED, which is never retried. Records without an outcome then are neither routed nor reported as
 *       succeeded.</li>
 *   <li>A non-retryable {@link ConnectorException} from the batch hook (for example refused credentials) ends the
 *       load with that exception.</li>
 * </ol>
 *
 * <p>Retry, back-off and rate limiting are written here (about 150 lines with {@link Backoff} and
 * {@link dev.destsdk.activation.ratelimit.WindowRateLimiter}) rather than taken from Failsafe or resilience4j: their
 * policies time themselves with {@code System.nanoTime} and sleep on their own, so tests could not drive them with an
 * injected clock; they retry a call, while here the unit of retry is the record (re-batched, split, kept in key
 * order); and waits must be cut short by the job's {@link CancellationSignal}, which their sleeps do not observe.
 *
 * <p>Threading: {@link #submit}, {@link #finish} and {@link #close} are called by one thread (the load's), which is
 * also the thread that routes outcomes and calls the success hook; batch calls run on the executor.
 */
public final class WriteEngine implements AutoCloseable {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** Sends one batch: the connector's batch hook. */
    @FunctionalInterface
    public interface BatchWriter {
        /**
         * @param batch the batch; not null
         * @return the API's answer; not null
         */
        BatchResult write(WriteBatch batch);
    }

    private final String objectName;
    private final Operation operation;
    private final List<String> mergeKeys;
    private final BatchWriter writer;
    private final ActivationLimits limits;
    private final EngineClock clock;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final RateLimiter limiter;
    private final Backoff backoff;
    private final OutcomeRouter router;
    private final ProgressReporter progress;
    private final CancellationSignal cancellation;
    private final Consumer<TrackedRecord> onSuccess;
    private final int pendingCapacity;

    private final ArrayDeque<TrackedRecord> pending = new ArrayDeque<>();
    private final PriorityQueue<TrackedRecord> retries = new PriorityQueue<>(
            Comparator.comparingLong((TrackedRecord t) -> t.notBefore).thenComparingLong(t -> t.entry().correlationId()));
    private final ArrayDeque<List<TrackedRecord>> splits = new ArrayDeque<>();
    private final Set<String> held = new HashSet<>();
    private final Set<InFlight> inFlight = new LinkedHashSet<>();
    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();

    private long submitted;
    private long skipped;
    private long requests;
    private long recordsSent;
    private long retried;
    private long throttled;
    private long splitCount;
    private long timedOut;
    private long rateLimitWaitNanos;
    private int maxBatchRecords;
    private long lastProgress;
    private boolean waitingForPermit;
    private boolean flushing;

    private static final class InFlight {
        final List<TrackedRecord> records;
        final long startNanos;
        FutureTask<Void> task;

        InFlight(List<TrackedRecord> records, long startNanos) {
            this.records = records;
            this.startNanos = startNanos;
        }
    }

    private record Completion(InFlight flight, BatchResult result, Throwable failure) { }

    /**
     * @param objectName the target object; not null
     * @param operation the operation; not null
     * @param mergeKeys the merge keys; not null
     * @param writer the batch hook; not null
     * @param limits the limits; not null
     * @param runtime clock, executor and jitter; not null
     * @param limiter the rate limiter; not null
     * @param router where outcomes go; not null
     * @param progress the load's progress reporter; not null
     * @param cancellation the job's cancellation signal; not null
     * @param onSuccess called for each record that succeeded, after it was routed; not null
     */
    public WriteEngine(String objectName, Operation operation, List<String> mergeKeys, BatchWriter writer,
                       ActivationLimits limits, EngineRuntime runtime, RateLimiter limiter, OutcomeRouter router,
                       ProgressReporter progress, CancellationSignal cancellation,
                       Consumer<TrackedRecord> onSuccess) {
        this.objectName = Objects.requireNonNull(objectName, "objectName is null");
        this.operation = Objects.requireNonNull(operation, "operation is null");
        this.mergeKeys = List.copyOf(mergeKeys);
        this.writer = Objects.requireNonNull(writer, "writer is null");
        this.limits = Objects.requireNonNull(limits, "limits is null");
        this.clock = runtime.clock();
        this.limiter = Objects.requireNonNull(limiter, "limiter is null");
        this.backoff = new Backoff(limits.initialBackoff(), limits.maxBackoff(), runtime.random());
        this.router = Objects.requireNonNull(router, "router is null");
        this.progress = Objects.requireNonNull(progress, "progress is null");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation is null");
        this.onSuccess = Objects.requireNonNull(onSuccess, "onSuccess is null");
        this.pendingCapacity = Math.max(1000, 4 * limits.maxRecordsPerBatch() * limits.maxInFlight());
        if (runtime.executor().isPresent()) {
            this.executor = runtime.executor().get();
            this.ownedExecutor = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.ownedExecutor = Executors.newFixedThreadPool(limits.maxInFlight(), r -> {
                Thread t = new Thread(r, "activation-writer-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.executor = ownedExecutor;
        }
        this.lastProgress = clock.nanoTime();
    }

    /**
     * Adds a record; may send batches and wait while the buffer is full (memory stays bounded).
     *
     * @param record the record; not null
     * @throws ConnectorException CANCELLED when cancelled, or the batch hook's non-retryable failure
     */
    public void submit(TrackedRecord record) {
        Objects.requireNonNull(record, "record is null");
        submitted++;
        if (record.entry().sizeBytes() > limits.maxBytesPerBatch()) {
            router.failed(record.sourceValues(), "the record's estimated size (" + record.entry().sizeBytes()
                    + " bytes) exceeds the batch limit of " + limits.maxBytesPerBatch() + " bytes");
            return;
        }
        pending.addLast(record);
        step(false);
        while (pending.size() >= pendingCapacity) {
            step(true);
        }
    }

    /**
     * Routes a record that failed before it could be sent (it could not be converted) to the error processor.
     *
     * @param sourceValues the mapped source values; not null
     * @param reason why; not null
     */
    public void rejectUnsent(List<String> sourceValues, String reason) {
        submitted++;
        router.failed(sourceValues, reason);
    }

    /** Counts a record that change-only sync did not send because it is unchanged. */
    public void skipUnchanged() {
        skipped++;
    }

    /**
     * Sends everything buffered and waits until every record has its outcome.
     *
     * @return the statistics
     * @throws ConnectorException CANCELLED when cancelled, or the batch hook's non-retryable failure
     */
    public EngineStats finish() {
        flushing = true;
        while (!idle()) {
            step(true);
        }
        EngineStats s = stats();
        progress.running(counts(), s.describe());
        return s;
    }

    /** @return the statistics so far */
    public EngineStats stats() {
        return new EngineStats(submitted, skipped, requests, recordsSent, router.succeededCount(), router.failedCount(),
                retried, throttled, splitCount, timedOut, rateLimitWaitNanos, maxBatchRecords);
    }

    /** Abandons calls in flight and stops an executor the engine started. */
    @Override
    public void close() {
        for (InFlight f : inFlight) {
            f.task.cancel(true);
        }
        inFlight.clear();
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- loop

    private boolean idle() {
        return pending.isEmpty() && retries.isEmpty() && splits.isEmpty() && inFlight.isEmpty()
                && completions.isEmpty();
    }

    private void step(boolean block) {
        checkCancelled();
        if (drainCompletions()) {
            dispatch();
            return;
        }
        expireTimeouts();
        long waitNanos = dispatch();
        if (!block || idle() || !completions.isEmpty()) {
            return;
        }
        long slice = Math.max(1, Math.min(waitNanos, SLICE_NANOS));
        try {
            if (!inFlight.isEmpty()) {
                long t0 = clock.nanoTime();
                Completion c = completions.poll(slice, TimeUnit.NANOSECONDS);
                if (c != null) {
                    completions.add(c);
                } else if (waitingForPermit) {
                    rateLimitWaitNanos += clock.nanoTime() - t0;
                }
            } else {
                clock.sleep(slice);
                if (waitingForPermit) {
                    rateLimitWaitNanos += slice;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw ConnectorException.cancelled("load: writing to " + objectName + " (thread interrupted)");
        }
    }

    private void checkCancelled() {
        if (cancellation.isCancelled()) {
            abandon();
            throw ConnectorException.cancelled("load: writing to " + objectName + " (" + stats().describe() + ")");
        }
    }

    private void abandon() {
        for (InFlight f : inFlight) {
            f.task.cancel(true);
        }
        inFlight.clear();
        completions.clear();
    }

    /** @return whether a completion was handled */
    private boolean drainCompletions() {
        boolean any = false;
        Completion c;
        while ((c = completions.poll()) != null) {
            handle(c);
            any = true;
        }
        if (any) {
            reportProgress(false);
        }
        return any;
    }

    private void expireTimeouts() {
        long now = clock.nanoTime();
        long limit = limits.requestTimeout().toNanos();
        for (Iterator<InFlight> it = inFlight.iterator(); it.hasNext(); ) {
            InFlight f = it.next();
            if (now - f.startNanos > limit) {
                it.remove();
                f.task.cancel(true);
                timedOut++;
                for (TrackedRecord t : f.records) {
                    retry(t, "the call timed out after " + limits.requestTimeout().toMillis() + " ms",
                            Optional.empty(), now);
                }
            }
        }
    }

    /** @return nanoseconds until more could be sent (Long.MAX_VALUE when only completions can help) */
    private long dispatch() {
        waitingForPermit = false;
        while (inFlight.size() < limits.maxInFlight()) {
            long now = clock.nanoTime();
            if (!hasReadyWork(now)) {
                return retries.isEmpty() ? Long.MAX_VALUE : Math.max(1, retries.peek().notBefore - now);
            }
            long wait = limiter.tryAcquire(now);
            if (wait > 0) {
                waitingForPermit = true;
                return wait;
            }
            launch(nextBatch(now), now);
        }
        return Long.MAX_VALUE;
    }

    /**
     * Whether a batch should be sent now: a split half always; otherwise only a full batch (by count or bytes) of
     * due retries and buffered records, unless the input is exhausted ({@link #finish}) and partial batches flush.
     */
    private boolean hasReadyWork(long now) {
        if (!splits.isEmpty()) {
            return true;
        }
        // A full buffer flushes too, so that records blocked behind one key can never stall the load.
        boolean flush = flushing || pending.size() >= pendingCapacity;
        int ready = 0;
        long bytes = 0;
        for (TrackedRecord t : retries) {
            if (t.notBefore - now <= 0) {
                ready++;
                bytes += t.entry().sizeBytes();
            }
        }
        if (ready > 0 && flush) {
            return true;
        }
        for (TrackedRecord t : pending) {
            if (ready >= limits.maxRecordsPerBatch() || bytes >= limits.maxBytesPerBatch()) {
                return true;
            }
            if (!held.contains(t.orderKey())) {
                if (flush) {
                    return true;
                }
                ready++;
                bytes += t.entry().sizeBytes();
            }
        }
        return ready >= limits.maxRecordsPerBatch() || bytes >= limits.maxBytesPerBatch();
    }

    private List<TrackedRecord> nextBatch(long now) {
        if (!splits.isEmpty()) {
            return splits.pollFirst();
        }
        List<TrackedRecord> batch = new ArrayList<>();
        long bytes = 0;
        int maxRecords = limits.maxRecordsPerBatch();
        while (!retries.isEmpty() && retries.peek().notBefore - now <= 0 && batch.size() < maxRecords) {
            TrackedRecord t = retries.peek();
            if (!batch.isEmpty() && bytes + t.entry().sizeBytes() > limits.maxBytesPerBatch()) {
                return batch;
            }
            retries.poll();
            batch.add(t);
            bytes += t.entry().sizeBytes();
        }
        for (Iterator<TrackedRecord> it = pending.iterator(); it.hasNext() && batch.size() < maxRecords; ) {
            TrackedRecord t = it.next();
            if (held.contains(t.orderKey())) {
                continue;
            }
            if (!batch.isEmpty() && bytes + t.entry().sizeBytes() > limits.maxBytesPerBatch()) {
                break;
            }
            it.remove();
            held.add(t.orderKey());
            batch.add(t);
            bytes += t.entry().sizeBytes();
        }
        return batch;
    }

    private void launch(List<TrackedRecord> records, long now) {
        List<BatchEntry> entries = new ArrayList<>(records.size());
        for (TrackedRecord t : records) {
            entries.add(t.entry());
        }
        WriteBatch batch = new WriteBatch(objectName, operation, mergeKeys, entries);
        InFlight flight = new InFlight(records, now);
        flight.task = new FutureTask<>(() -> {
            try {
                completions.add(new Completion(flight, Objects.requireNonNull(writer.write(batch),
                        "writeBatch returned null"), null));
            } catch (Throwable e) {
                completions.add(new Completion(flight, null, e));
            }
        }, null);
        requests++;
        recordsSent += records.size();
        maxBatchRecords = Math.max(maxBatchRecords, records.size());
        inFlight.add(flight);
        executor.execute(flight.task);
    }

    // ---------------------------------------------------------------- outcomes

    private void handle(Completion c) {
        if (!inFlight.remove(c.flight)) {
            return; // abandoned after its timeout; its records were already requeued
        }
        long now = clock.nanoTime();
        List<TrackedRecord> records = c.flight.records;
        if (c.failure != null) {
            ConnectorException ce = ConnectorException.wrap(c.failure, ErrorType.API_ERROR,
                    "batch call to " + objectName);
            if (ce.getErrorType() == ErrorType.CANCELLED || !ce.isRetryable()) {
                abandon();
                throw ce;
            }
            limiter.onAccepted(now);
            for (TrackedRecord t : records) {
                retry(t, ce.getDetail(), Optional.empty(), now);
            }
            return;
        }
        BatchResult result = c.result;
        if (result instanceof BatchResult.PerRecord per) {
            limiter.onAccepted(now);
            Map<Long, RecordOutcome> outcomes = per.outcomes();
            for (TrackedRecord t : records) {
                RecordOutcome o = outcomes.get(t.entry().correlationId());
                if (o == null) {
                    retry(t, "the API returned no result for this record", Optional.empty(), now);
                } else if (o instanceof RecordOutcome.Succeeded s) {
                    held.remove(t.orderKey());
                    router.succeeded(t.sourceValues(), s.id());
                    onSuccess.accept(t);
                } else if (o instanceof RecordOutcome.Failed f) {
                    fail(t, f.reason());
                } else if (o instanceof RecordOutcome.Retryable r) {
                    retry(t, r.reason(), r.retryAfter(), now);
                }
            }
        } else if (result instanceof BatchResult.Throttled th) {
            throttled++;
            limiter.onThrottled(now, th.retryAfter());
            for (TrackedRecord t : records) {
                if (++t.throttles >= limits.maxThrottledAttempts()) {
                    fail(t, "RATE_LIMITED: still throttled after " + t.throttles + " attempts: " + th.reason());
                } else {
                    t.notBefore = now;
                    retries.add(t);
                }
            }
        } else if (result instanceof BatchResult.Retryable r) {
            limiter.onAccepted(now);
            for (TrackedRecord t : records) {
                retry(t, r.reason(), r.retryAfter(), now);
            }
        } else if (result instanceof BatchResult.RejectedWhole rejected) {
            limiter.onAccepted(now);
            if (records.size() == 1) {
                fail(records.get(0), rejected.reason());
            } else {
                splitCount++;
                int half = records.size() / 2;
                splits.addFirst(new ArrayList<>(records.subList(half, records.size())));
                splits.addFirst(new ArrayList<>(records.subList(0, half)));
            }
        }
    }

    private void retry(TrackedRecord t, String reason, Optional<Duration> retryAfter, long now) {
        if (t.attempts >= limits.maxRetries()) {
            fail(t, "gave up after " + t.attempts + " retries: " + reason);
            return;
        }
        t.attempts++;
        retried++;
        long delay = backoff.delayNanos(t.attempts);
        if (retryAfter.isPresent()) {
            delay = Math.max(delay, retryAfter.get().toNanos());
        }
        t.notBefore = now + delay;
        retries.add(t);
    }

    private void fail(TrackedRecord t, String reason) {
        held.remove(t.orderKey());
        router.failed(t.sourceValues(), reason);
    }

    private ProgressCounts counts() {
        return new ProgressCounts(submitted + skipped, router.succeededCount(), router.failedCount(), 0, 0);
    }

    private void reportProgress(boolean force) {
        long now = clock.nanoTime();
        if (force || now - lastProgress >= PROGRESS_EVERY_NANOS) {
            lastProgress = now;
            progress.running(counts(), stats().describe());
        }
    }
}
