package dev.destsdk.core.capability;

/** How an executor verifies a load. */
public enum ChecksumValidationLevel {
    /** No verification. */
    NONE,
    /** Compare row counts. */
    ROW_COUNT,
    /** Compare per-column checksums. */
    COLUMN_CHECKSUM
}
