package dev.destsdk.activation.engine;

/**
 * What a write engine did, cumulative. Immutable snapshot.
 *
 * @param submitted records handed to the engine (sent or rejected before sending)
 * @param unchanged records a change-only sync did not send
 * @param requests batch calls started
 * @param recordsSent records in those calls (a retried record counts each time)
 * @param succeeded records the API accepted
 * @param failed records routed as failures
 * @param retried record retries after retryable failures (rate-limit waits not included)
 * @param throttled calls the API throttled
 * @param splits batches split after a whole-batch rejection
 * @param timedOut calls abandoned after the request timeout
 * @param rateLimitWaitNanos time spent waiting for the rate limiter
 * @param maxBatchRecords the largest batch sent
 */
public record EngineStats(long submitted, long unchanged, long requests, long recordsSent, long succeeded, long failed, long retried,
                          long throttled, long splits, long timedOut, long rateLimitWaitNanos, int maxBatchRecords) {

    /** @return a one-line summary for progress messages and logs */
    public String describe() {
        return "sent " + recordsSent + " record(s) in " + requests + " call(s): " + succeeded + " succeeded, "
                + failed + " failed, " + retried + " retried, " + throttled + " throttled, "
                + (rateLimitWaitNanos / 1_000_000) + " ms waiting for the rate limit, " + unchanged + " unchanged";
    }
}
