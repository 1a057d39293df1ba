package dev.destsdk.core.csv;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level CSV helpers shared by the readers that scan a data file's bytes instead of decoding it to characters
 * first: {@link CsvByteReader} (file destinations) and the jdbc module's pass-through stream. Stateless.
 */
public final class CsvBytes {
    private CsvBytes() {
    }

    /**
     * Whether a format's records can be found in its bytes without decoding them: UTF-8, no trimming, a quote
     * character with quotes escaped by doubling (no other escape character), delimiter and quote single ASCII
     * characters other than line breaks and different from each other. Every UTF-8 byte of a multi-byte character
     * is 0x80 or above, so such a delimiter, quote or line break byte is never part of a character.
     *
     * @param format the format; not null
     * @return whether the format's syntax is byte-scannable
     */
    public static boolean isByteScannable(CsvFileFormat format) {
        if (!format.encoding().equals(StandardCharsets.UTF_8) || format.trimSpace() || format.quote().isEmpty()) {
            return false;
        }
        char q = format.quote().get();
        char d = format.fieldDelimiter();
        if (format.escape().isPresent() && format.escape().get() != q) {
            return false;
        }
        return ascii(q) && ascii(d) && q != d;
    }

    private static boolean ascii(char c) {
        return c > 0 && c < 0x80 && c != '\n' && c != '\r';
    }

    /**
     * The length of the UTF-8 sequence that starts with the byte at {@code i} (a byte 0x80 or above).
     *
     * @param src the bytes; not null
     * @param i where the sequence starts
     * @param end where the bytes available end (exclusive)
     * @return the length of the valid sequence (2 to 4); 0 when {@code end} cuts the sequence (read more and look
     *     again); -1 when it is not valid UTF-8 (a stray continuation byte, an overlong form, a surrogate, beyond
     *     U+10FFFF)
     */
    public static int utf8Length(byte[] src, int i, int end) {
        int b = src[i] & 0xff;
        int n;
        int min2 = 0x80;
        int max2 = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            n = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            n = 3;
            if (b == 0xE0) {
                min2 = 0xA0;
            } else if (b == 0xED) {
                max2 = 0x9F;
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            n = 4;
            if (b == 0xF0) {
                min2 = 0x90;
            } else if (b == 0xF4) {
                max2 = 0x8F;
            }
        } else {
            return -1;
        }
        for (int k = 1; k < n; k++) {
            if (i + k >= end) {
                return 0;
            }
            int c = src[i + k] & 0xff;
            if (k == 1 ? c < min2 || c > max2 : c < 0x80 || c > 0xBF) {
                return -1;
            }
        }
        return n;
    }
}
