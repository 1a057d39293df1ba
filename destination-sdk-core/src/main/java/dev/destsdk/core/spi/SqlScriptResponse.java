package dev.destsdk.core.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of {@link Destination#executeSqlScript}.
 *
 * @param success whether every statement succeeded
 * @param statementsExecuted statements that completed
 * @param elapsedMillis wall time of the script
 * @param failedStatementIndex the 1-based index of the failed statement, if one failed
 * @param errorMessage the failure, if one failed
 */
public record SqlScriptResponse(boolean success, int statementsExecuted, long elapsedMillis,
                                OptionalInt failedStatementIndex, Optional<String> errorMessage) {

    /** Validates the components. */
    public SqlScriptResponse {
        Objects.requireNonNull(failedStatementIndex, "failedStatementIndex is null");
        Objects.requireNonNull(errorMessage, "errorMessage is null");
        if (success != failedStatementIndex.isEmpty()) {
            throw new IllegalArgumentException("a failed script names its failed statement, a successful one does not");
        }
        if (success != errorMessage.isEmpty()) {
            throw new IllegalArgumentException("a failed script carries an error message, a successful one does not");
        }
        if (failedStatementIndex.isPresent() && failedStatementIndex.getAsInt() < 1) {
            throw new IllegalArgumentException(
                    "failedStatementIndex is 1-based, got " + failedStatementIndex.getAsInt());
        }
        if (statementsExecuted < 0 || elapsedMillis < 0) {
            throw new IllegalArgumentException("statementsExecuted and elapsedMillis must not be negative");
        }
    }

    /**
     * @param statements statements executed
     * @param millis wall time
     * @return a successful response
     */
    public static SqlScriptResponse success(int statements, long millis) {
        return new SqlScriptResponse(true, statements, millis, OptionalInt.empty(), Optional.empty());
    }

    /**
     * @param statements statements that completed before the failure
     * @param millis wall time
     * @param failedIndex 1-based index of the failed statement
     * @param message the failure; not null
     * @return a failed response
     */
    public static SqlScriptResponse failure(int statements, long millis, int failedIndex, String message) {
        return new SqlScriptResponse(false, statements, millis, OptionalInt.of(failedIndex),
                Optional.of(Objects.requireNonNull(message, "message is null")));
    }
}
