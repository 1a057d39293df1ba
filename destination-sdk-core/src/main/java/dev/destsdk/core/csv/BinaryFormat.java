package dev.destsdk.core.csv;

/** How BINARY values are written as text in a CSV data file. */
public enum BinaryFormat {
    /** RFC 4648 base64 with padding. */
    BASE64,
    /** Lower- or upper-case hexadecimal, two digits per byte. */
    HEX,
    /** The bytes are the field's text encoded in the file's encoding. */
    RAW
}
