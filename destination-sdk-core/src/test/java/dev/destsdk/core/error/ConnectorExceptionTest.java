package dev.destsdk.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectorExceptionTest {

    @AfterEach
    void clearInterruptFlag() {
        // wrap(InterruptedException) re-asserts the flag; do not leak it into other tests.
        Thread.interrupted();
    }

    @Test
    void messageWithoutContextIsTypeAndDetail() {
        ConnectorException e = new ConnectorException(ErrorType.SQL_ERROR, "relation \"t\" does not exist");

        assertThat(e.getMessage()).isEqualTo("[SQL_ERROR] relation \"t\" does not exist");
        assertThat(e.getDetail()).isEqualTo("relation \"t\" does not exist");
        assertThat(e.getContext()).isEqualTo(ErrorContext.EMPTY);
        assertThat(e.getContext().isEmpty()).isTrue();
    }

    @Test
    void messageListsEveryContextPartInOrder() {
        ConnectorException e = ConnectorException.builder(ErrorType.VALIDATION_ERROR, "not a number: 'abc'")
                .column("amount").line(12).record(11).file("success_part_00000.csv").object("public.orders")
                .build();

        assertThat(e.getMessage()).isEqualTo("[VALIDATION_ERROR] not a number: 'abc' (object=public.orders, "
                + "file=success_part_00000.csv, line=12, record=11, column=amount)");
        assertThat(e.getContext().line()).hasValue(12);
        assertThat(e.getContext().record()).hasValue(11);
        assertThat(e.getContext().column()).contains("amount");
    }

    @Test
    void pathContextRendersThePath() {
        ConnectorException e = ConnectorException.builder(ErrorType.IO_ERROR, "truncated gzip")
                .file(Path.of("data", "success_part_00001.csv.gz")).build();

        assertThat(e.getMessage()).endsWith("(file=" + Path.of("data", "success_part_00001.csv.gz") + ")");
        assertThat(ConnectorException.builder(ErrorType.IO_ERROR, "x").file((Path) null).build().getContext().file())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorType.class)
    void retryableDefaultsFollowTheType(ErrorType type) {
        ConnectorException e = new ConnectorException(type, "x");

        assertThat(e.isRetryable()).isEqualTo(type == ErrorType.RATE_LIMITED);
        assertThat(e.isRetryable()).isEqualTo(type.isRetryableByDefault());
        assertThat(e.getErrorType()).isEqualTo(type);
    }

    @Test
    void retryableCanBeOverriddenExceptForCancelled() {
        assertThat(ConnectorException.builder(ErrorType.API_ERROR, "503").retryable(true).build().isRetryable())
                .isTrue();
        assertThat(ConnectorException.builder(ErrorType.RATE_LIMITED, "quota").retryable(false).build().isRetryable())
                .isFalse();
        assertThat(ConnectorException.builder(ErrorType.CANCELLED, "stop").retryable(true).build().isRetryable())
                .isFalse();
        assertThat(ConnectorException.cancelled("load").toBuilder().retryable(true).build().isRetryable()).isFalse();
    }

    @Test
    void cancelledIsCanonical() {
        ConnectorException e = ConnectorException.cancelled("load: copy file 3 of 7");

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CANCELLED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("[CANCELLED] cancelled during load: copy file 3 of 7");
    }

    @Test
    void unsupportedIsCanonical() {
        ConnectorException e = ConnectorException.unsupported("duckdb", "load mode OVERWRITE");

        assertThat(e.getErrorType()).isEqualTo(ErrorType.UNSUPPORTED_OPERATION);
        assertThat(e.getMessage()).isEqualTo("[UNSUPPORTED_OPERATION] duckdb does not support load mode OVERWRITE");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void toBuilderKeepsEverythingAndAddsContext() {
        IOException cause = new IOException("disk");
        ConnectorException inner = ConnectorException.builder(ErrorType.VALIDATION_ERROR, "bad value")
                .line(4).column("c").retryable(true).cause(cause).build();

        ConnectorException outer = inner.toBuilder().file("success_part_00002.csv").object("t").build();

        assertThat(outer.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(outer.getDetail()).isEqualTo("bad value");
        assertThat(outer.isRetryable()).isTrue();
        assertThat(outer.getCause()).isSameAs(cause);
        assertThat(outer.getMessage())
                .isEqualTo("[VALIDATION_ERROR] bad value (object=t, file=success_part_00002.csv, line=4, column=c)");
        assertThat(inner.getMessage()).isEqualTo("[VALIDATION_ERROR] bad value (line=4, column=c)");
    }

    @Test
    void wrapReturnsAConnectorExceptionUnchanged() {
        ConnectorException original = new ConnectorException(ErrorType.SQL_ERROR, "x");

        assertThat(ConnectorException.wrap(original, ErrorType.IO_ERROR, "copy")).isSameAs(original);
    }

    @Test
    void wrapTurnsOtherFailuresIntoTheFallbackType() {
        IOException io = new IOException("No space left on device");

        ConnectorException e = ConnectorException.wrap(io, ErrorType.IO_ERROR, "write part 3");

        assertThat(e.getErrorType()).isEqualTo(ErrorType.IO_ERROR);
        assertThat(e.getMessage()).isEqualTo("[IO_ERROR] write part 3 failed: No space left on device");
        assertThat(e.getCause()).isSameAs(io);
    }

    @Test
    void wrapUsesTheClassNameWhenTheFailureHasNoMessage() {
        ConnectorException e = ConnectorException.wrap(new IllegalStateException(), ErrorType.INTERNAL_ERROR, "plan");

        assertThat(e.getDetail()).isEqualTo("plan failed: IllegalStateException");
    }

    @Test
    void wrapTurnsAnInterruptIntoCancellationAndKeepsTheFlag() {
        ConnectorException e = ConnectorException.wrap(new InterruptedException(), ErrorType.IO_ERROR, "wait");

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CANCELLED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("wait (thread interrupted)");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
