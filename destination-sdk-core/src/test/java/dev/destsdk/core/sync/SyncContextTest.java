package dev.destsdk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncContextTest {
    private static final Instant T = Instant.parse("2024-01-31T13:45:00Z");

    @Test
    void keepsBothParts() {
        SyncContext sync = new SyncContext(T, "job-42.run_1");

        assertThat(sync.syncTime()).isEqualTo(T);
        assertThat(sync.syncId()).isEqualTo("job-42.run_1");
        assertThat(sync).isEqualTo(new SyncContext(T, "job-42.run_1"));
    }

    @Test
    void missingSyncTimeIsAValidationError() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> new SyncContext(null, "j"));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("syncTime is required");
    }

    @ParameterizedTest(name = "syncId \"{0}\"")
    @ValueSource(strings = {"", " ", "-leading-dash", "_x", "has space", "semi;colon", "quote'", "slash/x", "ü"})
    void malformedSyncIdIsAValidationError(String syncId) {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> new SyncContext(T, syncId));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).containsAnyOf("syncId is required", "syncId '" + syncId + "' is invalid");
    }

    @Test
    void nullSyncIdIsAValidationError() {
        assertThatThrownBy(() -> new SyncContext(T, null))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("syncId is required");
    }

    @Test
    void syncIdLengthIsLimitedTo128() {
        String max = "a".repeat(128);

        assertThat(new SyncContext(T, max).syncId()).hasSize(128);
        assertThatThrownBy(() -> new SyncContext(T, max + "a")).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("1 to 128 characters");
    }

    @Test
    void identifierPartIsLowerCaseWithUnderscores() {
        assertThat(new SyncContext(T, "Job-42.Run_1").syncIdAsIdentifierPart()).isEqualTo("job_42_run_1");
    }

    @Test
    void trackingColumnsDefaultsAndValidation() {
        assertThat(TrackingColumns.DEFAULT.all()).containsExactly("_supa_synced", "_supa_job_id", "_supa_deleted");
        assertThatThrownBy(() -> new TrackingColumns("a", "a", "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> new TrackingColumns("a", " ", "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }
}
