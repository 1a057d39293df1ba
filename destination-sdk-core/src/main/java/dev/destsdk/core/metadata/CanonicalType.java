package dev.destsdk.core.metadata;

/**
 * The destination-neutral type of a field. Each destination maps canonical types to its native types; data files
 * carry values of these types in the text forms below.
 *
 * <p>Text forms in data files: BOOLEAN {@code true}/{@code false}; integers and decimals in plain decimal notation;
 * FLOAT and DOUBLE as Java's {@code Double.toString} or plain decimal of a finite value (warehouse destinations
 * refuse {@code NaN} and infinities, see {@code dev.destsdk.core.csv.CanonicalText}); DATE {@code 2024-01-31}; TIME
 * {@code 13:45:00[.ffffff]}; TIMESTAMP {@code 2024-01-31T13:45:00[.ffffff]} (no zone); TIMESTAMP_TZ the same with an
 * offset or {@code Z}; BINARY as the file format's {@code binaryFormat} says; JSON as JSON text; UUID in the
 * canonical 36-character form; STRING as is.
 *
 * <p>Which types widen to which is defined by {@link TypeHierarchy}.
 */
public enum CanonicalType {
    /** true or false. */
    BOOLEAN,
    /** 16-bit signed integer. */
    SHORT,
    /** 32-bit signed integer. */
    INTEGER,
    /** 64-bit signed integer. */
    LONG,
    /** 32-bit IEEE 754 floating point. */
    FLOAT,
    /** 64-bit IEEE 754 floating point. */
    DOUBLE,
    /** Exact decimal with the field's precision and scale. */
    DECIMAL,
    /** Text of any length unless the field's precision limits it. */
    STRING,
    /** Calendar date without time zone. */
    DATE,
    /** Time of day without time zone, microsecond precision. */
    TIME,
    /** Date and time without time zone, microsecond precision. */
    TIMESTAMP,
    /** An instant: date and time with a zone offset, microsecond precision. */
    TIMESTAMP_TZ,
    /** Bytes. */
    BINARY,
    /** A JSON document. */
    JSON,
    /** A UUID. */
    UUID
}
