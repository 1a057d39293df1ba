package dev.destsdk.core.csv;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Base64;
import java.util.Objects;

/**
 * Converts BINARY values to and from their text form in a CSV field, as a {@link BinaryFormat} says.
 *
 * <ul>
 *   <li>{@link BinaryFormat#BASE64}: RFC 4648 base64 with padding when encoding; decoding also accepts missing
 *       padding, but no line breaks, whitespace or URL-safe letters.</li>
 *   <li>{@link BinaryFormat#HEX}: two hexadecimal digits per byte, lower case when encoding, either case when
 *       decoding.</li>
 *   <li>{@link BinaryFormat#RAW}: the bytes are the text in the file's encoding. Only bytes that are valid text in
 *       that encoding can be written; bad bytes are reported, never replaced.</li>
 * </ul>
 *
 * <p>Errors are {@link ConnectorException}s of type {@link ErrorType#VALIDATION_ERROR} without context; a caller that
 * knows the file, line and column adds them with {@link ConnectorException#toBuilder()}. Stateless and thread-safe.
 */
public final class BinaryCodec {
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private BinaryCodec() {
    }

    /**
     * Encodes bytes as field text.
     *
     * @param bytes the value; not null
     * @param format the binary format; not null
     * @param charset the file's encoding, used by {@link BinaryFormat#RAW}; not null
     * @return the text
     * @throws ConnectorException VALIDATION_ERROR when {@code RAW} bytes are not valid text in {@code charset}
     */
    public static String encode(byte[] bytes, BinaryFormat format, Charset charset) {
        Objects.requireNonNull(bytes, "bytes is null");
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(charset, "charset is null");
        switch (format) {
            case BASE64:
                return Base64.getEncoder().encodeToString(bytes);
            case HEX: {
                char[] out = new char[bytes.length * 2];
                for (int i = 0; i < bytes.length; i++) {
                    out[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xF];
                    out[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xF];
                }
                return new String(out);
            }
            case RAW:
                try {
                    return charset.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    throw new ConnectorException(ErrorType.VALIDATION_ERROR, "the binary value (" + bytes.length
                            + " bytes) is not valid " + charset.name() + " text, so binaryFormat RAW cannot hold it;"
                            + " use BASE64 or HEX", e);
                }
            default:
                throw new IllegalArgumentException("unknown binary format " + format);
        }
    }

    /**
     * Decodes field text to bytes.
     *
     * @param text the field text; not null
     * @param format the binary format; not null
     * @param charset the file's encoding, used by {@link BinaryFormat#RAW}; not null
     * @return the bytes
     * @throws ConnectorException VALIDATION_ERROR when the text is not valid in the format
     */
    public static byte[] decode(String text, BinaryFormat format, Charset charset) {
        Objects.requireNonNull(text, "text is null");
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(charset, "charset is null");
        switch (format) {
            case BASE64:
                try {
                    return Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    throw new ConnectorException(ErrorType.VALIDATION_ERROR, "the value is not valid base64 ("
                            + e.getMessage() + "); a BINARY field in BASE64 format must hold RFC 4648 base64 "
                            + "without line breaks", e);
                }
            case HEX:
                return decodeHex(text);
            case RAW:
                try {
                    ByteBuffer buffer = charset.newEncoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .encode(CharBuffer.wrap(text));
                    byte[] out = new byte[buffer.remaining()];
                    buffer.get(out);
                    return out;
                } catch (CharacterCodingException e) {
                    throw new ConnectorException(ErrorType.VALIDATION_ERROR, "the value cannot be encoded in "
                            + charset.name() + " for binaryFormat RAW", e);
                }
            default:
                throw new IllegalArgumentException("unknown binary format " + format);
        }
    }

    private static byte[] decodeHex(String text) {
        int n = text.length();
        if (n % 2 != 0) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, "the value is not valid hex: it has " + n
                    + " digits, an odd number; a BINARY field in HEX format has two digits per byte");
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < n; i += 2) {
            int high = Character.digit(text.charAt(i), 16);
            int low = Character.digit(text.charAt(i + 1), 16);
            if (high < 0 || low < 0 || text.charAt(i) > 'f' || text.charAt(i + 1) > 'f') {
                int bad = high < 0 || text.charAt(i) > 'f' ? i : i + 1;
                throw new ConnectorException(ErrorType.VALIDATION_ERROR, "the value is not valid hex: the "
                        + "character at index " + bad + " is not a hexadecimal digit (0-9, a-f, A-F)");
            }
            out[i / 2] = (byte) ((high << 4) | low);
        }
        return out;
    }
}
