package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.csv.BinaryFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.HexFormat;

/** Decodes BINARY values from their text form in a data file. Stateless. */
public final class BinaryValues {
    private BinaryValues() {
    }

    /**
     * @param text the field's text; not null
     * @param format how the file encodes binaries; not null
     * @param encoding the file's encoding (for RAW); not null
     * @return the bytes
     * @throws ConnectorException VALIDATION_ERROR when the text is not valid in that encoding
     */
    public static byte[] decode(String text, BinaryFormat format, Charset encoding) {
        try {
            return switch (format) {
                case BASE64 -> Base64.getDecoder().decode(text);
                case HEX -> HexFormat.of().parseHex(text);
                case RAW -> text.getBytes(encoding);
            };
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, "binary value is not valid " + format + ": "
                    + e.getMessage());
        }
    }

    /**
     * @param bytes bytes; not null
     * @return PostgreSQL's bytea hex input form, {@code \x0a1b...}
     */
    public static String toPostgresHex(byte[] bytes) {
        return "\\x" + HexFormat.of().formatHex(bytes);
    }
}
