package dev.destsdk.testkit.fakeapi;

import java.util.Objects;

/**
 * One request the fake API received, in arrival order.
 *
 * @param sequence 0-based arrival number
 * @param method the HTTP method; not null
 * @param path the request path; not null
 * @param objectType the object type of a batch or properties call, or empty text
 * @param operation {@code create}, {@code update}, {@code upsert}, {@code properties}, or empty text
 * @param inputs the number of inputs of a batch call; 0 otherwise
 * @param status the HTTP status answered; -1 for a dropped connection, 0 while the request is still open
 * @param outcome what the server did: {@code ok}, {@code throttled} (an injected throttle),
 *     {@code rate-limited} (over the window budget), {@code injected-5xx}, {@code hung},
 *     {@code dropped}, {@code rejected}, {@code over-concurrency}, {@code unauthorized}
 * @param arrivalNanos {@link System#nanoTime()} at arrival
 * @param concurrent requests being handled at arrival, this one included
 * @param authorized whether the request carried the configured bearer token
 * @param traceIds the {@code objectWriteTraceId}s of a batch call's inputs, in request order; unmodifiable
 */
public record RequestLogEntry(long sequence, String method, String path, String objectType, String operation,
                              int inputs, int status, String outcome, long arrivalNanos, int concurrent,
                              boolean authorized, java.util.List<String> traceIds) {
    /** Validates the components. */
    public RequestLogEntry {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(objectType, "objectType is null");
        Objects.requireNonNull(operation, "operation is null");
        Objects.requireNonNull(outcome, "outcome is null");
        traceIds = java.util.List.copyOf(traceIds);
    }

    /** @return whether this was a batch create, update or upsert */
    public boolean isBatch() {
        return operation.equals("create") || operation.equals("update") || operation.equals("upsert");
    }

    /** @return whether the server applied the batch (fully or per record) */
    public boolean applied() {
        return outcome.equals("ok");
    }
}
