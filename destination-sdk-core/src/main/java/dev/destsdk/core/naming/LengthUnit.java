package dev.destsdk.core.naming;

/**
 * How a destination measures the length of an identifier against its maximum. PostgreSQL's limit of 63 is counted in
 * UTF-8 bytes; MariaDB's 64 and Snowflake's 255 are counted in characters.
 */
public enum LengthUnit {
    /** Unicode characters (code points); a surrogate pair counts as one. */
    CHARACTERS,
    /** Bytes of the identifier encoded as UTF-8. */
    UTF8_BYTES
}
