package dev.destsdk.core.error;

/**
 * What kind of failure a {@link ConnectorException} reports. The type decides how an executor reacts: whether to
 * retry, to surface the error to a user as a configuration problem, or to stop the job.
 */
public enum ErrorType {
    /** The input (a request, a data file, a record, a value) is invalid. Fixing the input fixes the error. */
    VALIDATION_ERROR(false),
    /** The connector or pipeline configuration is wrong or contradictory. */
    CONFIGURATION_ERROR(false),
    /** Credentials were refused. */
    AUTHENTICATION_ERROR(false),
    /** Reading or writing a file or a stream failed. */
    IO_ERROR(false),
    /** The database refused or failed a statement. */
    SQL_ERROR(false),
    /** A remote API answered with an error. */
    API_ERROR(false),
    /** A remote API or database throttled the caller; retrying later is expected to succeed. */
    RATE_LIMITED(true),
    /** A schema change would lose data or is forbidden by the schema evolution mode. */
    SCHEMA_EVOLUTION_ERROR(false),
    /** The job was cancelled. Never retried. */
    CANCELLED(false),
    /** The destination does not support what was asked; see {@link ConnectorException#unsupported}. */
    UNSUPPORTED_OPERATION(false),
    /** A bug in the SDK or a connector: an invariant did not hold. */
    INTERNAL_ERROR(false);

    private final boolean retryableByDefault;

    ErrorType(boolean retryableByDefault) {
        this.retryableByDefault = retryableByDefault;
    }

    /**
     * Whether an exception of this type is retryable when the thrower does not say otherwise.
     *
     * @return the default retryable flag
     */
    public boolean isRetryableByDefault() {
        return retryableByDefault;
    }
}
