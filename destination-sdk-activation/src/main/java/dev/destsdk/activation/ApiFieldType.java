package dev.destsdk.activation;

/**
 * The value type of a field of an API object, as a connector's {@link ObjectDescription} states it. The record
 * converter turns each CSV value into the Java value listed here, which the connector serialises.
 */
public enum ApiFieldType {
    /** Text; sent as {@link String}. */
    STRING,
    /** A decimal number; sent as {@link java.math.BigDecimal}. */
    NUMBER,
    /** A whole number; sent as {@link java.math.BigInteger}. */
    INTEGER,
    /** {@code true}/{@code false} (also {@code 1}/{@code 0}); sent as {@link Boolean}. */
    BOOLEAN,
    /** An ISO-8601 date; sent as {@link java.time.LocalDate}. */
    DATE,
    /** An instant; sent as {@link java.time.Instant} (a value without offset is read as UTC). */
    DATETIME,
    /** One of the field's picklist values; sent as {@link String}. */
    PICKLIST,
    /** A parent record, written through an {@code activation_lookup}; sent as {@link LookupReference}. */
    REFERENCE
}
