package dev.destsdk.core.error;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one exception type a destination throws. It carries an {@link ErrorType}, a retryable flag and an
 * {@link ErrorContext} naming the object, file, line or record and column involved, so that a user can act on it
 * without reading a stack trace.
 *
 * <p>The message returned by {@link #getMessage()} has the form
 * {@code [ERROR_TYPE] what happened (object=..., file=..., line=..., column=...)}.
 *
 * <p>Unchecked so that it passes through functional interfaces and streams; every SPI method documents that it
 * throws it. Immutable once built.
 */
public final class ConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorType errorType;
    private final boolean retryable;
    private final transient ErrorContext context;
    private final String detail;

    private ConnectorException(Builder builder) {
        super(render(builder.errorType, builder.detail, builder.context()), builder.cause);
        this.errorType = builder.errorType;
        this.retryable = builder.retryable != null ? builder.retryable : builder.errorType.isRetryableByDefault();
        this.context = builder.context();
        this.detail = builder.detail;
    }

    /**
     * Creates an exception with no context and no cause.
     *
     * @param errorType what kind of failure; not null
     * @param detail what happened and, where possible, what to change; not null
     */
    public ConnectorException(ErrorType errorType, String detail) {
        this(builder(errorType, detail));
    }

    /**
     * Creates an exception with a cause and no context.
     *
     * @param errorType what kind of failure; not null
     * @param detail what happened; not null
     * @param cause the underlying failure; may be null
     */
    public ConnectorException(ErrorType errorType, String detail, Throwable cause) {
        this(builder(errorType, detail).cause(cause));
    }

    /**
     * Starts building an exception.
     *
     * @param errorType what kind of failure; not null
     * @param detail what happened and what to change; not null
     * @return a new builder
     */
    public static Builder builder(ErrorType errorType, String detail) {
        return new Builder(errorType, detail);
    }

    /**
     * The canonical failure for a feature a destination does not declare. The testkit asserts this exact message
     * shape: {@code [UNSUPPORTED_OPERATION] <destination> does not support <feature>}.
     *
     * @param destination the destination's name; not null
     * @param feature the feature asked for, e.g. {@code "load mode OVERWRITE"}; not null
     * @return the exception, not thrown
     */
    public static ConnectorException unsupported(String destination, String feature) {
        return new ConnectorException(ErrorType.UNSUPPORTED_OPERATION,
                Objects.requireNonNull(destination, "destination is null") + " does not support "
                        + Objects.requireNonNull(feature, "feature is null"));
    }

    /**
     * The canonical failure for a {@link dev.destsdk.core.capability.Feature} a destination does not declare; the
     * same message as {@link #unsupported(String, String)} with the feature's description.
     *
     * @param destination the destination's name; not null
     * @param feature the feature asked for; not null
     * @return the exception, not thrown
     */
    public static ConnectorException unsupported(String destination, dev.destsdk.core.capability.Feature feature) {
        return unsupported(destination, Objects.requireNonNull(feature, "feature is null").description());
    }

    /**
     * The canonical cancellation failure.
     *
     * @param phase the phase that noticed the cancellation, e.g. {@code "load: copy file 3 of 7"}; not null
     * @return the exception, not thrown
     */
    public static ConnectorException cancelled(String phase) {
        return builder(ErrorType.CANCELLED, "cancelled during " + Objects.requireNonNull(phase, "phase is null"))
                .retryable(false)
                .build();
    }

    /**
     * Wraps any throwable: a {@code ConnectorException} is returned as it is; anything else becomes one of the given
     * type, keeping the cause. An {@link InterruptedException} also re-asserts the thread's interrupt flag.
     *
     * @param failure the failure; not null
     * @param fallbackType the type to use when {@code failure} is not a {@code ConnectorException}; not null
     * @param what a short description of the operation that failed; not null
     * @return the connector exception, not thrown
     */
    public static ConnectorException wrap(Throwable failure, ErrorType fallbackType, String what) {
        Objects.requireNonNull(failure, "failure is null");
        Objects.requireNonNull(fallbackType, "fallbackType is null");
        Objects.requireNonNull(what, "what is null");
        if (failure instanceof ConnectorException ce) {
            return ce;
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return cancelled(what + " (thread interrupted)");
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return builder(fallbackType, what + " failed: " + message).cause(failure).build();
    }

    /** @return the kind of failure; never null */
    public ErrorType getErrorType() {
        return errorType;
    }

    /** @return whether retrying the same operation may succeed; always false for {@link ErrorType#CANCELLED} */
    public boolean isRetryable() {
        return retryable;
    }

    /** @return where the failure happened; never null, possibly {@link ErrorContext#EMPTY} */
    public ErrorContext getContext() {
        return context == null ? ErrorContext.EMPTY : context;
    }

    /** @return the message without the type prefix and the context suffix */
    public String getDetail() {
        return detail;
    }

    /**
     * Returns a builder preloaded with this exception's type, detail, retryable flag, context and cause, so that an
     * outer layer can add context it knows (e.g. the file) to an error raised deeper down.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = builder(errorType, detail).retryable(retryable).cause(getCause());
        ErrorContext c = getContext();
        b.object = c.object().orElse(null);
        b.file = c.file().orElse(null);
        b.line = c.line().isPresent() ? c.line().getAsLong() : null;
        b.record = c.record().isPresent() ? c.record().getAsLong() : null;
        b.column = c.column().orElse(null);
        return b;
    }

    private static String render(ErrorType type, String detail, ErrorContext context) {
        String ctx = context.describe();
        return "[" + type + "] " + detail + (ctx.isEmpty() ? "" : " (" + ctx + ")");
    }

    /** Builds a {@link ConnectorException}. Not thread-safe; use once. */
    public static final class Builder {
        private final ErrorType errorType;
        private final String detail;
        private Boolean retryable;
        private Throwable cause;
        private String object;
        private String file;
        private Long line;
        private Long record;
        private String column;

        private Builder(ErrorType errorType, String detail) {
            this.errorType = Objects.requireNonNull(errorType, "errorType is null");
            this.detail = Objects.requireNonNull(detail, "detail is null");
        }

        /**
         * @param value whether a retry may succeed; overrides the type's default (ignored for CANCELLED)
         * @return this builder
         */
        public Builder retryable(boolean value) {
            this.retryable = errorType == ErrorType.CANCELLED ? Boolean.FALSE : value;
            return this;
        }

        /**
         * @param value the underlying failure; may be null
         * @return this builder
         */
        public Builder cause(Throwable value) {
            this.cause = value;
            return this;
        }

        /**
         * @param value the target object (table, API object); may be null
         * @return this builder
         */
        public Builder object(String value) {
            this.object = value;
            return this;
        }

        /**
         * @param value the data file's name or path; may be null
         * @return this builder
         */
        public Builder file(String value) {
            this.file = value;
            return this;
        }

        /**
         * @param value the data file; may be null
         * @return this builder
         */
        public Builder file(Path value) {
            this.file = value == null ? null : value.toString();
            return this;
        }

        /**
         * @param value 1-based physical line number
         * @return this builder
         */
        public Builder line(long value) {
            this.line = value;
            return this;
        }

        /**
         * @param value 1-based record number (header rows excluded)
         * @return this builder
         */
        public Builder record(long value) {
            this.record = value;
            return this;
        }

        /**
         * @param value the column name; may be null
         * @return this builder
         */
        public Builder column(String value) {
            this.column = value;
            return this;
        }

        private ErrorContext context() {
            return new ErrorContext(Optional.ofNullable(object), Optional.ofNullable(file),
                    line == null ? OptionalLong.empty() : OptionalLong.of(line),
                    record == null ? OptionalLong.empty() : OptionalLong.of(record),
                    Optional.ofNullable(column));
        }

        /** @return the exception, not thrown */
        public ConnectorException build() {
            return new ConnectorException(this);
        }
    }
}
