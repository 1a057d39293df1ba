package dev.destsdk.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class CancellationTokenTest {

    @Test
    void actionsRunOnceOnCancel() {
        CancellationToken token = new CancellationToken();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        token.onCancel(first::incrementAndGet);
        token.onCancel(second::incrementAndGet);

        assertThat(token.isCancelled()).isFalse();
        token.cancel();
        token.cancel();

        assertThat(token.isCancelled()).isTrue();
        assertThat(first).hasValue(1);
        assertThat(second).hasValue(1);
    }

    @Test
    void theSameActionRegisteredTwiceRunsTwice() {
        CancellationToken token = new CancellationToken();
        AtomicInteger count = new AtomicInteger();
        Runnable action = count::incrementAndGet;
        token.onCancel(action);
        token.onCancel(action);

        token.cancel();

        assertThat(count).hasValue(2);
    }

    @Test
    void registrationAfterCancelRunsAtOnceOnTheCallingThread() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        List<Thread> ranOn = new ArrayList<>();

        CancellationSignal.Registration registration = token.onCancel(() -> ranOn.add(Thread.currentThread()));

        assertThat(ranOn).containsExactly(Thread.currentThread());
        registration.close();
        assertThat(ranOn).hasSize(1);
    }

    @Test
    void closeRemovesTheActionAndIsIdempotent() {
        CancellationToken token = new CancellationToken();
        AtomicInteger removed = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        CancellationSignal.Registration registration = token.onCancel(removed::incrementAndGet);
        token.onCancel(kept::incrementAndGet);

        registration.close();
        registration.close();
        token.cancel();

        assertThat(removed).hasValue(0);
        assertThat(kept).hasValue(1);
    }

    @Test
    void aThrowingActionDoesNotStopTheOthers() {
        CancellationToken token = new CancellationToken();
        AtomicInteger ran = new AtomicInteger();
        token.onCancel(() -> {
            throw new IllegalStateException("statement already closed");
        });
        token.onCancel(ran::incrementAndGet);

        token.cancel();

        assertThat(ran).hasValue(1);
        assertThat(token.isCancelled()).isTrue();
    }

    @Test
    void checkCancellationThrowsCancelledNamingThePhase() {
        CancellationToken token = new CancellationToken();
        token.checkCancellation("before cancel");
        token.cancel();

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> token.checkCancellation("load: merge"));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CANCELLED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("[CANCELLED] cancelled during load: merge");
    }

    @Test
    void neverIsNeverCancelled() {
        CancellationSignal never = CancellationSignal.never();
        AtomicInteger ran = new AtomicInteger();
        never.onCancel(ran::incrementAndGet).close();

        never.checkCancellation("anything");

        assertThat(never.isCancelled()).isFalse();
        assertThat(ran).hasValue(0);
    }

    /** Registrations racing with cancel(): every action runs exactly once, none is lost or doubled. */
    @RepeatedTest(20)
    void actionsRegisteredDuringCancelRunExactlyOnce() throws Exception {
        CancellationToken token = new CancellationToken();
        int actions = 200;
        AtomicInteger[] counts = new AtomicInteger[actions];
        for (int i = 0; i < actions; i++) {
            counts[i] = new AtomicInteger();
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> registering = pool.submit(() -> {
                start.await();
                for (AtomicInteger count : counts) {
                    token.onCancel(count::incrementAndGet);
                }
                return null;
            });
            Future<?> cancelling = pool.submit(() -> {
                start.await();
                token.cancel();
                return null;
            });
            start.countDown();
            registering.get(30, TimeUnit.SECONDS);
            cancelling.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < actions; i++) {
            assertThat(counts[i]).as("action %d", i).hasValue(1);
        }
    }
}
