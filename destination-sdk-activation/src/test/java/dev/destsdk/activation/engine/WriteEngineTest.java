package dev.destsdk.activation.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.activation.ActivationLimits;
import dev.destsdk.activation.BatchEntry;
import dev.destsdk.activation.BatchResult;
import dev.destsdk.activation.Operation;
import dev.destsdk.activation.RecordOutcome;
import dev.destsdk.activation.WriteBatch;
import dev.destsdk.activation.outcome.OutcomeRouter;
import dev.destsdk.activation.ratelimit.RateLimiter;
import dev.destsdk.activation.ratelimit.WindowRateLimiter;
import dev.destsdk.core.control.CancellationSignal;
import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.control.ProgressReporter;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WriteEngineTest {
    private final FakeClock clock = new FakeClock();
    private final List<Map<String, Object>> successes = new ArrayList<>();
    private final List<Map<String, Object>> errors = new ArrayList<>();
    private final List<WriteBatch> calls = new ArrayList<>();
    private final List<ProgressEvent> progress = new ArrayList<>();
    private final List<TrackedRecord> succeededHook = new ArrayList<>();

    private WriteEngine engine(ActivationLimits limits, RateLimiter limiter, CancellationSignal cancel,
                               Function<WriteBatch, BatchResult> api) {
        OutcomeRouter router = new OutcomeRouter(successes::add, errors::add, List.of("key", "value"));
        return new WriteEngine("contacts", Operation.UPSERT, List.of("email"), batch -> {
            calls.add(batch);
            return api.apply(batch);
        }, limits, new EngineRuntime(clock, Optional.of(Runnable::run), new SplittableRandom(7)), limiter, router,
                ProgressReporter.of("load", progress::add), cancel, succeededHook::add);
    }

    private static TrackedRecord record(long id, String key, int size) {
        return new TrackedRecord(new BatchEntry(id, List.of(key), Map.of("v", "x" + id), size),
                List.of(key, "v" + id), key, null);
    }

    private static BatchResult allSucceed(WriteBatch batch) {
        Map<Long, RecordOutcome> out = new HashMap<>();
        batch.entries().forEach(e -> out.put(e.correlationId(), new RecordOutcome.Succeeded("id-" + e.correlationId())));
        return new BatchResult.PerRecord(out);
    }

    private static ActivationLimits limits() {
        return ActivationLimits.defaults().withBatch(10, 10_000).withMaxInFlight(2)
                .withRetries(3, Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    @Test
    void batchesAreBoundedByCountAndBytes() {
        try (WriteEngine e = engine(limits().withBatch(10, 500), RateLimiter.unlimited(), CancellationSignal.never(),
                WriteEngineTest::allSucceed)) {
            for (int i = 1; i <= 25; i++) {
                e.submit(record(i, "k" + i, i <= 10 ? 20 : 100));
            }
            EngineStats stats = e.finish();
            assertThat(stats.succeeded()).isEqualTo(25);
        }
        assertThat(calls).extracting(b -> b.entries().size()).containsExactly(10, 5, 5, 5);
        assertThat(calls).allSatisfy(b -> assertThat(b.entries().stream().mapToInt(BatchEntry::sizeBytes).sum())
                .isLessThanOrEqualTo(500));
        assertThat(successes).hasSize(25).first().satisfies(r -> {
            assertThat(r.keySet()).containsExactly(OutcomeRouter.ID_COLUMN, "key", "value");
            assertThat(r.get(OutcomeRouter.ID_COLUMN)).isEqualTo("id-1");
        });
        assertThat(succeededHook).hasSize(25);
    }

    @Test
    void recordsOfOneKeyGoInInputOrderAndNeverTogether() {
        try (WriteEngine e = engine(limits(), RateLimiter.unlimited(), CancellationSignal.never(),
                WriteEngineTest::allSucceed)) {
            e.submit(record(1, "A", 10));
            e.submit(record(2, "B", 10));
            e.submit(record(3, "A", 10));
            e.submit(record(4, "A", 10));
            e.submit(record(5, "C", 10));
            e.finish();
        }
        assertThat(calls).extracting(b -> b.entries().stream().map(BatchEntry::correlationId).toList())
                .containsExactly(List.of(1L, 2L, 5L), List.of(3L), List.of(4L));
        assertThat(calls).allSatisfy(b -> assertThat(b.entries().stream().map(x -> x.mergeKeyValues().get(0))
                .distinct().count()).isEqualTo(b.entries().size()));
    }

    @Test
    void throttlingWaitsForRetryAfterWithoutUsingTheRetryBudget() {
        int[] throttles = {6};
        try (WriteEngine e = engine(limits().withRetries(1, Duration.ofMillis(100), Duration.ofSeconds(1)),
                new WindowRateLimiter(100, Duration.ofSeconds(1)), CancellationSignal.never(), b ->
                        throttles[0]-- > 0 ? new BatchResult.Throttled(Optional.of(Duration.ofSeconds(2)), "429")
                                : allSucceed(b))) {
            e.submit(record(1, "A", 10));
            EngineStats stats = e.finish();
            assertThat(stats.throttled()).isEqualTo(6);
            assertThat(stats.retried()).isZero();
            assertThat(stats.rateLimitWaitNanos()).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(12));
        }
        assertThat(successes).hasSize(1);
        assertThat(errors).isEmpty();
        assertThat(clock.sleptNanos()).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(12));
        assertThat(clock.sleeps).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100)));
    }

    @Test
    void retryableFailuresAreRetriedWithBackoffUpToTheBound() {
        try (WriteEngine e = engine(limits(), RateLimiter.unlimited(), CancellationSignal.never(),
                b -> new BatchResult.Retryable("HTTP 503", Optional.empty()))) {
            e.submit(record(1, "A", 10));
            EngineStats stats = e.finish();
            assertThat(stats.retried()).isEqualTo(3);
        }
        assertThat(calls).hasSize(4);
        assertThat(errors).singleElement().satisfies(r -> assertThat(r.get(OutcomeRouter.ERROR_COLUMN))
                .isEqualTo("gave up after 3 retries: HTTP 503"));
        // back-off 100, 200, 400 ms, each jittered into [d/2, d]
        assertThat(clock.sleptNanos()).isBetween(TimeUnit.MILLISECONDS.toNanos(350),
                TimeUnit.MILLISECONDS.toNanos(800));
    }

    @Test
    void aBatchRejectedWholeIsSplitUntilEachRecordHasItsAnswer() {
        try (WriteEngine e = engine(limits(), RateLimiter.unlimited(), CancellationSignal.never(), b ->
                b.entries().stream().anyMatch(x -> x.correlationId() == 6)
                        ? new BatchResult.RejectedWhole("VALIDATION_ERROR: record 6 is bad") : allSucceed(b))) {
            for (int i = 1; i <= 10; i++) {
                e.submit(record(i, "k" + i, 10));
            }
            EngineStats stats = e.finish();
            assertThat(stats.splits()).isEqualTo(3);
            assertThat(stats.retried()).isZero();
        }
        assertThat(successes).hasSize(9);
        assertThat(errors).singleElement().satisfies(r -> {
            assertThat(r.get("key")).isEqualTo("k6");
            assertThat(r.get(OutcomeRouter.ERROR_COLUMN)).isEqualTo("VALIDATION_ERROR: record 6 is bad");
        });
        assertThat(calls).extracting(b -> b.entries().size()).containsExactly(10, 5, 5, 2, 3, 1, 1);
    }

    @Test
    void outcomesAreMatchedByCorrelationIdAndMissingOnesRetried() {
        boolean[] first = {true};
        try (WriteEngine e = engine(limits(), RateLimiter.unlimited(), CancellationSignal.never(), b -> {
            Map<Long, RecordOutcome> out = new HashMap<>();
            for (BatchEntry x : b.entries()) {
                if (first[0] && x.correlationId() == 2) {
                    continue; // no answer for record 2 the first time
                }
                out.put(x.correlationId(), x.correlationId() == 3 ? new RecordOutcome.Failed("INVALID_EMAIL")
                        : new RecordOutcome.Succeeded("id-" + x.correlationId()));
            }
            first[0] = false;
            return new BatchResult.PerRecord(out);
        })) {
            for (int i = 1; i <= 3; i++) {
                e.submit(record(i, "k" + i, 10));
            }
            e.finish();
        }
        assertThat(successes).extracting(r -> r.get("key") + "=" + r.get(OutcomeRouter.ID_COLUMN))
                .containsExactlyInAnyOrder("k1=id-1", "k2=id-2");
        assertThat(errors).extracting(r -> r.get("key") + ":" + r.get(OutcomeRouter.ERROR_COLUMN))
                .containsExactly("k3:INVALID_EMAIL");
        assertThat(calls).hasSize(2);
    }

    @Test
    void cancellationDuringARateLimitWaitStopsWithin100MsOfClockTime() {
        CancellationToken token = new CancellationToken();
        clock.onSleep = () -> {
            if (clock.sleeps.size() == 5) {
                token.cancel();
            }
        };
        try (WriteEngine e = engine(limits(), new WindowRateLimiter(1, Duration.ofHours(1)), token,
                WriteEngineTest::allSucceed)) {
            e.submit(record(1, "A", 10));
            e.submit(record(2, "A", 10));
            assertThatThrownBy(e::finish).isInstanceOfSatisfying(ConnectorException.class, ex -> {
                assertThat(ex.getErrorType()).isEqualTo(ErrorType.CANCELLED);
                assertThat(ex.isRetryable()).isFalse();
            });
        }
        assertThat(clock.sleeps).hasSize(5);
        assertThat(successes).hasSize(1);
        assertThat(errors).isEmpty();
        assertThat(calls).hasSize(1);
    }

    @Test
    void aNonRetryableFailureOfTheHookEndsTheLoad() {
        try (WriteEngine e = engine(limits(), RateLimiter.unlimited(), CancellationSignal.never(), b -> {
            throw new ConnectorException(ErrorType.AUTHENTICATION_ERROR, "token refused");
        })) {
            e.submit(record(1, "A", 10));
            assertThatThrownBy(e::finish).isInstanceOfSatisfying(ConnectorException.class,
                    ex -> assertThat(ex.getErrorType()).isEqualTo(ErrorType.AUTHENTICATION_ERROR));
        }
        assertThat(calls).hasSize(1);
        assertThat(successes).isEmpty();
    }

    @Test
    void aRetryableExceptionOfTheHookIsRetried() {
        int[] failures = {2};
        try (WriteEngine e = engine(limits(), RateLimiter.unlimited(), CancellationSignal.never(), b -> {
            if (failures[0]-- > 0) {
                throw ConnectorException.builder(ErrorType.IO_ERROR, "connection reset").retryable(true).build();
            }
            return allSucceed(b);
        })) {
            e.submit(record(1, "A", 10));
            assertThat(e.finish().retried()).isEqualTo(2);
        }
        assertThat(successes).hasSize(1);
        assertThat(calls).hasSize(3);
    }

    @Test
    void progressReportsSentSucceededFailedRetriedAndWaiting() {
        try (WriteEngine e = engine(limits(), RateLimiter.unlimited(), CancellationSignal.never(),
                WriteEngineTest::allSucceed)) {
            e.submit(record(1, "A", 10));
            e.rejectUnsent(List.of("B", "bad"), "column value: 'x' is not a valid number");
            e.skipUnchanged();
            e.finish();
        }
        ProgressEvent last = progress.get(progress.size() - 1);
        assertThat(last.rowsProcessed()).isEqualTo(3);
        assertThat(last.rowsLoaded()).isEqualTo(1);
        assertThat(last.rowsFailed()).isEqualTo(1);
        assertThat(last.message()).hasValueSatisfying(m -> assertThat(m).contains("sent 1 record(s) in 1 call(s)")
                .contains("1 succeeded").contains("1 failed").contains("0 retried").contains("waiting for the rate limit")
                .contains("1 unchanged"));
    }
}
